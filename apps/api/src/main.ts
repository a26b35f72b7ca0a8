import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { resolveDatabase } from '@policy-cms/database';
import { loadConfig } from './config/app-config';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const database = await resolveDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    logger: { log: (message) => logger.info(message), warn: (message) => logger.warn(message) },
  });

  let app;
  try {
    app = await createApp({ config, databaseUrl: database.url });
  } catch (error) {
    await database.stop();
    throw error;
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: stopping`);
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

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
