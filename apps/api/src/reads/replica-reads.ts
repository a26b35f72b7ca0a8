import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ReplicaPools, type ReplicaStats } from '@policy-cms/database';
import type { ReadRouter, Statement } from '@policy-cms/policy';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * The streaming replicas of DATABASE_REPLICA_URL as the read path's router: an as-of statement goes to a replica only
 * when the replica holds every ledger change the answer needs (its change count, read in the same snapshot as the
 * rows); a replica that is behind, down or busy sends it back to the primary.
 */
@Injectable()
export class ReplicaReads implements ReadRouter, OnModuleDestroy {
  private readonly pools: ReplicaPools;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const logger = new Logger('Replicas');
    this.pools = new ReplicaPools(config.replicaUrls, {
      logger: { log: (message) => logger.log(message), warn: (message) => logger.warn(message) },
    });
  }

  async replica<T>(statement: Statement, neededSeq: bigint): Promise<T[] | undefined> {
    if (!this.pools.configured) return undefined;
    return (await this.pools.query<T>(statement, (seq) => seq >= neededSeq))?.rows;
  }

  stats(): ReplicaStats[] {
    return this.pools.stats();
  }

  async onModuleDestroy(): Promise<void> {
    await this.pools.close();
  }
}
