import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { auditServer } from 'graphql-http';
import { responseCacheOf } from '../apps/api/src/app.factory';
import { startTestApp, type TestApp } from './support/test-app';
import { dataOf } from './support/policy-api';

/**
 * GraphQL over GET (issue 10): queries are answered without a CSRF preflight header (authentication is by bearer
 * token, never cookies), mutations never; anonymous GET queries share the response cache with POST; and the
 * graphql-http project's own audit of the GraphQL over HTTP specification reports no error.
 */
describe('GraphQL over HTTP', () => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await t.close();
  });

  it('passes the graphql-http server audit without an error', async () => {
    const results = await auditServer({ url });
    const summary = { ok: 0, notice: 0, warn: 0, error: 0 };
    for (const result of results) summary[result.status]++;
    const notOk = await Promise.all(
      results.filter((result) => result.status !== 'ok').map(async (result) => `${result.status} ${result.id} ${result.name}: ${'reason' in result ? result.reason : ''}`),
    );
    process.stdout.write(`graphql-http audit: ${JSON.stringify(summary)}\n${notOk.join('\n')}\n`);
    expect(notOk.filter((line) => line.startsWith('error'))).toEqual([]);
    expect(summary.ok).toBeGreaterThan(50);
  });

  it('answers a query sent with a plain GET, without a preflight header', async () => {
    const answer = await request(t.app.getHttpServer())
      .get('/graphql')
      .query({ query: 'query($key: ID!) { policyInForce(key: $key, on: "2025-10-01") { policyKey number } }', variables: JSON.stringify({ key: 'myna.card-renewal' }) });
    expect(answer.status).toBe(200);
    expect(answer.body.data.policyInForce).toEqual({ policyKey: 'myna.card-renewal', number: 2 });
  });

  it('refuses a mutation sent with GET (405, Allow: POST), and runs nothing', async () => {
    const before = await t.sql<{ count: number }>('SELECT count(*)::int AS count FROM audit_event');
    const answer = await request(t.app.getHttpServer())
      .get('/graphql')
      .query({ query: 'mutation { login(username: "admin", password: "policy-cms-demo") { token } }' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('POST');
    expect(answer.body.data).toBeUndefined();
    expect(await t.sql('SELECT count(*)::int AS count FROM audit_event')).toEqual(before);
  });

  it('refuses a POST that a cross-site form could send (not JSON), and runs nothing', async () => {
    const before = await t.sql<{ count: number }>('SELECT count(*)::int AS count FROM audit_event');
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const answer = await request(t.app.getHttpServer())
        .post('/graphql')
        .set('content-type', contentType)
        .send(JSON.stringify({ query: 'mutation { login(username: "admin", password: "policy-cms-demo") { token } }' }));
      expect({ contentType, status: answer.status, data: answer.body?.data }).toEqual({ contentType, status: 400, data: undefined });
    }
    expect(await t.sql('SELECT count(*)::int AS count FROM audit_event')).toEqual(before);
  });

  it('answers a repeated anonymous GET query from the response cache, under the same key as POST', async () => {
    const query = '{ policyInForce(key: "myna.facilities", on: "2025-06-02") { policyKey number content } }';
    const cache = responseCacheOf(t.app);
    const posted = await request(t.app.getHttpServer()).post('/graphql').send({ query });
    await request(t.app.getHttpServer()).post('/graphql').send({ query }); // kept on the second ask
    const hitsBefore = cache.stats().hits;
    const fetched = await request(t.app.getHttpServer()).get('/graphql').query({ query });
    expect(cache.stats().hits).toBe(hitsBefore + 1);
    expect(fetched.status).toBe(200);
    expect(fetched.text).toBe(posted.text);
    expect(dataOf({ status: fetched.status, data: fetched.body.data, errors: fetched.body.errors }).policyInForce.policyKey).toBe('myna.facilities');
  });

  it('never serves a GET with a token, or with members Apollo would read differently, from the cache', async () => {
    const query = '{ policies { key } }';
    const cache = responseCacheOf(t.app);
    for (let i = 0; i < 2; i++) await request(t.app.getHttpServer()).get('/graphql').query({ query });
    const before = cache.stats();
    await request(t.app.getHttpServer()).get('/graphql').query({ query }).set('authorization', 'Bearer not-a-token');
    await request(t.app.getHttpServer()).get('/graphql').query({ query, extensions: '{}' });
    const after = cache.stats();
    expect({ hits: after.hits - before.hits, misses: after.misses - before.misses }).toEqual({ hits: 0, misses: 0 });
  });
});
