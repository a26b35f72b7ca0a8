export { AuditModule } from './audit.module';
export { AuditService, MAX_PAGE_SIZE } from './audit.service';
export type { AuditEvent, AuditEventInput, AuditFilter, AuditPage, AuditVerification } from './audit-event';
export { canonicalJson, eventHash, type HashedFields } from './audit-hash';
export { csvField, exportLine, exportHeader, type AuditExportFormat } from './audit-export-format';
export { AuditEventModel } from './models/audit-event.model';
export { AuditEventPageModel } from './models/audit-event-page.model';
export { AuditVerificationModel } from './models/audit-verification.model';
