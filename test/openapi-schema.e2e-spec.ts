import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('documents routes the API serves', async () => {
    const document = JSON.parse(openApiText()) as { paths: Record<string, unknown> };
    for (const path of Object.keys(document.paths)) {
      const answer = await request(api.app.getHttpServer()).get(path.replace('{key}', 'no.such-policy'));
      // A route that exists answers 200, or 404 in the contract's shape (no such policy), never Nest's "Cannot GET".
      expect({ path, known: answer.status === 200 || answer.body?.errors?.[0]?.extensions?.code === 'NOT_FOUND' }).toEqual({ path, known: true });
    }
  });
});
