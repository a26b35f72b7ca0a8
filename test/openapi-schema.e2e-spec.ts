import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { get as httpGet, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { openApiText } from '../apps/api/src/delivery/openapi';
import { TestApp, startTestApp } from './support/test-app';

const committed = join(__dirname, '../apps/api/openapi.json');

/** The committed openapi.json shows every change of the /v1 contract in review; `npm run schema` rewrites it. */
describe('openapi.json', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp()));
  afterAll(() => api.close());

  it('is the document the API serves at /v1/openapi.json', async () => {
    const served = await request(api.app.getHttpServer()).get('/v1/openapi.json');
    expect(served.status).toBe(200);
    const text = `${JSON.stringify(served.body, null, 2)}\n`;
    expect(text).toBe(openApiText());
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(committed, text);
    expect(existsSync(committed) ? readFileSync(committed, 'utf8') : '(missing: run npm run schema)').toBe(text);
  });

  /** The status and content type of a GET whose body may never end (an event stream): the connection is then dropped. */
  async function opening(path: string): Promise<{ status: number; type: string | undefined }> {
    const server = api.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;
    const response = await new Promise<IncomingMessage>((answered, failed) => httpGet({ host: '127.0.0.1', port, path }, answered).on('error', failed));
    response.destroy();
    return { status: response.statusCode!, type: response.headers['content-type'] };
  }

  it('documents routes the API serves', async () => {
    const document = JSON.parse(openApiText()) as { paths: Record<string, { get: { responses: Record<string, { content?: object }> } }> };
    for (const [path, item] of Object.entries(document.paths)) {
      if (item.get.responses['200'].content && 'text/event-stream' in item.get.responses['200'].content) {
        expect({ path, ...(await opening(path)) }).toEqual({ path, status: 200, type: 'text/event-stream; charset=utf-8' });
        continue;
      }
      const answer = await request(api.app.getHttpServer()).get(path.replace('{key}', 'no.such-policy'));
      // A route that exists answers 200, or 404 in the contract's shape (no such policy), never Nest's "Cannot GET".
      expect({ path, known: answer.status === 200 || answer.body?.errors?.[0]?.extensions?.code === 'NOT_FOUND' }).toEqual({ path, known: true });
    }
  });
});
