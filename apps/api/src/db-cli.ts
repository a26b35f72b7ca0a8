/**
 * Database commands: `migrate`, `revert` (the last migration), `generate <name>` (a new migration file with the
 * SQL TypeORM finds between the entities and the schema, for a human to review). Works on DATABASE_URL or on
 * the embedded server in DATA_DIR, exactly as the API would.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, resolveDatabase } from '@policy-cms/database';
import { migrations } from '@policy-cms/migrations';
import { policyEntities } from '@policy-cms/policy';
import { loadConfig } from './config/app-config';

async function main(command: string | undefined, name: string | undefined): Promise<void> {
  const config = loadConfig();
  const database = await resolveDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger: console });
  const dataSource = new DataSource(buildDataSourceOptions({ url: database.url, entities: policyEntities, migrations }));
  await dataSource.initialize();
  try {
    if (command === 'migrate') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'the schema is up to date');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    } else if (command === 'generate' && name && /^[a-z0-9-]+$/.test(name)) {
      const { upQueries, downQueries } = await dataSource.driver.createSchemaBuilder().log();
      const timestamp = Date.now();
      const className = name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()) + timestamp;
      const lines = (queries: { query: string }[]) =>
        queries.map((q) => `    await queryRunner.query(\`${q.query.replace(/`/g, '\\`')}\`);`).join('\n') ||
        '    // No difference between the entities and the schema: write the SQL of this migration here.';
      const file = join(__dirname, '../../../migrations', `${timestamp}-${name}.ts`);
      writeFileSync(
        file,
        `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n` +
          `  name = '${className}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${lines(upQueries)}\n  }\n\n` +
          `  async down(queryRunner: QueryRunner): Promise<void> {\n${lines([...downQueries].reverse())}\n  }\n}\n`,
      );
      console.log(`wrote ${file}: review its SQL, then add ${className} to migrations/index.ts`);
    } else {
      console.error('usage: npm run db:migrate | npm run db:revert | npm run db:generate -- <kebab-case-name>');
      process.exitCode = 2;
    }
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
}

main(process.argv[2], process.argv[3]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
