import { randomBytes } from 'node:crypto';
import { ENV_ADMIN_URL, ENV_TEMPLATE, createDatabase, databaseUrl, dropDatabase } from './test-database';
import { setCurrentDatabase } from '../support/current-database';

// Each test file works on its own copy of the migrated template: files never see each other's rows.
const name = `${process.env[ENV_TEMPLATE]!.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  const adminUrl = process.env[ENV_ADMIN_URL]!;
  await createDatabase(adminUrl, name, process.env[ENV_TEMPLATE]);
  setCurrentDatabase({ name, url: databaseUrl(adminUrl, name), adminUrl });
});

afterAll(async () => {
  await dropDatabase(process.env[ENV_ADMIN_URL]!, name);
});
