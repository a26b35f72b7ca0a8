import { type ClientRequest, type IncomingMessage, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { ChangeStream } from '../apps/api/src/delivery/changes/change-stream';
import { DeliveryNotifications } from '../apps/api/src/delivery/notifications';
import { TookEffectEmitter } from '../apps/api/src/delivery/changes/took-effect-emitter';
import { currentDatabase } from './support/current-database';
import { startTestApp, type TestApp } from './support/test-app';
import { dataOf } from './support/policy-api';
import { tickingClock, workflow } from './support/workflow-api';

/**
 * The change feed under attack and under audit (issue 10): hostile cursors and page sizes on every channel, streams
 * that lose their connection at the worst moment, a listener connection killed by the operator, a shutdown with a
 * client that reads nothing, and the TOOK_EFFECT emitter meeting a withdrawal of the version it is announcing.
 * Whatever happens, a consumer that resumes from what it was told misses nothing.
 */

/**
 * A Server-Sent Events reader that keeps the "last event ID" exactly as an EventSource does (WHATWG HTML, 9.2.6): an
 * `id:` field sets the buffer, and the buffer becomes the last event ID at the blank line that ends a block, even a
 * block without data. That is what a browser sends back as Last-Event-ID when it reconnects.
 */
class EventSourceLike {
  readonly ids: string[] = [];
  lastEventId = '';
  retry: number | null = null;
  ended = false;
  /** The answer ended with its last chunk (a clean end), not with a broken connection. */
  completed = false;
  private buffer = '';
  private idBuffer = '';

  private constructor(
    private readonly call: ClientRequest,
    readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.take(chunk));
    response.on('end', () => (this.ended = this.completed = true));
    response.on('close', () => (this.ended = true));
  }

  static open(app: TestApp, path: string, headers: Record<string, string> = {}): Promise<EventSourceLike> {
    const { port } = (app.app.getHttpServer() as Server).address() as AddressInfo;
    return new Promise((opened, failed) => {
      const call = httpRequest({ host: '127.0.0.1', port, path, headers: { accept: 'text/event-stream', ...headers } }, (response) =>
        opened(new EventSourceLike(call, response)),
      );
      call.on('error', failed);
      call.end();
    });
  }

  /** Reconnects as an EventSource would: the same URL, with Last-Event-ID when it has one. */
  reconnect(app: TestApp, path: string): Promise<EventSourceLike> {
    return EventSourceLike.open(app, path, this.lastEventId === '' ? {} : { 'last-event-id': this.lastEventId });
  }

  get status(): number {
    return this.response.statusCode!;
  }

  async json(): Promise<any> {
    await until(() => this.ended, 'the end of the answer');
    return JSON.parse(this.buffer);
  }

  close(): void {
    this.call.destroy();
  }

  pause(): void {
    this.response.pause();
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    if (!this.response.headers['content-type']?.startsWith('text/event-stream')) return;
    let end: number;
    while ((end = this.buffer.indexOf('\n')) >= 0) {
      this.line(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 1);
    }
  }

  private line(line: string): void {
    if (line === '') {
      this.lastEventId = this.idBuffer;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'id' && !value.includes('\0')) this.idBuffer = value;
    if (name === 'retry' && /^[0-9]+$/.test(value)) this.retry = Number(value);
    if (name === 'data') this.ids.push(this.idBuffer);
  }
}

/** Polls `condition` for up to 15 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 15_000) throw new Error(`waited 15 s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function listening(app: TestApp): Promise<number> {
  const server = app.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return (server.address() as AddressInfo).port;
}

/** A GET over node:http: status, headers and the parsed JSON body. */
function get(app: TestApp, path: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const { port } = (app.app.getHttpServer() as Server).address() as AddressInfo;
  return new Promise((answered, failed) => {
    const call = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        answered({ status: response.statusCode!, json: text ? JSON.parse(text) : undefined });
      });
    });
    call.on('error', failed);
    call.end();
  });
}

const ENV = { WEBHOOK_WORKER: '0', CHANGE_STREAM_HEARTBEAT_SECONDS: '30' };

describe('the change feed, attacked', () => {
  const clock = tickingClock('2026-11-27T00:00:00Z');
  let t: TestApp;
  let day = 1;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock, env: ENV });
    await t.ensureDemoUsers();
    await listening(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const lastSeq = async () => (await t.sql(`SELECT coalesce(max(seq), 0)::text AS seq FROM change_event`))[0].seq as string;
  const eventCount = async () => Number((await t.sql(`SELECT count(*)::int AS n FROM change_event`))[0].n);

  /** Publishes a new version of `contact` from a later day in December, through the API; returns its id. */
  async function publish(app: TestApp = t): Promise<string> {
    const wf = workflow(app);
    const effectiveFrom = `2026-12-${String(day++).padStart(2, '0')}`;
    const created = dataOf(
      await wf.create({ policyKey: 'contact', effectiveFrom, content: { title: 'お問い合わせ', body: `${effectiveFrom}からの窓口` }, summary: 'テスト(出典: テスト)' }, 'editor'),
    ).createPolicyVersion;
    dataOf(await wf.submit(created.id, 'editor'));
    dataOf(await wf.approve(created.id, 'approver'));
    dataOf(await wf.publish(created.id, 'approver'));
    return created.id;
  }

  describe('hostile cursors and page sizes', () => {
    const malformedCursors = [
      ['2^63', '9223372036854775808'],
      ['2^64', '18446744073709551616'],
      ['a negative number', '-1'],
      ['leading zeros', '007'],
      ['Arabic-Indic digits', '\u0661\u0662'],
      ['full-width digits', '\uff11\uff12'],
      ['an exponent', '1e3'],
      ['hexadecimal', '0x10'],
      ['a fraction', '1.0'],
      ['surrounding spaces', ' 1 '],
      ['an empty string', ''],
      ['a NUL', '1\u0000'],
      ['CR LF and a header', '1\r\nSet-Cookie: x=1'],
      ['ten thousand digits', '9'.repeat(10_000)],
    ];

    it.each(malformedCursors)('GET /v1/changes refuses after= %s as 400 BAD_USER_INPUT on after', async (_, cursor) => {
      const before = await eventCount();
      const answer = await get(t, `/v1/changes?after=${encodeURIComponent(cursor)}`);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ errors: [{ message: expect.any(String), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) }] });
      expect(await eventCount()).toBe(before);
    });

    it.each(malformedCursors)('GraphQL changeFeed refuses after: %s as BAD_USER_INPUT on after', async (_, cursor) => {
      const answer = await t.gql(`query($after: String) { changeFeed(after: $after) { endCursor } }`, { after: cursor });
      expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it.each(malformedCursors.filter(([, cursor]) => !/[\r\n\0\u0080-\uffff]/.test(cursor) && cursor.trim() === cursor && cursor !== ''))(
      'the stream refuses Last-Event-ID: %s as 400 BAD_USER_INPUT on Last-Event-ID',
      async (_, cursor) => {
        const refused = await EventSourceLike.open(t, '/v1/changes/stream', { 'last-event-id': cursor });
        expect(refused.status).toBe(400);
        expect((await refused.json()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Last-Event-ID' });
      },
    );

    it('refuses a cursor beyond the end of the feed (one it never handed out), on every channel, naming the field', async () => {
      const ahead = (BigInt(await lastSeq()) + 1000n).toString();
      const page = await get(t, `/v1/changes?after=${ahead}`);
      expect(page.status).toBe(400);
      expect(page.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      const gql = await t.gql(`query($after: String) { changeFeed(after: $after) { endCursor } }`, { after: ahead });
      expect(gql.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      const stream = await EventSourceLike.open(t, '/v1/changes/stream', { 'last-event-id': ahead });
      expect(stream.status).toBe(400);
      expect((await stream.json()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Last-Event-ID' });
      const query = await EventSourceLike.open(t, `/v1/changes/stream?after=${ahead}`);
      expect(query.status).toBe(400);
      expect((await query.json()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('still takes the current end of the feed as a cursor (an empty page, not an error)', async () => {
      const end = await lastSeq();
      const page = await get(t, `/v1/changes?after=${end}`);
      expect(page.status).toBe(200);
      expect(page.json).toEqual({ events: [], endCursor: null, hasNextPage: false });
    });

    it.each([['0'], ['1001'], ['-1'], ['1e2'], [''], ['99999999999999999999'], ['\uff15']])(
      'GET /v1/changes refuses limit=%s as 400 BAD_USER_INPUT on limit',
      async (limit) => {
        const answer = await get(t, `/v1/changes?limit=${encodeURIComponent(limit)}`);
        expect(answer.status).toBe(400);
        expect(answer.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
      },
    );

    it('refuses a repeated parameter, and an unknown one, naming it', async () => {
      const repeated = await get(t, `/v1/changes?after=1&after=2`);
      expect(repeated.status).toBe(400);
      expect(repeated.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      const bracketed = await get(t, `/v1/changes?after[]=1`);
      expect(bracketed.status).toBe(400);
      expect(bracketed.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after[]' });
    });

    it.each([[0], [-1], [1001], [2 ** 31]])('GraphQL changeFeed refuses first: %d as BAD_USER_INPUT on first', async (first) => {
      const answer = await t.gql(`query($first: Int) { changeFeed(first: $first) { endCursor } }`, { first });
      expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });

    it('takes limit=1000 and first: 1000, the most one page may hold', async () => {
      expect((await get(t, '/v1/changes?limit=1000')).status).toBe(200);
      expect(dataOf(await t.gql(`{ changeFeed(first: 1000) { hasNextPage } }`)).changeFeed.hasNextPage).toBe(false);
    });
  });

  describe('streams that lose their connection', () => {
    it('gives a stream opened without a cursor an id at once, so that a reconnect before the first event misses nothing', async () => {
      const path = '/v1/changes/stream';
      const first = await EventSourceLike.open(t, path);
      expect(first.status).toBe(200);
      await until(() => first.retry !== null, 'the stream to open');
      first.close();
      // Published while the client was away, before it ever saw an event.
      const missed = await publish();
      const [{ seq }] = await t.sql(`SELECT seq::text FROM change_event WHERE version_id = $1 AND type = 'PUBLISHED'`, [missed]);

      const second = await first.reconnect(t, path);
      expect(second.status).toBe(200);
      await until(() => second.ids.includes(seq), `event ${seq}, published while the client reconnected`);
      second.close();
    });

    it('still delivers everything after the operator kills the LISTEN connection', async () => {
      const notifications = t.app.get(DeliveryNotifications);
      const reader = await EventSourceLike.open(t, '/v1/changes/stream');
      await until(() => reader.retry !== null, 'the stream to open');
      const killed = await t.sql(
        `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
          WHERE application_name = 'policy-cms delivery' AND datname = current_database()`,
      );
      expect(killed).toEqual([{ killed: true }]);
      const during = await publish();
      await until(() => notifications.listening, 'the listener to reconnect');
      const after = await publish();
      const seqs = (await t.sql(`SELECT seq::text FROM change_event WHERE version_id = ANY($1::uuid[]) ORDER BY seq`, [[during, after]])).map(
        (row) => row.seq as string,
      );
      await until(() => seqs.every((seq) => reader.ids.includes(seq)), `events ${seqs.join(', ')}`);
      // In order, each once.
      expect(reader.ids.filter((id) => seqs.includes(id))).toEqual(seqs);
      reader.close();
    });
  });

  describe('shutdown', () => {
    it('ends a stream cleanly when the instance stops, so that its client reconnects at once (elsewhere)', async () => {
      const other = await startTestApp({ clock, env: ENV });
      await listening(other);
      const reader = await EventSourceLike.open(other, '/v1/changes/stream');
      try {
        await until(() => reader.retry !== null, 'the stream to open');
        const closing = other.close();
        await until(() => reader.ended, 'the stream to end');
        expect(reader.completed).toBe(true);
        await closing;
      } finally {
        reader.close();
      }
    });

    it('stops promptly while a stream’s client reads nothing (the client resumes from its Last-Event-ID)', async () => {
      const other = await startTestApp({ clock, env: ENV });
      await listening(other);
      const streams = other.app.get(ChangeStream);
      const reader = await EventSourceLike.open(other, '/v1/changes/stream');
      try {
        await until(() => reader.retry !== null, 'the stream to open');
        reader.pause();
        // Bytes the server could not hand to the kernel yet: the client's socket is full (read for the test only).
        const backlog = () => [...(streams as any).clients].reduce((sum: number, client: any) => sum + client.res.writableLength, 0);
        const [version] = await t.sql(`SELECT id FROM policy_version WHERE status = 'PUBLISHED' LIMIT 1`);
        for (let batch = 0; batch < 300 && backlog() === 0 && streams.size > 0; batch++) {
          await t.sql(
            `INSERT INTO change_event (type, policy_id, policy_key, version_id, version_number, effective, recorded_at)
             SELECT 'WITHDRAWN', v.policy_id, p.key, v.id, v.number, v.effective, now()
               FROM policy_version v JOIN policy p ON p.id = v.policy_id, generate_series(1, 300)
              WHERE v.id = $1`,
            [version.id],
          );
          const end = BigInt(await lastSeq());
          await until(() => streams.size === 0 || (streams.readThrough ?? 0n) >= end, 'the batch to be read');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(streams.size).toBe(1);
        expect(backlog()).toBeGreaterThan(0);
        let watchdog: NodeJS.Timeout | undefined;
        const outcome = await Promise.race([
          other.close().then(() => 'closed'),
          new Promise((resolve) => (watchdog = setTimeout(resolve, 15_000, 'still waiting for the stream to finish'))),
        ]);
        clearTimeout(watchdog);
        expect(outcome).toBe('closed');
      } finally {
        reader.close();
      }
    });
  });

  describe('the TOOK_EFFECT emitter meeting a withdrawal', () => {
    it('lets a withdrawal of the version being announced and the announcement both succeed (no deadlock)', async () => {
      // A version in force from a past day D after another one, whose TOOK_EFFECT is not written (history before install).
      const [target] = await t.sql(
        `SELECT s.version_id AS id, lower(s.effective)::text AS day, p.key
           FROM ledger_segment s JOIN policy p ON p.id = s.policy_id
          WHERE upper_inf(s.recorded) AND lower(s.effective) BETWEEN date '2026-11-27' - 800 AND date '2026-11-27' - 30
            AND NOT EXISTS (SELECT FROM change_event e WHERE e.type = 'TOOK_EFFECT' AND e.policy_id = s.policy_id AND e.day = lower(s.effective))
            AND EXISTS (SELECT FROM ledger_segment y WHERE y.policy_id = s.policy_id AND upper_inf(y.recorded) AND upper(y.effective) = lower(s.effective))
          ORDER BY lower(s.effective) DESC, p.key LIMIT 1`,
      );
      expect(target).toBeDefined();
      // The emitter is one day behind D (as after an outage).
      await t.sql(`UPDATE change_feed_progress SET took_effect_through = $1::date - 1`, [target.day]);
      const waiting = async () =>
        Number(
          (await t.sql(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`))[0].n,
        );
      const waitForWaiters = async (count: number, what: string) => {
        for (let waited = 0; (await waiting()) < count; waited += 20) {
          if (waited > 10_000) throw new Error(`waited 10 s for ${what}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      // A publish elsewhere holds the ledger's write lock while both arrive: the emitter first, then the withdrawal.
      const writer = new Client({ connectionString: currentDatabase().url });
      await writer.connect();
      try {
        await writer.query('BEGIN');
        await writer.query(`SELECT pg_advisory_xact_lock(x'6c6564676572'::bigint)`);
        const emitted = t.app
          .get(TookEffectEmitter)
          .emitDue()
          .then(
            (written) => ({ written, error: null }),
            (error: { code?: string; message: string }) => ({ written: 0, error: `${error.code}: ${error.message}` }),
          );
        await waitForWaiters(1, 'the emitter to wait for the ledger lock');
        const withdrawal = workflow(t).withdraw(target.id, '誤掲載のため取り下げ', 'approver');
        await waitForWaiters(2, 'the withdrawal to wait');
        await writer.query('COMMIT');
        const [announced, answer] = await Promise.all([emitted, withdrawal]);
        expect({ emitter: announced.error, withdrawal: answer.errors ?? null }).toEqual({ emitter: null, withdrawal: null });
        expect(announced.written).toBeGreaterThanOrEqual(1);
        // Every event about the policy is there once: D's TOOK_EFFECT (as the ledger stood) and the WITHDRAWN.
        const events = await t.sql(`SELECT type, day::text FROM change_event WHERE policy_key = $1 AND (day = $2::date OR type = 'WITHDRAWN')`, [
          target.key,
          target.day,
        ]);
        expect(events.map((event) => event.type).sort()).toEqual(['TOOK_EFFECT', 'WITHDRAWN']);
      } finally {
        await writer.end();
      }
    });

    it('writes TOOK_EFFECT at the demo ledger’s edges exactly when the rule in force changes from one day to the next', async () => {
      // Caught up from before the spring 2025 changes (days already written, as by the case above, stay as they are).
      const [withdrawn] = await t.sql(`SELECT policy_key AS key FROM change_event WHERE type = 'WITHDRAWN' ORDER BY seq DESC LIMIT 1`);
      const excluded: string | null = withdrawn?.key ?? null; // its day D was written before its withdrawal
      expect(excluded).not.toBe('contact');
      // Corrections of the past, published now: two versions from the same day (the later publication wins that day),
      // and a version whose range ends on 2025-06-20 (the one under it takes over again on 2025-06-21).
      const wf = workflow(t);
      const correct = async (effectiveFrom: string, effectiveThrough: string | null, body: string) => {
        const reason = '過去分の訂正(テスト)';
        const created = dataOf(
          await wf.create(
            { policyKey: 'contact', effectiveFrom, effectiveThrough, content: { title: 'お問い合わせ', body }, summary: 'テスト(出典: テスト)', reason },
            'editor',
          ),
        ).createPolicyVersion;
        dataOf(await wf.submit(created.id, 'editor'));
        dataOf(await wf.approve(created.id, 'approver'));
        dataOf(await wf.publish(created.id, 'approver', reason));
      };
      await correct('2025-06-10', null, '6月10日からの窓口(第1版)');
      await correct('2025-06-10', null, '6月10日からの窓口(第2版)');
      await correct('2025-06-15', '2025-06-20', '6月15日から20日までの臨時窓口');
      await t.sql(`UPDATE change_feed_progress SET took_effect_through = '2025-03-21'`);
      await t.app.get(TookEffectEmitter).emitDue();
      const keys = (await t.sql(`SELECT key FROM policy WHERE key IS DISTINCT FROM $1 ORDER BY key`, [excluded])).map((row) => row.key as string);
      const inForce = async (key: string, on: string): Promise<{ id: string; effectiveFrom: string; effectiveThrough: string | null } | null> =>
        dataOf(await t.gql(`query($key: ID!, $on: Date) { policyInForce(key: $key, on: $on) { id effectiveFrom effectiveThrough } }`, { key, on }))
          .policyInForce;
      const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      let changes = 0;
      const days = ['2025-03-23', '2025-03-24', '2025-03-25', '2025-06-10', '2025-06-15', '2025-06-20', '2025-06-21', '2025-08-31', '2025-09-01', '2025-09-02'];
      for (const day of days) {
        for (const key of keys) {
          const [before, on] = [await inForce(key, dayBefore(day)), await inForce(key, day)];
          const events = await t.sql(
            `SELECT version_id::text AS "versionId", lower(effective)::text AS "from", (upper(effective) - 1)::text AS through
               FROM change_event WHERE type = 'TOOK_EFFECT' AND policy_key = $1 AND day = $2::date`,
            [key, day],
          );
          const expected =
            (before?.id ?? null) === (on?.id ?? null)
              ? []
              : [{ versionId: on?.id ?? null, from: on?.effectiveFrom ?? null, through: on ? on.effectiveThrough : null }];
          expect({ key, day, events }).toEqual({ key, day, events: expected });
          changes += expected.length;
        }
      }
      // The demo ledger does change on these days: the comparison above is not vacuous.
      expect(changes).toBeGreaterThanOrEqual(6);
    });
  });
});
