import { Inject, Injectable, Optional } from '@nestjs/common';
import type { PoolClient, QueryResultRow } from 'pg';
import { EntityManager } from 'typeorm';
import { CLOCK, DomainError, RECORD_SETTLE_MS, asDomainError } from '@policy-cms/common';
import {
  CalendarDate,
  Clock,
  Publication,
  Segment,
  diffTimelines,
  paintTimeline,
  toDateRangeLiteral,
} from '@policy-cms/temporal';

export interface LedgerChange {
  policyId: string;
  /** The record instant at which the change took effect in the ledger. */
  recordedAt: Date;
  closed: Segment[];
  opened: Segment[];
}

export interface LedgerWriteOptions {
  /**
   * The record instant to write; defaults to the clock's now. Only the demo loader passes one, to load history
   * with its real record times. It must move forward: earlier than the policy's last record instant is refused.
   */
  recordedAt?: Date;
}

/**
 * A write waits at most CLOCK_SKEW_MS + this (monotonic time) for its clock to pass the lock's reading + CLOCK_SKEW_MS;
 * a clock that has not moved at all for INSTANT_STANDING_MS is taken to stand still (a test's scripted clock).
 */
const INSTANT_PATIENCE_MS = 50;
const INSTANT_STANDING_MS = 3;

/** Key of the advisory lock under which record instants are taken ('ledger' in ASCII). */
export const LEDGER_WRITE_LOCK = 0x6c6564676572;
/** Bound of each statement, lock wait and idle pause of a ledger-writing transaction after its record instant. */
const STATEMENT_BOUND_MS = 10_000;
// RECORD_SETTLE_MS (libs/contract) is how long after its instant a write can still commit: a handful of statements,
// each bounded by STATEMENT_BOUND_MS, with room to spare. Reads of an instant older than that never wait.
export { RECORD_SETTLE_MS };

/** How ledger writes order their record instants against other instances' reads; provided by the application. */
export const LEDGER_CLOCK_OPTIONS = Symbol('LEDGER_CLOCK_OPTIONS');

export interface LedgerClockOptions {
  /**
   * The most the clocks of the hosts running the API may disagree, in milliseconds (CLOCK_SKEW_MS; 0: one host).
   * See LedgerService.instantAfterLock.
   */
  clockSkewMs: number;
}

/** Told when a ledger write in this process holds the write lock (the read model: see PolicyReadService). */
export const LEDGER_WRITE_OBSERVER = Symbol('LEDGER_WRITE_OBSERVER');

export interface LedgerWriteObserver {
  /** The write holds LEDGER_WRITE_LOCK and records at `recordedAt`. */
  writing(recordedAt: Date): void;
}

interface OpenRow extends Segment {
  id: string;
}

/**
 * Every statement of a ledger write. Each runs as a named (prepared) statement on the transaction's connection:
 * planned once per connection, then only executed. A publish runs seven of them; sent unnamed through TypeORM, they
 * cost 1.7 ms more of a 12.5 ms publish on a policy with 1,000 versions (`npm run bench:publish`, trace).
 */
const STATEMENTS = {
  // NOWAIT: a second writer on the same policy is told CONFLICT at once instead of painting over unseen work.
  // NO KEY UPDATE does not conflict with the key-share lock that inserting a draft of the policy takes.
  lockPolicy: `
    SELECT id AS "policyId" FROM policy
     WHERE id IN (SELECT policy_id FROM policy_version WHERE id = ANY($1::uuid[]))
       FOR NO KEY UPDATE NOWAIT`,
  // The bounds are set in a subquery, so they hold before the lock is waited for (lock_timeout bounds that wait).
  writeLock: `
    SELECT pg_advisory_xact_lock($2::bigint), ledger_latest_instant($3) AS latest
      FROM (SELECT set_config('statement_timeout', $1, true), set_config('lock_timeout', $1, true),
                   set_config('idle_in_transaction_session_timeout', $1, true)) AS bounded`,
  publish: `
    UPDATE policy_version
       SET status = 'PUBLISHED', publication_seq = nextval('policy_publication_seq'), published_at = $3, updated_at = $3
     WHERE id = $1 AND policy_id = $2 AND status NOT IN ('PUBLISHED', 'WITHDRAWN')
 RETURNING id AS "versionId", lower(effective)::text AS "effectiveFrom", (upper(effective) - 1)::text AS "effectiveThrough"`,
  withdraw: `
    UPDATE policy_version SET status = 'WITHDRAWN', withdrawn_at = $3, updated_at = $3
     WHERE id = $1 AND policy_id = $2 AND status = 'PUBLISHED'
 RETURNING id`,
  // First and last days computed by PostgreSQL, so a thousand versions cost no range parsing here (the painter checks
  // the dates); two plain reads cost less than one that sorts both together.
  publications: `
    SELECT id AS "versionId", lower(effective)::text AS "effectiveFrom",
           (upper(effective) - 1)::text AS "effectiveThrough"
      FROM policy_version WHERE policy_id = $1 AND status = 'PUBLISHED' ORDER BY publication_seq`,
  openRows: `
    SELECT id, version_id AS "versionId", lower(effective)::text AS "effectiveFrom",
           (upper(effective) - 1)::text AS "effectiveThrough"
      FROM ledger_segment WHERE policy_id = $1 AND upper_inf(recorded) ORDER BY lower(effective)`,
  // The open rows whose days a range touches; $2 is the range as a daterange literal.
  openRowsOverlapping: `
    SELECT id, version_id AS "versionId", lower(effective)::text AS "effectiveFrom",
           (upper(effective) - 1)::text AS "effectiveThrough"
      FROM ledger_segment WHERE policy_id = $1 AND upper_inf(recorded) AND effective && $2::daterange
     ORDER BY lower(effective)`,
  closeRows: `UPDATE ledger_segment SET recorded = tstzrange(lower(recorded), $2, '[)') WHERE id = ANY($1::bigint[])`,
  openSegments: `
    INSERT INTO ledger_segment (policy_id, version_id, effective, recorded)
    SELECT $1, version_id, effective::daterange, tstzrange($2, NULL, '[)')
      FROM unnest($3::uuid[], $4::text[]) AS segment (version_id, effective)`,
} as const;

/**
 * Publishing and withdrawing, the only writes to the ledger. Each runs inside the caller's transaction,
 * serialised per policy by a row lock taken without waiting: a concurrent writer gets CONFLICT, never a
 * half-written ledger. The timeline is recomputed from the ordered publications (a pure function) and only the
 * difference is written: changed rows get their record time closed, new segments are inserted.
 */
@Injectable()
export class LedgerService {
  private readonly clockSkewMs: number;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(LEDGER_WRITE_OBSERVER) private readonly observer: LedgerWriteObserver | null = null,
    @Optional() @Inject(LEDGER_CLOCK_OPTIONS) clockOptions: LedgerClockOptions | null = null,
  ) {
    this.clockSkewMs = clockOptions?.clockSkewMs ?? 0;
  }

  /** Publishes the given versions of one policy, in this order, at one record instant. */
  async publish(manager: EntityManager, versionIds: readonly string[], options: LedgerWriteOptions = {}): Promise<LedgerChange> {
    return this.write(manager, versionIds, options, async (policyId, at) => {
      const published: Publication[] = [];
      for (const versionId of versionIds) {
        const [row] = await run<Publication>(manager, 'publish', [versionId, policyId, at]);
        if (!row) throw DomainError.conflict(`version ${versionId} is already published or withdrawn`);
        published.push(row);
      }
      // One version published: it is the last publication, so it covers every earlier one on its days and leaves
      // every other day as it was. Only the open rows its range touches can change.
      return published.length === 1 ? published[0] : null;
    });
  }

  /** Withdraws a published version: the days it covered go back to whatever was under it. */
  async withdraw(manager: EntityManager, versionId: string, options: LedgerWriteOptions = {}): Promise<LedgerChange> {
    return this.write(manager, [versionId], options, async (policyId, at) => {
      const updated = await run(manager, 'withdraw', [versionId, policyId, at]);
      if (updated.length === 0) throw DomainError.conflict(`version ${versionId} is not published, so it cannot be withdrawn`);
      return null;
    });
  }

  private async write(
    manager: EntityManager,
    versionIds: readonly string[],
    options: LedgerWriteOptions,
    changeStatuses: (policyId: string, at: Date) => Promise<Publication | null>,
  ): Promise<LedgerChange> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('ledger writes must run inside a transaction');
    }
    try {
      const policyId = await this.lockPolicyOf(manager, versionIds);
      const latest = await this.takeWriteLock(manager, policyId);
      const at = options.recordedAt ?? (await this.instantAfterLock());
      this.observer?.writing(at);
      assertRecordTimeMovesForward(latest, at);
      const onTop = await changeStatuses(policyId, at);
      return onTop ? await this.paintOver(manager, policyId, at, onTop) : await this.recompute(manager, policyId, at);
    } catch (error) {
      throw asDomainError(error);
    }
  }

  /**
   * The record instant of a write that holds the write lock: the first reading of this process's clock later than
   * (the reading when the lock was granted + CLOCK_SKEW_MS). Every read that confirmed an instant (a barrier: the
   * lock taken shared) read its clock before it took the lock, so before this write was granted it: on one clock,
   * at or before the reading here. Within the same millisecond is not enough, because a read "as of" that
   * millisecond would then miss a write recorded in it. So the instant waits for the next millisecond, and for
   * the clocks' disagreement on top when instances run on several hosts: no answer already given about a
   * confirmed instant can change when this write commits. The wait (1 ms on one host) is held under the lock;
   * writes are rare, reads are not.
   *
   * The wait is timed by the monotonic clock, so a timer that fires early only means one more round. A clock that
   * has not moved at all while INSTANT_STANDING_MS passed is a scripted one that stands still (tests: one process,
   * no other instance to order against), and its reading is the instant. A clock that moved but is still not past
   * the bound when the patience is spent went backwards: the write is refused (UNAVAILABLE) rather than recorded
   * at an instant a read may already have answered for.
   */
  private async instantAfterLock(): Promise<Date> {
    const granted = this.clock.now().getTime();
    const after = granted + this.clockSkewMs;
    const started = performance.now();
    const patience = this.clockSkewMs + INSTANT_PATIENCE_MS;
    let now = this.clock.now();
    while (now.getTime() <= after) {
      const waited = performance.now() - started;
      if (now.getTime() === granted && waited >= INSTANT_STANDING_MS) return now;
      if (waited >= patience) {
        throw new DomainError('UNAVAILABLE', 'this instance’s clock went backwards while it recorded a change; try again shortly');
      }
      await new Promise((done) => setTimeout(done, Math.min(after - now.getTime() + 1, patience - waited + 1)));
      now = this.clock.now();
    }
    return now;
  }

  private async lockPolicyOf(manager: EntityManager, versionIds: readonly string[]): Promise<string> {
    if (versionIds.length === 0) throw new Error('nothing to publish');
    const rows = await run<{ policyId: string }>(manager, 'lockPolicy', [versionIds]);
    if (rows.length === 0) throw DomainError.notFound('policy version');
    if (rows.length > 1) throw new Error('one ledger write concerns one policy');
    return rows[0].policyId;
  }

  /**
   * Bounds the rest of the transaction, takes the ledger's write lock and reads the policy's last record instant, in
   * one round trip. The record instant is taken after this, under the lock, which is held until commit: a reader of
   * an instant at or after it waits for the commit (settle), so no answer for a past knownAt changes when a publish
   * commits. Every statement from then to the commit is bounded by STATEMENT_BOUND_MS, so a record instant is never
   * committed later than RECORD_SETTLE_MS after it was taken: readers of older instants need not wait for anyone.
   *
   * The last instant is read in this statement's snapshot, which may predate the lock: that is enough, because only
   * a holder of the policy's row lock writes its ledger rows, and every earlier holder committed before we took it.
   */
  private async takeWriteLock(manager: EntityManager, policyId: string): Promise<Date | null> {
    const bound = `${STATEMENT_BOUND_MS}ms`;
    const [{ latest }] = await run<{ latest: Date | null }>(manager, 'writeLock', [bound, LEDGER_WRITE_LOCK, policyId]);
    return latest;
  }

  /** Repaints the policy's timeline from all its publications and writes the difference with its open rows. */
  private async recompute(manager: EntityManager, policyId: string, at: Date): Promise<LedgerChange> {
    const publications = await run<Publication>(manager, 'publications', [policyId]);
    const open = await run<OpenRow>(manager, 'openRows', [policyId]);
    // diffTimelines hands back the open rows themselves, ids included, in their order of effective time.
    return this.writeDifference(manager, policyId, at, open, paintTimeline(publications));
  }

  /**
   * The same result as recompute when `top` is the policy's newest publication, from the open rows its days touch
   * alone: painted in their (disjoint) order and `top` over them, they give the new timeline on those rows' days and
   * `top`'s; every other day keeps its row. The touched rows are cut where `top` starts and ends, never merged with a
   * neighbour: a row's neighbours are of other versions (the ledger keeps runs maximal), and `top`'s version had no
   * row. On a policy with 1,000 versions this reads a handful of rows instead of two thousand.
   */
  private async paintOver(manager: EntityManager, policyId: string, at: Date, top: Publication): Promise<LedgerChange> {
    const touched = await run<OpenRow>(manager, 'openRowsOverlapping', [policyId, toDateRangeLiteral(top)]);
    return this.writeDifference(manager, policyId, at, touched, paintTimeline<string>([...touched, top]));
  }

  private async writeDifference(
    manager: EntityManager,
    policyId: string,
    at: Date,
    open: readonly OpenRow[],
    painted: readonly Segment[],
  ): Promise<LedgerChange> {
    const { closed, opened } = diffTimelines(open, painted);
    if (closed.length > 0) await run(manager, 'closeRows', [closed.map((row) => row.id), at]);
    if (opened.length > 0) {
      const ranges = opened.map((segment) => toDateRangeLiteral(segment));
      await run(manager, 'openSegments', [policyId, at, opened.map((segment) => segment.versionId), ranges]);
    }
    return { policyId, recordedAt: at, closed: closed.map(stripId), opened };
  }
}

/** A statement of STATEMENTS, named, on the connection of the caller's transaction (the same one TypeORM uses). */
async function run<T extends QueryResultRow = QueryResultRow>(
  manager: EntityManager,
  statement: keyof typeof STATEMENTS,
  values: unknown[],
): Promise<T[]> {
  if (!manager.queryRunner) throw new Error('ledger writes must run inside a transaction');
  const connection = (await manager.queryRunner.connect()) as PoolClient;
  const named = { name: `policy-cms.ledger.${statement}`, text: STATEMENTS[statement], values };
  return (await connection.query<T>(named)).rows;
}

function assertRecordTimeMovesForward(latest: Date | null, at: Date): void {
  if (latest && latest.getTime() >= at.getTime()) {
    throw DomainError.conflict(
      `the record time ${at.toISOString()} is not after the policy's last record time ${latest.toISOString()}`,
    );
  }
}

function stripId({ versionId, effectiveFrom, effectiveThrough }: Segment): Segment {
  return { versionId, effectiveFrom: effectiveFrom as CalendarDate, effectiveThrough };
}
