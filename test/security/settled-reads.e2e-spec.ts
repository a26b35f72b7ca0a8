import { Client } from 'pg';
import { currentDatabase } from '../support/current-database';
import { startTestApp, type TestApp } from '../support/test-app';
import { dataOf, policyInForce } from '../support/policy-api';
import { type Detail, tickingClock, workflow } from '../support/workflow-api';

/**
 * A past answer never changes. A publish takes its record instant inside its transaction; a reader asking about an
 * instant at or after it, while that transaction has not committed, must not be answered with the old state (and
 * then, after the commit, with the new one). The publish is held open by holding the audit trail's append lock, which
 * it takes last, just before it commits.
 */
const clock = tickingClock('2026-11-27T03:00:00Z');
const AUDIT_APPEND_LOCK = 0x6175646974;
const LEDGER_WRITE_LOCK = 0x6c6564676572;
const KEY = 'contact';
const ON = '2027-01-05';

describe('reads of a moment are settled', () => {
  let t: TestApp;
  let holder: Client;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock });
    for (const user of ['editor', 'approver', 'auditor'] as const) dataOf(await t.gql('{ me { username } }', {}, { as: user }));
    const url = new URL(currentDatabase().adminUrl);
    url.pathname = `/${currentDatabase().name}`;
    holder = new Client({ connectionString: url.toString() });
    await holder.connect();
  });
  afterAll(async () => {
    await holder.end();
    await t.close();
  });

  async function approvedVersion(effectiveFrom: string): Promise<Detail> {
    const wf = workflow(t);
    const created = dataOf(
      await wf.create({ policyKey: KEY, effectiveFrom, content: { title: 'お問い合わせ', body: `${effectiveFrom}からの窓口` }, summary: 'テスト(出典: テスト)' }, 'editor'),
    ).createPolicyVersion;
    dataOf(await wf.submit(created.id, 'editor'));
    return dataOf(await wf.approve(created.id, 'approver')).approvePolicyVersion;
  }

  /** Resolves once `count` sessions of this database wait for an advisory lock. */
  async function waitersOnAdvisoryLocks(count: number): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const [{ n }] = (await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)).rows;
      if (n >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`fewer than ${count} sessions ever waited for an advisory lock`);
  }

  it('a read at an instant inside a publish in flight waits for it, and gives the answer it gives after the commit', async () => {
    const version = await approvedVersion('2027-01-04');
    const before = await policyInForce(t, KEY, ON);
    expect(before?.id).not.toBe(version.id);

    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1::bigint)', [AUDIT_APPEND_LOCK]);
    const publishing = workflow(t).publish(version.id, 'approver');
    await waitersOnAdvisoryLocks(1); // the publish has its record instant and its ledger rows, and waits to commit

    const knownAt = clock.now().toISOString();
    let answered = false;
    const reading = policyInForce(t, KEY, ON, knownAt).then((answer) => {
      answered = true;
      return answer;
    });
    await waitersOnAdvisoryLocks(2); // the reader waits too
    expect(answered).toBe(false);

    await holder.query('COMMIT');
    const published = dataOf(await publishing).publishPolicyVersion;
    expect(published.status).toBe('PUBLISHED');
    expect(new Date(published.publishedAt).getTime()).toBeLessThanOrEqual(new Date(knownAt).getTime());

    const during = await reading;
    const after = await policyInForce(t, KEY, ON, knownAt);
    expect(during?.id).toBe(version.id);
    expect(after).toEqual(during);
  });

  it('a session holding the ledger lock for long cannot freeze the public reads: after 10 s they answer UNAVAILABLE', async () => {
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1::bigint)', [LEDGER_WRITE_LOCK]);
    try {
      const started = Date.now();
      const result = await t.gql(`{ rulesInForce { id } }`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
      expect(result.status).toBe(503);
      expect(result.errors![0].extensions.code).toBe('UNAVAILABLE');
      // A read of an older instant does not wait at all.
      expect((await t.gql(`{ policyInForce(key: "${KEY}", knownAt: "2026-01-01T00:00:00Z") { id } }`)).errors).toBeUndefined();
    } finally {
      await holder.query('COMMIT');
    }
  }, 30_000);

  it('a read of an instant older than any write in flight does not wait', async () => {
    const version = await approvedVersion('2027-02-01');
    const longAgo = new Date(clock.now().getTime() - 10 * 60_000).toISOString();
    const expected = await policyInForce(t, KEY, '2027-02-02', longAgo);

    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1::bigint)', [AUDIT_APPEND_LOCK]);
    const publishing = workflow(t).publish(version.id, 'approver');
    try {
      await waitersOnAdvisoryLocks(1);
      expect(await policyInForce(t, KEY, '2027-02-02', longAgo)).toEqual(expected);
    } finally {
      await holder.query('COMMIT');
    }
    expect(dataOf(await publishing).publishPolicyVersion.status).toBe('PUBLISHED');
    expect(await policyInForce(t, KEY, '2027-02-02', longAgo)).toEqual(expected);
  });
});
