import { DataSource } from 'typeorm';
import { buildDataSourceOptions, DataSourceParts } from './data-source-options';

/**
 * Runs the pending migrations on their own short-lived connection, as the owner role (MIGRATION_DATABASE_URL), before
 * the API opens its pool as the runtime role. Returns the names of the migrations applied.
 */
export async function migrateDatabase(options: { url: string; migrations: DataSourceParts['migrations'] }): Promise<string[]> {
  const dataSource = new DataSource(
    buildDataSourceOptions({ url: options.url, entities: [], migrations: options.migrations, poolSize: 1, applicationName: 'policy-cms-migrate' }),
  );
  await dataSource.initialize();
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
