import { RECORD_SETTLE_MS, isUuid } from '@policy-cms/contract';
import { contentHash } from '@policy-cms/workflow';
import type {
  AuditProblem,
  AuditProblemCode,
  LedgerAuditRecord,
  LedgerSegmentRecord,
  LedgerVersionRecord,
} from './audit-event';

/** The ledger change as LedgerService reports it (structural, so that the audit lib needs nothing of the policy lib). */
export interface LedgerChangeLike {
  policyId: string;
  recordedAt: Date;
  closed: readonly LedgerSegmentRecord[];
  opened: readonly LedgerSegmentRecord[];
}

export interface VersionLike {
  id: string;
  status: string;
  content: unknown;
  effectiveFrom: string;
  effectiveThrough: string | null;
  summary: string;
}

/** What a publish or withdraw event puts under `after.ledger`. */
export function ledgerAuditRecord(change: LedgerChangeLike, versions: readonly VersionLike[]): LedgerAuditRecord {
  const segment = ({ versionId, effectiveFrom, effectiveThrough }: LedgerSegmentRecord): LedgerSegmentRecord => ({
    versionId,
    effectiveFrom,
    effectiveThrough,
  });
  return {
    policyId: change.policyId,
    recordedAt: change.recordedAt.toISOString(),
    closed: change.closed.map(segment),
    opened: change.opened.map(segment),
    versions: versions.map((version) => {
      if (version.status !== 'PUBLISHED' && version.status !== 'WITHDRAWN') {
        throw new Error(`a ledger record names version ${version.id} in status ${version.status}`);
      }
      return {
        versionId: version.id,
        status: version.status,
        contentHash: contentHash(version),
        summary: version.summary,
      };
    }),
  };
}

/** One ledger_segment row as verification reads it. */
export interface LedgerRow {
  id: string;
  policyId: string;
  versionId: string;
  effectiveFrom: string;
  effectiveThrough: string | null;
  openedAt: Date;
  closedAt: Date | null;
}

/** One published or withdrawn (or event-named) policy_version row as verification reads it. */
export interface VersionRow {
  id: string;
  status: string;
  content: unknown;
  effectiveFrom: string;
  effectiveThrough: string | null;
  summary: string;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
}

interface Claim {
  eventId: string;
  segment: LedgerSegmentRecord;
  at: string;
  matched: number;
}


const describeSegment = (s: LedgerSegmentRecord) => `version ${s.versionId}, effective ${s.effectiveFrom}..${s.effectiveThrough ?? ''}`;

/**
 * Replays the ledger records of publish and withdraw events against the ledger and version rows: every row must be
 * opened (and, if closed, closed) by exactly one event at its record instant, and every published or withdrawn
 * version must still hash to what its events recorded. Holds only the records (a few per publish), not the trail.
 */
export class LedgerReplay {
  private readonly opens = new Map<string, Claim[]>();
  private readonly closes = new Map<string, Claim[]>();
  /** Per policy, the latest record instant the trail has recorded so far (ISO strings in UTC compare as instants). */
  private readonly lastRecordedAt = new Map<string, string>();
  /** The latest occurredAt of the events taken in so far, in ms. */
  private reached = Number.NEGATIVE_INFINITY;
  /** True while every event so far was a history load: the head of the trail. */
  private historyOnly = true;
  /** Per version, the events that published or withdrew it, in trail order. */
  private readonly versions = new Map<string, { eventId: string; at: string; record: LedgerVersionRecord }[]>();

  constructor(private readonly report: (problem: Omit<AuditProblem, 'ledgerRowId' | 'versionId'> & Partial<AuditProblem>) => void) {}

  /** Takes in every event, in chain order; only those with a ledger record are replayed. */
  addEvent(eventId: string, after: unknown, occurredAt: Date): void {
    const ledger = (after as { ledger?: unknown } | null)?.ledger;
    const record = ledger === undefined ? undefined : readRecord(ledger);
    const reachedBefore = this.reached;
    this.reached = Math.max(this.reached, occurredAt.getTime());
    if (!(record?.history === true && this.historyOnly)) this.historyOnly = false;
    if (record === undefined) return;
    if (!record) {
      this.report({ code: 'EVENT_LEDGER_RECORD_MALFORMED', eventId, message: `event ${eventId} carries a ledger record that cannot be read` });
      return;
    }
    const at = new Date(record.recordedAt).toISOString();
    this.checkRecordTime(eventId, record, at, occurredAt, reachedBefore);
    for (const segment of record.opened) push(this.opens, key(record.policyId, segment, at), { eventId, segment, at, matched: 0 });
    for (const segment of record.closed) push(this.closes, key(record.policyId, segment, at), { eventId, segment, at, matched: 0 });
    for (const version of record.versions) push(this.versions, version.versionId, { eventId, at, record: version });
  }

  /**
   * Record time is anchored to the trail. A ledger write takes its instant just before its event is appended, in one
   * transaction that commits within RECORD_SETTLE_MS, so its instant lies between what the trail had reached
   * (the latest occurredAt before it) less that bound, and its own event's occurredAt; and it moves forward per
   * policy. A record appended later that claims the past (to change what a past knownAt answers) fails this, even
   * with a perfect hash and link. History loaded at the head of an empty trail (the demo data) is exempt.
   */
  private checkRecordTime(eventId: string, record: LedgerAuditRecord, at: string, occurredAt: Date, reachedBefore: number): void {
    const previous = this.lastRecordedAt.get(record.policyId);
    const instant = Date.parse(at);
    const why =
      previous !== undefined && at <= previous
        ? `not after the policy's previous record instant ${previous}`
        : this.historyOnly
          ? null
          : instant < reachedBefore - RECORD_SETTLE_MS
            ? `before the trail had already reached ${new Date(reachedBefore).toISOString()}`
            : instant > occurredAt.getTime()
              ? `after its own event's time ${occurredAt.toISOString()}`
              : null;
    if (why) {
      this.report({ code: 'LEDGER_RECORD_TIME_BACKWARDS', eventId, message: `event ${eventId} records policy ${record.policyId} at ${at}, ${why}` });
      return;
    }
    this.lastRecordedAt.set(record.policyId, at);
  }

  /** Version ids the trail names, to read their rows whatever their status now. */
  versionIds(): string[] {
    return [...this.versions.keys()].filter((id) => isUuid(id));
  }

  checkLedgerRow(row: LedgerRow): void {
    const segment = { versionId: row.versionId, effectiveFrom: row.effectiveFrom, effectiveThrough: row.effectiveThrough };
    const described = `ledger row ${row.id} (${describeSegment(segment)}, policy ${row.policyId})`;
    const openedAt = row.openedAt.toISOString();
    const openers = this.opens.get(key(row.policyId, segment, openedAt)) ?? [];
    for (const claim of openers) claim.matched += 1;
    if (openers.length === 0) {
      this.report({
        code: 'LEDGER_ROW_UNRECORDED',
        eventId: null,
        ledgerRowId: row.id,
        versionId: row.versionId,
        message: `${described}, recorded from ${openedAt}, was opened by no event of the trail`,
      });
    } else if (openers.length > 1) {
      this.report({
        code: 'LEDGER_ROW_RECORDED_TWICE',
        eventId: openers[1].eventId,
        ledgerRowId: row.id,
        versionId: row.versionId,
        message: `${described} is opened by events ${openers.map((claim) => claim.eventId).join(', ')}`,
      });
    }
    if (row.closedAt) {
      const closedAt = row.closedAt.toISOString();
      const closers = this.closes.get(key(row.policyId, segment, closedAt)) ?? [];
      for (const claim of closers) claim.matched += 1;
      if (closers.length === 0) {
        this.report({
          code: 'LEDGER_CLOSE_UNRECORDED',
          eventId: null,
          ledgerRowId: row.id,
          versionId: row.versionId,
          message: `${described} was closed at ${closedAt}, which no event of the trail recorded`,
        });
      }
    }
  }

  /** After every ledger row: what events recorded that no row holds. */
  finishLedger(): void {
    for (const [claims, code, verb] of [
      [this.opens, 'LEDGER_ROW_MISSING', 'opened'],
      [this.closes, 'LEDGER_CLOSE_MISSING', 'closed'],
    ] as const) {
      for (const list of claims.values()) {
        for (const claim of list) {
          if (claim.matched > 0) continue;
          this.report({
            code: code as AuditProblemCode,
            eventId: claim.eventId,
            versionId: claim.segment.versionId,
            message: `event ${claim.eventId} ${verb} the ledger segment (${describeSegment(claim.segment)}) at ${claim.at}, but no ledger row matches`,
          });
        }
      }
    }
  }

  /** Checks every version the trail names against its row, and every published or withdrawn row against the trail. */
  checkVersions(rows: readonly VersionRow[]): void {
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const [versionId, records] of this.versions) {
      const row = byId.get(versionId);
      const last = records[records.length - 1];
      if (!row) {
        this.report({ code: 'VERSION_MISSING', eventId: last.eventId, versionId, message: `version ${versionId}, recorded by event ${last.eventId}, no longer exists` });
        continue;
      }
      const hash = contentHash(row);
      for (const { eventId, record } of records) {
        if (record.contentHash !== hash) {
          this.report({
            code: 'VERSION_CONTENT_CHANGED',
            eventId,
            versionId,
            message: `version ${versionId}'s content or effective range hashes to ${hash}, but event ${eventId} recorded ${record.contentHash}`,
          });
        }
        if (record.summary !== row.summary) {
          this.report({ code: 'VERSION_SUMMARY_CHANGED', eventId, versionId, message: `version ${versionId}'s summary differs from what event ${eventId} recorded` });
        }
      }
      const published = records.find((entry) => entry.record.status === 'PUBLISHED');
      const withdrawn = records.find((entry) => entry.record.status === 'WITHDRAWN');
      const expectedStatus = withdrawn ? 'WITHDRAWN' : 'PUBLISHED';
      const sameInstant = (value: Date | null, recorded: string | undefined) =>
        (value === null ? undefined : value.toISOString()) === recorded;
      if (
        row.status !== expectedStatus ||
        !sameInstant(row.publishedAt, published?.at) ||
        !sameInstant(row.withdrawnAt, withdrawn?.at)
      ) {
        this.report({
          code: 'VERSION_STATUS_CHANGED',
          eventId: last.eventId,
          versionId,
          message:
            `version ${versionId} is ${row.status} (published ${row.publishedAt?.toISOString() ?? '-'}, withdrawn ${row.withdrawnAt?.toISOString() ?? '-'}), ` +
            `but the trail says ${expectedStatus} (published ${published?.at ?? '-'}, withdrawn ${withdrawn?.at ?? '-'})`,
        });
      }
    }
    for (const row of rows) {
      if ((row.status === 'PUBLISHED' || row.status === 'WITHDRAWN') && !this.versions.has(row.id)) {
        this.report({ code: 'VERSION_UNRECORDED', eventId: null, versionId: row.id, message: `version ${row.id} is ${row.status}, but no event of the trail published it` });
      }
    }
  }
}

function key(policyId: string, segment: LedgerSegmentRecord, at: string): string {
  return `${policyId}|${segment.versionId}|${segment.effectiveFrom}|${segment.effectiveThrough ?? ''}|${at}`;
}

function push<T>(map: Map<string, T[]>, k: string, value: T): void {
  const list = map.get(k);
  if (list) list.push(value);
  else map.set(k, [value]);
}

const isString = (value: unknown): value is string => typeof value === 'string';

function readSegment(value: unknown): LedgerSegmentRecord | null {
  const s = value as Partial<LedgerSegmentRecord> | null;
  if (!s || !isString(s.versionId) || !isString(s.effectiveFrom) || !(s.effectiveThrough === null || isString(s.effectiveThrough))) {
    return null;
  }
  return { versionId: s.versionId, effectiveFrom: s.effectiveFrom, effectiveThrough: s.effectiveThrough };
}

/** The record, or null when it does not have the shape verification needs (then the event is named malformed). */
function readRecord(value: unknown): LedgerAuditRecord | null {
  const r = value as Partial<LedgerAuditRecord> | null;
  if (!r || !isString(r.policyId) || !isString(r.recordedAt) || Number.isNaN(Date.parse(r.recordedAt))) return null;
  if (!Array.isArray(r.opened) || !Array.isArray(r.closed) || !Array.isArray(r.versions)) return null;
  const opened = r.opened.map(readSegment);
  const closed = r.closed.map(readSegment);
  const versions = r.versions.filter(
    (v: Partial<LedgerVersionRecord> | null) =>
      v && isString(v.versionId) && isString(v.contentHash) && isString(v.summary) && (v.status === 'PUBLISHED' || v.status === 'WITHDRAWN'),
  );
  if (opened.includes(null) || closed.includes(null) || versions.length !== r.versions.length) return null;
  return {
    policyId: r.policyId,
    recordedAt: r.recordedAt,
    opened: opened as LedgerSegmentRecord[],
    closed: closed as LedgerSegmentRecord[],
    versions,
    ...(r.history === true ? { history: true as const } : {}),
  };
}
