import { startEmbeddedPostgres, EmbeddedPostgresLogger } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** With DATABASE_URL the given server is used as it is; without it a private PostgreSQL starts in `dataDir`. */
export async function resolveDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  logger?: EmbeddedPostgresLogger;
}): Promise<ResolvedDatabase> {
  if (options.databaseUrl) {
    return { url: options.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({ dataDir: options.dataDir, logger: options.logger });
  return { url: server.url, embedded: true, stop: () => server.stop() };
}
