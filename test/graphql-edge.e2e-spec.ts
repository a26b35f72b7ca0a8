import { graphqlEdgeOf, responseCacheOf } from '../apps/api/src/app.factory';
import { parseJsonBody } from '../apps/api/src/edge/graphql-edge';
import { startTestApp, type TestApp } from './support/test-app';
import { type Raw, listening, rawCall, visible } from './support/raw-http';
import { dataOf } from './support/policy-api';
import { workflow } from './support/workflow-api';
import { PolicyReadService } from '@policy-cms/policy';

/**
 * The GraphQL edge (issue 9): an anonymous POST /graphql is answered in front of Express, stored or computed. Whether a
 * request was answered there or by Apollo must make no difference a client can see: the same status, headers and
 * bytes, the same security headers and rate budget, the same refusals of bad bodies.
 */
function post(port: number, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Raw> {
  return rawCall(port, '/graphql', { method: 'POST', headers, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body });
}

const errorOf = (answer: Raw) => JSON.parse(answer.bytes.toString('utf8')).errors[0];

describe('the GraphQL edge', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
    await t.ensureDemoUsers();
    port = await listening(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  const counts = () => graphqlEdgeOf(t.app)!.stats();

  it.each([
    ['policyInForce as of now', { query: '{ policyInForce(key: "myna.facilities") { id number content } }' }, {}],
    [
      'a past knownAt in variables, utf-8 named',
      {
        query: 'query($on: Date, $knownAt: DateTime) { policyInForce(key: "myna.card-renewal", on: $on, knownAt: $knownAt) { id summary } }',
        variables: { on: '2025-08-31', knownAt: '2025-05-01T00:00:00+09:00' },
      },
      { 'content-type': 'application/json; charset=UTF-8' },
    ],
    ['rulesInForce on the day of the autumn fix', { query: '{ rulesInForce(on: "2025-09-01") { policyKey number } }' }, { accept: 'application/graphql-response+json' }],
  ])('answers %s exactly as Apollo did, computed here and then stored, with the security headers', async (_name, question, headers) => {
    const body = JSON.stringify(question);
    const all = { 'content-type': 'application/json', ...headers };
    const before = counts();
    const fromApollo = await post(port, body, all); // a new operation: Apollo answers it, and it is proven
    const afterApollo = counts();
    const computed = await post(port, body, all); // computed here (asked a second time: kept)
    const afterComputed = counts();
    const fromStore = await post(port, body, all);
    const afterStore = counts();

    expect(fromApollo.status).toBe(200);
    expect(JSON.parse(fromApollo.bytes.toString('utf8')).errors).toBeUndefined();
    expect(afterApollo).toEqual({ ...before, passed: before.passed + 1 });
    expect(afterComputed).toEqual({ ...afterApollo, computed: afterApollo.computed + 1 });
    expect(afterStore).toEqual({ ...afterComputed, served: afterComputed.served + 1 });
    expect(visible(computed)).toEqual(visible(fromApollo));
    expect(visible(fromStore)).toEqual(visible(fromApollo));
    expect(fromStore.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(fromStore.headers['x-content-type-options']).toBe('nosniff');
  });

  it('computes the answers of a proven operation for other variables exactly as Apollo does', async () => {
    const query = 'query($key: ID!, $on: Date, $knownAt: DateTime) { policyInForce(key: $key, on: $on, knownAt: $knownAt) { id number effectiveFrom effectiveThrough summary content } }';
    const questions = [
      ['myna.card-renewal', '2025-08-31', null],
      ['myna.card-renewal', '2025-09-01', null],
      ['myna.facilities', '2025-03-23', '2025-03-01T00:00:00Z'],
      ['myna.facilities', '2025-03-24', '2025-06-01T00:00:00+09:00'],
      ['myna.reservation', '2024-02-01', null],
      ['myna.reservation', '1999-01-01', null],
    ].map(([key, on, knownAt]) => JSON.stringify({ query, variables: { key, on, ...(knownAt ? { knownAt } : {}) } }));
    await post(port, questions[0]); // proves the operation
    const before = counts();
    const atEdge = [];
    for (const question of questions) atEdge.push(await post(port, question));
    expect(counts().computed).toBe(before.computed + questions.length);
    // The same questions with the edge out of the way (a staff token is never answered there): the same bytes.
    const staff = await t.gql(`mutation { login(username: "auditor", password: "policy-cms-demo") { token } }`);
    const token = staff.data!.login.token;
    for (const [i, question] of questions.entries()) {
      const fromApollo = await post(port, question, { 'content-type': 'application/json', authorization: `Bearer ${token}` });
      expect(atEdge[i].bytes.toString('utf8')).toBe(fromApollo.bytes.toString('utf8'));
      expect(atEdge[i].headers.etag).toBe(fromApollo.headers.etag);
      expect(atEdge[i].headers['content-type']).toBe(fromApollo.headers['content-type']);
    }
  });

  it('settles a read as of now once: the answer computed here is as of the arrival the edge settled to', async () => {
    const query = 'query($key: ID!) { policyInForce(key: $key) { id number } }';
    const reads = t.app.get(PolicyReadService);
    const barriers = () => reads.stats().readModel!.barriers;
    await post(port, JSON.stringify({ query, variables: { key: 'contact' } })); // proves the operation
    const keys = ['myna.facilities', 'myna.reservation', 'myna.card-renewal', 'myna.online-lecture', 'myna.one-stop'];
    const before = { barriers: barriers(), computed: counts().computed };
    for (const key of keys) {
      const answer = await post(port, JSON.stringify({ query, variables: { key } }));
      expect(JSON.parse(answer.bytes.toString('utf8')).data.policyInForce.number).toBeGreaterThan(0);
    }
    expect(counts().computed).toBe(before.computed + keys.length);
    // One barrier per read (each arrives after the last barrier began), not one for the edge and one for the resolver.
    expect(barriers() - before.barriers).toBe(keys.length);
  });

  it('leaves to Apollo an answer with errors, which it gives in its own shape', async () => {
    const query = 'query($key: ID!) { policyInForce(key: $key) { id } }';
    await post(port, JSON.stringify({ query, variables: { key: 'myna.facilities' } }));
    const before = counts();
    const unknown = await post(port, JSON.stringify({ query, variables: { key: 'no.such.policy' } }));
    expect(errorOf(unknown).extensions.code).toBe('NOT_FOUND');
    const future = await post(port, JSON.stringify({ query: 'query($k: DateTime) { policyInForce(key: "contact", knownAt: $k) { id } }', variables: { k: '2999-01-01T00:00:00Z' } }));
    expect(errorOf(future).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'knownAt' });
    expect(counts().computed).toBe(before.computed);
  });

  it('refuses a body that is no JSON in the contract shape, as the body parser did, and changes nothing', async () => {
    const cases: [string, string | Buffer][] = [
      ['unterminated', '{"query": "{ policies { key } }"'],
      ['a string at the top', '"{ policies { key } }"'],
      ['bad UTF-8 that breaks the JSON', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x7d, 0x22])],
    ];
    for (const [name, body] of cases) {
      const before = counts();
      const answer = await post(port, body);
      expect({ name, status: answer.status }).toEqual({ name, status: 400 });
      expect(errorOf(answer).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
      expect(counts()).toEqual({ ...before, passed: before.passed + 1 });
    }
  });

  it('reads a body as the app\'s body parser does: a byte-order mark is dropped, bytes that are not UTF-8 are refused', () => {
    expect(parseJsonBody(Buffer.from('\uFEFF{"query":"{ policies { key } }"}', 'utf8'))).toEqual({ query: '{ policies { key } }' });
    expect(parseJsonBody(Buffer.from(' \n [1]'))).toEqual([1]);
    expect(parseJsonBody(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]))).toBeUndefined();
    expect(parseJsonBody(Buffer.from('1'))).toBeUndefined();
    expect(parseJsonBody(Buffer.from(''))).toBeUndefined();
  });

  it('hands a body it read to the app intact: the boundary still refuses a NUL, and mutations still need a login', async () => {
    const query = 'query($key: ID!) { policyInForce(key: $key) { id } }';
    const nul = await post(port, JSON.stringify({ query, variables: { key: 'myna\u0000facilities' } }));
    expect(nul.status).toBe(400);
    expect(errorOf(nul).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key' });

    const mutation = await post(port, JSON.stringify({ query: 'mutation { submitPolicyVersion(id: "00000000-0000-0000-0000-000000000000") { id } }' }));
    expect(errorOf(mutation).extensions.code).toBe('UNAUTHENTICATED');

    const batch = await post(port, JSON.stringify([{ query: '{ policies { key } }' }]));
    expect(batch.status).toBe(400);
  });

  it('leaves to the app, unread, what it must check: staff, other origins, encoded bodies, other content types', async () => {
    const body = JSON.stringify({ query: '{ policies { key } }' });
    await post(port, body);
    await post(port, body); // stored now
    const cases: Record<string, string>[] = [
      { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      { 'content-type': 'application/json', origin: 'https://elsewhere.example' },
      { 'content-type': 'application/json; charset=utf-16' },
      { 'content-type': 'text/plain' },
    ];
    for (const headers of cases) {
      const before = counts();
      await post(port, body, headers);
      expect({ headers, counts: counts() }).toEqual({ headers, counts: before });
    }
  });

  it('never answers from a state the record has left: a publish shows at once', async () => {
    const body = JSON.stringify({ query: '{ policyInForce(key: "contact", on: "2031-01-15") { id } }' });
    await post(port, body);
    const cached = await post(port, body);
    const stored = await post(port, body);
    expect(stored.bytes.equals(cached.bytes)).toBe(true);
    const wf = workflow(t);
    const created = dataOf(
      await wf.create({ policyKey: 'contact', effectiveFrom: '2031-01-01', content: { title: 'お問い合わせ', body: 'エッジの試験' }, summary: 'テスト(出典: テスト)' }, 'editor'),
    ).createPolicyVersion;
    dataOf(await wf.submit(created.id, 'editor'));
    dataOf(await wf.approve(created.id, 'approver'));
    dataOf(await wf.publish(created.id, 'approver'));

    const before = counts();
    const after = await post(port, body);
    expect(JSON.parse(after.bytes.toString('utf8')).data.policyInForce.id).toBe(created.id);
    expect(counts().served).toBe(before.served);
    expect(responseCacheOf(t.app).stats().entries).toBeLessThanOrEqual(1);
    // Asked again, computed afresh (the stored answers went with the state they were computed under).
    expect((await post(port, body)).bytes.equals(after.bytes)).toBe(true);
  });

  it('spends the same rate budget as the app, and leaves the refusal to it', async () => {
    const limited = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '4' } });
    try {
      const limitedPort = await listening(limited);
      const body = JSON.stringify({ query: '{ policies { key } }' });
      const answers: Raw[] = [];
      for (let i = 0; i < 5; i++) answers.push(await post(limitedPort, body));
      expect(graphqlEdgeOf(limited.app)!.stats()).toMatchObject({ computed: 1, served: 2 });
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 429]);
      expect(answers.slice(0, 4).map((answer) => answer.headers['ratelimit-remaining'])).toEqual(['3', '2', '1', '0']);
      expect(errorOf(answers[4]).extensions.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});
