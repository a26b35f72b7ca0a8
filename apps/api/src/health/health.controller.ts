import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { PolicyReadService } from '@policy-cms/policy';
import { DatabaseProbe } from './database-probe';
import { ReplicaReads } from '../reads/replica-reads';
import { ResponseCache } from '../edge/response-cache';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly database: DatabaseProbe,
    private readonly readPath: PolicyReadService,
    private readonly replicas: ReplicaReads,
    private readonly responses: ResponseCache,
  ) {}

  /** 200 when the database answers, 503 when it does not answer within the probe's timeout. */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const session = this.indicator.check('database');
        return (await this.database.answers()) ? session.up() : session.down();
      },
    ]);
  }

  /**
   * How the public reads are served, for operators and load tests: the read model's state and caches, the cache of
   * whole anonymous answers, and each
   * replica's state and counters (numbered in DATABASE_REPLICA_URL's order; addresses are not shown publicly).
   */
  @Get('reads')
  reads() {
    return {
      ...this.readPath.stats(),
      responseCache: this.responses.stats(),
      replicas: this.replicas.stats().map(({ state, served, behind, errors }, index) => ({ replica: index + 1, state, served, behind, errors })),
    };
  }
}
