import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { type CallOutcome, EXCERPT_CHARS, MAX_ANSWER_BYTES, callWebhook } from './webhook-call';

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

/** A self-signed certificate for 127.0.0.1 that no trust store holds (made for these tests; valid until 2126). */
const SELF_SIGNED = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgOIS3JHxNaOwQm3l3
r5Zg/6P1DPRhIGmuTeI9Y78rYCKhRANCAAT6fQLdSAwNTUvQkITRE5X9n+FOXeqw
xpjFjb36/kVnTAoLoozEavS4Ivox3SoykxiInxySMcaeuz93N5VOdfFR
-----END PRIVATE KEY-----`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIURG33BOizEJDIxjTixUdBoihbHKkwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwMjAxMjQzM1oYDzIxMjYxMTA4
MDEyNDMzWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAT6fQLdSAwNTUvQkITRE5X9n+FOXeqwxpjFjb36/kVnTAoLoozEavS4
Ivox3SoykxiInxySMcaeuz93N5VOdfFRo28wbTAdBgNVHQ4EFgQUHYMyNmIm+1CB
M17gniIoqKPjtX4wHwYDVR0jBBgwFoAUHYMyNmIm+1CBM17gniIoqKPjtX4wDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDRwAwRAIgXa69hnMr/fHrExZu2aaVLJwl1wIweACxmpu7PJcoKuUCIHLy
7r1HlIbjcFt7bBWtX16QhjBkJWgYw7FIPba+z+Pp
-----END CERTIFICATE-----`,
};

describe(`${callWebhook.name} against hostile receivers`, () => {
  const open: Server[] = [];
  const sockets: Socket[] = [];
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    for (const server of open) server.closeAllConnections?.();
    await Promise.all(open.map((server) => new Promise((closed) => server.close(closed))));
  });

  /** A raw TCP receiver that writes `answer` and then does what `then` says. */
  async function rawReceiver(answer: (socket: Socket) => void): Promise<{ url: string; connections: () => number }> {
    let connections = 0;
    const server = createNetServer((socket) => {
      connections++;
      sockets.push(socket);
      socket.on('error', () => undefined);
      socket.once('data', () => answer(socket));
    });
    open.push(server as unknown as Server);
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, connections: () => connections };
  }
  const post = (url: string, timeoutMs = 3000, allowPrivate = true) =>
    callWebhook({ url, headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs, allowPrivate });

  it.each([
    'http://2130706433/hook',
    'http://0x7f.1/hook',
    'http://017700000001/hook',
    'http://127.1/hook',
    'http://127.0.0.1./hook',
    'http://%31%32%37.0.0.1/hook',
    'http://[0:0:0:0:0:ffff:7f00:1]/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00::1]/hook',
    'http://0.0.0.0/hook',
    'http://0/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::127.0.0.1]/hook',
    'http://localhost./hook',
    'http://api.localhost/hook',
    'http://ｌｏｃａｌｈｏｓｔ/hook',
  ])('refuses %s before connecting or resolving anything', async (url) => {
    const outcome = await post(url, 3000, false);
    expect(outcome.statusCode).toBeNull();
    expect(outcome.error).toMatch(/^refused before connecting: /);
  });

  it('answers a 101 upgrade nobody asked for as a failed attempt, without hanging until the timeout', async () => {
    const receiver = await rawReceiver((socket) => socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'));
    const outcome = await post(receiver.url, 20_000);
    expect(outcome).toMatchObject({ statusCode: 101, error: 'the receiver switched protocols instead of answering', responseExcerpt: null });
  });

  it('reads past informational 1xx answers to the real one', async () => {
    const receiver = await rawReceiver((socket) =>
      socket.end('HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n'),
    );
    expect(await post(receiver.url)).toMatchObject({ statusCode: 204, error: null });
  });

  it('gives up on huge headers without waiting for the timeout', async () => {
    const receiver = await rawReceiver((socket) => {
      socket.write('HTTP/1.1 200 OK\r\n');
      for (let i = 0; i < 2000; i++) socket.write(`X-Filler-${i}: ${'y'.repeat(100)}\r\n`);
    });
    const outcome = await post(receiver.url, 20_000);
    expect(outcome.statusCode).toBeNull();
    expect(outcome.error).toMatch(/header/i);
  });

  it('stops reading an endless body after 64 KiB, not at the timeout', async () => {
    const receiver = await rawReceiver((socket) => {
      socket.write('HTTP/1.1 500 Oops\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n');
      const chunk = `${(16 * 1024).toString(16)}\r\n${'z'.repeat(16 * 1024)}\r\n`;
      const pump = () => {
        while (!socket.destroyed && socket.write(chunk));
        if (!socket.destroyed) socket.once('drain', pump);
      };
      pump();
    });
    const outcome = await post(receiver.url, 20_000);
    expect(outcome).toMatchObject({ statusCode: 500, error: null, responseExcerpt: 'z'.repeat(EXCERPT_CHARS) });
  });

  /**
   * Runs callWebhook in a fresh Node process started with `env`: Node reads NODE_TLS_REJECT_UNAUTHORIZED and the proxy
   * variables from the real environment, which a test cannot change from inside Jest's sandbox.
   */
  function callInProcess(urls: string[], env: Record<string, string>): Promise<CallOutcome[]> {
    const script = `
      const { callWebhook } = require(${JSON.stringify(join(__dirname, 'webhook-call.ts'))});
      (async () => {
        const outcomes = [];
        for (const url of ${JSON.stringify(urls)}) {
          outcomes.push(await callWebhook({ url, headers: {}, body: '{}', timeoutMs: 5000, allowPrivate: true }));
        }
        process.stdout.write(JSON.stringify(outcomes));
      })();`;
    return new Promise((done, failed) => {
      execFile(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-e', script],
        { cwd: join(__dirname, '../../../../..'), env: { ...process.env, TS_NODE_SWC: 'true', ...env }, timeout: 60_000 },
        (error, stdout, stderr) => (error ? failed(new Error(`${error.message}\n${stderr}`)) : done(JSON.parse(stdout))),
      );
    });
  }

  it('verifies TLS certificates and ignores proxies, whatever the environment says', async () => {
    const seen: string[] = [];
    const server = createHttpsServer(SELF_SIGNED, (req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(204).end();
    });
    open.push(server);
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const tlsUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const proxy = await rawReceiver((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    const receiver = await rawReceiver((socket) => socket.end('HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n'));
    const proxyUrl = new URL(proxy.url).origin;

    const [tls, plain] = await callInProcess([tlsUrl, receiver.url], {
      NODE_TLS_REJECT_UNAUTHORIZED: '0',
      NODE_USE_ENV_PROXY: '1',
      HTTP_PROXY: proxyUrl,
      http_proxy: proxyUrl,
      HTTPS_PROXY: proxyUrl,
      https_proxy: proxyUrl,
      NO_PROXY: '',
    });
    expect(tls.statusCode).toBeNull();
    expect(tls.error).toMatch(/certificate/i);
    expect(seen).toEqual([]);
    expect(plain.statusCode).toBe(202);
    expect(proxy.connections()).toBe(0);
  }, 90_000);
});
