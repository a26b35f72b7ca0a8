import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ReplicaPools, type ReplicaPoolsOptions } from '../libs/database/src';
import { ReplicatedPair, startReplicatedPair } from './support/streaming-replica';

/**
 * The replica pools of the public read path against a real primary and a real streaming replica of it. The pair is
 * this file's own: it holds a scratch table and the ledger's watermark (as migration 0009 makes it), moved by hand.
 */
describe('a streaming replica and the replica pools', () => {
  let pair: ReplicatedPair;
  let primary: Client;
  const open: ReplicaPools[] = [];
  const messages: { level: 'log' | 'warn'; message: string }[] = [];
  const options: ReplicaPoolsOptions = {
    connectTimeoutMs: 1_000,
    retryInitialMs: 200,
    retryMaxMs: 1_000,
    logger: {
      log: (message) => messages.push({ level: 'log', message }),
      warn: (message) => messages.push({ level: 'warn', message }),
    },
  };
  const pools = (urls: string[], overrides: ReplicaPoolsOptions = {}) => {
    const created = new ReplicaPools(urls, { ...options, ...overrides });
    open.push(created);
    return created;
  };
  const onReplica = async <T>(work: (client: Client) => Promise<T>) => {
    const client = new Client({ connectionString: pair.replicaUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  /** Records a note and moves the watermark past it, as a ledger write does; returns the new watermark. */
  const record = async (id: number, note: string): Promise<bigint> => {
    await primary.query('INSERT INTO probe (id, note, at) VALUES ($1, $2, clock_timestamp())', [id, note]);
    const { rows } = await primary.query(`UPDATE ledger_watermark SET seq = seq + 1, at = clock_timestamp() RETURNING seq::text`);
    return BigInt(rows[0].seq);
  };
  const notes = { name: 'test.notes', text: 'SELECT id, note, at FROM probe WHERE id = ANY($1::int[]) ORDER BY id DESC', values: [[1, 2, 3]] };
  const statsOf = (replicaPools: ReplicaPools) => replicaPools.stats()[0];

  beforeAll(async () => {
    pair = await startReplicatedPair();
    primary = new Client({ connectionString: pair.primaryUrl });
    await primary.connect();
    await primary.query(
      `CREATE TABLE ledger_watermark (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), seq bigint NOT NULL, at timestamptz NOT NULL)`,
    );
    await primary.query(`INSERT INTO ledger_watermark (seq, at) VALUES (0, '-infinity')`);
    await primary.query('CREATE TABLE probe (id int PRIMARY KEY, note text NOT NULL, at timestamptz NOT NULL)');
  });

  afterEach(async () => {
    jest.useRealTimers();
    await Promise.all(open.splice(0).map((replicaPools) => replicaPools.close()));
    messages.length = 0;
  });

  afterAll(async () => {
    await primary?.end();
    await pair?.stop();
  });

  it('is a hot standby that replays what the primary writes, and refuses writes itself', async () => {
    await record(1, 'first');
    await pair.waitForReplay();

    const { rows } = await onReplica((replica) => replica.query('SELECT note, pg_is_in_recovery() AS standby FROM probe WHERE id = 1'));
    expect(rows).toEqual([{ note: 'first', standby: true }]);
    await expect(onReplica((replica) => replica.query(`INSERT INTO probe VALUES (9, 'no', now())`))).rejects.toMatchObject({ code: '25006' });
  });

  it('answers a caught-up read from the replica, in one statement with its watermark, rows as JSON', async () => {
    const watermark = await record(2, 'second');
    await pair.waitForReplay();
    const replicaPools = pools([pair.replicaUrl]);
    const seen: bigint[] = [];

    const answer = await replicaPools.query<{ id: number; note: string; at: string }>(notes, (at) => {
      seen.push(at);
      return at >= watermark;
    });

    expect(answer?.replica).toBe(`127.0.0.1:${pair.replicaPort}/postgres`);
    expect(answer?.rows.map(({ id, note }) => ({ id, note }))).toEqual([{ id: 2, note: 'second' }, { id: 1, note: 'first' }]);
    expect(typeof answer?.rows[0].at).toBe('string');
    expect(seen).toEqual([watermark]);
    expect(replicaPools.stats()).toEqual([
      { name: `127.0.0.1:${pair.replicaPort}/postgres`, state: 'up', served: 1, behind: 0, errors: 0 },
    ]);
    expect(messages).toEqual([]);
  });

  it('declines while replay is paused and the primary has moved on, then serves once the replica has replayed', async () => {
    const replicaPools = pools([pair.replicaUrl]);
    await pair.pauseReplay();
    let needed: bigint;
    try {
      needed = await record(3, 'third');
      await primary.query('CREATE TABLE added_by_a_migration (id int)');

      expect(await replicaPools.query(notes, (at) => at >= needed)).toBeUndefined();
      // A table the replica has not replayed yet is the replica's lag, not the statement's fault: the primary answers.
      expect(await replicaPools.query({ name: 'test.added', text: 'SELECT id FROM added_by_a_migration', values: [] }, () => true)).toBeUndefined();
      expect(statsOf(replicaPools)).toMatchObject({ state: 'up', served: 0, behind: 2, errors: 0 });
      await expect(pair.waitForReplay(300)).rejects.toThrow(/did not replay up to .* replay paused\)/);
    } finally {
      await pair.resumeReplay();
    }
    await pair.waitForReplay();

    const answer = await replicaPools.query<{ id: number }>(notes, (at) => at >= needed);
    expect(answer?.rows.map(({ id }) => id)).toEqual([3, 2, 1]);
    expect(statsOf(replicaPools)).toMatchObject({ state: 'up', served: 1, behind: 2, errors: 0 });
  });

  it("rethrows the statement's own fault and keeps the replica up", async () => {
    const replicaPools = pools([pair.replicaUrl]);

    await expect(replicaPools.query({ name: 'test.typo', text: 'SELEC id FROM probe', values: [] }, () => true)).rejects.toMatchObject({
      code: '42601',
    });
    await expect(replicaPools.query({ ...notes, values: ['not a list'] }, () => true)).rejects.toMatchObject({ code: '22P02' });
    expect(statsOf(replicaPools)).toMatchObject({ state: 'up', served: 0, errors: 0 });
    expect(messages).toEqual([]);
  });

  it('gives up on a stopped replica at once, marks it down, and tries it again only after a doubling backoff', async () => {
    const replicaPools = pools([pair.replicaUrl]);
    expect(await replicaPools.query(notes, () => true)).toBeDefined();
    // Only the clock the backoff reads stands still, so that "within the backoff" does not depend on the machine's speed.
    jest.useFakeTimers({ doNotFake: REAL_TIMERS });
    const start = Date.now();
    const afterMs = (ms: number) => jest.setSystemTime(start + ms);
    await pair.stopReplica();
    try {
      expect(await replicaPools.query(notes, () => true)).toBeUndefined();
      expect(statsOf(replicaPools)).toMatchObject({ state: 'down', served: 1 });
      const errors = statsOf(replicaPools).errors;
      expect(errors).toBeGreaterThanOrEqual(1);

      expect(await replicaPools.query(notes, () => true)).toBeUndefined();
      expect(statsOf(replicaPools).errors).toBe(errors); // within the backoff (200 ms): not tried
      afterMs(200);
      expect(await replicaPools.query(notes, () => true)).toBeUndefined();
      expect(statsOf(replicaPools).errors).toBe(errors + 1); // tried, still refused: the next wait is 400 ms
      afterMs(400);
      expect(await replicaPools.query(notes, () => true)).toBeUndefined();
      expect(statsOf(replicaPools).errors).toBe(errors + 1);
    } finally {
      await pair.startReplica();
    }
    expect(await replicaPools.query(notes, () => true)).toBeUndefined();
    afterMs(600);

    const answer = await replicaPools.query<{ id: number }>(notes, () => true);
    expect(answer?.rows.map(({ id }) => id)).toEqual([3, 2, 1]);
    expect(statsOf(replicaPools)).toMatchObject({ state: 'up', served: 2 });
    expect(messages.map(({ level }) => level)).toEqual(['warn', 'log']);
    expect(messages[0].message).toContain(`replica 127.0.0.1:${pair.replicaPort}/postgres is down`);
    expect(messages[1].message).toContain(`replica 127.0.0.1:${pair.replicaPort}/postgres is up again`);
  });

  it('takes turns between replicas that are up and skips one that is down', async () => {
    const overSocket = `postgres://postgres@/postgres?host=${encodeURIComponent(join(pair.dir, 'sockets'))}&port=${pair.replicaPort}`;
    const nowhere = `postgres://postgres:secret@127.0.0.1:${await closedPort()}/postgres`;
    // A long backoff: the dead one is tried once however slowly the turns go.
    const replicaPools = pools([pair.replicaUrl, overSocket, nowhere], { retryInitialMs: 60_000 });

    const answers = [];
    for (let turn = 0; turn < 7; turn++) answers.push(await replicaPools.query(notes, () => true));

    expect(answers.map((answer) => answer?.replica)).toEqual([
      `127.0.0.1:${pair.replicaPort}/postgres`,
      `${join(pair.dir, 'sockets')}:${pair.replicaPort}/postgres`,
      undefined,
      `127.0.0.1:${pair.replicaPort}/postgres`,
      `${join(pair.dir, 'sockets')}:${pair.replicaPort}/postgres`,
      `127.0.0.1:${pair.replicaPort}/postgres`,
      `${join(pair.dir, 'sockets')}:${pair.replicaPort}/postgres`,
    ]);
    expect(replicaPools.stats().map(({ state, served, errors }) => ({ state, served, errors }))).toEqual([
      { state: 'up', served: 3, errors: 0 },
      { state: 'up', served: 3, errors: 0 },
      { state: 'down', served: 0, errors: 1 },
    ]);
    expect(messages.map(({ message }) => message).join('\n')).not.toContain('secret');
  });

  it('fails to start with the server log, and leaves no folder behind', async () => {
    const failure = await startReplicatedPair({ settings: ["shared_buffers = 'plenty'"] }).then(
      () => undefined,
      (error: Error) => error.message,
    );

    expect(failure).toMatch(/^starting the primary failed: [\s\S]*--- primary log ---[\s\S]*invalid value for parameter "shared_buffers"/);
    const folder = /-D (\S+)\/primary /.exec(failure ?? '')?.[1];
    expect(folder).toBeDefined();
    expect(folder !== undefined && existsSync(folder)).toBe(false);
  });

  it('stops both servers and removes their folder, and a second stop does nothing', async () => {
    const standalone = await startReplicatedPair();
    await standalone.stop();
    await standalone.stop();

    expect(existsSync(standalone.dir)).toBe(false);
    const client = new Client({ connectionString: standalone.primaryUrl, connectionTimeoutMillis: 1_000 });
    await expect(client.connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

/** Every timer but Date stays real: pg's own timeouts and the servers' start and stop keep their time. */
const REAL_TIMERS: FakeableAPI[] = [
  'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate',
  'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout',
];

/** A port nothing listens on: the OS gave it to us and we let it go. */
async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}
