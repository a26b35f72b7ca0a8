import { Module } from '@nestjs/common';
import { AuditExportController } from './audit-export.controller';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';

/** The audit trail. Needs the app's DataSource (TypeOrmModule.forRoot) and the CLOCK provider. */
@Module({
  providers: [AuditService, AuditResolver],
  controllers: [AuditExportController],
  exports: [AuditService],
})
export class AuditModule {}
