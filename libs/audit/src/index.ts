export { AuditModule } from './audit.module';
export { AuditService, MAX_PAGE_SIZE, MAX_REPORTED_PROBLEMS } from './audit.service';
export type {
  AuditCheckpoint,
  AuditEvent,
  AuditEventInput,
  AuditFilter,
  AuditPage,
  AuditProblem,
  AuditProblemCode,
  AuditVerification,
  LedgerAuditRecord,
} from './audit-event';
export { canonicalJson, eventHash, type HashedFields } from './audit-hash';
export { csvField, exportLine, exportHeader, type AuditExportFormat } from './audit-export-format';
export {
  AUDIT_SIGNING_KEY_FILE,
  AUDIT_SIGNING_OPTIONS,
  AuditSigner,
  AuditSigningKeyError,
  type AuditSigningOptions,
  checkpointSigningText,
  loadAuditSigner,
  parseSigningKey,
} from './audit-signing';
export { ledgerAuditRecord, type LedgerChangeLike, type VersionLike } from './ledger-replay';
export { AuditEventModel } from './models/audit-event.model';
export { AuditEventPageModel } from './models/audit-event-page.model';
export { AuditVerificationModel, AuditProblemModel } from './models/audit-verification.model';
export { AuditCheckpointModel, AuditSigningKeyModel } from './models/audit-checkpoint.model';
