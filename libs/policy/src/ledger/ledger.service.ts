import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CLOCK, DomainError, RECORD_SETTLE_MS, asDomainError } from '@policy-cms/common';
import {
  CalendarDate,
  Clock,
  Publication,
  Segment,
  diffTimelines,
  fromDateRangeLiteral,
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

/** Key of the advisory lock under which record instants are taken ('ledger' in ASCII). */
export const LEDGER_WRITE_LOCK = 0x6c6564676572;
/** Bound of each statement, lock wait and idle pause of a ledger-writing transaction after its record instant. */
const STATEMENT_BOUND_MS = 10_000;
// RECORD_SETTLE_MS (libs/contract) is how long after its instant a write can still commit: a handful of statements,
// each bounded by STATEMENT_BOUND_MS, with room to spare. Reads of an instant older than that never wait.
export { RECORD_SETTLE_MS };

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
 * Publishing and withdrawing, the only writes to the ledger. Each runs inside the caller's transaction,
 * serialised per policy by a row lock taken without waiting: a concurrent writer gets CONFLICT, never a
 * half-written ledger. The timeline is recomputed from the ordered publications (a pure function) and only the
 * difference is written: changed rows get their record time closed, new segments are inserted.
 */
@Injectable()
export class LedgerService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(LEDGER_WRITE_OBSERVER) private readonly observer: LedgerWriteObserver | null = null,
  ) {}

  /** Publishes the given versions of one policy, in this order, at one record instant. */
  async publish(manager: EntityManager, versionIds: readonly string[], options: LedgerWriteOptions = {}): Promise<LedgerChange> {
    return this.write(manager, versionIds, options, async (policyId, at) => {
      for (const versionId of versionIds) {
        // TypeORM answers an UPDATE with [rows, rowCount]: the rows are the first element.
        const [updated]: [unknown[], number] = await manager.query(
          `UPDATE policy_version
              SET status = 'PUBLISHED', publication_seq = nextval('policy_publication_seq'), published_at = $3,
                  updated_at = $3
            WHERE id = $1 AND policy_id = $2 AND status NOT IN ('PUBLISHED', 'WITHDRAWN')
        RETURNING id`,
          [versionId, policyId, at],
        );
        if (updated.length === 0) throw DomainError.conflict(`version ${versionId} is already published or withdrawn`);
      }
    });
  }

  /** Withdraws a published version: the days it covered go back to whatever was under it. */
  async withdraw(manager: EntityManager, versionId: string, options: LedgerWriteOptions = {}): Promise<LedgerChange> {
    return this.write(manager, [versionId], options, async (policyId, at) => {
      const [updated]: [unknown[], number] = await manager.query(
        `UPDATE policy_version SET status = 'WITHDRAWN', withdrawn_at = $3, updated_at = $3
          WHERE id = $1 AND policy_id = $2 AND status = 'PUBLISHED'
      RETURNING id`,
        [versionId, policyId, at],
      );
      if (updated.length === 0) throw DomainError.conflict(`version ${versionId} is not published, so it cannot be withdrawn`);
    });
  }

  private async write(
    manager: EntityManager,
    versionIds: readonly string[],
    options: LedgerWriteOptions,
    changeStatuses: (policyId: string, at: Date) => Promise<void>,
  ): Promise<LedgerChange> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('ledger writes must run inside a transaction');
    }
    try {
      const policyId = await this.lockPolicyOf(manager, versionIds);
      // Every statement from here to the commit is bounded, so a record instant is never committed later than
      // RECORD_SETTLE_MS after it was taken: readers of older instants need not wait for anyone (see settle()).
      await manager.query(
        `SELECT set_config('statement_timeout', $1, true), set_config('lock_timeout', $1, true),
                set_config('idle_in_transaction_session_timeout', $1, true)`,
        [`${STATEMENT_BOUND_MS}ms`],
      );
      // The record instant is taken under the ledger's write lock, held until commit: a reader of an instant at or
      // after it waits for the commit (settle), so no answer for a past knownAt changes when a publish commits.
      await manager.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [LEDGER_WRITE_LOCK]);
      const at = options.recordedAt ?? this.clock.now();
      this.observer?.writing(at);
      await this.assertRecordTimeMovesForward(manager, policyId, at);
      await changeStatuses(policyId, at);
      return await this.recompute(manager, policyId, at);
    } catch (error) {
      throw asDomainError(error);
    }
  }

  private async lockPolicyOf(manager: EntityManager, versionIds: readonly string[]): Promise<string> {
    if (versionIds.length === 0) throw new Error('nothing to publish');
    const rows: { policyId: string }[] = await manager.query(
      `SELECT DISTINCT policy_id AS "policyId" FROM policy_version WHERE id = ANY($1::uuid[])`,
      [versionIds],
    );
    if (rows.length === 0) throw DomainError.notFound('policy version');
    if (rows.length > 1) throw new Error('one ledger write concerns one policy');
    // NOWAIT: a second writer on the same policy is told CONFLICT at once instead of painting over unseen work.
    // NO KEY UPDATE does not conflict with the key-share lock that inserting a draft of the policy takes.
    await manager.query(`SELECT id FROM policy WHERE id = $1 FOR NO KEY UPDATE NOWAIT`, [rows[0].policyId]);
    return rows[0].policyId;
  }

  private async assertRecordTimeMovesForward(manager: EntityManager, policyId: string, at: Date): Promise<void> {
    const [{ latest }] = await manager.query(
      `SELECT max(greatest(lower(recorded), coalesce(upper(recorded), lower(recorded)))) AS latest
         FROM ledger_segment WHERE policy_id = $1`,
      [policyId],
    );
    if (latest && new Date(latest).getTime() >= at.getTime()) {
      throw DomainError.conflict(
        `the record time ${at.toISOString()} is not after the policy's last record time ${new Date(latest).toISOString()}`,
      );
    }
  }

  private async recompute(manager: EntityManager, policyId: string, at: Date): Promise<LedgerChange> {
    const publications: Publication[] = (
      await manager.query(
        `SELECT id, effective::text AS effective FROM policy_version
          WHERE policy_id = $1 AND status = 'PUBLISHED' ORDER BY publication_seq`,
        [policyId],
      )
    ).map((row: { id: string; effective: string }) => ({ versionId: row.id, ...fromDateRangeLiteral(row.effective) }));
    const open: OpenRow[] = (
      await manager.query(
        `SELECT id, version_id AS "versionId", effective::text AS effective FROM ledger_segment
          WHERE policy_id = $1 AND upper_inf(recorded) ORDER BY lower(effective)`,
        [policyId],
      )
    ).map((row: { id: string; versionId: string; effective: string }) => ({
      id: row.id,
      versionId: row.versionId,
      ...fromDateRangeLiteral(row.effective),
    }));

    const { closed, opened } = diffTimelines(open, paintTimeline(publications));
    const closedIds = open.filter((row) => closed.some((segment) => sameSegment(segment, row))).map((row) => row.id);
    if (closedIds.length > 0) {
      await manager.query(
        `UPDATE ledger_segment SET recorded = tstzrange(lower(recorded), $2, '[)') WHERE id = ANY($1::bigint[])`,
        [closedIds, at],
      );
    }
    if (opened.length > 0) {
      await manager.query(
        `INSERT INTO ledger_segment (policy_id, version_id, effective, recorded)
         SELECT $1, version_id, effective::daterange, tstzrange($2, NULL, '[)')
           FROM unnest($3::uuid[], $4::text[]) AS segment (version_id, effective)`,
        [policyId, at, opened.map((s) => s.versionId), opened.map((s) => toDateRangeLiteral(s))],
      );
    }
    return { policyId, recordedAt: at, closed: closed.map(stripId), opened };
  }
}

function sameSegment(a: Segment, b: Segment): boolean {
  return a.versionId === b.versionId && a.effectiveFrom === b.effectiveFrom && a.effectiveThrough === b.effectiveThrough;
}

function stripId({ versionId, effectiveFrom, effectiveThrough }: Segment): Segment {
  return { versionId, effectiveFrom: effectiveFrom as CalendarDate, effectiveThrough };
}
