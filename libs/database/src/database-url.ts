import { startEmbeddedPostgres, EmbeddedPostgresLogger } from './embedded-postgres';
import { EMBEDDED_APP_ROLE, ensureRuntimeLogin, urlAsRole } from './roles';

export interface ResolvedDatabase {
  /** What the API's pool connects with: a role that owns nothing (the runtime role). */
  url: string;
  /** What the migrations run with: the role that owns the schema. */
  migrationUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * With DATABASE_URL the given server is used as it is (migrations on MIGRATION_DATABASE_URL, which defaults to it);
 * without it a private PostgreSQL starts in `dataDir`, migrated by its superuser and used by the API as
 * `policy_cms_app`, a login member of `policy_cms_runtime`.
 */
export async function resolveDatabase(options: {
  databaseUrl?: string;
  migrationDatabaseUrl?: string;
  dataDir: string;
  logger?: EmbeddedPostgresLogger;
}): Promise<ResolvedDatabase> {
  if (options.databaseUrl) {
    return {
      url: options.databaseUrl,
      migrationUrl: options.migrationDatabaseUrl ?? options.databaseUrl,
      embedded: false,
      stop: async () => undefined,
    };
  }
  const server = await startEmbeddedPostgres({ dataDir: options.dataDir, logger: options.logger });
  try {
    await ensureRuntimeLogin(server.adminUrl, { name: EMBEDDED_APP_ROLE, password: server.appPassword });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: urlAsRole(server.url, EMBEDDED_APP_ROLE, server.appPassword),
    migrationUrl: server.url,
    embedded: true,
    stop: () => server.stop(),
  };
}
