import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';

/** The URL the health check connects to: the API's own database, on a connection apart from the app's pool. */
export const HEALTH_DATABASE_URL = Symbol('HEALTH_DATABASE_URL');

/** How long the database may take to answer before /health says it is down: long enough to ride out a busy server. */
export const HEALTH_TIMEOUT_MS = 5000;

/**
 * Asks the database `SELECT 1` on a pool of one connection of its own. The app's pool can be full of slow queries
 * while the database is fine; waiting in that pool's queue made /health report the database down (issue 8).
 */
@Injectable()
export class DatabaseProbe implements OnModuleDestroy {
  private readonly pool: Pool;

  constructor(@Inject(HEALTH_DATABASE_URL) url: string) {
    this.pool = new Pool({
      connectionString: url,
      max: 1,
      connectionTimeoutMillis: HEALTH_TIMEOUT_MS,
      query_timeout: HEALTH_TIMEOUT_MS,
      idleTimeoutMillis: 60_000,
      application_name: 'policy-cms health',
    });
    // A dropped idle connection is reported here; the next probe opens a new one and tells the truth.
    this.pool.on('error', () => undefined);
  }

  /** Whether the database answered within HEALTH_TIMEOUT_MS. */
  async answers(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
