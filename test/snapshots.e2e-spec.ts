import { steerableClock } from './support/steerable-clock';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { get as httpGet, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from './support/test-app';
import { VERSION_FIELDS, dataOf } from './support/policy-api';
import { workflow } from './support/workflow-api';

/**
 * The snapshots over plain HTTP (issue 10, item 1): GET /v1/rules and /v1/policies/{key} give the GraphQL reads'
 * answers as cacheable JSON, with strong ETags, 304 on If-None-Match, Cache-Control by what the question leaves to
 * defaults (never past the next Tokyo midnight for today's rules), and gzip or br when asked.
 */


interface Answer {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  json: any;
}

/** A GET over a plain node:http client: the raw bytes, undecoded, as a cache in front of the API would keep them. */
async function get(t: TestApp, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const server = t.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return new Promise((answered, failed) => {
    const call = httpGet({ host: '127.0.0.1', port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', failed);
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const coding = response.headers['content-encoding'];
        const plain = coding === 'br' ? brotliDecompressSync(bytes) : coding === 'gzip' ? gunzipSync(bytes) : bytes;
        answered({
          status: response.statusCode!,
          headers: response.headers as Record<string, string>,
          bytes,
          json: plain.length ? JSON.parse(plain.toString('utf8')) : undefined,
        });
      });
    });
    call.on('error', failed);
  });
}

/** The same version as GraphQL gives it, with the snapshot's members. */
const GRAPHQL_VERSION = VERSION_FIELDS;

describe('snapshots over plain HTTP', () => {
  // 09:00 in Tokyo on 2026-11-27; later tests move the clock to the evening and across midnight.
  const clock = steerableClock('2026-11-27T00:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock });
    await t.ensureDemoUsers();
  });
  afterAll(async () => {
    await t.close();
  });

  /** The latest ledger record instant at or before an instant, computed here from the rows themselves. */
  async function ledgerWatermark(knownAt: string, policyKey?: string): Promise<string | null> {
    const [row] = await t.sql<{ at: Date | null }>(
      `SELECT max(x) AS at FROM (
         SELECT lower(s.recorded) AS x, s.policy_id FROM ledger_segment s
         UNION ALL SELECT upper(s.recorded), s.policy_id FROM ledger_segment s) instants
        JOIN policy p ON p.id = instants.policy_id
       WHERE x <= $1::timestamptz AND ($2::text IS NULL OR p.key = $2)`,
      [knownAt, policyKey ?? null],
    );
    return row.at ? row.at.toISOString() : null;
  }

  it('gives the rules in force as rulesInForce does, for today in Tokyo as of now, with the watermark as knownAt', async () => {
    const answer = await get(t, '/v1/rules');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    const graphql = dataOf(await t.gql(`{ rulesInForce { ${GRAPHQL_VERSION} } }`)).rulesInForce;
    expect(answer.json.on).toBe('2026-11-27');
    expect(answer.json.rules).toEqual(graphql);
    expect(answer.json.rules.length).toBeGreaterThan(5);
    const watermark = await ledgerWatermark(clock.now().toISOString());
    expect(answer.json.watermark).toBe(watermark);
    // Nothing was recorded since the watermark, so the answer as of now is the answer as of it.
    expect(answer.json.knownAt).toBe(watermark);
    expect(answer.headers['last-modified']).toBe(new Date(watermark!).toUTCString());
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.headers.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(answer.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=60');
  });

  it('gives one policy as policyInForce does, with its own watermark, and null where nothing is in force', async () => {
    const answer = await get(t, '/v1/policies/myna.card-renewal?on=2025-10-01');
    expect(answer.status).toBe(200);
    const graphql = dataOf(await t.gql(`{ policyInForce(key: "myna.card-renewal", on: "2025-10-01") { ${GRAPHQL_VERSION} } }`)).policyInForce;
    expect(answer.json.version).toEqual(graphql);
    expect(answer.json.policy).toEqual(
      dataOf(await t.gql('{ policies { key kind title section } }')).policies.find((policy: { key: string }) => policy.key === 'myna.card-renewal'),
    );
    expect(answer.json.watermark).toBe(await ledgerWatermark(clock.now().toISOString(), 'myna.card-renewal'));
    expect(Object.keys(answer.json)).toEqual(['on', 'knownAt', 'watermark', 'policy', 'version']);

    const before = await get(t, '/v1/policies/myna.card-renewal?on=2000-01-01');
    expect(before.status).toBe(200);
    expect(before.json.version).toBeNull();
  });

  it('answers an explicit past knownAt as the record stood then, immutable, and byte for byte the same after a publish', async () => {
    const path = '/v1/rules?on=2025-10-01&knownAt=2025-05-01T00:00:00%2B09:00';
    const first = await get(t, path);
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(first.json.knownAt).toBe('2025-04-30T15:00:00.000Z');
    expect(first.json.watermark).toBe(await ledgerWatermark('2025-04-30T15:00:00.000Z'));
    const graphql = dataOf(await t.gql(`{ rulesInForce(on: "2025-10-01", knownAt: "2025-05-01T00:00:00+09:00") { ${GRAPHQL_VERSION} } }`)).rulesInForce;
    expect(first.json.rules).toEqual(graphql);
    // As known in May, the autumn fix was not recorded yet.
    expect(first.json.rules.find((rule: { policyKey: string }) => rule.policyKey === 'myna.card-renewal').number).toBe(1);
    const onePolicy = await get(t, '/v1/policies/myna.card-renewal?on=2025-10-01&knownAt=2025-05-01T00:00:00%2B09:00');
    expect(onePolicy.json.watermark).toBe(await ledgerWatermark('2025-04-30T15:00:00.000Z', 'myna.card-renewal'));

    const nowBefore = await get(t, '/v1/policies/contact?on=2027-02-01');
    await publishContact('2027-01-04', '2027年からの窓口');

    const again = await get(t, path);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(again.headers.etag).toBe(first.headers.etag);
    const nowAfter = await get(t, '/v1/policies/contact?on=2027-02-01');
    expect(nowAfter.json.version.content.body).toBe('2027年からの窓口');
    expect(nowAfter.headers.etag).not.toBe(nowBefore.headers.etag);
    expect(new Date(nowAfter.json.watermark).getTime()).toBeGreaterThan(new Date(nowBefore.json.watermark).getTime());
    // Asking again with the knownAt an answer "as of now" stated gives the same bytes.
    const reproduced = await get(t, `/v1/policies/contact?on=2027-02-01&knownAt=${encodeURIComponent(nowAfter.json.knownAt)}`);
    expect(reproduced.bytes.equals(nowAfter.bytes)).toBe(true);
  });

  it('answers 304 without a body to a matching If-None-Match, and 200 to a stale one', async () => {
    const first = await get(t, '/v1/policies/myna.facilities?on=2025-06-01');
    const notModified = await get(t, '/v1/policies/myna.facilities?on=2025-06-01', { 'if-none-match': first.headers.etag });
    expect(notModified.status).toBe(304);
    expect(notModified.bytes.length).toBe(0);
    expect(notModified.headers.etag).toBe(first.headers.etag);
    expect(notModified.headers['cache-control']).toBe(first.headers['cache-control']);
    const listed = await get(t, '/v1/policies/myna.facilities?on=2025-06-01', { 'if-none-match': `"stale", ${first.headers.etag}` });
    expect(listed.status).toBe(304);
    const stale = await get(t, '/v1/policies/myna.facilities?on=2025-06-01', { 'if-none-match': '"stale"' });
    expect(stale.status).toBe(200);
    expect(stale.bytes.equals(first.bytes)).toBe(true);
  });

  it('compresses with br or gzip when asked, each coding its own ETag, the same content underneath', async () => {
    const plain = await get(t, '/v1/rules?on=2025-10-01', { 'accept-encoding': 'identity' });
    const br = await get(t, '/v1/rules?on=2025-10-01', { 'accept-encoding': 'gzip, deflate, br' });
    const gzip = await get(t, '/v1/rules?on=2025-10-01', { 'accept-encoding': 'gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(br.json).toEqual(plain.json);
    expect(gzip.json).toEqual(plain.json);
    expect(br.bytes.length).toBeLessThan(gzip.bytes.length);
    expect(gzip.bytes.length).toBeLessThan(plain.bytes.length / 3);
    expect(new Set([plain.headers.etag, br.headers.etag, gzip.headers.etag]).size).toBe(3);
    // A client holding the gzip copy holds the same answer, whichever coding it asks for next.
    const revalidated = await get(t, '/v1/rules?on=2025-10-01', { 'accept-encoding': 'br', 'if-none-match': gzip.headers.etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.etag).toBe(br.headers.etag);
    process.stdout.write(`GET /v1/rules?on=2025-10-01: ${plain.bytes.length} B, gzip ${gzip.bytes.length} B, br ${br.bytes.length} B\n`);
  });

  it.each([
    { path: '/v1/rules?on=2025-02-30', field: 'on' },
    { path: '/v1/rules?on=2025-9-1', field: 'on' },
    { path: '/v1/rules?on=', field: 'on' },
    { path: '/v1/rules?knownAt=2025-05-01T00:00:00', field: 'knownAt' },
    { path: '/v1/rules?knownAt=yesterday', field: 'knownAt' },
    { path: '/v1/rules?knownAt=2099-01-01T00:00:00Z', field: 'knownAt' },
    { path: '/v1/policies/contact?knownat=2025-05-01T00:00:00Z', field: 'knownat' },
    { path: '/v1/rules?on=2025-06-01&on=2025-07-01', field: 'on' },
  ])('refuses $path with 400 BAD_USER_INPUT naming $field', async ({ path, field }) => {
    const answer = await get(t, path);
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toHaveLength(1);
    expect(answer.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('answers an unknown policy key with 404 NOT_FOUND in the contract’s shape', async () => {
    const answer = await get(t, '/v1/policies/no.such-policy');
    expect(answer.status).toBe(404);
    expect(answer.json.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(answer.json.errors[0].message).toContain('no.such-policy');
  });

  it('never lets a cache keep today’s rules past the next Tokyo midnight, and moves to the new day after it', async () => {
    // 90 s before midnight in Tokyo: a full max-age, and only what is left of the day to serve it stale.
    clock.freezeAt('2026-11-27T14:58:30Z');
    expect((await get(t, '/v1/rules')).headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=30');

    // 30 s before midnight.
    clock.freezeAt('2026-11-27T14:59:30Z');
    const lateToday = await get(t, '/v1/rules');
    expect(lateToday.json.on).toBe('2026-11-27');
    expect(lateToday.headers['cache-control']).toBe('public, max-age=30');
    // An explicit day is not capped: the answer about it changes only with the record.
    expect((await get(t, '/v1/rules?on=2026-11-27')).headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=60');
    // A past knownAt with `on` left out is fixed until midnight only: the same URL then asks about the next day.
    expect((await get(t, '/v1/rules?knownAt=2025-05-01T00:00:00Z')).headers['cache-control']).toBe('public, max-age=30');

    // Midnight in Tokyo (15:00 UTC): the same URL now answers about the new day.
    clock.freezeAt('2026-11-27T15:00:00Z');
    const tomorrow = await get(t, '/v1/rules');
    expect(tomorrow.json.on).toBe('2026-11-28');
    expect(tomorrow.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=60');
    expect(tomorrow.headers.etag).not.toBe(lateToday.headers.etag);
    clock.runFrom('2026-11-27T15:00:01Z');
  });

  /** Publishes a new version of the contact notice from `effectiveFrom`, through the staff workflow. */
  async function publishContact(effectiveFrom: string, body: string): Promise<void> {
    const wf = workflow(t);
    const created = dataOf(
      await wf.create({ policyKey: 'contact', effectiveFrom, content: { title: 'お問い合わせ', body }, summary: 'テスト(出典: テスト)' }, 'editor'),
    ).createPolicyVersion;
    dataOf(await wf.submit(created.id, 'editor'));
    dataOf(await wf.approve(created.id, 'approver'));
    dataOf(await wf.publish(created.id, 'approver'));
  }
});
