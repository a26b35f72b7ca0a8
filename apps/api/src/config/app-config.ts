import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

/** Documented in the README; printed at start in demo mode. */
export const DEFAULT_DEMO_PASSWORD = 'policy-cms-demo';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { message: 'must be 1 or 0 (true/false, yes/no)' })
  .transform((value) => ['1', 'true', 'yes'].includes(value));

const environment = z.object({
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DEMO_DATA: flag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GRAPHQL_MAX_COMPLEXITY: z.coerce.number().int().positive().default(5000),
  GRAPHQL_INTROSPECTION: flag.optional(),
  GRAPHQL_SANDBOX: flag.optional(),
  CORS_ORIGINS: z.string().transform(parseOrigins).optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number({ message: 'must be a whole number (0: off)' }).int().min(0).default(600),
  NODE_ENV: z.string().optional(),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/, 'must look like 100kb or 1mb').default('1mb'),
  ADMIN_DIR: z.string().min(1).default('dist/admin'),
  TOKEN_SECRET: z.string().min(32, 'must have at least 32 characters').optional(),
  AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(8 * 3600),
  DEMO_PASSWORD: z.string().min(12, 'must have at least 12 characters').default(DEFAULT_DEMO_PASSWORD),
  ADMIN_USERNAME: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'must be 2–63 of a–z 0–9 . _ -').optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must have at least 12 characters').optional(),
  TRUST_PROXY: z.string().transform(parseTrustProxy).optional(),
  DATABASE_REPLICA_URL: z.string().transform(parseReplicaUrls).optional(),
  READ_MODEL: flag.optional(),
  READ_HISTORY: flag.optional(),
  GRAPHQL_EDGE_COMPUTE: flag.optional(),
  CLOCK_SKEW_MS: z.coerce
    .number({ message: 'must be a whole number of milliseconds, 0 to 250' })
    .int({ message: 'must be a whole number of milliseconds, 0 to 250' })
    .min(0, { message: 'must be a whole number of milliseconds, 0 to 250' })
    .max(250, { message: 'must be at most 250 ms: each write waits this long holding the ledger’s write lock' })
    .default(0),
  READ_CACHE_MB: z.coerce.number({ message: 'must be a number of MiB' }).int().min(1).max(16384).default(64),
  SNAPSHOT_MAX_AGE_SECONDS: z.coerce.number({ message: 'must be a whole number of seconds' }).int().min(0).max(86400).default(60),
  RESPONSE_CACHE_MB: z.coerce.number({ message: 'must be a number of MiB (0: off)' }).int().min(0).max(16384).default(64),
  SNAPSHOT_SETTLE_MS: z.coerce.number({ message: 'must be a whole number of milliseconds (0: every answer as of its arrival)' }).int().min(0).max(60000).default(1000),
  CHANGE_STREAM_HEARTBEAT_SECONDS: z.coerce.number({ message: 'must be a whole number of seconds' }).int().min(1).max(300).default(15),
  CHANGE_STREAM_MAX_CLIENTS: z.coerce.number({ message: 'must be a whole number' }).int().min(1).max(100000).default(1000),
  CHANGE_FEED_WORKER: flag.optional(),
  WEBHOOK_WORKER: flag.optional(),
  WEBHOOK_ALLOW_PRIVATE: flag.optional(),
  WEBHOOK_TIMEOUT_MS: z.coerce.number({ message: 'must be a whole number of milliseconds' }).int().min(100).max(60000).default(10000),
  WEBHOOK_CONCURRENCY: z.coerce.number({ message: 'must be a whole number' }).int().min(1).max(256).default(16),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number({ message: 'must be a whole number of milliseconds' }).int().min(10).max(3600000).default(5000),
  WEBHOOK_RETRY_HORIZON_HOURS: z.coerce.number({ message: 'must be a number of hours' }).positive().max(720).default(24),
  WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number({ message: 'must be a number of hours' }).positive().max(8760).default(120),
}).refine((env) => !env.ADMIN_USERNAME === !env.ADMIN_PASSWORD, {
  path: ['ADMIN_PASSWORD'],
  message: 'ADMIN_USERNAME and ADMIN_PASSWORD go together',
});

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** The schema owner's URL, for migrations only; defaults to databaseUrl (one role for both: see the README). */
  migrationDatabaseUrl: string | undefined;
  dataDir: string;
  /** Whether to load the demo data; default: yes on the embedded database, no on a server given by DATABASE_URL. */
  demoData: boolean;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  graphqlMaxComplexity: number;
  /** Schema introspection for anonymous callers; default: on, off when NODE_ENV=production. */
  graphqlIntrospection: boolean;
  /** The Apollo Sandbox at GET /graphql in a browser; default: on, off when NODE_ENV=production. */
  graphqlSandbox: boolean;
  /** Origins whose browser pages may call the API (CORS); empty: same origin only. */
  corsOrigins: string[];
  /** Requests per minute from one client address on every route but /health; 0 turns the limit off. */
  rateLimitPerMinute: number;
  bodyLimit: string;
  /** The built admin UI, served at /admin when it exists (`npm run build` makes it). */
  adminDir: string;
  /** Signs bearer tokens; without TOKEN_SECRET a random one per start (tokens then end with the process). */
  tokenSecret: string | undefined;
  tokenTtlSeconds: number;
  /**
   * Signs audit checkpoints: AUDIT_SIGNING_KEY (Ed25519, PKCS#8 PEM or base64 DER); without it a key generated in
   * DATA_DIR (embedded), a per-process key (DATABASE_URL), or a refusal to start (DATABASE_URL, NODE_ENV=production).
   */
  auditSigning: { key: string | undefined; required: boolean };
  demoPassword: string;
  /** The first administrator, created at start if that username does not exist (outside demo mode too). */
  initialAdmin: { username: string; password: string } | undefined;
  /**
   * Express's `trust proxy`: which proxies in front may name the client in X-Forwarded-For. `false` (the default)
   * uses the connecting address; a hop count or a list of proxy addresses/CIDRs trusts those proxies only.
   */
  trustProxy: TrustProxy;
  /** Streaming replicas for public reads (DATABASE_REPLICA_URL, comma-separated); a read uses one only once caught up. */
  replicaUrls: string[];
  /** The in-process read model of the public reads (READ_MODEL, default on); off: every read asks PostgreSQL. */
  readModel: boolean;
  /**
   * The read model holds the versions of superseded ledger rows too, so that every question about the past is answered
   * from memory (READ_HISTORY, default on); off: the past is asked of SQL (or a caught-up replica) and cached, bounded.
   */
  readHistory: boolean;
  /**
   * The GraphQL edge computes anonymous public reads itself (graphql-js on Apollo's schema) for operations Apollo has
   * answered without errors before (GRAPHQL_EDGE_COMPUTE, default on); off: it answers only stored answers.
   */
  graphqlEdgeCompute: boolean;
  /**
   * The most the clocks of the hosts running the API may disagree, in ms (CLOCK_SKEW_MS; 0: they share one clock).
   * Every ledger write waits that long under the write lock before taking its record instant.
   */
  clockSkewMs: number;
  /** Bound of the read model's cache of answers for past knownAt, in bytes (READ_CACHE_MB). */
  readCacheBytes: number;
  /** Bound of the cache of whole anonymous GraphQL answers, in bytes (RESPONSE_CACHE_MB; 0 turns it off). */
  responseCacheBytes: number;
  /** max-age of a /v1 snapshot as of now (never past the next Tokyo midnight when `on` defaulted). */
  snapshotMaxAgeSeconds: number;
  /** How far behind its arrival a /v1 snapshot as of now may be settled (SNAPSHOT_SETTLE_MS; 0: strict). */
  snapshotSettleMs: number;
  /** The change feed's SSE stream: heartbeat comment interval, and how many streams one instance serves at once. */
  changeStream: { heartbeatSeconds: number; maxClients: number };
  /** Whether this instance writes TOOK_EFFECT events at Tokyo midnight (CHANGE_FEED_WORKER, default on; any number may). */
  changeFeedWorker: boolean;
  /** The webhook workers (every instance by default; they share the work through leases). */
  webhooks: WebhookSettings;
}

export interface WebhookSettings {
  /** WEBHOOK_WORKER (default on): whether this instance sends deliveries. */
  worker: boolean;
  /** WEBHOOK_ALLOW_PRIVATE: allow targets on private, loopback and link-local addresses (tests, closed networks). */
  allowPrivate: boolean;
  /** Per call: connect, send and read the answer within this time (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** Calls in flight at once per instance (WEBHOOK_CONCURRENCY). */
  concurrency: number;
  /** First retry delay; doubled each attempt, with full jitter (WEBHOOK_RETRY_BASE_MS). */
  retryBaseMs: number;
  /** After this long since the event, a delivery that still failed is marked FAILED (WEBHOOK_RETRY_HORIZON_HOURS). */
  retryHorizonMs: number;
  /** A subscription whose every delivery failed for this long is disabled, with an audit event. */
  disableAfterMs: number;
}

export type TrustProxy = false | number | string[];

// proxy-addr's names for address ranges, accepted in a TRUST_PROXY list as Express accepts them.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `false`, a hop count, or a comma-separated list of addresses, CIDRs and range names. `true` (trust every proxy) is
 * refused: any client could then choose its own address and walk around the login limits.
 */
function parseTrustProxy(value: string, context: z.RefinementCtx): TrustProxy {
  const text = value.trim().toLowerCase();
  if (text === 'false') return false;
  if (/^\d+$/.test(text)) return Number(text) === 0 ? false : Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !PROXY_RANGE_NAMES.has(entry) && !isAddressOrCidr(entry));
  if (text === 'true' || bad.length > 0) {
    context.addIssue({
      code: 'custom',
      message: `must be false, a hop count or a comma-separated list of proxy addresses/CIDRs${bad.length ? ` (not understood: ${bad.join(', ')})` : ''}`,
    });
    return z.NEVER;
  }
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const MIB = 1024 * 1024;

/** One or more postgres:// URLs, comma-separated. */
function parseReplicaUrls(value: string, context: z.RefinementCtx): string[] {
  const urls = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (urls.length === 0 || urls.some((url) => !/^postgres(ql)?:\/\/.+/.test(url))) {
    context.addIssue({ code: 'custom', message: 'must be one or more postgres:// URLs, comma-separated' });
    return z.NEVER;
  }
  return urls;
}

/** A comma-separated list of origins (`https://host[:port]`), as a browser sends them in the Origin header. */
function parseOrigins(value: string, context: z.RefinementCtx): string[] {
  const origins = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const bad = origins.filter((origin) => !/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(origin) && !/^https?:\/\/\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(origin));
  if (bad.length > 0) {
    context.addIssue({ code: 'custom', message: `must be a comma-separated list of origins like https://example.jp (not: ${bad.join(', ')})` });
    return z.NEVER;
  }
  return origins;
}

export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'InvalidConfigError';
  }
}

/** Reads the environment once, at start, and refuses to go on with every bad variable listed. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable means "not set", as shells and compose files often leave them.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    throw new InvalidConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        // Secrets (and URLs, which may carry passwords) are named, never echoed.
        const shown = /PASSWORD|SECRET|KEY|URL/.test(name) ? '(hidden)' : JSON.stringify(present[name]);
        return `${name}=${shown}: ${issue.message}`;
      }),
    );
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL,
    dataDir: resolve(env.DATA_DIR),
    demoData: env.DEMO_DATA ?? !env.DATABASE_URL,
    logLevel: env.LOG_LEVEL,
    graphqlMaxComplexity: env.GRAPHQL_MAX_COMPLEXITY,
    graphqlIntrospection: env.GRAPHQL_INTROSPECTION ?? env.NODE_ENV !== 'production',
    graphqlSandbox: env.GRAPHQL_SANDBOX ?? env.NODE_ENV !== 'production',
    corsOrigins: env.CORS_ORIGINS ?? [],
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    bodyLimit: env.BODY_LIMIT,
    adminDir: resolve(env.ADMIN_DIR),
    tokenSecret: env.TOKEN_SECRET,
    tokenTtlSeconds: env.TOKEN_TTL_SECONDS,
    auditSigning: { key: env.AUDIT_SIGNING_KEY, required: env.NODE_ENV === 'production' },
    demoPassword: env.DEMO_PASSWORD,
    initialAdmin: env.ADMIN_USERNAME && env.ADMIN_PASSWORD ? { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD } : undefined,
    trustProxy: env.TRUST_PROXY ?? false,
    replicaUrls: env.DATABASE_REPLICA_URL ?? [],
    readModel: env.READ_MODEL ?? true,
    readHistory: env.READ_HISTORY ?? true,
    graphqlEdgeCompute: env.GRAPHQL_EDGE_COMPUTE ?? true,
    clockSkewMs: env.CLOCK_SKEW_MS,
    readCacheBytes: env.READ_CACHE_MB * MIB,
    responseCacheBytes: env.RESPONSE_CACHE_MB * MIB,
    snapshotMaxAgeSeconds: env.SNAPSHOT_MAX_AGE_SECONDS,
    snapshotSettleMs: env.SNAPSHOT_SETTLE_MS,
    changeStream: { heartbeatSeconds: env.CHANGE_STREAM_HEARTBEAT_SECONDS, maxClients: env.CHANGE_STREAM_MAX_CLIENTS },
    changeFeedWorker: env.CHANGE_FEED_WORKER ?? true,
    webhooks: {
      worker: env.WEBHOOK_WORKER ?? true,
      allowPrivate: env.WEBHOOK_ALLOW_PRIVATE ?? false,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      concurrency: env.WEBHOOK_CONCURRENCY,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      retryHorizonMs: env.WEBHOOK_RETRY_HORIZON_HOURS * 3600_000,
      disableAfterMs: env.WEBHOOK_DISABLE_AFTER_HOURS * 3600_000,
    },
  };
}

/** Injection token of the loaded AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
