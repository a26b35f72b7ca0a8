import { randomBytes } from 'node:crypto';
import { ENV_ADMIN_URL, ENV_TEMPLATE, TEST_APP_ROLE, createDatabase, databaseUrl, dropDatabase } from './test-database';
import { urlAsRole } from '../../libs/database/src/roles';
import { setCurrentDatabase } from '../support/current-database';

// Each test file works on its own copy of the migrated template: files never see each other's rows.
const name = `${process.env[ENV_TEMPLATE]!.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  const adminUrl = process.env[ENV_ADMIN_URL]!;
  await createDatabase(adminUrl, name, process.env[ENV_TEMPLATE]);
  const url = databaseUrl(adminUrl, name);
  setCurrentDatabase({ name, url, appUrl: urlAsRole(url, TEST_APP_ROLE.name, TEST_APP_ROLE.password), adminUrl });
});

afterAll(async () => {
  await dropDatabase(process.env[ENV_ADMIN_URL]!, name);
});
