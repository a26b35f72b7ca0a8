import { Client } from 'pg';
import { quoteIdentifier } from '../../libs/database/src';

/** Where the end-to-end run keeps its server's coordinates; written by the global setup, read in each test file. */
export const ENV_ADMIN_URL = 'POLICY_CMS_TEST_ADMIN_URL';
export const ENV_TEMPLATE = 'POLICY_CMS_TEST_TEMPLATE';

/**
 * The API under test connects as this login role, a member of policy_cms_runtime, as it does in production: what it
 * may not do there, it may not do in the tests either. Cluster-wide and shared by concurrent runs, so its password
 * is fixed (the test servers listen on 127.0.0.1 only).
 */
export const TEST_APP_ROLE = { name: 'policy_cms_test_app', password: 'policy-cms-test-app' };

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  await withAdminClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${quoteIdentifier(name)}${template ? ` TEMPLATE ${quoteIdentifier(template)}` : ''}`),
  );
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));
}
