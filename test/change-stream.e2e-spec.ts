import { type ClientRequest, type IncomingMessage, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChangeStream } from '../apps/api/src/delivery/changes/change-stream';
import { startTestApp, type TestApp } from './support/test-app';
import { dataOf } from './support/policy-api';
import { tickingClock, workflow } from './support/workflow-api';

/**
 * The live change feed, GET /v1/changes/stream (Server-Sent Events): events as they commit, on every instance, resumable
 * with Last-Event-ID without a gap or a repeat, with heartbeats, and a bounded number of streams per instance.
 */

interface Message {
  id: string;
  event: string;
  data: any;
}

/** A Server-Sent Events reader over plain node:http, keeping every message and comment as they arrive. */
class StreamReader {
  readonly messages: Message[] = [];
  readonly comments: string[] = [];
  retry: number | null = null;
  ended = false;
  private buffer = '';
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly call: ClientRequest,
    readonly response: IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.take(chunk));
    response.on('end', () => this.finish());
    response.on('close', () => this.finish());
  }

  static open(app: TestApp, path: string, headers: Record<string, string> = {}): Promise<StreamReader> {
    const { port } = (app.app.getHttpServer() as Server).address() as AddressInfo;
    return new Promise((opened, failed) => {
      const call = httpRequest({ host: '127.0.0.1', port, path, headers: { accept: 'text/event-stream', ...headers } }, (response) =>
        opened(new StreamReader(call, response)),
      );
      call.on('error', failed);
      call.end();
    });
  }

  get status(): number {
    return this.response.statusCode!;
  }

  /** The whole body of an answer that is not a stream (an error). */
  async json(): Promise<any> {
    await this.until(() => this.ended, 5000, 'the end of the answer');
    return JSON.parse(this.buffer);
  }

  /** Resolves once `condition` holds, or fails after `ms` naming what was awaited. */
  until(condition: () => boolean, ms: number, what: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`waited ${ms} ms for ${what}; got ${JSON.stringify({ messages: this.messages.map((m) => m.id), comments: this.comments })}`));
      }, ms);
      this.waiters.add(check);
    });
  }

  close(): void {
    this.call.destroy();
  }

  /** Stops reading: the socket's buffers fill, and the server's writes back up. */
  pause(): void {
    this.response.pause();
  }

  resume(): void {
    this.response.resume();
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    if (this.response.headers['content-type']?.startsWith('text/event-stream')) {
      let end: number;
      while ((end = this.buffer.indexOf('\n\n')) >= 0) {
        this.block(this.buffer.slice(0, end));
        this.buffer = this.buffer.slice(end + 2);
      }
    }
    this.notify();
  }

  private block(text: string): void {
    const fields: Partial<Record<'id' | 'event' | 'data', string>> = {};
    for (const line of text.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('retry: ')) this.retry = Number(line.slice(7));
      else {
        const colon = line.indexOf(': ');
        const name = line.slice(0, colon) as 'id' | 'event' | 'data';
        fields[name] = (fields[name] !== undefined && name === 'data' ? `${fields[name]}\n` : '') + line.slice(colon + 2);
      }
    }
    if (fields.data !== undefined) this.messages.push({ id: fields.id!, event: fields.event!, data: JSON.parse(fields.data) });
  }

  private finish(): void {
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Polls `condition` (state the server keeps, learnt asynchronously) for up to 10 s. */
async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error(`waited 10 s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function listening(app: TestApp): Promise<void> {
  const server = app.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
}

describe('the change stream', () => {
  const clock = tickingClock('2026-11-27T00:00:00Z');
  let a: TestApp;
  let b: TestApp;
  let day = 1;

  beforeAll(async () => {
    const env = { CHANGE_STREAM_HEARTBEAT_SECONDS: '1', WEBHOOK_WORKER: '0' };
    a = await startTestApp({ demoData: true, clock, env });
    await a.ensureDemoUsers();
    // A second instance on the same database, serving at most one stream.
    b = await startTestApp({ clock, env: { ...env, CHANGE_STREAM_MAX_CLIENTS: '1' } });
    await Promise.all([listening(a), listening(b)]);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** Publishes a new version of `contact`, each from a later day in December; returns its id. */
  async function publish(): Promise<string> {
    const wf = workflow(a);
    const effectiveFrom = `2026-12-${String(day++).padStart(2, '0')}`;
    const created = dataOf(
      await wf.create({ policyKey: 'contact', effectiveFrom, content: { title: 'お問い合わせ', body: `${effectiveFrom}からの窓口` }, summary: 'テスト(出典: テスト)' }, 'editor'),
    ).createPolicyVersion;
    dataOf(await wf.submit(created.id, 'editor'));
    dataOf(await wf.approve(created.id, 'approver'));
    dataOf(await wf.publish(created.id, 'approver'));
    return created.id;
  }

  const published = (reader: StreamReader) => reader.messages.filter((message) => message.event === 'PUBLISHED').map((message) => message.data.versionId);

  it('sends a publish at once, and after a reconnect with Last-Event-ID exactly the events missed meanwhile, in order', async () => {
    const reader = await StreamReader.open(a, '/v1/changes/stream');
    expect(reader.status).toBe(200);
    expect(reader.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(reader.response.headers['cache-control']).toBe('no-store, no-transform');
    expect(reader.response.headers['content-encoding']).toBeUndefined();
    await reader.until(() => reader.retry !== null, 1000, 'the retry hint');
    // Without a cursor the stream starts at the current end: the demo data's events are not replayed.
    expect(reader.messages).toEqual([]);

    const first = await publish();
    await reader.until(() => reader.messages.length > 0, 1000, 'the publish');
    expect(published(reader)).toEqual([first]);
    const [message] = reader.messages;
    expect(message.id).toBe(message.data.cursor);
    expect(message.data).toMatchObject({ type: 'PUBLISHED', policyKey: 'contact', versionId: first, retroactive: false });
    reader.close();

    const missed = [await publish(), await publish(), await publish()];
    const resumed = await StreamReader.open(a, '/v1/changes/stream?after=0', { 'last-event-id': message.id });
    await resumed.until(() => resumed.messages.length >= 3, 2000, 'the three missed events');
    // A heartbeat after them shows nothing else was on its way.
    const heartbeats = resumed.comments.length;
    await resumed.until(() => resumed.comments.length > heartbeats, 3000, 'a heartbeat');
    expect(published(resumed)).toEqual(missed);
    expect(resumed.messages).toHaveLength(3);
    // The same events, in the same shape, as a page of /v1/changes gives them.
    const page = dataOf(await a.gql(`query($after: String) { changeFeed(after: $after) { events { cursor id type policyKey versionId versionNumber effectiveFrom effectiveThrough recordedAt retroactive day emittedAt } } }`, { after: message.id }))
      .changeFeed.events;
    expect(resumed.messages.map((m) => m.data)).toEqual(page);
    expect(resumed.messages.map((m) => [m.id, m.event])).toEqual(page.map((event: { cursor: string; type: string }) => [event.cursor, event.type]));
    resumed.close();

    // `after` alone resumes the same way.
    const again = await StreamReader.open(a, `/v1/changes/stream?after=${message.id}`);
    await again.until(() => again.messages.length >= 3, 2000, 'the same three events');
    expect(published(again)).toEqual(missed);
    again.close();
  });

  it('sends a heartbeat comment every CHANGE_STREAM_HEARTBEAT_SECONDS', async () => {
    const reader = await StreamReader.open(a, '/v1/changes/stream');
    await reader.until(() => reader.comments.filter((comment) => comment === 'heartbeat').length >= 2, 4000, 'two heartbeats');
    reader.close();
  });

  it('streams on a second instance an event published through the first', async () => {
    const reader = await StreamReader.open(b, '/v1/changes/stream');
    expect(reader.status).toBe(200);
    await reader.until(() => reader.retry !== null, 1000, 'the stream to open');
    const version = await publish();
    await reader.until(() => reader.messages.length > 0, 2000, 'the publish, on the other instance');
    expect(published(reader)).toEqual([version]);
    reader.close();
  });

  it('refuses a stream beyond CHANGE_STREAM_MAX_CLIENTS with 503 in the error shape, and takes one again once a slot is free', async () => {
    const holder = await StreamReader.open(b, '/v1/changes/stream');
    await holder.until(() => holder.retry !== null, 1000, 'the first stream to open');
    const refused = await StreamReader.open(b, '/v1/changes/stream');
    expect(refused.status).toBe(503);
    expect(refused.response.headers['retry-after']).toBe('2');
    expect(await refused.json()).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UNAVAILABLE' } }] });

    holder.close();
    await holder.until(() => holder.ended, 1000, 'the first stream to close');
    let next: StreamReader | undefined;
    // The server learns of the close asynchronously: ask until the slot is free (a few tries at most).
    for (let attempt = 0; attempt < 20; attempt++) {
      next = await StreamReader.open(b, '/v1/changes/stream');
      if (next.status === 200) break;
      await next.json();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(next!.status).toBe(200);
    next!.close();
  });

  it('drops a client that stops reading once it is a megabyte behind, and it resumes from its Last-Event-ID without a gap', async () => {
    const streams = a.app.get(ChangeStream);
    await waitFor(() => streams.size === 0, 'the earlier streams to close');
    const [{ seq: start }] = await a.sql(`SELECT max(seq)::text AS seq FROM change_event`);
    const reader = await StreamReader.open(a, '/v1/changes/stream');
    await reader.until(() => reader.retry !== null, 1000, 'the stream to open');
    reader.pause();

    // Synthetic events, written as the superuser a batch at a time until the client is dropped: more than the kernel's
    // socket buffers (which vary by machine) and the 1 MiB the server keeps for a client.
    const [version] = await a.sql(`SELECT id FROM policy_version WHERE status = 'PUBLISHED' LIMIT 1`);
    let count = 0;
    for (let batch = 0; batch < 12 && streams.size > 0; batch++) {
      await a.sql(
        `INSERT INTO change_event (type, policy_id, policy_key, version_id, version_number, effective, recorded_at)
         SELECT 'WITHDRAWN', v.policy_id, p.key, v.id, v.number, v.effective, now()
           FROM policy_version v JOIN policy p ON p.id = v.policy_id, generate_series(1, 5000)
          WHERE v.id = $1`,
        [version.id],
      );
      count += 5000;
      await waitFor(() => streams.size === 0 || (streams.readThrough ?? 0n) >= BigInt(start) + BigInt(count), 'the batch to be read');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(streams.size).toBe(0);
    const expected = Array.from({ length: count }, (_, i) => String(BigInt(start) + BigInt(i + 1)));

    reader.resume();
    await reader.until(() => reader.ended, 10_000, 'the dropped stream to end');
    const received = reader.messages.map((message) => message.id);
    expect(received.length).toBeLessThan(count);
    expect(received).toEqual(expected.slice(0, received.length));

    const resumed = await StreamReader.open(a, '/v1/changes/stream', { 'last-event-id': received.at(-1) ?? start });
    await resumed.until(() => resumed.messages.length >= count - received.length, 20_000, 'the rest of the events');
    expect(resumed.messages.map((message) => message.id)).toEqual(expected.slice(received.length));
    resumed.close();
  });

  it.each([
    [{ 'last-event-id': 'abc' }, '', 'Last-Event-ID'],
    [{}, '?after=x', 'after'],
    [{}, '?limit=5', 'limit'],
  ])('refuses a malformed start (%j %s) as 400 BAD_USER_INPUT on %s', async (headers, query, field) => {
    const refused = await StreamReader.open(a, `/v1/changes/stream${query}`, headers);
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
