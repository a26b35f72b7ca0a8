import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXCERPT_CHARS, MAX_ANSWER_BYTES, callWebhook } from './webhook-call';

describe(callWebhook.name, () => {
  let server: Server;
  let base: string;
  const paths: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      paths.push(req.url ?? '');
      req.resume();
      if (req.url === '/redirect') return void res.writeHead(302, { location: '/elsewhere' }).end();
      if (req.url === '/huge') return void res.writeHead(200).end('x'.repeat(4 * MAX_ANSWER_BYTES));
      if (req.url === '/slow-body') return void res.writeHead(200).write('started');
      if (req.url === '/silent') return;
      res.writeHead(201).end('ok');
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
  });

  const call = (path: string, options: { timeoutMs?: number; allowPrivate?: boolean } = {}) =>
    callWebhook({ url: base + path, headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs: options.timeoutMs ?? 2000, allowPrivate: options.allowPrivate ?? true });

  it('gives the status and the start of the answer', async () => {
    const outcome = await call('/ok');
    expect(outcome).toMatchObject({ statusCode: 201, error: null, responseExcerpt: 'ok' });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    paths.length = 0;
    expect((await call('/redirect')).statusCode).toBe(302);
    expect(paths).toEqual(['/redirect']);
  });

  it('reads at most 64 KiB and keeps 1024 characters of it', async () => {
    const outcome = await call('/huge');
    expect(outcome.statusCode).toBe(200);
    expect(outcome.responseExcerpt).toBe('x'.repeat(EXCERPT_CHARS));
  });

  it('ends a call that gets no answer, or no whole answer, at the timeout', async () => {
    expect(await call('/silent', { timeoutMs: 200 })).toMatchObject({ statusCode: null, error: 'no answer within 200 ms' });
    expect(await call('/slow-body', { timeoutMs: 200 })).toMatchObject({
      statusCode: 200,
      error: 'the answer was not complete within 200 ms',
      responseExcerpt: 'started',
    });
  });

  it('refuses a loopback target before connecting unless private targets are allowed', async () => {
    paths.length = 0;
    const outcome = await call('/ok', { allowPrivate: false });
    expect(outcome.statusCode).toBeNull();
    expect(outcome.error).toMatch(/^refused before connecting: 127\.0\.0\.1 → 127\.0\.0\.1 is a loopback address/);
    expect(paths).toEqual([]);
  });
});
