import { Client, ClientConfig, Notification, Pool, PoolClient } from 'pg';
import { LRUCache } from 'lru-cache';
import { DomainError, outsideRequest } from '@policy-cms/common';
import { CalendarDate, Clock, compareDates } from '@policy-cms/temporal';
import type { PolicyVersionModel } from '../models/policy-version.model';
import { LEDGER_ROW_COLUMNS, LedgerRows, type LoadedRow, versionFacts } from './ledger-rows';
import { PolicyRow, SqlReads, unknownPolicy } from './sql-reads';

/** The channel migration 0009 notifies on every committed ledger change and every new or changed policy. */
export const LEDGER_CHANNEL = 'policy_cms_ledger';

/** How long the notifications of changes the database already counts may take to arrive before a full reload. */
const NOTIFICATION_WAIT_MS = 2_000;
const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 5_000;
const LOCK_NOT_AVAILABLE = '55P03';
/** Policies loaded per statement (about 100,000 ledger rows on the benchmark's 1M-row ledger). */
const LOAD_CHUNK = 1_000;

export interface ReadModelLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface ReadModelOptions {
  /** Bound of the cache of answers about a past the current timelines do not show, in bytes. */
  pastCacheBytes: number;
  /**
   * Hold the versions of superseded ledger rows as well (READ_HISTORY, default on): every question about the past is
   * then answered from memory. Off: only the current versions are held, and the past is asked of SQL (a caught-up
   * replica where one is configured) and kept in the bounded cache.
   */
  holdHistory: boolean;
}

/** A segment of a policy's current timeline, with the answer it gives prepared once. */
interface CurrentSegment {
  from: CalendarDate;
  through: CalendarDate | null;
  answer: PolicyVersionModel;
}

interface PolicyState {
  row: PolicyRow;
  /** The open ledger rows (as known now), in effective order. */
  segments: CurrentSegment[];
  /** Every ledger row of the policy, superseded ones included (compact): the past, answered from memory. */
  ledger: LedgerRows;
  /** The policy's latest record instant (ms): the current timeline answers every knownAt at or after it. */
  lastAt: number;
  /**
   * Every instant (ms, rounded up) at which the policy's record changed: each ledger row's opening and closing, in
   * order. Between two of them the record of the policy stands still, so every knownAt in between has the same answer.
   */
  instants: number[];
}

type Change = { seq: bigint; policyId: string } | { policies: true; seq?: bigint };

export type ReadModelState = 'starting' | 'serving' | 'resyncing' | 'closed';

export interface ReadModelStats {
  state: ReadModelState;
  /** The ledger change (migration 0009's seq) the model reflects. */
  appliedSeq: string;
  /** Every ledger change recorded up to this instant is reflected (null: not confirmed since the last load). */
  confirmedAt: string | null;
  policies: number;
  segments: number;
  reloads: number;
  /** Barriers run (round trips to confirm an instant): concurrent reads share one. */
  barriers: number;
  /**
   * `statements`: the SQL statements the misses of single policies took; questions that arrive together share one
   * (SqlReads.inForceBatched), and one already asked in the same state is not asked again.
   */
  past: { entries: number; bytes: number; hits: number; misses: number; statements: number; fromMemory: number };
  /** The ledger rows held (every row, superseded ones included), their bytes, and whether their versions are held too. */
  history: { rows: number; bytes: number; versionsHeld: boolean };
}

/**
 * The current timelines of every policy, held in memory and kept current through PostgreSQL LISTEN/NOTIFY, so that
 * the public reads are answered without SQL. It never answers for an instant it has not confirmed:
 *
 * - Changes: each committed ledger change notifies (migration 0009) with its sequence number; the model reloads the
 *   policies it names and counts the highest number applied. A lost listener connection stops serving until it has
 *   reconnected and reloaded everything.
 * - Confirmation: a read "as of" instant T waits until a barrier that started at or after T has passed: it takes the
 *   ledger's write lock shared (so every write whose record instant could be at or before T has committed) and
 *   then reads the database's change count, which the model must have applied. Concurrent reads share one barrier,
 *   so the database sees a few barriers a millisecond however many reads arrive. A read for an instant already
 *   confirmed (any explicit past knownAt, as a rule) waits for nothing.
 * - The past: a policy's current timeline answers every knownAt at or after its last record instant. Earlier
 *   knownAt are answered from every ledger row of the policy, superseded ones included, held compactly (LedgerRows,
 *   48 bytes a row, plus each version once). With READ_HISTORY=0 only the current versions are held, and earlier
 *   knownAt are answered by SQL (a caught-up replica where one is configured) and kept in a bounded LRU cache: an
 *   answer about a confirmed past can never change. changesBetween about the past is always asked of SQL.
 */
export class LedgerReadModel {
  private state: ReadModelState = 'starting';
  private byKey = new Map<string, PolicyState>();
  private byId = new Map<string, PolicyState>();
  private ordered: PolicyState[] = [];
  private appliedSeq = -1n;
  private confirmedAt = Number.NEGATIVE_INFINITY;
  /** The record instant of this process's latest ledger write (settleRecent stays strict until it is confirmed). */
  private lastLocalWriteAt = Number.NEGATIVE_INFINITY;
  private generation = 0;
  private reloads = 0;
  private readonly barrierBounds = new Set<{ below: number }>();
  private barriersRun = 0;
  private latest = { generation: Number.NaN, at: Number.NEGATIVE_INFINITY };
  private readonly epoch = `${process.pid.toString(36)}${Date.now().toString(36)}`;

  private listener: Client | null = null;
  private queue: Change[] = [];
  private draining: Promise<void> = Promise.resolve();
  private reconnectDelayMs = RECONNECT_FIRST_MS;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly seqWaiters = new Set<() => void>();

  private current: { startedAt: number; finished: boolean; done: Promise<void> } | null = null;
  private next: Promise<void> | null = null;

  private readonly past: LRUCache<string, PastEntry>;
  /** Past answers asked of SQL and not yet come back, by the same key as the past cache. */
  private readonly pastAsked = new Map<string, Promise<PolicyVersionModel | null>>();
  /** Every policy's instants merged, worked out once per state (whole-ledger questions about the past). */
  private merged = { generation: Number.NaN, instants: [] as number[] };
  private pastHits = 0;
  private pastMisses = 0;
  private pastFromMemory = 0;
  private readonly holdHistory: boolean;

  constructor(
    private readonly pool: Pool,
    private readonly listenerConfig: ClientConfig,
    private readonly sql: SqlReads,
    private readonly clock: Clock,
    private readonly logger: ReadModelLogger,
    options: ReadModelOptions,
  ) {
    this.holdHistory = options.holdHistory;
    this.past = new LRUCache<string, PastEntry>({
      maxSize: options.pastCacheBytes,
      // A whole rule book may take a quarter of the cache at most, so that it cannot flush every other answer.
      maxEntrySize: Math.max(1, Math.floor(options.pastCacheBytes / 4)),
      sizeCalculation: (entry, key) =>
        key.length + ('answers' in entry ? entry.answers.reduce((sum, answer) => sum + approximateBytes(answer), 16) : entry.answer ? approximateBytes(entry.answer) : 16),
    });
  }

  /** Connects the listener and loads every timeline; reads use SQL until this has finished. */
  async start(): Promise<void> {
    await this.connect();
  }

  async close(): Promise<void> {
    this.state = 'closed';
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    for (const wake of this.seqWaiters) wake();
  }

  get serving(): boolean {
    return this.state === 'serving';
  }

  /**
   * A token naming the answers given now: it changes with every change applied and every reload. Given an instant
   * before the latest record instant (a question about the past, or a clock set back in tests), the answers depend on
   * the record as it stood then, so that state is named (recordStateAt): every instant in it shares the token.
   */
  token(instant?: Date): string | undefined {
    if (!this.serving) return undefined;
    const base = `${this.epoch}.${this.generation}`;
    return instant && instant.getTime() < this.latestRecordAt() ? `${base}@${this.recordStateAt(instant)}` : base;
  }

  /** The latest record instant of any policy, worked out once per state (every read asks it; there are 10,000s of policies). */
  private latestRecordAt(): number {
    if (this.latest.generation !== this.generation) {
      this.latest = { generation: this.generation, at: this.ordered.reduce((latest, policy) => Math.max(latest, policy.lastAt), Number.NEGATIVE_INFINITY) };
    }
    return this.latest.at;
  }

  /**
   * Waits until the model can answer as the record stood at `knownAt`: true once it can, false when it is not
   * serving (the caller then asks PostgreSQL). UNAVAILABLE when a write holds the ledger lock for more than 10 s (ledger_barrier).
   */
  async settle(knownAt: Date): Promise<boolean> {
    const instant = knownAt.getTime();
    while (this.serving && this.confirmedAt < instant) {
      await this.barrierStartingAtOrAfter(instant);
    }
    return this.serving;
  }

  /**
   * settle() for an answer "as of now" that may be up to `toleranceMs` behind `now` (what a cacheable snapshot allows):
   * the model then answers from memory without a barrier while its last confirmation is that recent. Changes of other
   * instances still show as soon as their notification arrives (milliseconds); only a lost or late notification is
   * bounded by the tolerance. A write of this process is never missed: until a barrier has confirmed past it, the
   * settle is strict.
   */
  async settleRecent(now: Date, toleranceMs: number): Promise<boolean> {
    const strict = toleranceMs <= 0 || this.lastLocalWriteAt > this.confirmedAt;
    return this.settle(strict ? now : new Date(now.getTime() - toleranceMs));
  }

  policies(): PolicyRow[] {
    return this.ordered.map((policy) => policy.row);
  }

  policy(key: string): PolicyRow {
    return this.stateOf(key).row;
  }

  async inForce(key: string, on: CalendarDate, knownAt: Date): Promise<PolicyVersionModel | null> {
    return this.inForceOf(this.stateOf(key), on, knownAt);
  }

  async inForceByKey(keys: readonly string[], on: CalendarDate, knownAt: Date): Promise<Map<string, PolicyVersionModel>> {
    const answers = new Map<string, PolicyVersionModel>();
    for (const key of keys) {
      const policy = this.byKey.get(key);
      if (!policy) continue;
      const answer = await this.inForceOf(policy, on, knownAt);
      if (answer) answers.set(key, answer);
    }
    return answers;
  }

  async rulesInForce(on: CalendarDate, knownAt: Date): Promise<PolicyVersionModel[]> {
    const instant = knownAt.getTime();
    if (!this.holdHistory) {
      let changedSince = 0;
      for (const policy of this.ordered) if (instant < policy.lastAt) changedSince++;
      if (changedSince > this.ordered.length / 2) return this.wholeRulesInForce(on, knownAt, changedSince);
    }
    const answers: (PolicyVersionModel | null)[] = [];
    const pastOnes: { index: number; policy: PolicyState; key: string }[] = [];
    for (const policy of this.ordered) {
      if (instant >= policy.lastAt) {
        answers.push(segmentOn(policy.segments, on)?.answer ?? null);
        continue;
      }
      const remembered = this.fromLedger(policy, on, instant);
      if (remembered !== undefined) {
        answers.push(remembered);
        continue;
      }
      const key = pastKey(policy, on, instant);
      const cached = this.past.get(key);
      if (cached && 'answer' in cached) {
        this.pastHits++;
        answers.push(cached.answer);
      } else {
        pastOnes.push({ index: answers.length, policy, key });
        answers.push(null);
      }
    }
    if (pastOnes.length > 0) {
      this.pastMisses += pastOnes.length;
      const found = await this.sql.inForceOfPolicies(pastOnes.map((one) => one.policy.row.id), on, knownAt, this.appliedSeq);
      const byPolicy = new Map(found.map((answer) => [answer.policyKey, answer]));
      for (const one of pastOnes) {
        const answer = byPolicy.get(one.policy.row.key) ?? null;
        answers[one.index] = answer;
        this.past.set(one.key, { answer });
      }
    }
    return answers.filter((answer): answer is PolicyVersionModel => answer !== null);
  }

  /**
   * Most policies changed since knownAt: the whole as-of scan is cheaper than a list of thousands of ids, and than
   * looking each policy up in the past cache first. The policies unchanged since knownAt are answered by the scan too:
   * their rows then are their rows now. The answer is kept whole, as one entry (thousands of entries for one question
   * would push every other answer out, and cost more to size and insert than to read again), under the state of the
   * whole record at knownAt (recordStateAt): every knownAt up to the next change of any policy has the same answer.
   */
  private async wholeRulesInForce(on: CalendarDate, knownAt: Date, changedSince: number): Promise<PolicyVersionModel[]> {
    const key = `*|${on}|${this.recordStateAt(knownAt)}`;
    const cached = this.past.get(key);
    if (cached && 'answers' in cached) {
      this.pastHits += changedSince;
      return cached.answers;
    }
    this.pastMisses += changedSince;
    const answers = await this.sql.rulesInForce(on, knownAt, this.appliedSeq);
    this.past.set(key, { answers });
    return answers;
  }

  /**
   * The state of the whole record at `knownAt`: how many record instants of all policies lie at or before it, and the
   * latest of them. The latest alone would not do: only each policy's own record time moves forward, so one policy may
   * record at an instant before another's latest (a loader with explicit instants may). Instants are only ever added,
   * so a count and a latest instant seen again name the same instants, and the same answers.
   */
  recordStateAt(knownAt: Date): string {
    const instants = this.mergedInstants();
    const count = countAtOrBefore(instants, knownAt.getTime());
    return `${count}.${count > 0 ? instants[count - 1] : ''}`;
  }

  /** Every policy's record instants, in order, one entry per policy and instant (the instants of the whole record). */
  private mergedInstants(): number[] {
    if (this.merged.generation !== this.generation) {
      const all: number[] = [];
      for (const policy of this.ordered) all.push(...policy.instants);
      this.merged = { generation: this.generation, instants: all.sort((a, b) => a - b) };
    }
    return this.merged.instants;
  }

  async timeline(key: string, knownAt: Date): Promise<PolicyVersionModel[]> {
    const policy = this.stateOf(key);
    const instant = knownAt.getTime();
    if (instant >= policy.lastAt) return policy.segments.map((segment) => segment.answer);
    if (this.holdHistory) {
      this.pastFromMemory++;
      return policy.ledger.shownAt(instant).map((index) => policy.ledger.answer(index)!);
    }
    return this.sql.timeline(policy.row.id, knownAt, this.appliedSeq);
  }

  async changesBetween(from: CalendarDate, through: CalendarDate, knownAt: Date): Promise<PolicyVersionModel[]> {
    const instant = knownAt.getTime();
    if (this.ordered.some((policy) => instant < policy.lastAt)) {
      return this.sql.changesBetween(from, through, knownAt, this.appliedSeq);
    }
    const found: PolicyVersionModel[] = [];
    for (const policy of this.ordered) {
      for (const segment of policy.segments) {
        if (compareDates(segment.from, from) >= 0 && compareDates(segment.from, through) <= 0) found.push(segment.answer);
      }
    }
    // In effective order, then in the policies' own order (section, key), as the SQL answers.
    return found.sort((a, b) => compareDates(a.effectiveFrom, b.effectiveFrom) || this.rank(a) - this.rank(b));
  }

  /**
   * The latest record instant (ms) at or before `knownAt` of the given policies (every policy without keys), from the
   * current timelines: null when none has a record yet, undefined when one of them changed after `knownAt`, whose
   * earlier instants the model does not hold (the caller asks the ledger).
   */
  watermarkAt(knownAt: Date, keys?: readonly string[]): number | null | undefined {
    const instant = knownAt.getTime();
    const policies = keys ? keys.map((key) => this.stateOf(key)) : this.ordered;
    let latest = Number.NEGATIVE_INFINITY;
    for (const policy of policies) {
      if (policy.lastAt > instant) return undefined;
      latest = Math.max(latest, policy.lastAt);
    }
    return Number.isFinite(latest) ? latest : null;
  }

  stats(): ReadModelStats {
    return {
      state: this.state,
      appliedSeq: this.appliedSeq.toString(),
      confirmedAt: Number.isFinite(this.confirmedAt) ? new Date(this.confirmedAt).toISOString() : null,
      policies: this.ordered.length,
      segments: this.ordered.reduce((sum, policy) => sum + policy.segments.length, 0),
      reloads: this.reloads,
      barriers: this.barriersRun,
      past: {
        entries: this.past.size,
        bytes: this.past.calculatedSize,
        hits: this.pastHits,
        misses: this.pastMisses,
        statements: this.sql.batchStatements,
        fromMemory: this.pastFromMemory,
      },
      history: {
        rows: this.ordered.reduce((sum, policy) => sum + policy.ledger.length, 0),
        bytes: this.ordered.reduce((sum, policy) => sum + policy.ledger.bytes, 0),
        versionsHeld: this.holdHistory,
      },
    };
  }

  /**
   * Called by a ledger write in this process once it holds the write lock, with its record instant: a read at or after
   * that instant confirms again, and so waits for the write's commit and sees it, even when the write gives an
   * explicit, earlier instant (the demo loader does) or the clock stands still (tests). Earlier reads never wait.
   */
  writing(recordedAt: Date): void {
    this.lastLocalWriteAt = Math.max(this.lastLocalWriteAt, recordedAt.getTime());
    const below = recordedAt.getTime() - 1;
    this.confirmedAt = Math.min(this.confirmedAt, below);
    for (const bound of this.barrierBounds) bound.below = Math.min(bound.below, below);
  }

  private rankOf = new Map<string, number>();
  private rank(answer: PolicyVersionModel): number {
    return this.rankOf.get(answer.policyKey) ?? 0;
  }

  private stateOf(key: string): PolicyState {
    const policy = this.byKey.get(key);
    if (!policy) throw unknownPolicy(key);
    return policy;
  }

  /**
   * The past from the policy's ledger rows held in memory: the answer (null: nothing was in force), or undefined when
   * the row that answers has no version held (READ_HISTORY=0), and SQL must be asked.
   */
  private fromLedger(policy: PolicyState, on: CalendarDate, instant: number): PolicyVersionModel | null | undefined {
    const index = policy.ledger.find(on, instant);
    const answer = index < 0 ? null : policy.ledger.answer(index);
    if (answer !== undefined) this.pastFromMemory++;
    return answer;
  }

  private async inForceOf(policy: PolicyState, on: CalendarDate, knownAt: Date): Promise<PolicyVersionModel | null> {
    const instant = knownAt.getTime();
    if (instant >= policy.lastAt) return segmentOn(policy.segments, on)?.answer ?? null;
    const remembered = this.fromLedger(policy, on, instant);
    if (remembered !== undefined) return remembered;
    const key = pastKey(policy, on, instant);
    const cached = this.past.get(key);
    if (cached && 'answer' in cached) {
      this.pastHits++;
      return cached.answer;
    }
    this.pastMisses++;
    // A question already on its way to SQL in the same state is not asked twice.
    let asked = this.pastAsked.get(key);
    if (!asked) {
      asked = this.sql.inForceBatched(policy.row.id, on, knownAt, this.appliedSeq).then((answer) => {
        this.past.set(key, { answer });
        return answer;
      });
      const forget = () => void this.pastAsked.delete(key);
      asked.then(forget, forget);
      this.pastAsked.set(key, asked);
    }
    return asked;
  }

  // --- confirmation -------------------------------------------------------------------------------------------

  /** Joins the barrier in flight if it started late enough, else the next one (at most one in flight). */
  private barrierStartingAtOrAfter(instant: number): Promise<void> {
    const current = this.current;
    if (current && !current.finished && current.startedAt >= instant) return current.done;
    if (!this.next) {
      const previous = current && !current.finished ? current.done.catch(() => undefined) : Promise.resolve();
      // Every read waiting for it shares the barrier: it runs outside the request that happened to start it.
      this.next = outsideRequest(() => previous.then(() => {
        const started = { startedAt: this.clock.now().getTime(), finished: false, done: Promise.resolve() };
        started.done = this.barrier(started.startedAt).finally(() => {
          started.finished = true;
        });
        this.current = started;
        this.next = null;
        return started.done;
      }));
    }
    return this.next;
  }

  private async barrier(startedAt: number): Promise<void> {
    this.barriersRun++;
    // A local write that takes the lock meanwhile may be missing from databaseSeq: confirm only up to before it.
    const bound = { below: Number.POSITIVE_INFINITY };
    this.barrierBounds.add(bound);
    try {
      const databaseSeq = await this.lockedSeq();
      await this.appliedUpTo(databaseSeq);
      if (this.serving && this.appliedSeq >= databaseSeq) {
        this.confirmedAt = Math.max(this.confirmedAt, Math.min(startedAt, bound.below));
      }
    } finally {
      this.barrierBounds.delete(bound);
    }
  }

  /**
   * One prepared statement (migration 0009's ledger_barrier()): the ledger's write lock taken shared and released at
   * once, so every write holding it has committed, then the database's change count, read after the lock.
   */
  private async lockedSeq(): Promise<bigint> {
    try {
      const { rows } = await this.pool.query<{ seq: string }>({ name: 'policy-cms.barrier', text: 'SELECT ledger_barrier()::text AS seq' });
      return BigInt(rows[0].seq);
    } catch (error) {
      if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) {
        throw new DomainError('UNAVAILABLE', 'a publication is taking unusually long to commit; try again shortly');
      }
      throw error;
    }
  }

  /** Waits for the notifications of changes the database has counted; if they are late, reloads everything. */
  private async appliedUpTo(seq: bigint): Promise<void> {
    if (this.appliedSeq >= seq) return;
    const arrived = await new Promise<boolean>((done) => {
      const timer = setTimeout(() => finish(false), NOTIFICATION_WAIT_MS);
      const wake = () => {
        if (this.appliedSeq >= seq || !this.serving) finish(this.appliedSeq >= seq);
      };
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.seqWaiters.delete(wake);
        done(ok);
      };
      this.seqWaiters.add(wake);
    });
    if (!arrived && this.serving) {
      this.logger.warn(`read model: change ${seq} was not announced within ${NOTIFICATION_WAIT_MS} ms; reloading`);
      await this.enqueue({ policies: true });
    }
  }

  // --- changes ------------------------------------------------------------------------------------------------

  private async connect(): Promise<void> {
    if (this.state === 'closed') return;
    const listener = new Client(this.listenerConfig);
    listener.on('error', (error) => this.lost(listener, error));
    listener.on('end', () => this.lost(listener, new Error('connection ended')));
    listener.on('notification', (message) => void this.onNotification(message));
    try {
      await listener.connect();
      await listener.query(`LISTEN ${LEDGER_CHANNEL}`);
      this.listener = listener;
      // Listening first, loading second: a change committed during the load is either in the load or notified.
      await this.enqueue({ policies: true });
      this.reconnectDelayMs = RECONNECT_FIRST_MS;
    } catch (error) {
      await listener.end().catch(() => undefined);
      this.lost(listener, error as Error);
    }
  }

  private lost(listener: Client, error: Error): void {
    if (this.state === 'closed' || (this.listener !== null && this.listener !== listener)) return;
    if (this.reconnectTimer) return;
    if (this.state === 'serving') this.logger.warn(`read model: listener lost (${error.message}); reads go to SQL until it reloads`);
    this.state = 'resyncing';
    this.listener = null;
    this.confirmedAt = Number.NEGATIVE_INFINITY;
    for (const wake of this.seqWaiters) wake();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, this.reconnectDelayMs);
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, RECONNECT_MAX_MS);
  }

  private onNotification(message: Notification): void {
    if (message.channel !== LEDGER_CHANNEL || !message.payload) return;
    try {
      const payload = JSON.parse(message.payload) as { seq?: string; policyId?: string; policies?: boolean };
      if (payload.policies) void this.enqueue({ policies: true, seq: payload.seq ? BigInt(payload.seq) : undefined });
      else if (payload.seq && payload.policyId) void this.enqueue({ seq: BigInt(payload.seq), policyId: payload.policyId });
    } catch {
      void this.enqueue({ policies: true });
    }
  }

  /** Changes are applied one batch at a time, in arrival (commit) order. */
  private enqueue(change: Change): Promise<void> {
    this.queue.push(change);
    this.draining = this.draining.then(() => this.drain()).catch((error: Error) => {
      if (this.listener) this.lost(this.listener, error);
    });
    return this.draining;
  }

  private async drain(): Promise<void> {
    if (this.queue.length === 0 || this.state === 'closed') return;
    const batch = this.queue;
    this.queue = [];
    // A changed policy list reloads everything, unless the model already holds that change (seq).
    if (batch.some((change) => 'policies' in change && (change.seq === undefined || change.seq > this.appliedSeq))) {
      await this.loadEverything();
    } else {
      const changes = batch.filter((change): change is { seq: bigint; policyId: string } => 'policyId' in change);
      const newer = changes.filter((change) => change.seq > this.appliedSeq);
      if (newer.length > 0) {
        const reloaded = await this.reloadPolicies([...new Set(newer.map((change) => change.policyId))]);
        if (reloaded) {
          this.appliedSeq = newer.reduce((max, change) => (change.seq > max ? change.seq : max), this.appliedSeq);
          this.generation++;
        } else {
          await this.loadEverything();
        }
      }
    }
    for (const wake of this.seqWaiters) wake();
  }

  /** Every policy and its current timeline, and the change count, in one snapshot. */
  private async loadEverything(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const [{ seq }] = (await client.query<{ seq: string }>(`SELECT seq::text FROM ledger_watermark`)).rows;
      const loaded = await this.load(client);
      await client.query('COMMIT');
      this.replaceAll(loaded);
      this.appliedSeq = BigInt(seq);
      this.generation++;
      this.reloads++;
      if (this.state !== 'closed' && this.listener) this.state = 'serving';
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** False when a policy is new to the model or moved in the order: then everything is reloaded instead. */
  private async reloadPolicies(policyIds: string[]): Promise<boolean> {
    // One snapshot for the policies, their rows and their versions.
    const client = await this.pool.connect();
    let loaded: PolicyState[];
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      loaded = await this.load(client, policyIds);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    const reloaded = loaded;
    const fits = reloaded.every((policy) => {
      const known = this.byId.get(policy.row.id);
      return known && known.row.key === policy.row.key && known.row.section === policy.row.section;
    });
    if (!fits) return false;
    for (const policy of reloaded) {
      const known = this.byId.get(policy.row.id)!;
      known.row = policy.row;
      known.segments = policy.segments;
      known.ledger = policy.ledger;
      known.lastAt = policy.lastAt;
      known.instants = policy.instants;
    }
    return true;
  }

  /**
   * The policies (every one, or those of `policyIds`), every ledger row of theirs, and the versions those rows show
   * (of the open rows only when the past is not held), read in the caller's snapshot, LOAD_CHUNK policies a statement:
   * each chunk's rows are made compact before the next is read, so a large ledger never sits in memory as row objects.
   */
  private async load(client: PoolClient, policyIds?: string[]): Promise<PolicyState[]> {
    const policies = (
      await client.query<LoadedPolicy>({
        text: `SELECT p.id::text AS "policyId", p.key, p.kind, p.title, p.section FROM policy p
                WHERE ${policyIds ? 'p.id = ANY($1::bigint[])' : 'TRUE'} ORDER BY p.section, p.key`,
        values: policyIds ? [policyIds] : [],
      })
    ).rows;
    const states: PolicyState[] = [];
    for (let start = 0; start < policies.length; start += LOAD_CHUNK) {
      const chunk = policies.slice(start, start + LOAD_CHUNK);
      const ids = chunk.map((policy) => policy.policyId);
      const rows = (
        await client.query<LoadedRow>({
          text: `SELECT ${LEDGER_ROW_COLUMNS} FROM ledger_segment s
                  WHERE s.policy_id = ANY($1::bigint[]) ORDER BY s.policy_id, lower(s.recorded), lower(s.effective)`,
          values: [ids],
          rowMode: 'array',
        })
      ).rows;
      const shown = new Set<string>();
      for (const row of rows) if (this.holdHistory || row[2] === null) shown.add(row[6]);
      const versions = (
        await client.query<LoadedVersion>({
          text: `SELECT v.id::text AS id, v.number, v.effective::text AS effective, v.content, v.summary, v.demo
                   FROM policy_version v WHERE v.id = ANY($1::uuid[])`,
          values: [[...shown]],
        })
      ).rows;
      for (const state of buildPolicies({ policies: chunk, rows, versions })) states.push(state);
    }
    return states;
  }

  private replaceAll(policies: PolicyState[]): void {
    this.ordered = policies;
    this.byKey = new Map(policies.map((policy) => [policy.row.key, policy]));
    this.byId = new Map(policies.map((policy) => [policy.row.id, policy]));
    this.rankOf = new Map(policies.map((policy, index) => [policy.row.key, index]));
  }
}

interface LoadedPolicy {
  policyId: string;
  key: string;
  kind: string;
  title: string;
  section: string;
}

interface LoadedVersion {
  id: string;
  number: number;
  effective: string;
  content: Record<string, unknown>;
  summary: string;
  demo: boolean;
}

interface Loaded {
  policies: LoadedPolicy[];
  /** Ordered by policy, then by opening. */
  rows: LoadedRow[];
  versions: LoadedVersion[];
}

type PastEntry = { answer: PolicyVersionModel | null } | { answers: PolicyVersionModel[] };

/**
 * Each policy's state from what load() read: its ledger rows, the record instants they open and close at (in ms
 * rounded up, so that a row opened or closed at T shows to every knownAt at or after the instant given, and to none
 * before it) and its current timeline, each segment's answer prepared once. A version shares one frozen content among
 * every answer that shows it.
 */
function buildPolicies({ policies, rows, versions }: Loaded): PolicyState[] {
  const facts = new Map(versions.map((version) => [version.id, deepFreeze(versionFacts(version))]));
  const rowsOf = new Map<number, LoadedRow[]>();
  for (const row of rows) {
    const own = rowsOf.get(row[0]);
    if (own) own.push(row);
    else rowsOf.set(row[0], [row]);
  }
  return policies.map((policy) => {
    const ledger = LedgerRows.of(policy.key, rowsOf.get(Number(policy.policyId)) ?? [], facts);
    const instants = ledger.instants();
    const segments = ledger.open().map((index): CurrentSegment => {
      const answer = deepFreeze(ledger.answer(index)!);
      return { from: answer.effectiveFrom, through: answer.effectiveThrough, answer };
    });
    return {
      row: { id: policy.policyId, key: policy.key, kind: policy.kind, title: policy.title, section: policy.section },
      segments,
      ledger,
      lastAt: instants.length > 0 ? instants[instants.length - 1] : Number.NEGATIVE_INFINITY,
      instants,
    };
  });
}

/** How many of the ordered `instants` lie at or before `instant`. */
function countAtOrBefore(instants: readonly number[], instant: number): number {
  let low = 0;
  let high = instants.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (instants[middle] <= instant) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The latest of a policy's `instants` at or before `instant` (-Infinity: before every one): names its state then. */
function stateAt(instants: readonly number[], instant: number): number {
  const count = countAtOrBefore(instants, instant);
  return count > 0 ? instants[count - 1] : Number.NEGATIVE_INFINITY;
}

/** The segment whose effective range holds `on` (segments are in effective order and never overlap). */
function segmentOn(segments: CurrentSegment[], on: CalendarDate): CurrentSegment | undefined {
  let low = 0;
  let high = segments.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const segment = segments[middle];
    if (compareDates(on, segment.from) < 0) high = middle - 1;
    else if (segment.through !== null && compareDates(on, segment.through) > 0) low = middle + 1;
    else return segment;
  }
  return undefined;
}

/**
 * An answer about the past is kept under the state of the policy's record at knownAt, not under knownAt itself: a
 * knownAt never asked before, in a state already asked about, is answered from memory. Only confirmed instants are
 * asked about (settle), and record time only moves forward (migration 0008), so a state once named never changes.
 */
function pastKey(policy: PolicyState, on: CalendarDate, instant: number): string {
  return `${policy.row.id}|${on}|${stateAt(policy.instants, instant)}`;
}

const sizes = new WeakMap<object, number>();
function approximateBytes(answer: PolicyVersionModel): number {
  let size = sizes.get(answer.content);
  if (size === undefined) {
    size = 2 * JSON.stringify(answer.content).length + 512;
    sizes.set(answer.content, size);
  }
  return size;
}

// Answers are shared by every request: nothing downstream may change one.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}
