import { randomBytes } from 'node:crypto';
import { dataOf } from './support/policy-api';
import type { GqlResult } from './support/test-app';
import { ApiProcess, startApiProcess } from './support/api-process';
import { ReplicatedPair, startReplicatedPair } from './support/streaming-replica';

const DEMO_PASSWORD = 'policy-cms-replicas';
const KEY = 'contact';
const FIRST_DAY = Date.UTC(2099, 1, 1);

interface ReplicaCounters {
  replica: number;
  state: 'up' | 'down';
  served: number;
  behind: number;
  errors: number;
}

/**
 * Issue 9, "Read replicas": public reads about a confirmed past may go to a streaming replica, and only when it holds
 * every ledger change the answer needs. A real primary and a real streaming replica (test/support/streaming-replica)
 * serve one API process; a second process, with no replica and no read model, asks only the primary: the reference.
 */
describe('public reads on a streaming replica', () => {
  let pair: ReplicatedPair;
  let api: ApiProcess;
  let reference: ApiProcess;
  let editor: string;
  let approver: string;

  const gql = async (target: ApiProcess, query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(`${target.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return dataOf({ status: response.status, ...((await response.json()) as Pick<GqlResult, 'data' | 'errors'>) });
  };
  const login = async (username: string) =>
    (await gql(api, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: DEMO_PASSWORD }))
      .login.token as string;
  const counters = async (): Promise<ReplicaCounters> =>
    ((await (await fetch(`${api.baseUrl}/health/reads`)).json()) as { replicas: ReplicaCounters[] }).replicas[0];
  const inForceAt = `query($on: Date, $knownAt: DateTime) { policyInForce(key: "${KEY}", on: $on, knownAt: $knownAt) { id number recordedAt content } }`;
  // Each read asks about a day of its own, from 2099-02-01 on (every version below is in force from 2099-01-01, open-
  // ended): a past answer is kept for the policy's whole day, at every knownAt, so a day asked before is not read again.
  let days = 0;
  const bothAnswer = async (knownAt: string) => {
    const on = new Date(FIRST_DAY + days++ * 86_400_000).toISOString().slice(0, 10);
    const [answer, expected] = await Promise.all([gql(api, inForceAt, { on, knownAt }), gql(reference, inForceAt, { on, knownAt })]);
    return { answer: answer.policyInForce, expected: expected.policyInForce };
  };

  /** Creates, submits, approves and publishes a contact notice from `effectiveFrom`; returns its id and record instant. */
  async function publish(effectiveFrom: string, body: string): Promise<{ id: string; publishedAt: string }> {
    const created = (
      await gql(
        api,
        'mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { id } }',
        { input: { policyKey: KEY, effectiveFrom, content: { title: 'お問い合わせ', body }, summary: 'replica test (出典: テスト)' } },
        editor,
      )
    ).createPolicyVersion;
    await gql(api, 'mutation($id: ID!) { submitPolicyVersion(id: $id) { id } }', { id: created.id }, editor);
    await gql(api, 'mutation($id: ID!) { approvePolicyVersion(id: $id) { id } }', { id: created.id }, approver);
    return (await gql(api, 'mutation($id: ID!) { publishPolicyVersion(id: $id) { id publishedAt } }', { id: created.id }, approver))
      .publishPolicyVersion;
  }

  /** An instant a few milliseconds after `instant`. */
  const after = (instant: string, ms: number) => new Date(new Date(instant).getTime() + ms).toISOString();

  beforeAll(async () => {
    pair = await startReplicatedPair();
    const env = { DATABASE_URL: pair.primaryUrl, DEMO_DATA: '1', DEMO_PASSWORD, TOKEN_SECRET: randomBytes(32).toString('hex') };
    // READ_HISTORY=0: the read model holds the current versions only, and asks the past of SQL, where a replica may
    // answer (by default the model answers policyInForce about the past from memory, and asks no database at all).
    api = await startApiProcess({ ...env, DATABASE_REPLICA_URL: pair.replicaUrl, READ_HISTORY: '0' });
    reference = await startApiProcess({ ...env, READ_MODEL: '0', RESPONSE_CACHE_MB: '0' });
    editor = await login('editor');
    approver = await login('approver');
    await pair.waitForReplay();
  }, 120_000);

  afterAll(async () => {
    for (const running of [api, reference]) if (running && running.child.exitCode === null) running.child.kill('SIGTERM');
    await Promise.all([api?.exited, reference?.exited]);
    await pair?.stop();
  }, 60_000);

  it('answers a read about the past from a caught-up replica, exactly as the primary answers it', async () => {
    const before = await counters();
    // As known when the first notice was published: a version the next one replaced on every day, so the model no
    // longer holds it and asks SQL (a past answer whose version is still current comes from memory).
    const first = await publish('2099-01-01', '第一の窓口');
    await publish('2099-01-01', '第一の窓口(改)');
    await pair.waitForReplay();
    const { answer, expected } = await bothAnswer(first.publishedAt);
    expect(answer).toEqual(expected);
    expect(answer.id).toBe(first.id);
    expect((await counters()).served).toBe(before.served + 1);
  });

  it('sends a read to the primary while the replica lags behind what the answer needs, and to the replica once caught up', async () => {
    await pair.pauseReplay();
    let second: { id: string; publishedAt: string };
    try {
      second = await publish('2099-01-01', '第二の窓口');
      await publish('2099-01-01', '第三の窓口');
      const before = await counters();
      // As known just after the second publish: the paused replica has neither publish, so its answer would be the
      // first notice; the primary's is the second.
      const { answer, expected } = await bothAnswer(after(second.publishedAt, 1));
      expect(answer).toEqual(expected);
      expect(answer.id).toBe(second.id);
      const now = await counters();
      expect(now.behind).toBe(before.behind + 1);
      expect(now.served).toBe(before.served);
    } finally {
      await pair.resumeReplay();
    }
    await pair.waitForReplay();
    const before = await counters();
    const { answer, expected } = await bothAnswer(after(second!.publishedAt, 2));
    expect(answer).toEqual(expected);
    expect((await counters()).served).toBe(before.served + 1);
  });

  it('answers from the primary while the replica is down, and uses the replica again once it is back', async () => {
    const latest = await publish('2099-01-01', '第四の窓口');
    await pair.waitForReplay();
    const before = await counters();
    await pair.stopReplica();
    try {
      const { answer, expected } = await bothAnswer(after(latest.publishedAt, -1));
      expect(answer).toEqual(expected);
      // Down as soon as its connections broke (or at this read): counted once, not served.
      const now = await counters();
      expect(now.state).toBe('down');
      expect(now.errors).toBeGreaterThan(before.errors);
      expect(now.served).toBe(before.served);
      expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);
    } finally {
      await pair.startReplica();
    }
    // The replica is tried again after a backoff of a second or so: ask until it serves (each read a day of its own).
    let served = false;
    for (let attempt = 0; attempt < 100 && !served; attempt++) {
      const before = await counters();
      const { answer, expected } = await bothAnswer(after(latest.publishedAt, -(attempt + 2)));
      expect(answer).toEqual(expected);
      served = (await counters()).served > before.served;
      if (!served) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(served).toBe(true);
    expect((await counters()).state).toBe('up');
  }, 60_000);
});
