/**
 * One event of the change feed (migration 0013, table change_event), as every channel carries it: GraphQL
 * `changeFeed`, GET /v1/changes, the SSE stream and the body of each webhook delivery. One shape, one serialiser.
 */
export type ChangeEventType = 'PUBLISHED' | 'WITHDRAWN' | 'TOOK_EFFECT';
export const CHANGE_EVENT_TYPES: readonly ChangeEventType[] = ['PUBLISHED', 'WITHDRAWN', 'TOOK_EFFECT'];

export interface ChangeEvent {
  /** Opaque position in the feed: resume after it (`after`, `Last-Event-ID`). Ordered as the events committed. */
  cursor: string;
  /** Stable id of the event. */
  id: string;
  type: ChangeEventType;
  policyKey: string;
  /** The version concerned; for TOOK_EFFECT the version in force from `day` on, null when nothing is. */
  versionId: string | null;
  versionNumber: number | null;
  /** PUBLISHED, WITHDRAWN: the version's range; TOOK_EFFECT: the segment in force from `day` on (null: nothing). */
  effectiveFrom: string | null;
  /** Last day in force, inclusive; null = open-ended. */
  effectiveThrough: string | null;
  /** Record instant of the change (PUBLISHED, WITHDRAWN) or of the segment now in force (TOOK_EFFECT). */
  recordedAt: string;
  /** PUBLISHED only: true when the version corrects days before its publication (Tokyo). Otherwise null. */
  retroactive: boolean | null;
  /** TOOK_EFFECT only: the Tokyo day that began. Otherwise null. */
  day: string | null;
  /** When the event was written. */
  emittedAt: string;
}

/** The select list that reads change_event rows into ChangeEventRow (alias the table as `e`). */
export const CHANGE_EVENT_COLUMNS = `
  e.seq::text AS seq, e.id::text AS id, e.type, e.policy_key AS "policyKey", e.version_id::text AS "versionId",
  e.version_number AS "versionNumber", lower(e.effective)::text AS "effectiveFrom",
  (upper(e.effective) - 1)::text AS "effectiveThrough",
  to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt",
  e.retroactive, e.day::text AS day,
  to_char(e.emitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "emittedAt"`;

export interface ChangeEventRow {
  seq: string;
  id: string;
  type: ChangeEventType;
  policyKey: string;
  versionId: string | null;
  versionNumber: number | null;
  effectiveFrom: string | null;
  effectiveThrough: string | null;
  recordedAt: string;
  retroactive: boolean | null;
  day: string | null;
  emittedAt: string;
}

export function changeEventOf(row: ChangeEventRow): ChangeEvent {
  return {
    cursor: cursorOf(row.seq),
    id: row.id,
    type: row.type,
    policyKey: row.policyKey,
    versionId: row.versionId,
    versionNumber: row.versionNumber,
    effectiveFrom: row.effectiveFrom,
    effectiveThrough: row.effectiveThrough,
    recordedAt: row.recordedAt,
    retroactive: row.retroactive,
    day: row.day,
    emittedAt: row.emittedAt,
  };
}

/** The cursor is the event's sequence number in decimal; clients treat it as opaque. */
export function cursorOf(seq: string | number | bigint): string {
  return String(seq);
}

const CURSOR = /^(0|[1-9][0-9]{0,17})$/;

/** The sequence number of a cursor, or null when it is not one this feed handed out (callers answer BAD_USER_INPUT). */
export function seqOfCursor(cursor: string): string | null {
  return CURSOR.test(cursor) ? cursor : null;
}
