import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceParts {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Name shown in pg_stat_activity, to tell the API's connections from others. */
  applicationName?: string;
  poolSize?: number;
}

/** The schema is what the migrations say: never synchronised from the entities, in tests too. */
export function buildDataSourceOptions(parts: DataSourceParts): DataSourceOptions {
  return {
    type: 'postgres',
    url: parts.url,
    entities: parts.entities,
    migrations: parts.migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: parts.applicationName ?? 'policy-cms',
    poolSize: parts.poolSize ?? 10,
    extra: {
      // Effective dates are `date`: keep them as 'YYYY-MM-DD' strings so no time zone can shift them.
      options: '-c timezone=UTC',
    },
  };
}
