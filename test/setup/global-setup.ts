// Global setup and teardown run outside jest's module registry, so they import by path, not by alias.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRuntimeLogin, migrateDatabase, startEmbeddedPostgres } from '../../libs/database/src';
import { migrations } from '../../migrations';
import { ENV_ADMIN_URL, ENV_TEMPLATE, TEST_APP_ROLE, createDatabase, databaseUrl, dropDatabase } from './test-database';

/**
 * Prepares one PostgreSQL for the whole run: the server at DATABASE_URL, or an embedded one when it is unset.
 * A template database is migrated once; every test file then gets its own copy (see per-file.ts).
 */
export default async function globalSetup(): Promise<void> {
  // Workers inherit this: the API under test runs in UTC, as servers do, while its dates are Japan's.
  process.env.TZ = 'UTC';
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const server = await startEmbeddedPostgres({
      dataDir: process.env.TEST_DATA_DIR ?? join(__dirname, '../../tmp/test-postgres'),
      database: 'postgres',
    });
    adminUrl = server.adminUrl;
    (globalThis as { __embeddedPostgres?: { stop(): Promise<void> } }).__embeddedPostgres = server;
  }
  const template = `policy_cms_test_${process.pid}_template`;
  await dropDatabase(adminUrl, template);
  await createDatabase(adminUrl, template);

  // Migrated by the superuser (the owner), used by the API as a runtime login, as in production.
  await migrateDatabase({ url: databaseUrl(adminUrl, template), migrations });
  await ensureRuntimeLogin(adminUrl, TEST_APP_ROLE);

  buildAdminUi();
  process.env[ENV_ADMIN_URL] = adminUrl;
  process.env[ENV_TEMPLATE] = template;
  process.stdout.write(`\ne2e: ${process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL'}, template ${template}\n`);
}

/**
 * The browser tests drive the real production build of the admin UI, made fresh for every run (about 2 s), in a
 * folder of the run's own: two runs at once on one checkout must not swap each other's files mid-test.
 */
function buildAdminUi(): void {
  const root = join(__dirname, '../..');
  const outDir = join(root, `tmp/admin-test-${process.pid}`);
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/admin/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root,
    // The production build, as it ships (jest sets NODE_ENV=test, which would give React's development build).
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  if (!existsSync(join(outDir, 'index.html'))) throw new Error('the admin UI build did not produce index.html');
  process.env.POLICY_CMS_TEST_ADMIN_DIR = outDir;
}
