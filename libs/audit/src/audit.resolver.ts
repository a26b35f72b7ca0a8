import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@policy-cms/common';
import { AuditService, MAX_PAGE_SIZE } from './audit.service';
import { AuditTrailFilterInput } from './dto/audit-trail-filter.input';
import { AuditEventPageModel } from './models/audit-event-page.model';
import { AuditVerificationModel } from './models/audit-verification.model';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventPageModel, { description: 'The audit trail, newest first, filtered and paginated.' })
  @Roles('AUDITOR', 'ADMIN')
  auditTrail(
    @Args('filter', { type: () => AuditTrailFilterInput, nullable: true }) filter?: AuditTrailFilterInput | null,
    @Args('first', { type: () => Int, defaultValue: 50, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` }) first = 50,
    @Args('after', { type: () => String, nullable: true, description: 'The nextCursor of the previous page.' })
    after?: string | null,
  ): Promise<AuditEventPageModel> {
    return this.audit.list(filter ?? {}, { first, after });
  }

  @Query(() => AuditVerificationModel, {
    description: 'Recomputes the whole hash chain and reports the first broken link, if any.',
  })
  @Roles('AUDITOR', 'ADMIN')
  verifyAuditTrail(): Promise<AuditVerificationModel> {
    return this.audit.verify();
  }
}
