import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, DomainError } from '@policy-cms/common';
import { CalendarDate, Clock, compareDates, fromDateRangeLiteral, todayInTokyo } from '@policy-cms/temporal';
import { PolicyModel } from '../models/policy.model';
import { PolicyVersionModel } from '../models/policy-version.model';
import { LedgerEntryModel } from '../models/ledger-entry.model';
import { LEDGER_WRITE_LOCK, RECORD_SETTLE_MS } from '../ledger/ledger.service';

export interface Moment {
  /** The day asked about, in Japan's calendar. */
  on: CalendarDate;
  /** The instant whose record is read. */
  knownAt: Date;
}

interface SegmentRow {
  segmentId: string;
  segmentEffective: string;
  recordedAt: Date;
  supersededAt: Date | null;
  id: string;
  policyKey: string;
  number: number;
  versionEffective: string;
  content: Record<string, unknown>;
  summary: string;
  demo: boolean;
}

// The as-of lookups below are answered by the GiST index of the ledger's exclusion constraint.
const SEGMENT_COLUMNS = `
  s.id AS "segmentId", s.effective::text AS "segmentEffective",
  lower(s.recorded) AS "recordedAt", upper(s.recorded) AS "supersededAt",
  v.id, p.key AS "policyKey", v.number, v.effective::text AS "versionEffective", v.content, v.summary, v.demo
  FROM ledger_segment s
  JOIN policy_version v ON v.id = s.version_id
  JOIN policy p ON p.id = s.policy_id`;

/** How long a read waits for a publication in flight (which commits in milliseconds) before answering UNAVAILABLE. */
const SETTLE_WAIT_MS = 10_000;
const LOCK_NOT_AVAILABLE = '55P03';

/** Answers about what was in force, as the record stood at a moment. Reads only the append-only ledger. */
@Injectable()
export class PolicyReadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Fills in the defaults (today in Tokyo, now), refuses a knownAt in the future, which has no record yet, and
   * settles the moment: the answer for it can no longer change when a publish in flight commits.
   */
  async moment(on?: CalendarDate | null, knownAt?: Date | null): Promise<Moment> {
    const now = this.clock.now();
    if (knownAt && knownAt.getTime() > now.getTime()) {
      throw DomainError.badInput('knownAt', `knownAt ${knownAt.toISOString()} is in the future; the record ends at now`);
    }
    const moment = { on: on ?? todayInTokyo(this.clock), knownAt: knownAt ?? now };
    await this.settle(moment.knownAt, now);
    return moment;
  }

  /**
   * A ledger write takes its record instant under LEDGER_WRITE_LOCK and holds it until it commits. Waiting for the
   * lock (shared, released at once) therefore waits for every write whose instant could be at or before `knownAt`,
   * which was taken before this wait began; a write that takes the lock later gets a later instant. Writes commit
   * within RECORD_SETTLE_MS of their instant, so an older knownAt is settled already and pays nothing.
   */
  private async settle(knownAt: Date, now: Date): Promise<void> {
    if (now.getTime() - knownAt.getTime() > RECORD_SETTLE_MS) return;
    // A write holds the lock for milliseconds; anyone holding it longer (another session of the cluster can take an
    // advisory lock) must not freeze the public reads: wait at most SETTLE_WAIT, then answer UNAVAILABLE.
    try {
      await this.dataSource.query(`SELECT set_config('lock_timeout', $2, true), pg_advisory_xact_lock_shared($1::bigint)`, [
        LEDGER_WRITE_LOCK,
        `${SETTLE_WAIT_MS}ms`,
      ]);
    } catch (error) {
      if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
      throw new DomainError('UNAVAILABLE', 'a publication is taking unusually long to commit; try again shortly');
    }
  }

  async policies(): Promise<PolicyModel[]> {
    return this.dataSource.query(`SELECT key, kind, title, section FROM policy ORDER BY section, key`);
  }

  async policy(key: string): Promise<PolicyModel & { id: string }> {
    const [policy] = await this.dataSource.query(`SELECT id, key, kind, title, section FROM policy WHERE key = $1`, [key]);
    if (!policy) throw new DomainError('NOT_FOUND', `no policy has the key ${JSON.stringify(key)}`, [{ field: 'key', message: 'unknown policy key' }]);
    return policy;
  }

  async inForce(key: string, { on, knownAt }: Moment): Promise<PolicyVersionModel | null> {
    const policy = await this.policy(key);
    const rows: SegmentRow[] = await this.dataSource.query(
      `SELECT ${SEGMENT_COLUMNS}
        WHERE s.policy_id = $1 AND s.effective @> $2::date AND s.recorded @> $3::timestamptz`,
      [policy.id, on, knownAt],
    );
    return rows[0] ? toVersion(rows[0], knownAt) : null;
  }

  /** The versions of several policies in force at one moment, keyed by policy key (absent when none is). */
  async inForceByKey(keys: readonly string[], { on, knownAt }: Moment): Promise<Map<string, PolicyVersionModel>> {
    const rows: SegmentRow[] = await this.dataSource.query(
      `SELECT ${SEGMENT_COLUMNS}
        WHERE p.key = ANY($1::text[]) AND s.effective @> $2::date AND s.recorded @> $3::timestamptz`,
      [keys, on, knownAt],
    );
    return new Map(rows.map((row) => [row.policyKey, toVersion(row, knownAt)]));
  }

  async rulesInForce({ on, knownAt }: Moment): Promise<PolicyVersionModel[]> {
    const rows: SegmentRow[] = await this.dataSource.query(
      `SELECT ${SEGMENT_COLUMNS}
        WHERE s.effective @> $1::date AND s.recorded @> $2::timestamptz
        ORDER BY p.section, p.key`,
      [on, knownAt],
    );
    return rows.map((row) => toVersion(row, knownAt));
  }

  async timeline(key: string, knownAt: Date): Promise<PolicyVersionModel[]> {
    const policy = await this.policy(key);
    const rows: SegmentRow[] = await this.dataSource.query(
      `SELECT ${SEGMENT_COLUMNS}
        WHERE s.policy_id = $1 AND s.recorded @> $2::timestamptz
        ORDER BY lower(s.effective)`,
      [policy.id, knownAt],
    );
    return rows.map((row) => toVersion(row, knownAt));
  }

  async changesBetween(from: CalendarDate, through: CalendarDate, knownAt: Date): Promise<PolicyVersionModel[]> {
    if (compareDates(from, through) > 0) {
      throw DomainError.badInput('through', `through (${through}) is before from (${from})`);
    }
    const rows: SegmentRow[] = await this.dataSource.query(
      `SELECT ${SEGMENT_COLUMNS}
        WHERE s.recorded @> $3::timestamptz AND s.effective && daterange($1::date, $2::date, '[]')
          AND lower(s.effective) BETWEEN $1::date AND $2::date
        ORDER BY lower(s.effective), p.section, p.key`,
      [from, through, knownAt],
    );
    return rows.map((row) => toVersion(row, knownAt));
  }

  /** Every ledger row of a policy, oldest record first: the whole history an auditor can replay. */
  async ledger(key: string): Promise<LedgerEntryModel[]> {
    const policy = await this.policy(key);
    const rows: SegmentRow[] = await this.dataSource.query(
      `SELECT ${SEGMENT_COLUMNS} WHERE s.policy_id = $1 ORDER BY lower(s.recorded), lower(s.effective), s.id`,
      [policy.id],
    );
    return rows.map((row) => {
      const segment = fromDateRangeLiteral(row.segmentEffective);
      return {
        id: row.segmentId,
        effectiveFrom: segment.effectiveFrom,
        effectiveThrough: segment.effectiveThrough,
        recordedAt: row.recordedAt,
        supersededAt: row.supersededAt,
        version: toVersion(row, null),
      };
    });
  }
}

/**
 * `knownAt` set: the answer as the record stood then, so supersededAt is what was known then (null: a later
 * change must not alter an earlier answer). `knownAt` null: the ledger's own view with every closed row.
 */
function toVersion(row: SegmentRow, knownAt: Date | null): PolicyVersionModel {
  const segment = fromDateRangeLiteral(row.segmentEffective);
  const own = fromDateRangeLiteral(row.versionEffective);
  return {
    id: row.id,
    policyKey: row.policyKey,
    number: row.number,
    status: 'PUBLISHED',
    effectiveFrom: segment.effectiveFrom,
    effectiveThrough: segment.effectiveThrough,
    versionEffectiveFrom: own.effectiveFrom,
    versionEffectiveThrough: own.effectiveThrough,
    content: row.content,
    summary: row.summary,
    demo: row.demo,
    recordedAt: row.recordedAt,
    supersededAt: knownAt ? null : row.supersededAt,
  };
}
