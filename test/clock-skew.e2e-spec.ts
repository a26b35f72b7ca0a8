import type { Clock } from '@policy-cms/temporal';
import { startTestApp, type TestApp } from './support/test-app';
import { workflow } from './support/workflow-api';

/**
 * Instances on hosts whose clocks disagree. Instance A's clock is right; instance B's runs BEHIND ms behind. A reads
 * the record as it stood at an instant A has already confirmed; then B publishes. If B took its record instant from
 * its own clock alone, the publish would be recorded *before* that instant, and A's answer about a confirmed past
 * would change: what an auditor must never see. CLOCK_SKEW_MS (at least the clocks' disagreement) makes every write
 * wait that long under the write lock before it takes its instant, so the instant falls after anything confirmed.
 */
const KEY = 'contact';
const ON = '2099-06-01';
const BEHIND = 150;
const ASK = `query($key: ID!, $on: Date, $knownAt: DateTime) { policyInForce(key: $key, on: $on, knownAt: $knownAt) { id } }`;

const rightClock: Clock = { now: () => new Date() };
const behindClock: Clock = { now: () => new Date(Date.now() - BEHIND) };

describe('clocks that disagree between instances: no answer about a confirmed instant changes', () => {
  let a: TestApp;
  let bWithout: TestApp;
  let bWith: TestApp;

  beforeAll(async () => {
    a = await startTestApp({ clock: rightClock, demoData: true });
    bWithout = await startTestApp({ clock: behindClock, demoData: true, env: { CLOCK_SKEW_MS: '0' } });
    bWith = await startTestApp({ clock: behindClock, demoData: true, env: { CLOCK_SKEW_MS: String(BEHIND + 50) } });
  }, 120_000);

  afterAll(async () => {
    await bWith?.close();
    await bWithout?.close();
    await a?.close();
  });

  /** A draft of `contact` from `from`, approved on `b`, ready to publish. */
  async function approvedDraft(b: TestApp, from: string, body: string): Promise<string> {
    const flow = workflow(b);
    const { data, errors } = await flow.create({ policyKey: KEY, effectiveFrom: from, content: { title: '問い合わせ先', body }, summary: body }, 'editor');
    expect(errors).toBeUndefined();
    const id = data!.createPolicyVersion.id as string;
    expect((await flow.submit(id, 'editor')).errors).toBeUndefined();
    expect((await flow.approve(id, 'approver')).errors).toBeUndefined();
    return id;
  }

  async function askAt(app: TestApp, knownAt: string): Promise<string | null> {
    const { data, errors } = await app.gql(ASK, { key: KEY, on: ON, knownAt });
    expect(errors).toBeUndefined();
    return data!.policyInForce?.id ?? null;
  }

  async function recordedAtOf(id: string): Promise<number> {
    const [row] = await a.sql<{ at: Date }>('SELECT min(lower(recorded)) AS at FROM ledger_segment WHERE version_id = $1', [id]);
    return row.at.getTime();
  }

  it('without an allowance (CLOCK_SKEW_MS=0), the behind instance records before an instant A confirmed: the answer changes', async () => {
    const id = await approvedDraft(bWithout, '2099-01-01', '時計のずれ(許容なし)');
    const knownAt = new Date(Date.now() - 20).toISOString();
    const before = await askAt(a, knownAt);
    expect(before).not.toBe(id);
    expect((await workflow(bWithout).publish(id, 'approver')).errors).toBeUndefined();
    // Why the setting exists: the record instant fell before the instant already answered about, so the answer moved.
    expect(await recordedAtOf(id)).toBeLessThan(Date.parse(knownAt));
    // Once A hears of the publish (milliseconds), its answer about the instant it had already confirmed is different.
    let after = await askAt(a, knownAt);
    for (let tries = 0; after === before && tries < 40; tries++) {
      await new Promise((done) => setTimeout(done, 50));
      after = await askAt(a, knownAt);
    }
    expect(after).toBe(id);
  });

  it('with CLOCK_SKEW_MS past the disagreement, the write waits under the lock and records after it: answers stand', async () => {
    const id = await approvedDraft(bWith, '2099-03-01', '時計のずれ(許容あり)');
    const knownAt = new Date(Date.now() - 20).toISOString();
    const before = await askAt(a, knownAt);
    expect(before).not.toBe(id);
    const started = Date.now();
    expect((await workflow(bWith).publish(id, 'approver')).errors).toBeUndefined();
    // The publish waited the allowance under the lock (by the real clock).
    expect(Date.now() - started).toBeGreaterThanOrEqual(BEHIND + 50);
    const recordedAt = await recordedAtOf(id);
    expect(recordedAt).toBeGreaterThan(Date.parse(knownAt));
    // Every instance gives the answer A gave before the publish, about the instant A confirmed.
    expect(await askAt(a, knownAt)).toBe(before);
    expect(await askAt(bWith, knownAt)).toBe(before);
    expect(await askAt(bWithout, knownAt)).toBe(before);
    // And the publish is there from its own instant on, once A's clock has reached it.
    await new Promise((done) => setTimeout(done, Math.max(0, recordedAt - Date.now() + 5)));
    expect(await askAt(a, new Date(recordedAt).toISOString())).toBe(id);
  });
});
