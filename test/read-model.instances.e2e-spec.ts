import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { currentDatabase } from './support/current-database';
import { ApiProcess, startApiProcess } from './support/api-process';
import { VERSION_FIELDS, type Version } from './support/policy-api';

/**
 * Issue 9, "An in-process read model": two real API processes on one database, each answering the public reads from
 * its own read model. A change made through one is answered by the other within a second (the bound is a
 * correctness bound: the other must hear the change, not a speed target), an instance reads its own writes at once,
 * and no answer ever mixes two states of the record, even while a reader hammers one instance during a series of
 * publishes and a withdrawal through the other.
 */
const DEMO_PASSWORD = 'policy-cms-read-model';
const KEY = 'contact';
const PROPAGATION_BOUND_MS = 1_000;
const POLL_INTERVAL_MS = 20;
const READERS = 3;
/** How many answers each reader gets about each state before the next write: the writes land amid a stream of reads. */
const ANSWERS_PER_STATE = 10;

interface Answer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

interface Observation {
  reader: number;
  /** performance.now() when the request left and when its answer was in. */
  sentAt: number;
  receivedAt: number;
  rules: Version[];
  inForce: Version | null;
  timeline: Version[];
}

async function post(api: ApiProcess, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  const response = await fetch(`${api.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

async function gql(api: ApiProcess, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Record<string, any>> {
  const answer = await post(api, query, variables, token);
  if (answer.errors?.length || !answer.data) throw new Error(`expected an answer from ${api.baseUrl}, got ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

const IN_FORCE = `query($key: ID!, $on: Date, $knownAt: DateTime) {
  policyInForce(key: $key, on: $on, knownAt: $knownAt) { ${VERSION_FIELDS} } }`;
const TIMELINE = `query($key: ID!, $knownAt: DateTime) { policyTimeline(key: $key, knownAt: $knownAt) { ${VERSION_FIELDS} } }`;
// Three reads in one document: each answer must be one state of the record, whichever fields it holds.
const THREE_READS = `query($key: ID!, $on: Date) {
  rulesInForce(on: $on) { ${VERSION_FIELDS} }
  policyInForce(key: $key, on: $on) { ${VERSION_FIELDS} }
  policyTimeline(key: $key) { ${VERSION_FIELDS} } }`;

describe('two API processes on one database, each with its read model', () => {
  let a: ApiProcess;
  let b: ApiProcess;
  const running: ApiProcess[] = [];
  const tokens = new Map<string, string>();
  const observed: Record<string, number | string> = {};

  const inForceOn = async (api: ApiProcess, on: string): Promise<Version | null> => (await gql(api, IN_FORCE, { key: KEY, on })).policyInForce;

  /** A demo user's token; one TOKEN_SECRET makes it good on either instance. */
  async function tokenOf(api: ApiProcess, username: string): Promise<string> {
    let token = tokens.get(username);
    if (!token) {
      token = (await gql(api, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: DEMO_PASSWORD })).login
        .token as string;
      tokens.set(username, token);
    }
    return token;
  }

  /** A new version of the contact notice, from `from` on, written by the editor and approved by the approver. */
  async function approvedVersion(api: ApiProcess, from: string, summary: string): Promise<string> {
    const editor = await tokenOf(api, 'editor');
    const approver = await tokenOf(api, 'approver');
    const content = { title: '問い合わせ先', body: `${summary}(テスト)` };
    const { createPolicyVersion } = await gql(
      api,
      'mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { id } }',
      { input: { policyKey: KEY, effectiveFrom: from, content, summary } },
      editor,
    );
    await gql(api, 'mutation($id: ID!) { submitPolicyVersion(id: $id) { id } }', { id: createPolicyVersion.id }, editor);
    await gql(api, 'mutation($id: ID!) { approvePolicyVersion(id: $id) { id } }', { id: createPolicyVersion.id }, approver);
    return createPolicyVersion.id;
  }

  /** Publishes through `api`; returns the record instant, with performance.now() when the publish had returned. */
  async function publish(api: ApiProcess, id: string): Promise<{ recordedAt: string; returnedAt: number }> {
    const data = await gql(api, 'mutation($id: ID!) { publishPolicyVersion(id: $id) { publishedAt } }', { id }, await tokenOf(api, 'approver'));
    return { recordedAt: data.publishPolicyVersion.publishedAt, returnedAt: performance.now() };
  }

  async function withdraw(api: ApiProcess, id: string): Promise<{ recordedAt: string; returnedAt: number }> {
    const data = await gql(
      api,
      'mutation($id: ID!, $reason: String!) { withdrawPolicyVersion(id: $id, reason: $reason) { withdrawnAt } }',
      { id, reason: 'read model test: withdrawn again' },
      await tokenOf(api, 'approver'),
    );
    return { recordedAt: data.withdrawPolicyVersion.withdrawnAt, returnedAt: performance.now() };
  }

  /**
   * Asks `api` every POLL_INTERVAL_MS until `shows` holds: how long after `since` the answer that showed it came in,
   * and how many answers that took.
   */
  async function delayUntil(api: ApiProcess, on: string, shows: (version: Version | null) => boolean, since: number) {
    for (let polls = 1; ; polls++) {
      const answer = await inForceOn(api, on);
      const delayMs = performance.now() - since;
      if (shows(answer) || delayMs > PROPAGATION_BOUND_MS) return { delayMs, polls };
      await sleep(POLL_INTERVAL_MS);
    }
  }

  beforeAll(async () => {
    const database = currentDatabase();
    // As behind a load balancer: one token secret and one audit key for both, so that either takes any request.
    const env = {
      DATABASE_URL: database.appUrl,
      MIGRATION_DATABASE_URL: database.url,
      DEMO_DATA: '1',
      DEMO_PASSWORD,
      TOKEN_SECRET: randomBytes(32).toString('hex'),
      AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
      // The reader below asks thousands of times a minute from one address.
      RATE_LIMIT_PER_MINUTE: '0',
    };
    // The first loads the demo data; the second finds it loaded.
    running.push((a = await startApiProcess(env)));
    running.push((b = await startApiProcess(env)));
  }, 150_000);

  afterAll(async () => {
    for (const api of running) if (api.child.exitCode === null) api.child.kill('SIGTERM');
    await Promise.all(running.map((api) => api.exited));
    console.log(`read model across two processes: ${JSON.stringify(observed)}`);
  });

  it('serves the public reads from the read model on both instances, loaded with the same record', async () => {
    for (const api of [a, b]) {
      const health = (await (await fetch(`${api.baseUrl}/health/reads`)).json()) as { readModel: { state: string; policies: number } };
      expect(health.readModel).toMatchObject({ state: 'serving', policies: 17 });
    }
    expect(await gql(b, THREE_READS, { key: KEY, on: '2025-10-01' })).toEqual(await gql(a, THREE_READS, { key: KEY, on: '2025-10-01' }));
  });

  it('answers a publish through A from A at once and from B within a second', async () => {
    const on = '2099-01-15';
    const id = await approvedVersion(a, '2099-01-01', 'read model test: published through A');
    // Approved is not public yet.
    expect((await inForceOn(b, on))?.id).not.toBe(id);

    const { returnedAt } = await publish(a, id);
    const [own, seen] = await Promise.all([inForceOn(a, on), delayUntil(b, on, (version) => version?.id === id, returnedAt)]);

    expect(own?.id).toBe(id);
    expect(seen.delayMs).toBeLessThanOrEqual(PROPAGATION_BOUND_MS);
    expect((await inForceOn(b, on))?.id).toBe(id);
    observed.publishThroughAAnsweredByB = `${Math.round(seen.delayMs)} ms, answer ${seen.polls}`;
  });

  it('answers a withdrawal through B from A within a second', async () => {
    const on = '2099-09-15';
    const id = await approvedVersion(b, '2099-09-01', 'read model test: withdrawn through B');
    const published = await publish(b, id);
    expect((await inForceOn(b, on))?.id).toBe(id);
    expect((await delayUntil(a, on, (version) => version?.id === id, published.returnedAt)).delayMs).toBeLessThanOrEqual(PROPAGATION_BOUND_MS);

    const { returnedAt } = await withdraw(b, id);
    const [own, seen] = await Promise.all([inForceOn(b, on), delayUntil(a, on, (version) => version?.id !== id, returnedAt)]);

    expect(own?.id).not.toBe(id);
    expect(seen.delayMs).toBeLessThanOrEqual(PROPAGATION_BOUND_MS);
    expect((await inForceOn(a, on))?.id).toBe(own?.id);
    observed.withdrawalThroughBAnsweredByA = `${Math.round(seen.delayMs)} ms, answer ${seen.polls}`;
  });

  it('gives a /v1 snapshot as of now with the publish from the instance that made it at once, and from the other within a second', async () => {
    // A snapshot as of now may be settled up to SNAPSHOT_SETTLE_MS before its arrival (served from the cache without
    // a database round trip), but never without this instance's own writes, and the other hears it by notification.
    const on = '2099-11-15';
    const snapshotOn = async (api: ApiProcess) => {
      const response = await fetch(`${api.baseUrl}/v1/policies/${KEY}?on=${on}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { version: Version | null }).version;
    };
    // Both instances have the snapshot cached before the publish.
    const before = await snapshotOn(a);
    expect(await snapshotOn(b)).toEqual(before);
    await snapshotOn(a);
    const id = await approvedVersion(a, '2099-11-01', 'read model test: a snapshot as of now');

    const { returnedAt } = await publish(a, id);
    expect((await snapshotOn(a))?.id).toBe(id);
    let delayMs = 0;
    for (;;) {
      const seen = await snapshotOn(b);
      delayMs = performance.now() - returnedAt;
      if (seen?.id === id || delayMs > PROPAGATION_BOUND_MS) break;
      await sleep(POLL_INTERVAL_MS);
    }
    expect(delayMs).toBeLessThanOrEqual(PROPAGATION_BOUND_MS);
    observed.snapshotPublishThroughAAnsweredByB = `${Math.round(delayMs)} ms`;
  });

  it('never answers a mix of two states while publishes and a withdrawal run through the other instance', async () => {
    const on = '2099-06-01';
    const ids: string[] = [];
    for (const month of ['02', '03', '04', '05']) ids.push(await approvedVersion(a, `2099-${month}-01`, `read model test: from 2099-${month}-01`));
    // Each write changes the answer for `on`: 1, 2, 3, 4 as they are published, then 3 again when 4 is withdrawn.
    const steps: { write: () => Promise<{ recordedAt: string; returnedAt: number }>; inForce: string }[] = [
      ...ids.map((id) => ({ write: () => publish(a, id), inForce: id })),
      { write: () => withdraw(a, ids[3]), inForce: ids[2] },
    ];

    const observations: Observation[] = [];
    const failures: string[] = [];
    let stop = false;
    const reader = async (index: number) => {
      for (let asked = 0; !stop; asked++) {
        // Every other document is new to B (a comment makes it so), so that the read model answers, not only the
        // cache of whole answers.
        const query = asked % 2 === 0 ? THREE_READS : `${THREE_READS} # reader ${index}, question ${asked}`;
        const sentAt = performance.now();
        const answer = await post(b, query, { key: KEY, on });
        const receivedAt = performance.now();
        if (answer.errors?.length || !answer.data) failures.push(`reader ${index}: ${JSON.stringify(answer.errors)}`);
        else observations.push({ reader: index, sentAt, receivedAt, rules: answer.data.rulesInForce, inForce: answer.data.policyInForce, timeline: answer.data.policyTimeline });
      }
    };
    /** Resolves once every reader has had ANSWERS_PER_STATE answers to questions sent after `since`. */
    const everyReaderAsked = async (since: number) => {
      const answered = () => observations.filter((seen) => seen.sentAt > since);
      const enough = () => Array.from({ length: READERS }, (_, index) => index).every((index) => answered().filter((seen) => seen.reader === index).length >= ANSWERS_PER_STATE);
      while (!enough() && failures.length === 0) await sleep(5);
    };

    const readers = Array.from({ length: READERS }, (_, index) => reader(index));
    const writes: { recordedAt: string; returnedAt: number }[] = [];
    try {
      await everyReaderAsked(performance.now());
      for (const step of steps) {
        const write = await step.write();
        writes.push(write);
        // Read your writes: A answers its own change at once.
        expect((await inForceOn(a, on))?.id).toBe(step.inForce);
        await everyReaderAsked(write.returnedAt);
      }
    } finally {
      stop = true;
      await Promise.all(readers);
    }
    expect(failures).toEqual([]);

    // The states that existed: just before the first write, and as of each write's record instant.
    const instants = [new Date(Date.parse(writes[0].recordedAt) - 1).toISOString(), ...writes.map((write) => write.recordedAt)];
    const states: Version[][] = [];
    for (const knownAt of instants) states.push((await gql(a, TIMELINE, { key: KEY, knownAt })).policyTimeline);
    expect(new Set(states.map((state) => JSON.stringify(state))).size).toBe(states.length);
    const stateOf = (timeline: Version[]) => states.findIndex((state) => JSON.stringify(state) === JSON.stringify(timeline));
    const segmentOn = (timeline: Version[]) =>
      timeline.find((segment) => segment.effectiveFrom <= on && (segment.effectiveThrough === null || on <= segment.effectiveThrough)) ?? null;
    const othersOf = (rules: Version[]) => JSON.stringify(rules.filter((rule) => rule.policyKey !== KEY));

    const lastStateOf = new Map<number, number>();
    const problems: string[] = [];
    for (const seen of observations) {
      const state = stateOf(seen.timeline);
      const ofKey = seen.rules.find((rule) => rule.policyKey === KEY) ?? null;
      // The state the last write returned before this question was sent is the oldest one it may show.
      const oldest = writes.filter((write) => write.returnedAt < seen.sentAt).length;
      const label = `reader ${seen.reader} at ${seen.sentAt.toFixed(1)} ms`;
      if (state < 0) problems.push(`${label}: a timeline that never existed: ${JSON.stringify(seen.timeline)}`);
      if (JSON.stringify(ofKey) !== JSON.stringify(seen.inForce)) problems.push(`${label}: rulesInForce has ${ofKey?.id}, policyInForce ${seen.inForce?.id}`);
      if (JSON.stringify(segmentOn(seen.timeline)) !== JSON.stringify(seen.inForce)) problems.push(`${label}: policyInForce is not the timeline's version on ${on}`);
      if (othersOf(seen.rules) !== othersOf(observations[0].rules)) problems.push(`${label}: another policy changed in rulesInForce`);
      if (state >= 0 && state < oldest) problems.push(`${label}: state ${state}, asked after write ${oldest} had returned`);
      if (state < (lastStateOf.get(seen.reader) ?? 0)) problems.push(`${label}: state ${state} after state ${lastStateOf.get(seen.reader)}`);
      lastStateOf.set(seen.reader, Math.max(state, lastStateOf.get(seen.reader) ?? 0));
    }
    expect(problems).toEqual([]);
    // Every state was answered while it was current: the checks above ran against each of them.
    expect(new Set(observations.map((seen) => stateOf(seen.timeline)))).toEqual(new Set(states.keys()));
    expect(steps.map((step) => step.inForce)).toEqual(states.slice(1).map((state) => segmentOn(state)?.id));
    observed.answersCheckedDuringWrites = observations.length;
  });
});
