import type { Pool, QueryResultRow } from 'pg';
import { DomainError, outsideRequest } from '@policy-cms/common';
import { CalendarDate, fromDateRangeLiteral } from '@policy-cms/temporal';
import type { PolicyModel } from '../models/policy.model';
import type { PolicyVersionModel } from '../models/policy-version.model';
import type { LedgerEntryModel } from '../models/ledger-entry.model';

/** A policy as the read path knows it: its public fields and its internal id. */
export interface PolicyRow extends PolicyModel {
  id: string;
}

/** One ledger row joined to its version, as every as-of query returns it. */
export interface SegmentRow {
  segmentId: string;
  segmentEffective: string;
  recordedAt: Date | string;
  supersededAt: Date | string | null;
  id: string;
  policyKey: string;
  number: number;
  versionEffective: string;
  content: Record<string, unknown>;
  summary: string;
  demo: boolean;
}

/**
 * inForceBatched's statements out at once. Questions that come meanwhile wait for one to come back and then go
 * together, so each statement carries more of them. Measured on the 1M-row ledger, questions no cache holds at 8
 * connections (2026-12-02): one statement per turn 1,215–1,678/s; at most 2 out 1,510–1,986/s; at most 1 out
 * 1,587–2,243/s. Two, so that one slow statement does not hold up every other question about the past.
 */
const BATCHES_IN_FLIGHT = 2;

interface InForceQuestion {
  policyId: string;
  on: CalendarDate;
  knownAt: Date;
  neededSeq: bigint | undefined;
  resolve: (answer: PolicyVersionModel | null) => void;
  reject: (error: unknown) => void;
}

/** A named (prepared) statement: planned once per connection, then only executed. */
export interface Statement {
  name: string;
  text: string;
  values: unknown[];
}

/**
 * Where an as-of statement may run. The primary always can; `replica` may answer a statement only when the replica
 * holds every ledger change up to `neededSeq` (undefined: the replica path is not wired, or declined).
 */
export interface ReadRouter {
  replica?<T>(statement: Statement, neededSeq: bigint): Promise<T[] | undefined>;
}

// The as-of lookups below are answered by the GiST index of the ledger's exclusion constraint.
export const SEGMENT_COLUMNS = `
  s.id::text AS "segmentId", s.effective::text AS "segmentEffective",
  lower(s.recorded) AS "recordedAt", upper(s.recorded) AS "supersededAt",
  v.id, p.key AS "policyKey", v.number, v.effective::text AS "versionEffective", v.content, v.summary, v.demo
  FROM ledger_segment s
  JOIN policy_version v ON v.id = s.version_id
  JOIN policy p ON p.id = s.policy_id`;

const STATEMENTS = {
  policies: `SELECT id::text, key, kind, title, section FROM policy ORDER BY section, key`,
  policy: `SELECT id::text, key, kind, title, section FROM policy WHERE key = $1`,
  inForce: `SELECT ${SEGMENT_COLUMNS} WHERE s.policy_id = $1 AND s.effective @> $2::date AND s.recorded @> $3::timestamptz`,
  // Several (policy, day, instant) questions in one statement: each looked up through the index on its own (LATERAL),
  // numbered so that its answer (at most one row: the exclusion constraint) comes back to it.
  inForceMany: `SELECT q.ord::int AS "ord", x.*
    FROM unnest($1::bigint[], $2::date[], $3::timestamptz[]) WITH ORDINALITY AS q(policy_id, on_day, known_at, ord)
    CROSS JOIN LATERAL (SELECT ${SEGMENT_COLUMNS}
      WHERE s.policy_id = q.policy_id AND s.effective @> q.on_day AND s.recorded @> q.known_at) x`,
  inForceOfPolicies: `SELECT ${SEGMENT_COLUMNS}
    WHERE s.policy_id = ANY($1::bigint[]) AND s.effective @> $2::date AND s.recorded @> $3::timestamptz
    ORDER BY p.section, p.key`,
  rulesInForce: `SELECT ${SEGMENT_COLUMNS}
    WHERE s.effective @> $1::date AND s.recorded @> $2::timestamptz ORDER BY p.section, p.key`,
  timeline: `SELECT ${SEGMENT_COLUMNS}
    WHERE s.policy_id = $1 AND s.recorded @> $2::timestamptz ORDER BY lower(s.effective)`,
  changesBetween: `SELECT ${SEGMENT_COLUMNS}
    WHERE s.recorded @> $3::timestamptz AND s.effective && daterange($1::date, $2::date, '[]')
      AND lower(s.effective) BETWEEN $1::date AND $2::date
    ORDER BY lower(s.effective), p.section, p.key`,
  ledger: `SELECT ${SEGMENT_COLUMNS} WHERE s.policy_id = $1 ORDER BY lower(s.recorded), lower(s.effective), s.id`,
} as const;

/**
 * The public reads as SQL against the append-only ledger: the reference the in-memory read model is tested against,
 * the path while the model is not serving, and the source of answers about a past the model does not hold. Every
 * statement is prepared (named) and answers in one round trip; as-of statements may go to a caught-up replica.
 */
export class SqlReads {
  /** The inForce questions waiting for the next turn of the event loop (inForceBatched). */
  private waiting: InForceQuestion[] = [];
  /** Statements inForceBatched has sent (each for one or more questions). */
  batchStatements = 0;
  private batchesInFlight = 0;
  private askScheduled = false;

  constructor(
    private readonly pool: Pool,
    private readonly router: ReadRouter = {},
  ) {}

  async policies(): Promise<PolicyRow[]> {
    return this.run<PolicyRow>('policies', []);
  }

  async policy(key: string): Promise<PolicyRow> {
    const [policy] = await this.run<PolicyRow>('policy', [key]);
    if (!policy) throw unknownPolicy(key);
    return policy;
  }

  /** `neededSeq`: the ledger change the answer must reflect, for a replica to be allowed to give it. */
  async inForce(policyId: string, on: CalendarDate, knownAt: Date, neededSeq?: bigint): Promise<PolicyVersionModel | null> {
    const [row] = await this.asOf('inForce', [policyId, on, knownAt], neededSeq);
    return row ? toVersion(row, knownAt) : null;
  }

  /**
   * The same answer as inForce, asked together with the other inForce questions of this turn of the event loop: the
   * questions that arrive together (several clients' first questions about the past) cost one round trip and one
   * statement instead of one each, which is most of what such a question costs the database and this process.
   */
  inForceBatched(policyId: string, on: CalendarDate, knownAt: Date, neededSeq?: bigint): Promise<PolicyVersionModel | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ policyId, on, knownAt, neededSeq, resolve, reject });
      this.scheduleAsk();
    });
  }

  /** At the end of this turn, unless BATCHES_IN_FLIGHT statements are out: then when one comes back. */
  private scheduleAsk(): void {
    if (this.askScheduled || this.batchesInFlight >= BATCHES_IN_FLIGHT || this.waiting.length === 0) return;
    this.askScheduled = true;
    // The batch asks for every waiting request: it runs outside the request that happened to schedule it.
    outsideRequest(() =>
      setImmediate(() => {
        this.askScheduled = false;
        if (this.batchesInFlight < BATCHES_IN_FLIGHT && this.waiting.length > 0) void this.askWaiting();
      }),
    );
  }

  private async askWaiting(): Promise<void> {
    const questions = this.waiting;
    this.waiting = [];
    this.batchStatements++;
    this.batchesInFlight++;
    try {
      if (questions.length === 1) {
        const [one] = questions;
        one.resolve(await this.inForce(one.policyId, one.on, one.knownAt, one.neededSeq));
        return;
      }
      // A replica may answer only when it holds what every question needs.
      const seqs = questions.map((question) => question.neededSeq);
      const neededSeq = seqs.includes(undefined) ? undefined : (seqs as bigint[]).reduce((a, b) => (b > a ? b : a));
      const values = [questions.map((q) => q.policyId), questions.map((q) => q.on), questions.map((q) => q.knownAt.toISOString())];
      const rows = (await this.asOf('inForceMany', values, neededSeq)) as (SegmentRow & { ord: number })[];
      const byOrdinal = new Map(rows.map((row) => [row.ord, row]));
      questions.forEach((question, index) => {
        const row = byOrdinal.get(index + 1);
        question.resolve(row ? toVersion(row, question.knownAt) : null);
      });
    } catch (error) {
      for (const question of questions) question.reject(error);
    } finally {
      this.batchesInFlight--;
      this.scheduleAsk();
    }
  }

  async inForceOfPolicies(policyIds: readonly string[], on: CalendarDate, knownAt: Date, neededSeq?: bigint): Promise<PolicyVersionModel[]> {
    const rows = await this.asOf('inForceOfPolicies', [policyIds, on, knownAt], neededSeq);
    return rows.map((row) => toVersion(row, knownAt));
  }

  async rulesInForce(on: CalendarDate, knownAt: Date, neededSeq?: bigint): Promise<PolicyVersionModel[]> {
    return (await this.asOf('rulesInForce', [on, knownAt], neededSeq)).map((row) => toVersion(row, knownAt));
  }

  async timeline(policyId: string, knownAt: Date, neededSeq?: bigint): Promise<PolicyVersionModel[]> {
    return (await this.asOf('timeline', [policyId, knownAt], neededSeq)).map((row) => toVersion(row, knownAt));
  }

  async changesBetween(from: CalendarDate, through: CalendarDate, knownAt: Date, neededSeq?: bigint): Promise<PolicyVersionModel[]> {
    return (await this.asOf('changesBetween', [from, through, knownAt], neededSeq)).map((row) => toVersion(row, knownAt));
  }

  /** Every ledger row of a policy, oldest record first: the whole history an auditor can replay. Always the primary. */
  async ledger(policyId: string): Promise<LedgerEntryModel[]> {
    const rows = await this.run<SegmentRow>('ledger', [policyId]);
    return rows.map((row) => {
      const segment = fromDateRangeLiteral(row.segmentEffective);
      return {
        id: row.segmentId,
        effectiveFrom: segment.effectiveFrom,
        effectiveThrough: segment.effectiveThrough,
        recordedAt: asDate(row.recordedAt)!,
        supersededAt: asDate(row.supersededAt),
        version: toVersion(row, null),
      };
    });
  }

  private async asOf(name: keyof typeof STATEMENTS, values: unknown[], neededSeq: bigint | undefined): Promise<SegmentRow[]> {
    if (neededSeq !== undefined && this.router.replica) {
      const rows = await this.router.replica<SegmentRow>(statement(name, values), neededSeq);
      if (rows) return rows;
    }
    return this.run<SegmentRow>(name, values);
  }

  private async run<T extends QueryResultRow>(name: keyof typeof STATEMENTS, values: unknown[]): Promise<T[]> {
    return (await this.pool.query<T>(statement(name, values))).rows;
  }
}

function statement(name: keyof typeof STATEMENTS, values: unknown[]): Statement {
  return { name: `policy-cms.reads.${name}`, text: STATEMENTS[name], values: values.map(asParameter) };
}

// node-postgres sends a Date in the process's time zone; an ISO instant is the same on every server.
function asParameter(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

export function unknownPolicy(key: string): DomainError {
  return new DomainError('NOT_FOUND', `no policy has the key ${JSON.stringify(key)}`, [{ field: 'key', message: 'unknown policy key' }]);
}

/** Rows from a replica come back as JSON: instants as ISO strings. */
export function asDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}

/**
 * `knownAt` set: the answer as the record stood then, so supersededAt is what was known then (null: a later
 * change must not alter an earlier answer). `knownAt` null: the ledger's own view with every closed row.
 */
export function toVersion(row: SegmentRow, knownAt: Date | null): PolicyVersionModel {
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
    recordedAt: asDate(row.recordedAt),
    supersededAt: knownAt ? null : asDate(row.supersededAt),
  };
}
