import type { AuditAction, AuditActorKind } from '@policy-cms/contract';
import type { AuditEventNames } from './audit-names';

/** What a change records about itself; the trail adds the instant, the chain links and the hash. */
export interface AuditEventInput {
  /** Dotted, lower case: `policy_version.approve`, `auth.login_failed`, `user.roles_change`; one of AUDIT_ACTION_WORDS. */
  action: AuditAction;
  /** Null or absent: an anonymous caller or the system itself. */
  actorId?: string | null;
  actorName?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  /** Any JSON value; stored as jsonb. Dates become ISO strings, as in JSON.stringify. */
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  clientAddress?: string | null;
}

/** One event of the trail, as stored. */
export interface AuditEvent {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  clientAddress: string | null;
  /** Hash of the event before this one; null for the first event only. */
  prevHash: string | null;
  hash: string;
}

/** Narrows the trail; every given field must match. `from` is inclusive, `to` exclusive. */
export interface AuditFilter {
  actorId?: string | null;
  /** A person, the system itself, or a caller who was not signed in (see auditActorKindOf). */
  actorKind?: AuditActorKind | null;
  action?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  /** Events about this policy: its versions and the policy itself. */
  policyKey?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export interface AuditPage {
  /** Each event with the names of its actor and target, as they are now. */
  items: (AuditEvent & AuditEventNames)[];
  /** Pass as `after` for the next (older) page; null on the last page. */
  nextCursor: string | null;
  totalCount: number;
}

/** Why verification failed at one place; `code` is stable, `message` says what was found, in English. */
export type AuditProblemCode =
  /** The event's stored fields no longer hash to its stored hash: the event was rewritten. */
  | 'EVENT_HASH_MISMATCH'
  /** The event does not name its predecessor's hash: an event before it was removed, inserted or reordered. */
  | 'EVENT_LINK_BROKEN'
  /** A publish or withdraw event carries a ledger record that cannot be read. */
  | 'EVENT_LEDGER_RECORD_MALFORMED'
  /**
   * An event's ledger record claims an instant earlier than the trail had already reached (or than the policy's
   * previous record, or after the event itself): a backdated record, appended afterwards.
   */
  | 'LEDGER_RECORD_TIME_BACKWARDS'
  /** A ledger row that no event opened: inserted behind the trail's back (or its version, range or instant changed). */
  | 'LEDGER_ROW_UNRECORDED'
  /** A ledger row opened by more than one event. */
  | 'LEDGER_ROW_RECORDED_TWICE'
  /** A ledger row closed at an instant no event closed it at. */
  | 'LEDGER_CLOSE_UNRECORDED'
  /** An event opened a ledger segment that no row holds any more: the row was deleted or changed. */
  | 'LEDGER_ROW_MISSING'
  /** An event closed a ledger segment, but no row is closed at that instant: the row was reopened, deleted or changed. */
  | 'LEDGER_CLOSE_MISSING'
  /** A version the trail published or withdrew is gone. */
  | 'VERSION_MISSING'
  /** A published or withdrawn version's content or effective range no longer hashes to what the event recorded. */
  | 'VERSION_CONTENT_CHANGED'
  /** A published or withdrawn version's summary differs from what the event recorded. */
  | 'VERSION_SUMMARY_CHANGED'
  /** A version's status or publication instants differ from what the trail recorded. */
  | 'VERSION_STATUS_CHANGED'
  /** A published or withdrawn version that no event published or withdrew. */
  | 'VERSION_UNRECORDED'
  /** The checkpoint's signature does not hold: it was not issued by this server's key, or was altered. */
  | 'CHECKPOINT_SIGNATURE_INVALID'
  /** The checkpoint was signed with a key this server does not hold (another server, or a per-process key). */
  | 'CHECKPOINT_KEY_UNKNOWN'
  /** The checkpoint's last event no longer exists: the trail was cut back (tail truncation). */
  | 'CHECKPOINT_EVENT_MISSING'
  /** The checkpoint's last event has another hash now: the trail up to it was rewritten and re-chained. */
  | 'CHECKPOINT_HEAD_MISMATCH';

export interface AuditProblem {
  code: AuditProblemCode;
  message: string;
  /** The event concerned, when there is one. */
  eventId: string | null;
  /** The ledger_segment row concerned, when there is one. */
  ledgerRowId: string | null;
  /** The policy version concerned, when there is one. */
  versionId: string | null;
}

export interface AuditVerification {
  ok: boolean;
  /** Events read: the whole trail. */
  checked: number;
  /** The first event named by a problem (the chain's own breaks first); null when no problem names an event. */
  firstBrokenId: string | null;
  /** The problems found, in the order found, at most MAX_REPORTED_PROBLEMS. */
  problems: AuditProblem[];
  /** How many problems there are in all (may exceed the list's length). */
  problemCount: number;
  /** Ledger rows and published or withdrawn versions checked against the trail. */
  ledgerRowsChecked: number;
  versionsChecked: number;
  /** Whether a checkpoint was given and the current trail extends it (null: none given). */
  extendsCheckpoint: boolean | null;
}

/** The head of the trail at one instant, signed by the server so that an auditor can keep it and hold the server to it. */
export interface AuditCheckpoint {
  /** The last event's id; null for an empty trail. */
  lastId: string | null;
  /** The last event's hash; null for an empty trail. */
  headHash: string | null;
  at: Date;
  /** Which key signed: sha256 (hex) of the public key's SPKI DER form. */
  keyId: string;
  /** Ed25519 signature (base64) over checkpointSigningText(this). */
  signature: string;
}

export interface LedgerSegmentRecord {
  versionId: string;
  effectiveFrom: string;
  /** Inclusive; null: open-ended. */
  effectiveThrough: string | null;
}

/** What a publish or withdraw event records of a version it published or withdrew. */
export interface LedgerVersionRecord {
  versionId: string;
  status: 'PUBLISHED' | 'WITHDRAWN';
  /** contentHash (the workflow's) of the version's content and effective range. */
  contentHash: string;
  summary: string;
}

/**
 * The `ledger` member of a publish or withdraw event's `after`: the ledger change it made, so that verification can
 * account for every ledger row and every published version.
 */
export interface LedgerAuditRecord {
  policyId: string;
  /** The record instant of the change, ISO-8601 with milliseconds. */
  recordedAt: string;
  closed: LedgerSegmentRecord[];
  opened: LedgerSegmentRecord[];
  versions: LedgerVersionRecord[];
  /**
   * True for history loaded with its own, earlier record instants (the demo data). Allowed only at the head of the
   * trail, before any other event: appended later, a record that claims the past is a backdating.
   */
  history?: true;
}

export const ACTION_FORMAT = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;
