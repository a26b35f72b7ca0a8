import { snapshotEdgeOf } from '../apps/api/src/app.factory';
import { startTestApp, type TestApp } from './support/test-app';
import { type Raw, listening, rawCall, visible } from './support/raw-http';
import { dataOf } from './support/policy-api';
import { workflow } from './support/workflow-api';

/**
 * The snapshot edge (issue 10's target for cached snapshots): a cached /v1 snapshot is answered in front of Express.
 * Whether a request was answered there or by the route must make no difference a client can see: the same status,
 * headers and bytes, the same security headers, the same rate budget, the same refusals.
 */
const call = (port: number, path: string, headers: Record<string, string> = {}, method = 'GET') => rawCall(port, path, { method, headers });

describe('the snapshot edge', () => {
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

  const counts = () => snapshotEdgeOf(t.app).stats();

  it.each([
    ['/v1/rules', {}],
    ['/v1/rules?on=2025-09-01', { 'accept-encoding': 'br' }],
    ['/v1/rules?on=2025-03-23&knownAt=2025-05-01T00:00:00Z', { 'accept-encoding': 'gzip, deflate' }],
    ['/v1/policies/myna.card-renewal?on=2025-10-01&knownAt=2025-05-01T00:00:00%2B09:00', {}],
    ['/v1/policies/myna.facilities', { 'accept-encoding': 'gzip;q=0.5, br;q=0.9' }],
  ])('answers a cached %s exactly as the route did, with the security headers', async (path, headers) => {
    const before = counts();
    const fromRoute = await call(port, path, headers);
    const afterRoute = counts();
    const fromEdge = await call(port, path, headers);
    const afterEdge = counts();

    expect(fromRoute.status).toBe(200);
    expect(afterRoute.passed).toBe(before.passed + 1);
    expect(afterEdge.served).toBe(afterRoute.served + 1);
    expect(visible(fromEdge)).toEqual(visible(fromRoute));
    expect(fromEdge.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(fromEdge.headers['x-content-type-options']).toBe('nosniff');

    // A revalidation is answered at the edge too: 304, no body, the same validators.
    const revalidated = await call(port, path, { ...headers, 'if-none-match': String(fromRoute.headers.etag) });
    expect(revalidated.status).toBe(304);
    expect(revalidated.bytes.length).toBe(0);
    expect(revalidated.headers.etag).toBe(fromRoute.headers.etag);
    expect(revalidated.headers['cache-control']).toBe(fromRoute.headers['cache-control']);
    expect(counts().served).toBe(afterEdge.served + 1);
  });

  it('leaves to the app what it must check: errors, staff, other methods, unusual paths', async () => {
    await call(port, '/v1/rules?on=2025-09-02');
    const cases: [string, Record<string, string>, string, number][] = [
      ['/v1/rules?on=2025-13-01', {}, 'GET', 400],
      ['/v1/rules?on=2025-09-02&on=2025-09-02', {}, 'GET', 400],
      ['/v1/rules?on=2025-09-02&knownat=2025-01-01T00:00:00Z', {}, 'GET', 400],
      ['/v1/policies/no.such.policy', {}, 'GET', 404],
      ['/v1/rules?on=2025-09-02', { authorization: 'Bearer not-a-token' }, 'GET', 401],
      ['/v1/rules?on=2025-09-02', {}, 'HEAD', 200],
      ['/v1/policies/%6Dyna.facilities', {}, 'GET', 200],
    ];
    for (const [path, headers, method, status] of cases) {
      const before = counts();
      const answer = await call(port, path, headers, method);
      expect({ path, status: answer.status }).toEqual({ path, status });
      expect(counts().served).toBe(before.served);
      if (status >= 400) {
        const body = JSON.parse(answer.bytes.toString('utf8'));
        expect(body.errors[0].extensions.code).toEqual(expect.any(String));
      }
    }
  });

  it('never answers from a state the record has left: a publish shows at once', async () => {
    const path = '/v1/policies/contact?on=2031-01-15';
    await call(port, path);
    const cached = await call(port, path);
    const wf = workflow(t);
    const created = dataOf(
      await wf.create({ policyKey: 'contact', effectiveFrom: '2031-01-01', content: { title: 'お問い合わせ', body: 'エッジの試験' }, summary: 'テスト(出典: テスト)' }, 'editor'),
    ).createPolicyVersion;
    dataOf(await wf.submit(created.id, 'editor'));
    dataOf(await wf.approve(created.id, 'approver'));
    dataOf(await wf.publish(created.id, 'approver'));

    const after = await call(port, path);
    expect(JSON.parse(after.bytes.toString('utf8')).version.id).toBe(created.id);
    expect(after.headers.etag).not.toBe(cached.headers.etag);
  });

  it('spends the same rate budget as the app, and leaves the refusal to it', async () => {
    const limited = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '4' } });
    try {
      const limitedPort = await listening(limited);
      const answers: Raw[] = [];
      for (let i = 0; i < 5; i++) answers.push(await call(limitedPort, '/v1/rules'));
      expect(snapshotEdgeOf(limited.app).stats().served).toBeGreaterThanOrEqual(2);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 429]);
      expect(answers.slice(0, 4).map((answer) => answer.headers['ratelimit-remaining'])).toEqual(['3', '2', '1', '0']);
      expect(JSON.parse(answers[4].bytes.toString('utf8')).errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(answers[4].headers['retry-after']).toEqual(expect.stringMatching(/^\d+$/));
    } finally {
      await limited.close();
    }
  });
});
