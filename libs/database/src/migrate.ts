import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, DataSourceParts } from './data-source-options';

/** Key of the session advisory lock under which migrations run ('migrat' in ASCII). */
export const MIGRATION_LOCK = 0x6d6967726174;

/**
 * Runs the pending migrations on their own short-lived connection, as the owner role (MIGRATION_DATABASE_URL), before
 * the API opens its pool as the runtime role. Returns the names of the migrations applied.
 *
 * Several instances may start together on one database: they take turns under an advisory lock, so the first applies
 * the migrations and the others, once it is done, find nothing pending. The lock is held by a session of its own,
 * beside the migration's connection, and ends with that session should the process die.
 */
export async function migrateDatabase(options: { url: string; migrations: DataSourceParts['migrations'] }): Promise<string[]> {
  const lock = new Client({ connectionString: options.url, application_name: 'policy-cms-migrate-lock' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK]);
    const dataSource = new DataSource(
      buildDataSourceOptions({ url: options.url, entities: [], migrations: options.migrations, poolSize: 1, applicationName: 'policy-cms-migrate' }),
    );
    await dataSource.initialize();
    try {
      return (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    // Closing the session releases the lock; an explicit unlock first keeps it short should `end` be slow.
    await lock.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}
