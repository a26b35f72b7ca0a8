import type { Server } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Response } from 'express';
import { DomainError } from '@policy-cms/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CHANGES_CHANNEL, DeliveryNotifications } from '../notifications';
import type { ChangeEvent } from './change-event';
import type { StreamStart } from './change-feed-request';
import { ChangeFeedService } from './change-feed.service';

/** The reconnection delay suggested to EventSource clients (`retry:`), in ms. */
export const STREAM_RETRY_MS = 2000;
/** Re-read the feed this often even without a notification: a NOTIFY can be lost with its connection. */
const FALLBACK_POLL_MS = 5000;
/** A client whose unsent bytes exceed this is too slow to follow: it is dropped, and resumes from its Last-Event-ID. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** A client catching up that takes nothing from its socket for this long is dropped (it holds a slot meanwhile). */
const STALLED_MS = 60_000;
/** How long an ended stream may take to send its last bytes before its connection is cut (at shutdown). */
const END_GRACE_MS = 1000;
/** Events read per query, by the shared reader and by a client catching up. */
const BATCH = 200;

/** One Server-Sent Events message: the cursor as `id`, the type as `event`, the event's JSON (one line) as `data`. */
export function sseMessage(event: ChangeEvent): string {
  return `id: ${event.cursor}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** One open stream: what it has been sent so far (`last`), and whether it is catching up from the database. */
class StreamClient {
  busy = false;
  closed = false;

  constructor(
    private readonly res: Response,
    public last: bigint,
  ) {}

  /** Writes an event; false when the socket's buffer is full (wait for drain before writing many more). */
  send(event: ChangeEvent): boolean {
    const ok = this.write(sseMessage(event));
    this.last = BigInt(event.cursor);
    return ok;
  }

  write(text: string): boolean {
    if (this.closed) return false;
    const ok = this.res.write(text);
    // Never buffer without bound for a client that does not read: drop it; it resumes where it stopped.
    if (this.res.writableLength > MAX_BUFFERED_BYTES) this.drop();
    return ok;
  }

  /** Resolves when the socket can take more, or the client is gone; a client that reads nothing for `ms` is dropped. */
  drained(ms: number): Promise<void> {
    if (this.closed || !this.res.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.drop();
        done();
      }, ms);
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }

  drop(): void {
    this.closed = true;
    this.res.destroy();
  }

  /**
   * Ends the stream. A client with bytes still unsent (it stopped reading) is cut off instead: its answer could never
   * finish, and the HTTP server waits for every answer to finish before it closes, so one such client would hold a
   * stopping instance forever (the socket has no timeout). It resumes from its Last-Event-ID, as after any drop.
   */
  end(): void {
    if (this.res.writableLength > 0 || this.res.writableNeedDrain) return this.drop();
    this.closed = true;
    this.res.end();
    // The kernel's buffer may be full even when ours is empty: the last chunk then never leaves either.
    const cutOff = setTimeout(() => this.res.destroy(), END_GRACE_MS);
    cutOff.unref();
    this.res.once('close', () => clearTimeout(cutOff));
  }
}

/**
 * The live change feed of one instance (GET /v1/changes/stream). The events themselves always come from the table,
 * read by `seq` after the last one each client was sent, so that nothing is skipped or repeated whatever happens to
 * notifications: a NOTIFY (or a reconnect of the listener, or a poll every few seconds) only says "read again".
 *
 * One shared reader follows the feed for every live client (one query per change, not one per client); a client that
 * is behind it (it resumed from an old cursor, or joined while the reader was ahead) catches up with queries of its
 * own, at the pace its socket drains, and then follows the shared reader again.
 */
@Injectable()
export class ChangeStream implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ChangeStream');
  private readonly clients = new Set<StreamClient>();
  /** Admitted streams, counted from admission (before their first query) so that maxClients holds under a burst. */
  private admitted = 0;
  /** The last seq the shared reader has read; null while there are no clients (nobody to read for). */
  private head: bigint | null = null;
  private reading = false;
  private readAgain = false;
  private readonly stops: (() => void)[] = [];
  private closing = false;

  constructor(
    private readonly feed: ChangeFeedService,
    private readonly notifications: DeliveryNotifications,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    this.stops.push(this.notifications.subscribe(CHANGES_CHANNEL, () => this.wake()));
    this.stops.push(this.notifications.onReconnect(() => this.wake()));
    const poll = setInterval(() => this.wake(), FALLBACK_POLL_MS);
    const heartbeat = setInterval(() => this.heartbeat(), this.config.changeStream.heartbeatSeconds * 1000);
    poll.unref();
    heartbeat.unref();
    this.stops.push(() => clearInterval(poll), () => clearInterval(heartbeat));
  }

  /**
   * Ends every stream as soon as the HTTP server starts closing. This module's destroy hook comes too late for that:
   * Apollo's drain (GraphQLModule, destroyed first) closes the server and waits up to 10 s for open answers, which a
   * stream never finishes by itself, and then cuts them off; clients would see a broken connection, after 10 s.
   */
  onApplicationBootstrap(): void {
    const server = this.adapterHost?.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server || typeof server.close !== 'function') return;
    const close = server.close.bind(server);
    server.close = ((callback?: (error?: Error) => void) => {
      this.endStreams();
      return close(callback);
    }) as Server['close'];
    // A server that listens again serves again (tests open and close ephemeral listeners on one app).
    server.on('listening', () => (this.closing = false));
  }

  /** Ends every stream (clients reconnect, to another instance if need be), so that the server can close. */
  onModuleDestroy(): void {
    this.endStreams();
    for (const stop of this.stops.splice(0)) stop();
  }

  private endStreams(): void {
    this.closing = true;
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  /**
   * Opens a stream on `res` after cursor `start.after` (null: at the current end). UNAVAILABLE (503) when this instance
   * already serves maxClients streams, or is stopping; BAD_USER_INPUT on `start.field` for a cursor beyond the last
   * event (never handed out). The caller answers either before anything was written.
   */
  async open(res: Response, start: StreamStart): Promise<void> {
    if (this.closing || this.admitted >= this.config.changeStream.maxClients) {
      res.setHeader('Retry-After', String(Math.ceil(STREAM_RETRY_MS / 1000)));
      throw new DomainError(
        'UNAVAILABLE',
        this.closing ? 'this instance is stopping; retry shortly' : `this instance already serves ${this.config.changeStream.maxClients} change streams; retry shortly`,
      );
    }
    this.admitted++;
    let released = false;
    const release = () => {
      if (!released) this.admitted--;
      released = true;
    };
    let client: StreamClient;
    try {
      const end = start.after === null ? await this.feed.lastSeq() : await this.feed.assertHandedOut(start.after, start.field);
      client = new StreamClient(res, start.after === null ? end : BigInt(start.after));
    } catch (error) {
      release();
      throw error;
    }
    if (res.destroyed || res.req.socket.destroyed) return release(); // gone while the end of the feed was read
    if (this.closing) {
      release();
      throw new DomainError('UNAVAILABLE', 'this instance is stopping; retry shortly');
    }
    res.on('close', () => {
      client.closed = true;
      this.clients.delete(client);
      release();
    });
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    // no-transform: proxies must not compress or rewrite it (a compressing proxy buffers); nginx: do not buffer.
    res.setHeader('Cache-Control', 'no-store, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    res.req.socket.setTimeout(0);
    res.req.socket.setNoDelay(true);
    res.flushHeaders();
    // The starting cursor as the first `id:`, in a block without data: an EventSource takes it as its last event ID
    // (WHATWG HTML 9.2.6), so that a client dropped before its first event resumes from where it started rather than
    // from the end at its reconnect, which would skip whatever was committed in between.
    client.write(`retry: ${STREAM_RETRY_MS}\nid: ${client.last}\n: policy-cms change feed\n\n`);
    if (client.closed) return;
    this.clients.add(client);
    void this.catchUp(client);
    if (this.head === null) this.wake(); // the shared reader starts following the feed for its first client
  }

  /** Streams served now. */
  get size(): number {
    return this.clients.size;
  }

  /** The last seq the shared reader has read; null while it follows nothing (no clients). */
  get readThrough(): bigint | null {
    return this.head;
  }

  private heartbeat(): void {
    for (const client of this.clients) client.write(': heartbeat\n\n');
  }

  /** Reads the feed again, once at a time; a wake while reading makes the reader go round once more. */
  private wake(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    void (async () => {
      try {
        do {
          this.readAgain = false;
          await this.readNew();
        } while (this.readAgain && !this.closing);
      } catch (error) {
        this.logger.warn(`change stream could not read the feed (${(error as Error).message}); retrying shortly`);
      } finally {
        this.reading = false;
      }
    })();
  }

  private async readNew(): Promise<void> {
    if (this.clients.size === 0) {
      this.head = null;
      return;
    }
    if (this.head === null) {
      this.head = await this.feed.lastSeq();
      this.deliver([], this.head);
      return;
    }
    for (;;) {
      const before: bigint = this.head;
      const page = await this.feed.page({ after: String(before), first: BATCH });
      if (page.events.length === 0) return;
      this.head = BigInt(page.events[page.events.length - 1].cursor);
      this.deliver(page.events, before);
      if (!page.hasNextPage || this.closing) return;
    }
  }

  /** Hands the events after `before` to each live client that is not behind; the others catch up on their own. */
  private deliver(events: ChangeEvent[], before: bigint): void {
    for (const client of this.clients) {
      if (client.busy || client.closed) continue;
      if (client.last < before) {
        void this.catchUp(client);
        continue;
      }
      for (const event of events) if (BigInt(event.cursor) > client.last) client.send(event);
    }
  }

  /** Sends a client everything after its last event from the table, a batch at a time as its socket drains. */
  private async catchUp(client: StreamClient): Promise<void> {
    if (client.busy || client.closed) return;
    client.busy = true;
    try {
      for (;;) {
        const page = await this.feed.page({ after: String(client.last), first: BATCH });
        if (client.closed) return;
        let writable = true;
        for (const event of page.events) writable = client.send(event);
        if (!writable) await client.drained(STALLED_MS);
        if (client.closed) return;
        // Done when the table has nothing more and the shared reader has not read past this client meanwhile.
        if (!page.hasNextPage && (this.head === null || client.last >= this.head)) break;
      }
    } catch (error) {
      // The client cannot be told what it missed now: drop it, and it resumes from its Last-Event-ID.
      this.logger.warn(`change stream client dropped (${(error as Error).message})`);
      client.drop();
    } finally {
      client.busy = false;
    }
  }
}
