export { type DiffEntry, diffValues } from './content-diff';
export { type HashedVersionContent, NonCanonicalValueError, canonicalJson, contentHash } from './content-hash';
export {
  type Actor,
  type Role,
  type VersionStatus,
  type WorkflowCommand,
  type WorkflowCommandType,
  type WorkflowDecision,
  type WorkflowErrorCode,
  type WorkflowVersion,
  WORKFLOW_PERMISSIONS,
  WORKFLOW_TRANSITIONS,
  decide,
} from './workflow.machine';
