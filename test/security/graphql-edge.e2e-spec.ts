import { generateKeyPairSync } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * The public edge as a hostile client sees it (issue 8, items 4 and 9): every refusal is HTTP 4xx with a code,
 * never INTERNAL; the cost follows the work; the address budget holds; /health tells the truth; the headers are set.
 */

type Body = { data?: unknown; errors?: { message: string; extensions: { code: string; field?: string } }[] };

function aliases(count: number, selection: string): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;
}

describe('the GraphQL edge', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ demoData: true });
  });
  afterAll(() => api.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    request(api.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').set(headers).send(body as object);

  const refusal = (response: request.Response) => ({
    status: response.status,
    code: (response.body as Body).errors?.[0]?.extensions?.code,
    data: (response.body as Body).data,
  });

  describe('cost and limits', () => {
    it('refuses 300 aliases of rulesInForce with HTTP 400 and QUERY_TOO_COMPLEX, running nothing', async () => {
      const response = await post({ query: aliases(300, 'rulesInForce { id content }') });
      expect(refusal(response)).toEqual({ status: 400, code: 'QUERY_TOO_COMPLEX', data: undefined });
    });

    it('charges a list by its bound: four whole changesBetween lists fit in the cost, five do not', async () => {
      const fields = 'id policyKey number status effectiveFrom effectiveThrough content summary recordedAt supersededAt';
      const one = `changesBetween(from: "2025-01-01", through: "2027-12-31") { ${fields} }`;
      // Each costs 10 (one query) + 100 (its bound) × 11 (its fields) = 1110; the limit is 5000.
      const allowed = await post({ query: aliases(4, one) });
      expect(allowed.status).toBe(200);
      expect((allowed.body as { data: { a0: unknown[] } }).data.a0.length).toBeGreaterThan(10);

      const response = await post({ query: aliases(5, one) });
      expect(refusal(response)).toEqual({ status: 400, code: 'QUERY_TOO_COMPLEX', data: undefined });
      expect((response.body as Body).errors?.[0].message).toMatch(/complexity \d+ exceeds the limit of 5000/);
    });

    it('charges a page by its first: four pages of 10 versions pass, four pages of 200 do not', async () => {
      const page = (first: number) => `policyVersions(first: ${first}) { totalCount items { id policyKey number status content summary } }`;
      const small = await api.gql(aliases(4, page(10)), {}, { as: 'auditor' });
      expect(small.status).toBe(200);
      expect(small.errors).toBeUndefined();
      const large = await api.gql(aliases(4, page(200)), {}, { as: 'auditor' });
      expect({ status: large.status, code: large.errors?.[0].extensions.code }).toEqual({ status: 400, code: 'QUERY_TOO_COMPLEX' });
    });

    it('refuses three logins in one operation (each costs a password hash) before checking any', async () => {
      const login = (i: number) => `l${i}: login(username: "admin", password: "wrong-password-${i}") { token }`;
      const events = async () => (await api.sql(`SELECT count(*)::int AS count FROM audit_event`))[0].count as number;
      const before = await events();
      const response = await post({ query: `mutation { ${[0, 1, 2].map(login).join(' ')} }` });
      expect(refusal(response)).toEqual({ status: 400, code: 'QUERY_TOO_COMPLEX', data: undefined });
      expect(await events()).toBe(before);
    });

    it('refuses more than 15 aliases', async () => {
      expect(refusal(await post({ query: aliases(15, 'policies { key }') })).status).toBe(200);
      expect(refusal(await post({ query: aliases(16, 'policies { key }') }))).toEqual({
        status: 400,
        code: 'QUERY_TOO_COMPLEX',
        data: undefined,
      });
    });

    it('refuses a selection deeper than 6', async () => {
      const deep = '{ __type(name: "Query") { fields { type { ofType { ofType { ofType { fields { name } } } } } } } }';
      expect(refusal(await post({ query: deep }))).toEqual({ status: 400, code: 'QUERY_TOO_COMPLEX', data: undefined });
    });

    it('refuses more than 10 different root fields', async () => {
      const roots = ['policies { key }', 'policyKinds { name }', 'rulesInForce { id }', 'changesBetween(from: "2025-01-01", through: "2025-12-31") { id }',
        'cardRenewalCarryOver { carriedOver }', 'renewalFee(holding: BOTH) { yen }', 'integration(procedure: RENEWAL) { available }',
        'policyInForce(key: "myna.facilities") { id }', 'policyTimeline(key: "myna.facilities") { id }', 'policyLedger(key: "myna.facilities") { recordedAt }'];
      expect(refusal(await post({ query: `{ ${roots.join(' ')} }` })).status).toBe(200);
      const eleven = `{ ${roots.join(' ')} me { id } }`;
      expect(refusal(await post({ query: eleven }))).toEqual({ status: 400, code: 'QUERY_TOO_COMPLEX', data: undefined });
    });

    it('refuses more than 50 directives', async () => {
      const query = `{ policies { key ${Array.from({ length: 51 }, () => '@include(if: true)').join(' ')} } }`;
      expect(refusal(await post({ query }))).toEqual({ status: 400, code: 'QUERY_TOO_COMPLEX', data: undefined });
    });

    it('refuses a document of more than 1000 tokens before parsing it', async () => {
      const query = `{ policies { ${Array.from({ length: 1001 }, () => 'key').join(' ')} } }`;
      expect(refusal(await post({ query }))).toEqual({ status: 400, code: 'QUERY_TOO_COMPLEX', data: undefined });
    });
  });

  describe('malformed operations are the client’s mistake: BAD_USER_INPUT, HTTP 4xx, never INTERNAL', () => {
    it('two operations without operationName', async () => {
      const response = await post({ query: 'query A { policies { key } } query B { policyKinds { name } }' });
      expect(refusal(response)).toEqual({ status: 400, code: 'BAD_USER_INPUT', data: undefined });
    });

    it('an unknown operationName', async () => {
      const response = await post({ query: 'query A { policies { key } }', operationName: 'Nope' });
      expect(refusal(response)).toEqual({ status: 400, code: 'BAD_USER_INPUT', data: undefined });
    });

    it('a fragment bomb: fragments spreading each other twice, 2^40 fields once expanded', async () => {
      const levels = 40;
      const fragments = Array.from({ length: levels }, (_, i) =>
        i === 0 ? 'fragment F0 on Query { policies { key } }' : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`,
      );
      const started = Date.now();
      const response = await post({ query: `{ ...F${levels - 1} } ${fragments.join(' ')}` });
      expect(refusal(response)).toEqual({ status: 400, code: 'QUERY_TOO_COMPLEX', data: undefined });
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('a fragment that spreads itself', async () => {
      const response = await post({ query: '{ ...A } fragment A on Query { policies { key } ...A }' });
      expect(refusal(response)).toEqual({ status: 400, code: 'BAD_USER_INPUT', data: undefined });
    });

    it('a persisted-query request, with or without a query', async () => {
      const persistedQuery = { version: 1, sha256Hash: 'a'.repeat(64) };
      expect(refusal(await post({ extensions: { persistedQuery } }))).toEqual({ status: 400, code: 'BAD_USER_INPUT', data: undefined });
      const withQuery = await post({ query: '{ policies { key } }', extensions: { persistedQuery } });
      expect(refusal(withQuery)).toEqual({ status: 400, code: 'BAD_USER_INPUT', data: undefined });
    });

    it('a mutation sent with GET (405, Allow: POST), with or without a preflight header; a plain GET query is answered', async () => {
      const query = 'mutation { login(username: "admin", password: "wrong-password") { token } }';
      for (const headers of [{ 'apollo-require-preflight': 'true' }, {}]) {
        const refused = await request(api.app.getHttpServer()).get('/graphql').query({ query }).set(headers);
        expect(refusal(refused)).toEqual({ status: 405, code: 'BAD_USER_INPUT', data: undefined });
        expect(refused.headers.allow).toBe('POST');
      }
      // Issue 10: bearer tokens, never cookies, so a simple GET query is safe to answer (and cacheable).
      const simple = await request(api.app.getHttpServer()).get('/graphql').query({ query: '{ policies { key } }' });
      expect(simple.status).toBe(200);
      expect(simple.body.data.policies.length).toBeGreaterThan(0);
    });

    it('a batch of operations, a body without a query, and a query that is not a string', async () => {
      expect(refusal(await post([{ query: '{ policies { key } }' }, { query: '{ policyKinds { name } }' }]))).toMatchObject({
        status: 400,
        code: 'BAD_USER_INPUT',
      });
      expect(refusal(await post({ variables: {} }))).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
      expect(refusal(await post({ query: { kind: 'Document' } }))).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    });

    it('does not suggest field names to a client that guesses', async () => {
      const response = await post({ query: '{ policie { key } }' });
      expect(refusal(response)).toEqual({ status: 400, code: 'BAD_USER_INPUT', data: undefined });
      expect(JSON.stringify(response.body)).not.toMatch(/Did you mean/);
    });
  });

  describe('headers', () => {
    it('sets a CSP with frame-ancestors none, nosniff and Referrer-Policy on /graphql, /admin/ and /health', async () => {
      for (const response of [
        await post({ query: '{ policies { key } }' }),
        await request(api.app.getHttpServer()).get('/admin/'),
        await request(api.app.getHttpServer()).get('/health'),
      ]) {
        const csp = response.headers['content-security-policy'];
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self';");
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['referrer-policy']).toBe('no-referrer');
        expect(response.headers['x-frame-options']).toBe('DENY');
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('answers no cross-origin request by default', async () => {
      const preflight = await request(api.app.getHttpServer())
        .options('/graphql')
        .set('origin', 'https://elsewhere.example')
        .set('access-control-request-method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      const response = await post({ query: '{ policies { key } }' }, { origin: 'https://elsewhere.example' });
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('lets a full introspection query through the limits outside production (the Sandbox sends one)', async () => {
      const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true });
      const response = await post({ query });
      expect(response.status).toBe(200);
      expect((response.body as { data: { __schema: { types: unknown[] } } }).data.__schema.types.length).toBeGreaterThan(20);
    });

    it('serves the Sandbox outside production with a policy that lets it load from Apollo', async () => {
      const page = await request(api.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
      expect(page.status).toBe(200);
      expect(page.text).toContain('embeddable-sandbox');
      expect(page.headers['content-security-policy']).toContain('https://embeddable-sandbox.cdn.apollographql.com');
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    });
  });
});

describe('the GraphQL edge in production (NODE_ENV=production)', () => {
  let api: TestApp;
  beforeAll(async () => {
    // Production refuses to start without a key that signs audit checkpoints.
    const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    api = await startTestApp({ env: { NODE_ENV: 'production', CORS_ORIGINS: 'https://portal.example.jp', AUDIT_SIGNING_KEY: key } });
  });
  afterAll(() => api.close());

  it('refuses introspection with BAD_USER_INPUT and HTTP 400', async () => {
    const response = await request(api.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: '{ __schema { types { name } } }' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('serves no Sandbox', async () => {
    const page = await request(api.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
    expect(page.text).not.toContain('embeddable-sandbox');
    expect(page.headers['content-security-policy']).toContain("script-src 'self';");
  });

  it('answers cross-origin requests from the listed origins only', async () => {
    const preflight = (origin: string) =>
      request(api.app.getHttpServer()).options('/graphql').set('origin', origin).set('access-control-request-method', 'POST');
    const listed = await preflight('https://portal.example.jp');
    expect(listed.status).toBe(204);
    expect(listed.headers['access-control-allow-origin']).toBe('https://portal.example.jp');
    expect(listed.headers['access-control-allow-headers']).toContain('authorization');
    const other = await preflight('https://elsewhere.example');
    expect(other.headers['access-control-allow-origin']).not.toBe('https://elsewhere.example');
  });

  it('still answers the public reads', async () => {
    const { status, errors } = await api.gql('{ policies { key } }');
    expect({ status, errors }).toEqual({ status: 200, errors: undefined });
  });
});

describe('the per-address rate limit', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => api.close());

  const ask = (address: string) =>
    request(api.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('x-forwarded-for', address)
      .send({ query: '{ policyKinds { name } }' });

  it('answers RATE_LIMITED (HTTP 429, Retry-After) past the budget, per client address, and never on /health', async () => {
    for (let i = 0; i < 5; i++) expect((await ask('203.0.113.7')).status).toBe(200);
    const refused = await ask('203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);

    // Another client behind the same trusted proxy has its own budget.
    expect((await ask('203.0.113.8')).status).toBe(200);
    for (let i = 0; i < 10; i++) {
      expect((await request(api.app.getHttpServer()).get('/health').set('x-forwarded-for', '203.0.113.7')).status).toBe(200);
    }
  });
});

describe('GET /health beside a busy pool', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('answers 200 while every connection of the app’s pool is held by a slow query', async () => {
    const dataSource = api.app.get(DataSource);
    const poolSize = 10;
    const sleepers = Array.from({ length: poolSize }, () => dataSource.query('SELECT pg_sleep(3)'));
    try {
      // Every connection of the pool (10, the default) is busy before the health check asks.
      await waitFor(async () => {
        const [{ busy }] = await api.sql(
          `SELECT count(*)::int AS busy FROM pg_stat_activity WHERE datname = current_database() AND query = 'SELECT pg_sleep(3)' AND state = 'active'`,
        );
        return busy >= poolSize;
      });
      const started = Date.now();
      const response = await request(api.app.getHttpServer()).get('/health');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' } } });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await Promise.allSettled(sleepers);
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((done) => setTimeout(done, 50));
  }
}
