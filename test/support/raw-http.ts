import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from './test-app';

/** An answer as it came over the wire: status, headers and bytes, nothing parsed. */
export interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/** The port of the app's own server, listening on 127.0.0.1 (started here if supertest has not). */
export async function listening(t: TestApp): Promise<number> {
  const server = t.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

/** One request with exactly these headers and body (no client adds its own), answered as raw bytes. */
export function rawCall(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Raw> {
  return new Promise((answered, failed) => {
    const headers = options.body ? { 'content-length': String(options.body.length), ...options.headers } : options.headers;
    const request = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', failed);
      response.on('end', () => answered({ status: response.statusCode!, headers: response.headers, bytes: Buffer.concat(chunks) }));
    });
    request.on('error', failed);
    request.end(options.body);
  });
}

/** Everything a client sees of an answer but the Date header, which differs between any two answers. */
export function visible(answer: Raw) {
  const { date: _date, ...headers } = answer.headers;
  return { status: answer.status, headers, body: answer.bytes.toString('base64') };
}
