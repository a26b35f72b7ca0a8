import { Logger, Module } from '@nestjs/common';
import { AuditExportController } from './audit-export.controller';
import { AUDIT_SIGNING_OPTIONS, AuditSigner, AuditSigningOptions, loadAuditSigner } from './audit-signing';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';

/**
 * The audit trail. Needs the app's DataSource (TypeOrmModule.forRoot) and the CLOCK provider; AUDIT_SIGNING_OPTIONS,
 * when provided, says where the checkpoint key comes from (else a per-process key).
 */
@Module({
  providers: [
    AuditService,
    AuditResolver,
    {
      provide: AuditSigner,
      inject: [{ token: AUDIT_SIGNING_OPTIONS, optional: true }],
      useFactory: (options?: AuditSigningOptions) =>
        loadAuditSigner(options ?? { embedded: false, production: false }, new Logger('AuditSigner')),
    },
  ],
  controllers: [AuditExportController],
  exports: [AuditService, AuditSigner],
})
export class AuditModule {}
