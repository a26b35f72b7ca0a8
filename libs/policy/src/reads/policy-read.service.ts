import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { CLOCK, DomainError, ReadFreshness, requestNow, requestWrote } from '@policy-cms/common';
import { CalendarDate, Clock, compareDates, todayInTokyo } from '@policy-cms/temporal';
import { PolicyModel } from '../models/policy.model';
import { PolicyVersionModel } from '../models/policy-version.model';
import { LedgerEntryModel } from '../models/ledger-entry.model';
import { LEDGER_WRITE_LOCK, LedgerWriteObserver, RECORD_SETTLE_MS } from '../ledger/ledger.service';
import { LedgerReadModel, ReadModelStats } from './read-model';
import { PolicyRow, ReadRouter, SqlReads } from './sql-reads';

/** The question every public read answers: which day, and as the record stood when. */
export interface MomentQuestion {
  /** The day asked about, in Japan's calendar; default today in Tokyo. */
  on?: CalendarDate | null;
  /** The instant whose record is read; default now. Later than now is refused. */
  knownAt?: Date | null;
}

export interface Moment {
  on: CalendarDate;
  knownAt: Date;
}

/** Every policy's version in force at one moment, and the latest record instant the answer reflects. */
export interface RulesSnapshot extends Moment {
  /** The latest ledger record instant at or before knownAt (null: nothing recorded by then). */
  watermark: Date | null;
  rules: PolicyVersionModel[];
}

/** One policy's version in force at one moment (null: none), and the latest record instant of its ledger it reflects. */
export interface PolicySnapshot extends Moment {
  watermark: Date | null;
  policy: PolicyModel;
  version: PolicyVersionModel | null;
}

/** How the public reads are served; provided by the application (libs may not read its configuration). */
export const READ_PATH_OPTIONS = Symbol('READ_PATH_OPTIONS');

export interface ReadPathOptions {
  /** Answer from the in-memory read model (default); false: every read asks PostgreSQL. */
  readModel: boolean;
  /** Bound of the model's cache of answers about the past, in bytes. */
  pastCacheBytes: number;
  /** Hold every superseded version too, so that the past is answered from memory (READ_HISTORY; default true). */
  holdHistory?: boolean;
  /** Where as-of statements about a confirmed past may go (streaming replicas). */
  router?: ReadRouter;
}

const DEFAULT_OPTIONS: ReadPathOptions = { readModel: true, pastCacheBytes: 64 * 1024 * 1024, holdHistory: true };

/** How long a read waits for a publication in flight (which commits in milliseconds) before answering UNAVAILABLE. */
const SETTLE_WAIT_MS = 10_000;
const LOCK_NOT_AVAILABLE = '55P03';

// Migration 0011's indexes on lower(recorded) and upper(recorded) answer each half with one index probe.
const LEDGER_WATERMARK = `
  SELECT greatest((SELECT max(lower(recorded)) FROM ledger_segment WHERE lower(recorded) <= $1::timestamptz),
                  (SELECT max(upper(recorded)) FROM ledger_segment WHERE upper(recorded) <= $1::timestamptz)) AS at`;
const POLICY_WATERMARK = `
  SELECT greatest(max(lower(recorded)), max(upper(recorded)) FILTER (WHERE upper(recorded) <= $1::timestamptz)) AS at
    FROM ledger_segment WHERE policy_id = $2::bigint AND lower(recorded) <= $1::timestamptz`;

/**
 * The public reads: what was in force, as the record stood at a moment. One call per resolver: each method settles
 * its moment itself, then answers from the read model (memory) when it is serving, else from the ledger in SQL.
 */
@Injectable()
export class PolicyReadService implements ReadFreshness, LedgerWriteObserver, OnApplicationBootstrap, OnModuleDestroy {
  private readonly pool: Pool;
  private readonly sql: SqlReads;
  private readonly model: LedgerReadModel | null;
  private readonly logger = new Logger('ReadModel');

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(READ_PATH_OPTIONS) options: ReadPathOptions | null,
  ) {
    const settings = options ?? DEFAULT_OPTIONS;
    // TypeORM's pool itself: node-postgres prepares named statements once per connection.
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    this.pool = pool;
    this.sql = new SqlReads(pool, settings.router);
    const url = (dataSource.options as { url?: string }).url;
    this.model =
      settings.readModel && url
        ? new LedgerReadModel(
            pool,
            // The same session settings as the pool's; keepalive so that a silently dead listener is noticed.
            { connectionString: url, options: '-c timezone=UTC', keepAlive: true, application_name: 'policy-cms read model' },
            this.sql,
            clock,
            { log: (message) => this.logger.log(message), warn: (message) => this.logger.warn(message) },
            { pastCacheBytes: settings.pastCacheBytes, holdHistory: settings.holdHistory ?? true },
          )
        : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.model?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.model?.close();
  }

  async policies(): Promise<PolicyModel[]> {
    return this.model?.serving ? this.model.policies() : this.sql.policies();
  }

  async inForce(key: string, question: MomentQuestion = {}): Promise<PolicyVersionModel | null> {
    const { on, knownAt, model } = await this.moment(question);
    if (model) return model.inForce(key, on, knownAt);
    return this.sql.inForce((await this.sql.policy(key)).id, on, knownAt);
  }

  /** The versions of several policies in force at one moment, keyed by policy key (absent when none is). */
  async inForceByKey(keys: readonly string[], question: MomentQuestion = {}): Promise<Map<string, PolicyVersionModel>> {
    const { on, knownAt, model } = await this.moment(question);
    if (model) return model.inForceByKey(keys, on, knownAt);
    const policies = (await this.sql.policies()).filter((policy) => keys.includes(policy.key));
    const answers = await this.sql.inForceOfPolicies(policies.map((policy) => policy.id), on, knownAt);
    return new Map(answers.map((answer) => [answer.policyKey, answer]));
  }

  async rulesInForce(question: MomentQuestion = {}): Promise<PolicyVersionModel[]> {
    const { on, knownAt, model } = await this.moment(question);
    return model ? model.rulesInForce(on, knownAt) : this.sql.rulesInForce(on, knownAt);
  }

  async timeline(key: string, knownAt?: Date | null): Promise<PolicyVersionModel[]> {
    const moment = await this.moment({ knownAt });
    if (moment.model) return moment.model.timeline(key, moment.knownAt);
    return this.sql.timeline((await this.sql.policy(key)).id, moment.knownAt);
  }

  async changesBetween(from: CalendarDate, through: CalendarDate, knownAt?: Date | null): Promise<PolicyVersionModel[]> {
    if (compareDates(from, through) > 0) {
      throw DomainError.badInput('through', `through (${through}) is before from (${from})`);
    }
    const moment = await this.moment({ knownAt });
    if (moment.model) return moment.model.changesBetween(from, through, moment.knownAt);
    return this.sql.changesBetween(from, through, moment.knownAt);
  }

  /**
   * Every ledger row of a policy, oldest record first: the whole history an auditor can replay (always SQL), as the
   * record stood at the request's instant, so that it agrees with the other fields of the same document: a row
   * recorded after the instant is left out, and a row superseded after it is still shown as the record.
   */
  async ledger(key: string): Promise<LedgerEntryModel[]> {
    const policy = await this.policy(key);
    const { knownAt } = await this.moment({});
    const rows = await this.sql.ledger(policy.id);
    const at = knownAt.getTime();
    const asKnown = (instant: Date | null) => (instant && instant.getTime() <= at ? instant : null);
    return rows
      .filter((row) => row.recordedAt.getTime() <= at)
      .map((row) => ({
        ...row,
        supersededAt: asKnown(row.supersededAt),
        version: { ...row.version, supersededAt: asKnown(row.version.supersededAt) },
      }));
  }

  async policy(key: string): Promise<PolicyRow> {
    return this.model?.serving ? this.model.policy(key) : this.sql.policy(key);
  }

  /** rulesInForce with the watermark read at the same settled moment (the snapshots over plain HTTP). */
  async rulesSnapshot(question: MomentQuestion = {}): Promise<RulesSnapshot> {
    const { on, knownAt, model } = await this.moment(question);
    const rules = model ? await model.rulesInForce(on, knownAt) : await this.sql.rulesInForce(on, knownAt);
    const watermark = await this.watermarkAt(knownAt, model, null);
    return { on, knownAt, watermark, rules };
  }

  /** inForce with the policy itself and its own watermark, read at the same settled moment. */
  async policySnapshot(key: string, question: MomentQuestion = {}): Promise<PolicySnapshot> {
    const { on, knownAt, model } = await this.moment(question);
    const row = model ? model.policy(key) : await this.sql.policy(key);
    const version = model ? await model.inForce(key, on, knownAt) : await this.sql.inForce(row.id, on, knownAt);
    const watermark = await this.watermarkAt(knownAt, model, row);
    const policy: PolicyModel = { key: row.key, kind: row.kind, title: row.title, section: row.section };
    return { on, knownAt, watermark, policy, version };
  }

  /**
   * The latest record instant at or before `knownAt`, of one policy's ledger rows or of every row: from memory when
   * nothing in scope changed after `knownAt`, else from the ledger (a row's opening and its closing both count).
   */
  private async watermarkAt(knownAt: Date, model: LedgerReadModel | null, policy: PolicyRow | null): Promise<Date | null> {
    const known = model?.watermarkAt(knownAt, policy ? [policy.key] : undefined);
    if (known !== undefined) return known === null ? null : new Date(known);
    const { rows } = await this.pool.query<{ at: Date | null }>(
      policy
        ? { name: 'policy-cms.reads.policyWatermark', text: POLICY_WATERMARK, values: [knownAt.toISOString(), policy.id] }
        : { name: 'policy-cms.reads.ledgerWatermark', text: LEDGER_WATERMARK, values: [knownAt.toISOString()] },
    );
    return rows[0]?.at ? new Date(rows[0].at) : null;
  }

  // --- ReadFreshness: the HTTP edge's seam ---------------------------------------------------------------------

  async settledState(instant: Date): Promise<string> {
    if (!this.model || !(await this.model.settle(instant))) {
      throw new DomainError('UNAVAILABLE', 'the read model is reloading; the answer is computed from the database');
    }
    return this.model.token(instant)!;
  }

  /**
   * The state "as of now" answers are given from, settled to within `toleranceMs` of `now` (see
   * LedgerReadModel.settleRecent); UNAVAILABLE while the model is not serving.
   */
  async settledRecentState(now: Date, toleranceMs: number): Promise<string> {
    if (!this.model || !(await this.model.settleRecent(now, toleranceMs))) {
      throw new DomainError('UNAVAILABLE', 'the read model is reloading; the answer is computed from the database');
    }
    return this.model.token()!;
  }

  currentState(): string | undefined {
    return this.model?.token();
  }

  recordStateAt(instant: Date): string | undefined {
    return this.model?.serving ? this.model.recordStateAt(instant) : undefined;
  }

  /** LedgerWriteObserver: a ledger write in this process holds the lock; the next read here waits for it and sees it. */
  writing(recordedAt: Date): void {
    requestWrote();
    this.model?.writing(recordedAt);
  }

  stats(): { readModel: ReadModelStats | null } {
    return { readModel: this.model?.stats() ?? null };
  }

  /**
   * Fills in the defaults (today in Tokyo, now), refuses a knownAt in the future, which has no record yet, and
   * settles the moment: the answer for it can no longer change when a publish in flight commits. "Now" is the
   * request's one instant (requestNow), so that every field of a document answers from one state of the record.
   */
  private async moment(question: MomentQuestion): Promise<Moment & { model: LedgerReadModel | null }> {
    const now = requestNow(() => this.clock.now());
    const { knownAt } = question;
    if (knownAt && knownAt.getTime() > now.getTime()) {
      throw DomainError.badInput('knownAt', `knownAt ${knownAt.toISOString()} is in the future; the record ends at now`);
    }
    const moment = { on: question.on ?? todayInTokyo({ now: () => now }), knownAt: knownAt ?? now };
    if (this.model && (await this.model.settle(moment.knownAt))) return { ...moment, model: this.model };
    await this.settleInSql(moment.knownAt, now);
    return { ...moment, model: null };
  }

  /**
   * Without the model: a ledger write takes its record instant under LEDGER_WRITE_LOCK and holds it until it commits.
   * Waiting for the lock (shared, released at once) waits for every write whose instant could be at or before
   * `knownAt`. Writes commit within RECORD_SETTLE_MS of their instant, so an older knownAt pays nothing.
   */
  private async settleInSql(knownAt: Date, now: Date): Promise<void> {
    if (now.getTime() - knownAt.getTime() > RECORD_SETTLE_MS) return;
    try {
      await this.pool.query(`SELECT set_config('lock_timeout', $2, true), pg_advisory_xact_lock_shared($1::bigint)`, [
        String(LEDGER_WRITE_LOCK),
        `${SETTLE_WAIT_MS}ms`,
      ]);
    } catch (error) {
      if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
      throw new DomainError('UNAVAILABLE', 'a publication is taking unusually long to commit; try again shortly');
    }
  }
}
