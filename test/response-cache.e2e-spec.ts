import request from 'supertest';
import type { Clock } from '@policy-cms/temporal';
import { responseCacheOf } from '../apps/api/src/app.factory';
import type { ResponseCacheStats } from '../apps/api/src/edge/response-cache';
import { startTestApp, type TestApp } from './support/test-app';
import { dataOf } from './support/policy-api';
import { workflow } from './support/workflow-api';

/**
 * The response cache of anonymous public reads (issue 9): an answer is kept once its question is asked a second time,
 * and replayed only for the same question about the same state of the record, on the same Tokyo day; never for staff,
 * mutations or errors.
 */

/** A clock that runs at the real one's speed from wherever the test moves it (forward only: record time never goes back). */
function movableClock(start: string): Clock & { moveTo(instant: string): void } {
  let offset = new Date(start).getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    moveTo(instant: string) {
      const target = new Date(instant).getTime() - Date.now();
      if (target < offset) throw new Error(`the clock only moves forward (asked for ${instant})`);
      offset = target;
    },
  };
}

const KEY = 'contact';
const IN_FORCE = `query($key: ID!, $on: Date, $knownAt: DateTime) {
  policyInForce(key: $key, on: $on, knownAt: $knownAt) { id policyKey number effectiveFrom content summary } }`;

interface RawAnswer {
  status: number;
  contentType: string | undefined;
  text: string;
  headers: Record<string, string>;
}

async function post(t: TestApp, body: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  let call = request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
  for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
  const response = await call.send(JSON.stringify(body));
  return { status: response.status, contentType: response.headers['content-type'], text: response.text, headers: response.headers };
}

const stats = (t: TestApp): ResponseCacheStats => responseCacheOf(t.app).stats();

/** Asks a question twice, so that its answer is kept (a question asked once is only remembered), and returns the answer. */
async function askTwice(t: TestApp, body: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const first = await post(t, body, headers);
  const second = await post(t, body, headers);
  expect(second.text).toBe(first.text);
  return second;
}

/** What changed in the stats while `body` ran. */
async function statsDuring(t: TestApp, body: () => Promise<unknown>): Promise<Pick<ResponseCacheStats, 'hits' | 'misses' | 'stored' | 'skipped'>> {
  const before = stats(t);
  await body();
  const after = stats(t);
  return { hits: after.hits - before.hits, misses: after.misses - before.misses, stored: after.stored - before.stored, skipped: after.skipped - before.skipped };
}

describe('the response cache of anonymous public reads', () => {
  // The morning of 2026-11-27 in Tokyo; days are crossed later by moving the clock.
  const clock = movableClock('2026-11-27T00:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock });
    await t.ensureDemoUsers();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is on by default and answers a repeated read from the cache with the same body and content type', async () => {
    expect(responseCacheOf(t.app).enabled).toBe(true);
    const question = { query: IN_FORCE, variables: { key: 'myna.facilities', on: '2025-06-01' } };
    let first!: RawAnswer;
    let third!: RawAnswer;
    const counted = await statsDuring(t, async () => {
      first = await post(t, question);
      await post(t, question);
      third = await post(t, question);
    });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text).data.policyInForce.policyKey).toBe('myna.facilities');
    expect(third.status).toBe(200);
    expect(third.text).toBe(first.text);
    expect(third.contentType).toBe(first.contentType);
    expect(third.headers['cache-control']).toBe(first.headers['cache-control']);
    // Remembered on the first ask, kept on the second, replayed on the third.
    expect(counted).toEqual({ hits: 1, misses: 2, stored: 1, skipped: 1 });
  });

  it('answers a repeated question about a past instant from the cache too', async () => {
    const question = { query: IN_FORCE, variables: { key: 'myna.card-renewal', on: '2025-10-01', knownAt: '2025-05-01T00:00:00+09:00' } };
    let answers: RawAnswer[] = [];
    const counted = await statsDuring(t, async () => {
      answers = [await post(t, question), await post(t, question), await post(t, question)];
    });
    expect(JSON.parse(answers[0].text).data.policyInForce.number).toBe(1); // as known in May: the autumn fix not yet recorded
    expect(answers[2].text).toBe(answers[0].text);
    expect(counted).toEqual({ hits: 1, misses: 2, stored: 1, skipped: 1 });
  });

  it('answers a knownAt never asked before from the cache when nothing was recorded between it and one asked before', async () => {
    // The demo record changes at 2025-03-24 09:00 and next at 2025-08-01 09:00 (Tokyo), when the autumn fix of
    // 2025-09-01 was recorded: every instant in between has the same answers.
    const asked = (knownAt: string) => ({ query: IN_FORCE, variables: { key: 'myna.card-renewal', on: '2025-10-01', knownAt } });
    const kept = await askTwice(t, asked('2025-04-10T00:00:00+09:00'));
    expect(JSON.parse(kept.text).data.policyInForce.number).toBe(1);

    let sameState: RawAnswer[] = [];
    const fromCache = await statsDuring(t, async () => {
      sameState = [await post(t, asked('2025-06-15T12:34:56.789Z')), await post(t, asked('2025-08-01T08:59:59.999+09:00'))];
    });
    expect(sameState.map((answer) => answer.text)).toEqual([kept.text, kept.text]);
    expect(fromCache).toEqual({ hits: 2, misses: 0, stored: 0, skipped: 0 });

    // At the instant of the next record, and after it, the answer is another one: computed, never the stored one.
    let later: RawAnswer[] = [];
    const computed = await statsDuring(t, async () => {
      later = [await post(t, asked('2025-08-01T09:00:00+09:00')), await post(t, asked('2025-08-20T00:00:00Z'))];
    });
    expect(later.map((answer) => JSON.parse(answer.text).data.policyInForce.number)).toEqual([2, 2]);
    expect(computed.hits).toBe(0);

    // A knownAt that is no instant, or one after now, is refused as before: never answered from a state.
    for (const knownAt of ['2025-06-15', '2025-06-15T12:00:00', new Date(clock.now().getTime() + 3_600_000).toISOString()]) {
      const refused = JSON.parse((await post(t, asked(knownAt))).text);
      expect(refused.data?.policyInForce ?? null).toBeNull(); // no data at all for a variable that does not parse
      expect(refused.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('runs the edge in front of it for a hit: its security headers are on the replayed answer', async () => {
    const question = { query: IN_FORCE, variables: { key: 'myna.reservation', on: '2025-06-01' } };
    await askTwice(t, question);
    const hit = await post(t, question);
    expect(hit.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(hit.headers['x-content-type-options']).toBe('nosniff');
    expect(Number(hit.headers['content-length'])).toBe(Buffer.byteLength(hit.text));
  });

  it('answers with the new state after a publish, never the stored old one', async () => {
    const question = { query: IN_FORCE, variables: { key: KEY, on: '2027-02-01' } };
    const before = JSON.parse((await askTwice(t, question)).text).data.policyInForce; // now kept

    const wf = workflow(t);
    const created = dataOf(
      await wf.create({ policyKey: KEY, effectiveFrom: '2027-01-04', content: { title: 'お問い合わせ', body: '2027年からの窓口' }, summary: 'テスト(出典: テスト)' }, 'editor'),
    ).createPolicyVersion;
    dataOf(await wf.submit(created.id, 'editor'));
    dataOf(await wf.approve(created.id, 'approver'));
    const published = dataOf(await wf.publish(created.id, 'approver')).publishPolicyVersion;

    const after = JSON.parse((await post(t, question)).text).data.policyInForce;
    expect(after.id).toBe(created.id);
    expect(after.id).not.toBe(before.id);
    // The same question as known just before the publish is still answered as it was.
    const justBefore = new Date(new Date(published.publishedAt).getTime() - 1).toISOString();
    const knownBefore = { query: IN_FORCE, variables: { key: KEY, on: '2027-02-01', knownAt: justBefore } };
    expect(JSON.parse((await post(t, knownBefore)).text).data.policyInForce.id).toBe(before.id);
  });

  it('never serves or stores an answer to a request that carries a token', async () => {
    const question = { query: IN_FORCE, variables: { key: 'offices.closure', on: '2025-06-01' } };
    const token = dataOf(await t.gql(`mutation { login(username: "auditor", password: "policy-cms-demo") { token } }`)).login.token as string;
    const counted = await statsDuring(t, async () => {
      const staff = await post(t, question, { authorization: `Bearer ${token}` });
      expect(staff.status).toBe(200);
      await post(t, question, { authorization: `Bearer ${token}` });
    });
    expect(counted).toEqual({ hits: 0, misses: 0, stored: 0, skipped: 0 });
    // Nor does a stored anonymous answer reach a request with a token, even a bad one: it is refused as without the cache.
    await askTwice(t, question);
    const forged = await post(t, question, { authorization: 'Bearer not-a-token' });
    expect(JSON.parse(forged.text).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('never serves or stores a mutation, nor staff reads and introspection', async () => {
    const counted = await statsDuring(t, async () => {
      for (let i = 0; i < 2; i++) {
        await post(t, { query: 'mutation { login(username: "nobody", password: "wrong password") { token } }' });
        await post(t, { query: '{ policyVersions { totalCount } }' });
        await post(t, { query: '{ __schema { queryType { name } } }' });
        await post(t, { query: '{ policies { key } __type(name: "Policy") { name } }' });
      }
    });
    expect(counted).toEqual({ hits: 0, misses: 0, stored: 0, skipped: 0 });
  });

  it('keeps different variables, operation names and Accept headers apart', async () => {
    const document = `query A($key: ID!) { policyInForce(key: $key, on: "2025-06-01") { policyKey } } query B { policies { key } }`;
    const a1 = await post(t, { query: document, operationName: 'A', variables: { key: 'myna.facilities' } });
    const a2 = await post(t, { query: document, operationName: 'A', variables: { key: 'myna.reservation' } });
    const b = await post(t, { query: document, operationName: 'B' });
    expect(JSON.parse(a1.text).data.policyInForce.policyKey).toBe('myna.facilities');
    expect(JSON.parse(a2.text).data.policyInForce.policyKey).toBe('myna.reservation');
    expect(JSON.parse(b.text).data.policies.length).toBeGreaterThan(0);

    const question = { query: IN_FORCE, variables: { key: 'myna.card-renewal', on: '2025-06-01' } };
    const graphqlResponse = { accept: 'application/graphql-response+json' };
    const json = { accept: 'application/json' };
    const counted = await statsDuring(t, async () => {
      const asGraphql = await askTwice(t, question, graphqlResponse);
      const asJson = await askTwice(t, question, json);
      expect(asGraphql.contentType).toMatch(/^application\/graphql-response\+json/);
      expect(asJson.contentType).toMatch(/^application\/json/);
      expect((await post(t, question, graphqlResponse)).contentType).toBe(asGraphql.contentType);
      expect((await post(t, question, json)).contentType).toBe(asJson.contentType);
    });
    expect(counted).toEqual({ hits: 2, misses: 4, stored: 2, skipped: 2 });
  });

  it('treats variables with the same values in another order as the same question', async () => {
    const counted = await statsDuring(t, async () => {
      await post(t, { query: IN_FORCE, variables: { key: 'myna.facilities', on: '2025-07-01' } });
      await post(t, { query: IN_FORCE, variables: { on: '2025-07-01', key: 'myna.facilities' } });
      await post(t, { query: IN_FORCE, variables: { key: 'myna.facilities', on: '2025-07-01' } });
    });
    expect(counted).toEqual({ hits: 1, misses: 2, stored: 1, skipped: 1 });
  });

  it('does not store an error: a knownAt just ahead of now is refused, and answered once it has passed', async () => {
    const knownAt = new Date(clock.now().getTime() + 60_000).toISOString();
    const question = { query: IN_FORCE, variables: { key: 'myna.facilities', on: '2025-06-01', knownAt } };
    const counted = await statsDuring(t, async () => {
      const refused = await post(t, question);
      expect(JSON.parse(refused.text).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'knownAt' });
      for (let i = 0; i < 2; i++) expect((await post(t, question)).text).toBe(refused.text);
    });
    expect(counted).toEqual({ hits: 0, misses: 3, stored: 0, skipped: 3 });

    clock.moveTo(new Date(new Date(knownAt).getTime() + 60_000).toISOString());
    const answered = JSON.parse((await post(t, question)).text);
    expect(answered.errors).toBeUndefined();
    expect(answered.data.policyInForce.policyKey).toBe('myna.facilities');
  });

  it('does not store an answer with errors in it (an unknown policy)', async () => {
    const question = { query: IN_FORCE, variables: { key: 'no.such.policy' } };
    const counted = await statsDuring(t, async () => {
      const first = await post(t, question);
      expect(JSON.parse(first.text).errors[0].extensions.code).toBe('NOT_FOUND');
      for (let i = 0; i < 2; i++) expect((await post(t, question)).text).toBe(first.text);
    });
    expect(counted).toEqual({ hits: 0, misses: 3, stored: 0, skipped: 3 });
  });

  it('answers a question about today anew when the day changes in Tokyo', async () => {
    // The carry-over fix takes effect on 2027-03-01 here: published now, so that the clock need not go back.
    const wf = workflow(t);
    const question = { query: `{ policyInForce(key: "${KEY}") { id effectiveFrom } }` };
    const created = dataOf(
      await wf.create({ policyKey: KEY, effectiveFrom: '2027-03-01', content: { title: 'お問い合わせ', body: '3月からの窓口' }, summary: 'テスト(出典: テスト)' }, 'editor'),
    ).createPolicyVersion;
    dataOf(await wf.submit(created.id, 'editor'));
    dataOf(await wf.approve(created.id, 'approver'));
    dataOf(await wf.publish(created.id, 'approver'));

    clock.moveTo('2027-02-28T23:59:00+09:00');
    const storedBefore = stats(t).stored;
    const lastDay = JSON.parse((await askTwice(t, question)).text).data.policyInForce;
    expect(stats(t).stored).toBe(storedBefore + 1);
    expect(lastDay.id).not.toBe(created.id);

    clock.moveTo('2027-03-01T00:00:30+09:00');
    const firstDay = JSON.parse((await post(t, question)).text).data.policyInForce;
    expect(firstDay).toEqual({ id: created.id, effectiveFrom: '2027-03-01' });
  });
});

describe('the response cache, when the state cannot be settled', () => {
  const LEDGER_WRITE_LOCK = 0x6c6564676572;
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers UNAVAILABLE (503) while a session holds the ledger lock, stores nothing, and answers once it is released', async () => {
    const question = { query: `{ rulesInForce { id } }` };
    await t.sql('BEGIN');
    await t.sql('SELECT pg_advisory_xact_lock($1::bigint)', [LEDGER_WRITE_LOCK]);
    let refused: RawAnswer;
    try {
      refused = await post(t, question);
    } finally {
      await t.sql('COMMIT');
    }
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('UNAVAILABLE');
    expect(stats(t)).toMatchObject({ unavailable: 1, stored: 0 });
    const answered = await post(t, question);
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.text).data.rulesInForce.length).toBeGreaterThan(0);
  }, 30_000);
});

describe('the response cache, bounded', () => {
  let t: TestApp;

  beforeAll(async () => {
    // 1 MiB, the least RESPONSE_CACHE_MB allows: a whole rule book per day fills it within a few hundred days.
    t = await startTestApp({ demoData: true, env: { RESPONSE_CACHE_MB: '1' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('stays within its byte bound under many distinct questions, and answers an evicted one again', async () => {
    const RULES = `query($on: Date) { rulesInForce(on: $on) { id policyKey number effectiveFrom content summary } }`;
    const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const first = await askTwice(t, { query: RULES, variables: { on: day(0) } });
    let largest = 0;
    for (let i = 1; i < 200; i++) {
      const answer = await askTwice(t, { query: RULES, variables: { on: day(i) } });
      expect(answer.status).toBe(200);
      largest = Math.max(largest, Buffer.byteLength(answer.text));
      expect(stats(t).bytes).toBeLessThanOrEqual(1024 * 1024);
    }
    expect(200 * largest).toBeGreaterThan(1024 * 1024); // the questions asked would not all fit
    expect(stats(t).entries).toBeLessThan(200);
    expect(stats(t).stored).toBe(200);
    const again = await post(t, { query: RULES, variables: { on: day(0) } });
    expect(again.text).toBe(first.text);
  });
});

describe('the response cache, off', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, env: { RESPONSE_CACHE_MB: '0' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('with RESPONSE_CACHE_MB=0 stores nothing and answers as before', async () => {
    const question = { query: IN_FORCE, variables: { key: 'myna.facilities', on: '2025-06-01' } };
    const first = await post(t, question);
    expect((await post(t, question)).text).toBe(first.text);
    expect(responseCacheOf(t.app).enabled).toBe(false);
    expect(stats(t)).toEqual({ entries: 0, bytes: 0, hits: 0, misses: 0, stored: 0, skipped: 0, unavailable: 0 });
  });
});

describe('the response cache, behind the rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, env: { RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts a hit against the budget of the address like any request', async () => {
    const question = { query: IN_FORCE, variables: { key: 'myna.facilities', on: '2025-06-01' } };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(t, question)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(stats(t).hits).toBe(1);
  });
});
