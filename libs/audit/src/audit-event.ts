/** What a change records about itself; the trail adds the instant, the chain links and the hash. */
export interface AuditEventInput {
  /** Dotted, lower case: `policy_version.approve`, `auth.login_failed`, `user.roles_change`. */
  action: string;
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
  action?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export interface AuditPage {
  items: AuditEvent[];
  /** Pass as `after` for the next (older) page; null on the last page. */
  nextCursor: string | null;
  totalCount: number;
}

export interface AuditVerification {
  ok: boolean;
  /** Events read, up to and including the first broken one. */
  checked: number;
  /** The first event whose hash or link to its predecessor does not hold; null when the chain is whole. */
  firstBrokenId: string | null;
}

export const ACTION_FORMAT = /^[a-z0-9_]+(\.[a-z0-9_]+)*$/;
