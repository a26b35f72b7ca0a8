import { rmSync } from 'node:fs';
import { ENV_ADMIN_URL, ENV_TEMPLATE, dropDatabase } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[ENV_ADMIN_URL];
  const template = process.env[ENV_TEMPLATE];
  if (adminUrl && template) await dropDatabase(adminUrl, template);
  // The run's own build of the admin UI (global-setup).
  if (process.env.POLICY_CMS_TEST_ADMIN_DIR?.includes('admin-test-')) rmSync(process.env.POLICY_CMS_TEST_ADMIN_DIR, { recursive: true, force: true });
  await (globalThis as { __embeddedPostgres?: { stop(): Promise<void> } }).__embeddedPostgres?.stop();
}
