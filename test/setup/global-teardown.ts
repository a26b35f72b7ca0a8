import { ENV_ADMIN_URL, ENV_TEMPLATE, dropDatabase } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[ENV_ADMIN_URL];
  const template = process.env[ENV_TEMPLATE];
  if (adminUrl && template) await dropDatabase(adminUrl, template);
  await (globalThis as { __embeddedPostgres?: { stop(): Promise<void> } }).__embeddedPostgres?.stop();
}
