import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DatabaseProbe } from './database-probe';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly database: DatabaseProbe,
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
}
