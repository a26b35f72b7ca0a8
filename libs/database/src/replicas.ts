import { createHash } from 'node:crypto';
import { Client, Pool, type PoolClient } from 'pg';

/** A named statement: prepared once per connection under a name derived from `name` and `text`. */
export interface ReplicaStatement {
  name: string;
  text: string;
  values: unknown[];
}

export interface ReplicaAnswer<T> {
  /** The statement's rows, carried as JSON: timestamps and ranges arrive as strings, bigint as number. */
  rows: T[];
  /** The replica that answered (host:port/database). */
  replica: string;
}

export interface ReplicaStats {
  /** host:port/database; never the user or password. */
  name: string;
  state: 'up' | 'down';
  /** Statements this replica answered. */
  served: number;
  /** Statements it declined because it had not caught up: a watermark too old, or a table not replayed yet. */
  behind: number;
  /**
   * Trouble on it: failed connections (idle ones too), timeouts, server failures, and statements cancelled by a
   * recovery conflict. A statement that met it went to the primary. The statement's own faults are not counted.
   */
  errors: number;
}

export interface ReplicaLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface ReplicaPoolsOptions {
  /** Connections per replica; a statement finding them all busy goes to the primary rather than queue. */
  poolSize?: number;
  connectTimeoutMs?: number;
  /** Server-side statement_timeout, and (plus a margin) the client's wait for an answer. */
  statementTimeoutMs?: number;
  /** First wait before a down replica is tried again; it doubles after each failed try, up to retryMaxMs. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  logger?: ReplicaLogger;
}

type ReplicaSettings = Required<Omit<ReplicaPoolsOptions, 'logger'>>;

export const REPLICA_DEFAULTS: Readonly<ReplicaSettings> = {
  poolSize: 5,
  connectTimeoutMs: 1_000,
  statementTimeoutMs: 5_000,
  retryInitialMs: 1_000,
  retryMaxMs: 30_000,
};

/** The client-side wait outlives the server's statement_timeout by this much, so the server's error wins when it can. */
const CLIENT_TIMEOUT_MARGIN_MS = 1_000;
const IDLE_CONNECTION_MS = 30_000;
const silent: ReplicaLogger = { log: () => undefined, warn: () => undefined };

/**
 * How a failure on a replica is handled:
 * - `down`: the replica cannot answer (unreachable, timed out, shutting down, out of resources, misconfigured):
 *   mark it down, the primary answers;
 * - `transient`: this one statement was cancelled by the replica's replay (a recovery conflict): the primary answers;
 * - `lagging`: an object the statement names is missing, which on a replica may only mean a migration has not been
 *   replayed yet: the primary answers, or raises the same error itself when the statement is at fault;
 * - `statement`: the statement's own fault, the same on any server (syntax, bad parameter values): rethrown.
 */
export type ReplicaFailure = 'down' | 'transient' | 'lagging' | 'statement';

// SQLSTATE classes and codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const DOWN_CLASSES = new Set(['08', '28', '3D', '53', '57', '58', 'F0', 'XX']);
/** protocol_violation is also what a wrong number of bind parameters gives: the statement's fault, not the server's. */
const STATEMENT_CODES_IN_DOWN_CLASSES = new Set(['08P01']);
const RECOVERY_CONFLICT_CODES = new Set(['40001', '40P01']);
const MISSING_OBJECT_CODES = new Set(['42P01', '42703', '42883', '42704', '3F000']);

export function classifyReplicaFailure(error: unknown): ReplicaFailure {
  const { code, severity } = (error ?? {}) as { code?: unknown; severity?: unknown };
  // Only PostgreSQL's own answers (pg's DatabaseError) carry a severity and a SQLSTATE; socket errors (ECONNREFUSED,
  // EPIPE), the pool's and the client's timeouts and "Connection terminated" do not: the replica did not answer.
  if (typeof severity !== 'string' || typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return 'down';
  if (STATEMENT_CODES_IN_DOWN_CLASSES.has(code)) return 'statement';
  if (DOWN_CLASSES.has(code.slice(0, 2))) return 'down';
  if (RECOVERY_CONFLICT_CODES.has(code)) return 'transient';
  if (MISSING_OBJECT_CODES.has(code)) return 'lagging';
  return 'statement';
}

/** host:port/database of a postgres:// URL as pg reads it, for logs and stats: the user and password stay out. */
export function replicaName(url: string): string {
  try {
    const { host, port, database } = new Client({ connectionString: url });
    return `${host.includes(':') ? `[${host}]` : host}:${port}/${database ?? ''}`;
  } catch {
    return '(unparsable replica URL)';
  }
}

/**
 * The statement and the replica's ledger watermark in one statement, hence one snapshot and one round trip: the
 * watermark read says exactly which ledger changes the rows reflect. The rows come back as one JSON array (a prepared
 * statement cannot know the caller's row type); json_agg keeps the order of an ORDER BY in `text`.
 */
export function replicaStatementText(text: string): string {
  const inner = text.trim().replace(/;+\s*$/, '');
  return `SELECT (SELECT seq::text FROM ledger_watermark) AS watermark,
       coalesce((SELECT json_agg(statement_row) FROM (${inner}) AS statement_row), '[]'::json) AS rows`;
}

/** A prepared statement's name: readable, unique per text, within PostgreSQL's 63 bytes. */
export function replicaStatementName(statement: Pick<ReplicaStatement, 'name' | 'text'>): string {
  const digest = createHash('sha256').update(statement.name).update('\0').update(statement.text).digest('hex').slice(0, 16);
  return `replica:${statement.name.slice(0, 38)}:${digest}`;
}

/**
 * The watermark: the count of ledger changes the replica holds (migration 0009's `ledger_watermark.seq`). Changes
 * commit in seq order, so a replica at n holds every change numbered n or less.
 */
export function parseWatermark(text: string): bigint | undefined {
  return /^\d{1,19}$/.test(text) ? BigInt(text) : undefined;
}

class Replica {
  readonly name: string;
  state: 'up' | 'down' = 'up';
  served = 0;
  behind = 0;
  errors = 0;
  inFlight = 0;
  /** While down: when the next statement may try it, and whether one is trying it now. */
  retryAt = 0;
  /** The wait after the next failed try. */
  retryDelayMs: number;
  probing = false;

  constructor(
    readonly url: string,
    readonly pool: Pool,
    initialRetryMs: number,
  ) {
    this.name = replicaName(url);
    this.retryDelayMs = initialRetryMs;
  }
}

/**
 * Connection pools to the streaming replicas of the public read path. A statement goes to the next replica that is
 * up (round-robin), in one round trip with that replica's ledger watermark; the caller decides from the watermark
 * whether the replica has caught up with what the answer needs. Replica trouble never reaches the caller: it gets
 * `undefined` and asks the primary. A replica that fails is left alone for a backoff, then tried by one statement.
 */
export class ReplicaPools {
  private readonly replicas: Replica[];
  private readonly options: ReplicaSettings;
  private readonly logger: ReplicaLogger;
  private next = 0;
  private closed = false;

  constructor(urls: readonly string[], options: ReplicaPoolsOptions = {}) {
    const { logger, ...settings } = options;
    this.options = { ...REPLICA_DEFAULTS, ...withoutUndefined(settings) };
    this.logger = logger ?? silent;
    this.replicas = urls.map((url) => {
      const replica = new Replica(url, this.createPool(url), this.options.retryInitialMs);
      // A replica that restarts or goes away closes the idle connections first: that is news worth acting on.
      replica.pool.on('error', (error) => {
        if (replica.state === 'up') replica.errors += 1;
        this.markDown(replica, error, false);
      });
      return replica;
    });
  }

  /** Whether any replica is configured. */
  get configured(): boolean {
    return this.replicas.length > 0;
  }

  /**
   * Runs `statement` on a replica that is up, with that replica's ledger watermark read in the same snapshot. Returns
   * undefined, and the caller asks the primary, when no replica is configured or available, when `caughtUp(watermark)`
   * says the replica is behind (counted as `behind`), or on replica trouble (counted as `errors`; see
   * classifyReplicaFailure). Rethrows the statement's own faults. Rows arrive as JSON: timestamps are strings.
   */
  async query<T>(statement: ReplicaStatement, caughtUp: (watermark: bigint) => boolean): Promise<ReplicaAnswer<T> | undefined> {
    const replica = this.choose();
    if (!replica) return undefined;
    const probe = replica.state === 'down';
    replica.inFlight += 1;
    let answer: { watermark: string | null; rows: T[] | string } | undefined;
    try {
      answer = await this.run<T>(replica, statement, probe);
    } finally {
      replica.inFlight -= 1;
      if (probe) replica.probing = false;
    }
    if (!answer) return undefined;
    const watermark = answer.watermark === null ? undefined : parseWatermark(answer.watermark);
    if (watermark === undefined || !caughtUp(watermark)) {
      replica.behind += 1;
      return undefined;
    }
    replica.served += 1;
    const rows = typeof answer.rows === 'string' ? (JSON.parse(answer.rows) as T[]) : answer.rows;
    return { rows, replica: replica.name };
  }

  stats(): ReplicaStats[] {
    return this.replicas.map(({ name, state, served, behind, errors }) => ({ name, state, served, behind, errors }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.replicas.map((replica) => replica.pool.end().catch(() => undefined)));
  }

  private createPool(url: string): Pool {
    return new Pool({
      connectionString: url,
      max: this.options.poolSize,
      connectionTimeoutMillis: this.options.connectTimeoutMs,
      idleTimeoutMillis: IDLE_CONNECTION_MS,
      statement_timeout: this.options.statementTimeoutMs,
      // statement_timeout cannot fire on a server that stopped answering (a network cut): the client stops waiting.
      query_timeout: this.options.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS,
      keepAlive: true,
      application_name: 'policy-cms replica reads',
    });
  }

  /** The next replica in turn that is up and has a free connection, or down and due for a try. */
  private choose(): Replica | undefined {
    if (this.closed) return undefined;
    const now = Date.now();
    for (let step = 0; step < this.replicas.length; step++) {
      const replica = this.replicas[(this.next + step) % this.replicas.length];
      const usable =
        replica.state === 'up'
          ? replica.inFlight < this.options.poolSize
          : !replica.probing && now >= replica.retryAt && replica.inFlight === 0;
      if (!usable) continue;
      this.next = (this.next + step + 1) % this.replicas.length;
      if (replica.state === 'down') replica.probing = true;
      return replica;
    }
    return undefined;
  }

  /** The combined statement's one row, or undefined on replica trouble (then counted); rethrows the statement's faults. */
  private async run<T>(
    replica: Replica,
    statement: ReplicaStatement,
    probe: boolean,
  ): Promise<{ watermark: string | null; rows: T[] | string } | undefined> {
    let client: PoolClient | undefined;
    try {
      client = await replica.pool.connect();
      const { rows } = await client.query<{ watermark: string | null; rows: T[] | string }>({
        name: replicaStatementName(statement),
        text: replicaStatementText(statement.text),
        values: statement.values,
      });
      client.release();
      this.markUp(replica);
      return rows[0];
    } catch (error) {
      const failure = classifyReplicaFailure(error);
      // A connection that failed or timed out is dropped; one that answered with an error is as good as before.
      client?.release(failure === 'down' ? asError(error) : undefined);
      if (failure === 'down') {
        replica.errors += 1;
        this.markDown(replica, error, probe);
        return undefined;
      }
      // The replica answered: it is up, whatever the statement made of it.
      this.markUp(replica);
      if (failure === 'statement') throw error;
      if (failure === 'lagging') replica.behind += 1;
      else replica.errors += 1;
      return undefined;
    }
  }

  private markUp(replica: Replica): void {
    if (replica.state === 'up') return;
    replica.state = 'up';
    replica.retryDelayMs = this.options.retryInitialMs;
    this.logger.log(`replica ${replica.name} is up again: public reads use it`);
  }

  /**
   * A replica going down is tried again after retryInitialMs; each failed try doubles the wait up to retryMaxMs. Other
   * failures while it is down (statements that were already running, idle connections closing) are the same outage.
   */
  private markDown(replica: Replica, error: unknown, probe: boolean): void {
    if (this.closed) return;
    if (replica.state === 'up') {
      replica.state = 'down';
      replica.retryAt = Date.now() + this.options.retryInitialMs;
      replica.retryDelayMs = Math.min(this.options.retryInitialMs * 2, this.options.retryMaxMs);
      this.logger.warn(
        `replica ${replica.name} is down (${describe(error)}): public reads go to the primary; ` +
          `trying it again in ${this.options.retryInitialMs / 1000} s`,
      );
    } else if (probe) {
      replica.retryAt = Date.now() + replica.retryDelayMs;
      replica.retryDelayMs = Math.min(replica.retryDelayMs * 2, this.options.retryMaxMs);
    }
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function describe(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message !== '' ? message : String(error);
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
