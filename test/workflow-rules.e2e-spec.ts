import { Client } from 'pg';
import { currentDatabase } from './support/current-database';
import { startTestApp, type GqlResult, type TestApp } from './support/test-app';
import { VERSION_FIELDS, type Version, dataOf, errorOf, overlappingLedgerRows } from './support/policy-api';
import { type Detail, auditEventsAfter, lastAuditId, tableFingerprint, tickingClock, workflow } from './support/workflow-api';

/**
 * The rules of the maker-checker workflow (PRODUCT.md "Editorial workflow"), each seen by a user through GraphQL and
 * checked in the rows: who may approve, what an edit does to an approval, stale revisions, retroactive corrections,
 * invalid content, rejections, withdrawals, and two approvers publishing at the same moment.
 *
 * The clock runs at real speed from 2026-11-27 12:00 in Tokyo, so "today" is 2026-11-27 and every write still gets its
 * own, later, record instant.
 */
const TODAY = '2026-11-27';
const clock = tickingClock('2026-11-27T03:00:00Z');

const notice = (title: string) => ({ title, body: `${title}の本文です。` });

describe('the rules of the editorial workflow', () => {
  let t: TestApp;
  let wf: ReturnType<typeof workflow>;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock });
    wf = workflow(t);
    // Log everyone in first: a login writes an audit event, which would blur the "nothing was written" checks.
    for (const user of ['admin', 'editor', 'editor2', 'approver', 'approver2', 'auditor'] as const) {
      dataOf(await t.gql('{ me { username } }', {}, { as: user }));
    }
  });
  afterAll(() => t.close());

  const ok = (result: GqlResult, name: string): Detail => dataOf(result)[name];
  const versionRow = async (id: string) => (await t.sql(`SELECT to_jsonb(v) AS row FROM policy_version v WHERE id = $1`, [id]))[0].row;
  const inForce = async (key: string, on: string, knownAt?: string): Promise<Version | null> =>
    dataOf(await t.gql(`query($key: ID!, $on: Date, $knownAt: DateTime) { policyInForce(key: $key, on: $on, knownAt: $knownAt) { ${VERSION_FIELDS} } }`, { key, on, knownAt }))
      .policyInForce;

  /** A version of `policyKey` by `author`, taken to `status` (IN_REVIEW, APPROVED or PUBLISHED) by others. */
  async function versionIn(
    status: 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'PUBLISHED',
    policyKey: string,
    effectiveFrom: string,
    author: 'editor' | 'editor2' | 'admin' = 'editor',
    approver: 'approver' | 'approver2' | 'admin' = 'approver',
  ): Promise<Detail> {
    let version = ok(await wf.create({ policyKey, effectiveFrom, content: notice(`${policyKey} ${effectiveFrom}`), summary: 'テスト(出典: テスト)' }, author), 'createPolicyVersion');
    if (status === 'DRAFT') return version;
    version = ok(await wf.submit(version.id, author), 'submitPolicyVersion');
    if (status === 'IN_REVIEW') return version;
    version = ok(await wf.approve(version.id, approver), 'approvePolicyVersion');
    if (status === 'APPROVED') return version;
    return ok(await wf.publish(version.id, approver), 'publishPolicyVersion');
  }

  /** Runs a refused call and checks that no row of any table behind it changed and no audit event was written. */
  async function refusedWithoutTrace(call: () => Promise<GqlResult>) {
    const rowsBefore = await tableFingerprint(t.sql);
    const lastEvent = await lastAuditId(t.sql);
    const error = errorOf(await call());
    expect(await tableFingerprint(t.sql)).toEqual(rowsBefore);
    expect(await auditEventsAfter(t.sql, lastEvent)).toEqual([]);
    return error;
  }

  describe('maker-checker', () => {
    it('refuses, as FORBIDDEN, an admin approving a version the admin wrote', async () => {
      const version = await versionIn('IN_REVIEW', 'myna.overview', '2027-05-01', 'admin');
      const error = await refusedWithoutTrace(() => wf.approve(version.id, 'admin'));
      expect(error.extensions.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/different person from the author/);
      expect(await versionRow(version.id)).toMatchObject({ status: 'IN_REVIEW', approved_hash: null, approved_by: null });

      // Someone else may approve it.
      expect(ok(await wf.approve(version.id, 'approver'), 'approvePolicyVersion').status).toBe('APPROVED');
    });

    it('counts everyone who edited a version as its author: an admin who edited a draft may not approve or publish it', async () => {
      const draft = await versionIn('DRAFT', 'myna.overview', '2027-06-01', 'editor');
      const edited = ok(await wf.update({ id: draft.id, revision: draft.revision, summary: '管理者が修正(出典: テスト)' }, 'admin'), 'updatePolicyVersion');
      expect(edited.authorIds).toEqual([await t.userId('editor'), await t.userId('admin')]);
      ok(await wf.submit(draft.id, 'editor'), 'submitPolicyVersion');
      expect((await refusedWithoutTrace(() => wf.approve(draft.id, 'admin'))).extensions.code).toBe('FORBIDDEN');

      ok(await wf.approve(draft.id, 'approver'), 'approvePolicyVersion');
      expect((await refusedWithoutTrace(() => wf.publish(draft.id, 'admin'))).extensions.code).toBe('FORBIDDEN');
      expect(await versionRow(draft.id)).toMatchObject({ status: 'APPROVED', published_at: null });
    });

    it('sends an approved version edited afterwards back to DRAFT and clears its approval, so publishing it is a CONFLICT', async () => {
      const approved = await versionIn('APPROVED', 'myna.holding-status', '2027-05-01');
      expect(approved.approvedHash).toMatch(/^[0-9a-f]{64}$/);

      const edited = ok(
        await wf.update({ id: approved.id, revision: approved.revision, content: notice('承認後に書き換えた本文') }, 'editor'),
        'updatePolicyVersion',
      );
      expect(edited).toMatchObject({ status: 'DRAFT', approvedHash: null, approvedBy: null, approvedAt: null, revision: approved.revision + 1 });
      expect(await versionRow(approved.id)).toMatchObject({ status: 'DRAFT', approved_hash: null, approved_by: null, approved_at: null });

      const error = await refusedWithoutTrace(() => wf.publish(approved.id, 'approver'));
      expect(error.extensions.code).toBe('CONFLICT');
      expect(await t.sql(`SELECT id FROM ledger_segment WHERE version_id = $1`, [approved.id])).toEqual([]);
      expect(await inForce('myna.holding-status', '2027-05-01')).toMatchObject({ number: 1 });

      // Once submitted and approved again, exactly the new content goes live.
      ok(await wf.submit(approved.id, 'editor'), 'submitPolicyVersion');
      const reapproved = ok(await wf.approve(approved.id, 'approver'), 'approvePolicyVersion');
      expect(reapproved.approvedHash).not.toBe(approved.approvedHash);
      ok(await wf.publish(approved.id, 'approver'), 'publishPolicyVersion');
      expect((await inForce('myna.holding-status', '2027-05-01'))?.content).toEqual(notice('承認後に書き換えた本文'));
    });
  });

  describe('optimistic editing', () => {
    it('refuses an update from a stale revision as CONFLICT and keeps the newer save', async () => {
      const draft = await versionIn('DRAFT', 'myna.overview', '2027-07-01');
      const first = ok(await wf.update({ id: draft.id, revision: draft.revision, summary: '先に保存した変更(出典: テスト)' }, 'editor'), 'updatePolicyVersion');
      expect(first.revision).toBe(draft.revision + 1);

      const error = await refusedWithoutTrace(() =>
        wf.update({ id: draft.id, revision: draft.revision, summary: '古い版からの変更(出典: テスト)', content: notice('古い版から') }, 'editor2'),
      );
      expect(error.extensions.code).toBe('CONFLICT');
      const row = await versionRow(draft.id);
      expect(row).toMatchObject({ summary: '先に保存した変更(出典: テスト)', revision: first.revision, content: draft.content });
      expect(row.author_ids).toEqual([await t.userId('editor')]);
    });
  });

  describe('retroactive corrections', () => {
    it('refuses a version starting before today without a reason, as BAD_USER_INPUT on reason', async () => {
      const error = await refusedWithoutTrace(() =>
        wf.create({ policyKey: 'contact', effectiveFrom: '2026-11-01', content: notice('遡及訂正'), summary: '遡及訂正(出典: テスト)' }, 'editor'),
      );
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(error.message).toContain(TODAY);
      // A blank reason is no reason.
      const blank = await refusedWithoutTrace(() =>
        wf.create({ policyKey: 'contact', effectiveFrom: '2026-11-01', content: notice('遡及訂正'), summary: '遡及訂正(出典: テスト)', reason: '   ' }, 'editor'),
      );
      expect(blank.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    });

    it('accepts it with a reason, marks it retroactive, and publishing it corrects the past only for later knownAt', async () => {
      const beforeCorrection = await inForce('contact', '2026-11-10');
      const knownBefore = clock.now().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));

      const created = ok(
        await wf.create(
          { policyKey: 'contact', effectiveFrom: '2026-11-01', content: notice('電話番号の誤りを訂正'), summary: '電話番号の訂正(出典: テスト)', reason: '電話番号の誤記' },
          'editor',
        ),
        'createPolicyVersion',
      );
      expect(created).toMatchObject({ status: 'DRAFT', retroactive: true, retroactiveReason: '電話番号の誤記' });
      expect(await versionRow(created.id)).toMatchObject({ retroactive_reason: '電話番号の誤記' });

      ok(await wf.submit(created.id, 'editor'), 'submitPolicyVersion');
      ok(await wf.approve(created.id, 'approver'), 'approvePolicyVersion');
      const published = ok(await wf.publish(created.id, 'approver'), 'publishPolicyVersion');
      expect(published).toMatchObject({ status: 'PUBLISHED', retroactive: true, retroactiveReason: '電話番号の誤記' });

      expect((await inForce('contact', '2026-11-10'))?.id).toBe(created.id);
      expect((await inForce('contact', '2026-10-31'))?.id).toBe(beforeCorrection?.id);
      expect(await inForce('contact', '2026-11-10', knownBefore)).toEqual(beforeCorrection);
      expect(await overlappingLedgerRows(t.sql)).toEqual([]);
    });
  });

  describe('content validation', () => {
    it('refuses content that does not fit the kind, as BAD_USER_INPUT pointing into input.content, with every issue', async () => {
      const facilities = (await inForce('myna.facilities', TODAY))!.content;
      const content = structuredClone(facilities);
      content.rows[0].facilityTypes = ['TEST_CENTER', 'SPACEPORT'];
      content.rows[1].colour = 'red';
      const error = await refusedWithoutTrace(() =>
        wf.create({ policyKey: 'myna.facilities', effectiveFrom: '2027-05-01', content, summary: '誤った内容(出典: テスト)' }, 'editor'),
      );
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.field).toMatch(/^input\.content\./);
      const issues = error.extensions.issues as { field: string; message: string }[];
      expect(issues.map((issue) => issue.field)).toEqual(
        expect.arrayContaining(['input.content.rows[0].facilityTypes[1]', 'input.content.rows[1].colour']),
      );
      expect(issues).toHaveLength(2);
      expect(error.extensions.field).toBe(issues[0].field);
      for (const issue of issues) expect(issue.message).toEqual(expect.any(String));
    });

    it('refuses an update with such content the same way and keeps the draft as it was', async () => {
      const draft = await versionIn('DRAFT', 'myna.overview', '2027-08-01');
      const error = await refusedWithoutTrace(() => wf.update({ id: draft.id, revision: draft.revision, content: { title: '', body: '本文' } }, 'editor'));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content.title' });
      expect(await versionRow(draft.id)).toMatchObject({ content: draft.content, revision: draft.revision });
    });
  });

  describe('rejection', () => {
    it('refuses a rejection without a reason, as BAD_USER_INPUT on reason', async () => {
      const version = await versionIn('IN_REVIEW', 'myna.overseas', '2027-05-01');
      for (const reason of ['', '   ']) {
        const error = await refusedWithoutTrace(() => wf.reject(version.id, reason, 'approver'));
        expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      }
      expect(await versionRow(version.id)).toMatchObject({ status: 'IN_REVIEW' });
    });

    it('sends a version in review back to DRAFT with the reason in its history, and the author can resubmit it', async () => {
      const version = await versionIn('IN_REVIEW', 'myna.overseas', '2027-06-01');
      const rejected = ok(await wf.reject(version.id, '出典の記載がありません', 'approver'), 'rejectPolicyVersion');
      expect(rejected.status).toBe('DRAFT');
      expect(await versionRow(version.id)).toMatchObject({ status: 'DRAFT' });
      const { history } = await wf.detail(version.id);
      expect(history.at(-1)).toEqual({ action: 'policy_version.reject', actorName: 'approver', reason: '出典の記載がありません' });

      const fixed = ok(await wf.update({ id: version.id, revision: rejected.revision, summary: '出典を追記(出典: テスト)' }, 'editor'), 'updatePolicyVersion');
      expect(ok(await wf.submit(fixed.id, 'editor'), 'submitPolicyVersion').status).toBe('IN_REVIEW');
    });

    it('sends an approved version back to DRAFT and clears the approval', async () => {
      const version = await versionIn('APPROVED', 'myna.overseas', '2027-07-01');
      const rejected = ok(await wf.reject(version.id, '公表日を再確認', 'approver2'), 'rejectPolicyVersion');
      expect(rejected).toMatchObject({ status: 'DRAFT', approvedHash: null, approvedBy: null });
      expect((await refusedWithoutTrace(() => wf.publish(version.id, 'approver'))).extensions.code).toBe('CONFLICT');
    });
  });

  describe('withdrawal', () => {
    it('refuses a withdrawal without a reason, and with one gives the days back: the public answer reverts', async () => {
      const DAY = '2027-01-10';
      const before = await inForce('myna.card-notes', DAY);
      expect(before).toMatchObject({ number: 1 });

      const published = await versionIn('PUBLISHED', 'myna.card-notes', DAY);
      expect((await inForce('myna.card-notes', DAY))?.id).toBe(published.id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const whilePublished = clock.now().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));

      const error = await refusedWithoutTrace(() => wf.withdraw(published.id, ' ', 'approver'));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

      const withdrawn = ok(await wf.withdraw(published.id, '誤って公表したため', 'approver'), 'withdrawPolicyVersion');
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', withdrawnAt: expect.any(String) });

      const after = await inForce('myna.card-notes', DAY);
      const visible = (v: Version | null) => v && { id: v.id, number: v.number, content: v.content, effectiveFrom: v.effectiveFrom, effectiveThrough: v.effectiveThrough };
      expect(visible(after)).toEqual(visible(before));
      // A withdrawal is a new record, not an erasure: as known while it was published, it still was.
      expect((await inForce('myna.card-notes', DAY, whilePublished))?.id).toBe(published.id);
      expect(await overlappingLedgerRows(t.sql)).toEqual([]);

      // Withdrawn is final.
      expect((await refusedWithoutTrace(() => wf.withdraw(published.id, 'もう一度', 'approver'))).extensions.code).toBe('CONFLICT');
    });
  });

  describe('two approvers publishing overlapping versions of one policy at the same moment', () => {
    const POLICY = 'offices.closure';
    /** AuditService's advisory lock (libs/audit/src/audit.service.ts: APPEND_LOCK), taken by every change as its last write. */
    const AUDIT_APPEND_LOCK = String(0x6175646974);

    async function twoApprovedVersions(from: [string, string]) {
      const a = await versionIn('APPROVED', POLICY, from[0], 'editor', 'approver2');
      const b = await versionIn('APPROVED', POLICY, from[1], 'editor2', 'approver');
      return [a, b];
    }

    /**
     * Why this lock: the ledger takes the policy row with FOR UPDATE NOWAIT, so holding the policy row from outside
     * would make both publishes fail at once. Instead, a separate session holds the audit trail's append lock, which
     * each change takes after its ledger write and before it commits. The first publish to reach the policy row keeps it
     * while it waits for that lock; the other, whenever it arrives, finds the row taken. Both are in flight together
     * however the requests are scheduled, so the test is deterministic.
     */
    it('lets exactly one of them publish and answers the other CONFLICT, leaving a ledger without overlap', async () => {
      const [a, b] = await twoApprovedVersions(['2027-09-01', '2027-10-01']);
      const ledgerBefore = await t.sql(`SELECT count(*)::int AS n FROM ledger_segment s JOIN policy p ON p.id = s.policy_id WHERE p.key = $1`, [POLICY]);
      const lastEvent = await lastAuditId(t.sql);

      const holder = new Client({ connectionString: currentDatabase().url });
      await holder.connect();
      let released = false;
      try {
        await holder.query(`SELECT pg_advisory_lock($1::bigint)`, [AUDIT_APPEND_LOCK]);
        const settled: boolean[] = [false, false];
        const calls = [wf.publish(a.id, 'approver'), wf.publish(b.id, 'approver2')].map((call, i) =>
          call.finally(() => {
            settled[i] = true;
          }),
        );
        // Wait until one publish is parked on the lock (holding the policy row) and the other has answered.
        // The count of waiting sessions is checked too, so that the race really ran with both in flight.
        const deadline = Date.now() + 15_000;
        for (;;) {
          const [{ waiting }] = await holder.query(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
          ).then((r) => r.rows);
          // Both in flight or answered. With the policy row lock working that is one waiting and one answered; were it
          // missing, both would wait here, and the assertions below would catch two publishes.
          if (waiting + settled.filter(Boolean).length === 2) break;
          if (Date.now() > deadline) throw new Error(`the race did not line up: ${waiting} waiting, settled ${settled}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await holder.query(`SELECT pg_advisory_unlock($1::bigint)`, [AUDIT_APPEND_LOCK]);
        released = true;
        const results = await Promise.all(calls);

        const succeeded = results.filter((r) => !r.errors);
        const failed = results.filter((r) => r.errors);
        expect(succeeded).toHaveLength(1);
        expect(failed).toHaveLength(1);
        expect(errorOf(failed[0]).extensions.code).toBe('CONFLICT');

        const winner = succeeded[0].data!.publishPolicyVersion as Detail;
        const loser = winner.id === a.id ? b : a;
        expect(await versionRow(winner.id)).toMatchObject({ status: 'PUBLISHED' });
        expect(await versionRow(loser.id)).toMatchObject({ status: 'APPROVED', published_at: null, publication_seq: null });
        expect(await t.sql(`SELECT id FROM ledger_segment WHERE version_id = $1`, [loser.id])).toEqual([]);
        expect(await overlappingLedgerRows(t.sql)).toEqual([]);
        const ledgerAfter = await t.sql(`SELECT count(*)::int AS n FROM ledger_segment s JOIN policy p ON p.id = s.policy_id WHERE p.key = $1`, [POLICY]);
        expect(ledgerAfter[0].n).toBeGreaterThan(ledgerBefore[0].n);
        const events = await auditEventsAfter(t.sql, lastEvent);
        expect(events.map((e) => [e.action, e.target_id])).toEqual([['policy_version.publish', winner.id]]);
        expect((await inForce(POLICY, winner.effectiveFrom))?.id).toBe(winner.id);

        // The loser can publish afterwards, over the winner where they overlap (painter's order).
        const retried = ok(await wf.publish(loser.id, winner.id === a.id ? 'approver2' : 'approver'), 'publishPolicyVersion');
        expect(retried.status).toBe('PUBLISHED');
        expect((await inForce(POLICY, '2027-12-01'))?.id).toBe(loser.id);
        expect(await overlappingLedgerRows(t.sql)).toEqual([]);
      } finally {
        if (!released) await holder.query(`SELECT pg_advisory_unlock_all()`);
        await holder.end();
      }
    });

    it('without any help, never leaves an overlap: each publish succeeds or is a CONFLICT, and the public timeline follows', async () => {
      const [a, b] = await twoApprovedVersions(['2028-01-01', '2028-02-01']);
      const results = await Promise.all([wf.publish(a.id, 'approver'), wf.publish(b.id, 'approver2')]);
      for (const result of results) {
        if (result.errors) expect(errorOf(result).extensions.code).toBe('CONFLICT');
      }
      const published = results.filter((r) => !r.errors).map((r) => (r.data!.publishPolicyVersion as Detail).id);
      expect(published.length).toBeGreaterThanOrEqual(1);
      expect(await overlappingLedgerRows(t.sql)).toEqual([]);
      const rows = await t.sql(`SELECT id, status FROM policy_version WHERE id = ANY($1::uuid[])`, [[a.id, b.id]]);
      for (const row of rows) expect(row.status).toBe(published.includes(row.id) ? 'PUBLISHED' : 'APPROVED');
      // On 2028-03-01 both cover the day: the one published last wins, or the only one published.
      const [last] = await t.sql(`SELECT id FROM policy_version WHERE id = ANY($1::uuid[]) AND status = 'PUBLISHED' ORDER BY publication_seq DESC LIMIT 1`, [
        [a.id, b.id],
      ]);
      expect((await inForce(POLICY, '2028-03-01'))?.id).toBe(last.id);
    });
  });
});
