import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

export interface GeneratedMigration {
  className: string;
  fileName: string;
  source: string;
  /** SQL TypeORM proposed from entities; none are registered (all queries are SQL), so on a migrated schema: []. */
  proposed: string[];
}

/**
 * The skeleton of a new migration for `npm run db:generate -- <name>`. The schema is written by hand in migrations/
 * and there are no TypeORM entities, so the file is an empty, named migration to fill in. TypeORM's schema diff is
 * still consulted, on no entities, so that it can never slip a destructive statement in (it proposes nothing).
 */
export async function generateMigration(options: { url: string; name: string; timestamp?: number }): Promise<GeneratedMigration> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(options.name)) throw new Error(`the migration name must be kebab-case: ${options.name}`);
  const dataSource = new DataSource(buildDataSourceOptions({ url: options.url, entities: [], migrations: [], poolSize: 1 }));
  await dataSource.initialize();
  let proposed: string[];
  try {
    proposed = (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((query) => query.query);
  } finally {
    await dataSource.destroy();
  }
  if (proposed.length) throw new Error(`TypeORM proposed SQL from entities, which this project does not use:\n${proposed.join('\n')}`);
  const timestamp = options.timestamp ?? Date.now();
  const className = options.name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()) + timestamp;
  const source =
    `import { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
    `/** What this migration changes and why. Grant policy_cms_runtime what the API needs on any new table. */\n` +
    `export class ${className} implements MigrationInterface {\n` +
    `  name = '${className}';\n\n` +
    `  async up(queryRunner: QueryRunner): Promise<void> {\n    // await queryRunner.query(\`...\`);\n  }\n\n` +
    `  async down(queryRunner: QueryRunner): Promise<void> {\n    // await queryRunner.query(\`...\`);\n  }\n}\n`;
  return { className, fileName: `${timestamp}-${options.name}.ts`, source, proposed };
}
