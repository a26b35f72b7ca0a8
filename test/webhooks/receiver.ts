import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a test receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() when it arrived. */
  at: number;
}

/** What the receiver answers to its n-th request (1-based): a status, or 'hang' to never answer. */
export type Answer = number | 'hang';

export interface Receiver {
  url: string;
  received: Received[];
  /** Resolves once `count` requests arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** A real node:http server on 127.0.0.1, answering POSTs as `answer` says (default: 204). */
export async function startReceiver(answer: (n: number, request: Received) => Answer = () => 204): Promise<Receiver> {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() };
      received.push(request);
      for (const wake of waiters.splice(0)) wake();
      const what = answer(received.length, request);
      if (what === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(what, { 'content-type': 'text/plain' }).end(what >= 300 ? `status ${what} from the test receiver` : '');
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    async waitFor(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`the receiver got ${received.length} of ${count} requests within ${timeoutMs} ms`);
        await new Promise<void>((wake) => {
          const timer = setTimeout(wake, left);
          waiters.push(() => {
            clearTimeout(timer);
            wake();
          });
        });
      }
      return received.slice(0, count);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}

/**
 * The Standard Webhooks check, written here from the specification and not shared with the server's signing code:
 * which of the header's v1 signatures match the secret (an empty list: none does).
 */
export function matchingSignatures(secret: string, headers: IncomingHttpHeaders, body: string): string[] {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
  const expected = Buffer.from(createHmac('sha256', key).update(signed).digest('base64'));
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .filter((entry) => {
      const [version, signature = ''] = entry.split(',');
      const given = Buffer.from(signature);
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

/** Polls `probe` until it returns a truthy value; rejects after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((wake) => setTimeout(wake, 50));
  }
}
