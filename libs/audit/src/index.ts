export { AuditModule } from './audit.module';
export { AuditService, MAX_PAGE_SIZE, MAX_REPORTED_PROBLEMS, type AuditActor } from './audit.service';
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
export { csvField, exportLine, exportHeader, tokyoInstant, UTF8_BOM, type AuditExportFormat, type AuditExportHeaders } from './audit-export-format';
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
export { AuditActorModel, AuditEventModel } from './models/audit-event.model';
export { nameAuditEvents, type AuditEventNames, type NamedAuditEvent } from './audit-names';
export { AuditEventPageModel } from './models/audit-event-page.model';
export { AuditVerificationModel, AuditProblemModel } from './models/audit-verification.model';
export { AuditCheckpointModel, AuditSigningKeyModel } from './models/audit-checkpoint.model';
