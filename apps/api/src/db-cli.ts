/**
 * Database commands: `migrate`, `revert` (the last migration), `generate <name>` (an empty, named migration file to
 * write by hand: the project has no TypeORM entities). Works on MIGRATION_DATABASE_URL (default DATABASE_URL) or on
 * the embedded server in DATA_DIR, as the role the API's start migrates with.
 */
import 'reflect-metadata';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, generateMigration, migrateDatabase, resolveDatabase } from '@policy-cms/database';
import { migrations } from '@policy-cms/migrations';
import { loadConfig } from './config/app-config';

async function main(command: string | undefined, name = ''): Promise<void> {
  if (!['migrate', 'revert', 'generate'].includes(command ?? '') || (command === 'generate' && !name)) {
    console.error('usage: npm run db:migrate | npm run db:revert | npm run db:generate -- <kebab-case-name>');
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const database = await resolveDatabase({
    databaseUrl: config.databaseUrl,
    migrationDatabaseUrl: config.migrationDatabaseUrl,
    dataDir: config.dataDir,
    logger: console,
  });
  try {
    if (command === 'migrate') {
      const applied = await migrateDatabase({ url: database.migrationUrl, migrations });
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
    } else if (command === 'revert') {
      const dataSource = new DataSource(buildDataSourceOptions({ url: database.migrationUrl, entities: [], migrations, poolSize: 1 }));
      await dataSource.initialize();
      try {
        await dataSource.undoLastMigration({ transaction: 'each' });
      } finally {
        await dataSource.destroy();
      }
      console.log('reverted the last migration');
    } else {
      const migration = await generateMigration({ url: database.migrationUrl, name });
      const file = join(__dirname, '../../../migrations', migration.fileName);
      if (existsSync(file)) throw new Error(`${file} exists already`);
      writeFileSync(file, migration.source);
      console.log(`wrote ${file}: write its SQL, then add ${migration.className} to migrations/index.ts`);
    }
  } finally {
    await database.stop();
  }
}

main(process.argv[2], process.argv[3]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
