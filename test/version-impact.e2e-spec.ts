import { startTestApp, type TestApp } from './support/test-app';
import { dataOf, errorOf } from './support/policy-api';
import { lastAuditId, auditEventsAfter, tableFingerprint, tickingClock, workflow } from './support/workflow-api';

/**
 * The review that shows the truth (issue 11): `versionImpact` compares a draft with what would otherwise be in force on
 * each of its days, scheduled versions included, says when publishing it changes nothing, and for a published version
 * says what comes back when it is withdrawn; and a submitter can take a submission back. On the demo data, with today
 * 2026-12-01 in Tokyo: myna.facilities #1 is in force from 2025-03-24, the demo's #2 is scheduled from 2027-04-01.
 */
const IMPACT = `query($id: ID!) { versionImpact(id: $id) {
  versionId mode today changesNothing
  before { versionId number effectiveFrom effectiveThrough }
  after { versionId number effectiveFrom effectiveThrough }
  changes { effectiveFrom effectiveThrough beforeScheduled sameContent
    before { id number status effectiveFrom effectiveThrough } after { id number status } entries { path kind before after } }
  repeatsScheduled { id number effectiveFrom }
} }`;
const TIMELINE = `query($key: ID!) { policyTimeline(key: $key) { id number effectiveFrom effectiveThrough content } }`;
const INTEGRATION = `query($on: Date) { integration(procedure: PARTICULARS_CHANGE, on: $on) { available facilityTypes } }`;

describe('versionImpact and taking back a submission', () => {
  let t: TestApp;
  let w: ReturnType<typeof workflow>;
  type Segment = { id: string; number: number; effectiveFrom: string; effectiveThrough: string | null; content: Record<string, any> };
  let timeline: Segment[];

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock: tickingClock('2026-12-01T10:00:00+09:00') });
    w = workflow(t);
    timeline = dataOf(await t.gql(TIMELINE, { key: 'myna.facilities' })).policyTimeline;
    // Log everyone in now: a login is an audit event, and the fingerprints below must see only the calls under test.
    for (const as of ['editor', 'editor2', 'approver', 'auditor'] as const) dataOf(await t.gql(`{ me { username } }`, {}, { as }));
  });
  afterAll(() => t.close());

  const impactOf = async (id: string, as: 'approver' | 'auditor' | 'editor' = 'approver') => dataOf(await t.gql(IMPACT, { id }, { as })).versionImpact;
  const draft = async (effectiveFrom: string, content: Record<string, unknown>, summary = '施設の変更') =>
    dataOf(await w.create({ policyKey: 'myna.facilities', effectiveFrom, content, summary }, 'editor')).createPolicyVersion;
  const withFacilities = (content: Record<string, any>, procedure: string, facilityTypes: string[]) => ({
    ...content,
    rows: content.rows.map((row: Record<string, any>) => (row.procedure === procedure ? { ...row, facilityTypes } : row)),
  });

  it('the demo has one version in force and one scheduled, as the cases below assume', () => {
    expect(timeline.map((s) => [s.number, s.effectiveFrom, s.effectiveThrough])).toEqual([
      [1, '2025-03-24', '2027-03-31'],
      [2, '2027-04-01', null],
    ]);
  });

  it('a draft repeating the scheduled 2027-04-01 rollout changes nothing, and publishing it indeed changes no answer', async () => {
    const scheduled = timeline[1];
    const repeat = await draft('2027-04-01', scheduled.content, '2027-04-01 から記載事項変更を更新センターでも(重複)');
    const fingerprint = await tableFingerprint(t.sql);

    const impact = await impactOf(repeat.id);
    expect(await tableFingerprint(t.sql)).toEqual(fingerprint); // computed in memory, written nowhere
    expect(impact).toMatchObject({ versionId: repeat.id, mode: 'PUBLISH', today: '2026-12-01', changesNothing: true });
    expect(impact.repeatsScheduled).toEqual([{ id: scheduled.id, number: 2, effectiveFrom: '2027-04-01' }]);
    expect(impact.changes).toEqual([
      {
        effectiveFrom: '2027-04-01',
        effectiveThrough: null,
        beforeScheduled: true,
        sameContent: true,
        before: { id: scheduled.id, number: 2, status: 'PUBLISHED', effectiveFrom: '2027-04-01', effectiveThrough: null },
        after: { id: repeat.id, number: repeat.number, status: 'DRAFT' },
        entries: [],
      },
    ]);
    expect(impact.before.map((s: Segment) => s.number)).toEqual([1, 2]);
    expect(impact.after.map((s: { number: number; effectiveFrom: string }) => [s.number, s.effectiveFrom])).toEqual([
      [1, '2025-03-24'],
      [repeat.number, '2027-04-01'],
    ]);

    // The statement holds: published, the draft leaves every public answer as it was.
    const answerBefore = dataOf(await t.gql(INTEGRATION, { on: '2027-04-01' })).integration;
    dataOf(await w.submit(repeat.id, 'editor'));
    dataOf(await w.approve(repeat.id, 'approver'));
    dataOf(await w.publish(repeat.id, 'approver'));
    expect(dataOf(await t.gql(INTEGRATION, { on: '2027-04-01' })).integration).toEqual(answerBefore);
    const after = dataOf(await t.gql(TIMELINE, { key: 'myna.facilities' })).policyTimeline;
    expect(after.map((s: Segment) => [s.id, s.effectiveFrom, s.effectiveThrough])).toEqual(
      impact.after.map((s: { versionId: string; effectiveFrom: string; effectiveThrough: string | null }) => [s.versionId, s.effectiveFrom, s.effectiveThrough]),
    );

    // Withdrawing the repeat gives 2027-04-01 back to the scheduled #2, and says so beforehand.
    const withdrawal = await impactOf(repeat.id);
    expect(withdrawal).toMatchObject({ mode: 'WITHDRAW', changesNothing: true });
    expect(withdrawal.changes.map((c: any) => [c.effectiveFrom, c.effectiveThrough, c.before.number, c.after.number])).toEqual([
      ['2027-04-01', null, repeat.number, 2],
    ]);
    dataOf(await w.withdraw(repeat.id, '重複のため取下げ', 'approver'));
    expect((await impactOf(scheduled.id)).mode).toBe('WITHDRAW');
  });

  it('a draft over both is compared with the version in force and with the scheduled one, each on its own days', async () => {
    const [current, scheduled] = timeline;
    const content = withFacilities(current.content, 'REISSUE', ['TEST_CENTER', 'RENEWAL_CENTER']);
    const version = await draft('2026-12-15', content, '再交付も更新センターで');

    const impact = await impactOf(version.id, 'auditor');
    expect(impact.changesNothing).toBe(false);
    expect(impact.repeatsScheduled).toEqual([]);
    expect(impact.changes.map((c: any) => [c.effectiveFrom, c.effectiveThrough, c.before.number, c.beforeScheduled, c.sameContent])).toEqual([
      ['2026-12-15', '2027-03-31', 1, false, false],
      ['2027-04-01', null, 2, true, false],
    ]);
    // On its first days it adds 再交付 at the renewal centres; from 2027-04-01 it also takes 記載事項変更 away from them,
    // which a diff against today's version alone would never show.
    expect(impact.changes[0].entries).toEqual([
      { path: 'content.rows[procedure=REISSUE].facilityTypes', kind: 'changed', before: ['TEST_CENTER'], after: ['TEST_CENTER', 'RENEWAL_CENTER'] },
    ]);
    expect(impact.changes[1].entries.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['content.rows[procedure=REISSUE].facilityTypes', 'content.rows[procedure=PARTICULARS_CHANGE].facilityTypes']),
    );
    expect(scheduled.content).not.toEqual(content);
  });

  it('withdrawing the scheduled version says the version under it comes back on its days', async () => {
    const scheduled = timeline[1];
    const impact = await impactOf(scheduled.id);
    expect(impact.mode).toBe('WITHDRAW');
    expect(impact.changesNothing).toBe(false);
    expect(impact.changes.map((c: any) => [c.effectiveFrom, c.effectiveThrough, c.before.number, c.after.number])).toEqual([['2027-04-01', null, 2, 1]]);
    expect(impact.after.map((s: Segment) => [s.number, s.effectiveFrom, s.effectiveThrough])).toEqual([[1, '2025-03-24', null]]);
  });

  it('has no impact for a withdrawn version, an unknown id, or an anonymous caller', async () => {
    const [withdrawn] = await t.sql<{ id: string }>(`SELECT id FROM policy_version WHERE status = 'WITHDRAWN' LIMIT 1`);
    expect(errorOf(await t.gql(IMPACT, { id: withdrawn.id }, { as: 'approver' })).extensions.code).toBe('CONFLICT');
    expect(errorOf(await t.gql(IMPACT, { id: '00000000-0000-4000-8000-000000000000' }, { as: 'approver' })).extensions.code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(IMPACT, { id: timeline[0].id })).extensions.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });

  describe('taking back a submission', () => {
    const RECALL = `mutation($id: ID!, $reason: String) { recallPolicyVersion(id: $id, reason: $reason) { id status revision } }`;

    it('the submitter takes it back to DRAFT, with an event in the trail', async () => {
      const version = await draft('2027-06-01', timeline[1].content, '提出を取り消す例');
      dataOf(await w.submit(version.id, 'editor'));
      const since = await lastAuditId(t.sql);

      const recalled = dataOf(await t.gql(RECALL, { id: version.id, reason: '日付を直します' }, { as: 'editor' })).recallPolicyVersion;
      expect(recalled.status).toBe('DRAFT');
      const events = await auditEventsAfter(t.sql, since);
      expect(events).toEqual([
        expect.objectContaining({ action: 'policy_version.recall', actor_name: 'editor', target_id: version.id, reason: '日付を直します' }),
      ]);
      expect(events[0].before.status).toBe('IN_REVIEW');
      expect(events[0].after.status).toBe('DRAFT');
      expect((await w.detail(version.id)).history.map((h) => h.action)).toEqual([
        'policy_version.create',
        'policy_version.submit',
        'policy_version.recall',
      ]);
      // Back in DRAFT it can be edited and submitted again as usual.
      dataOf(await w.submit(version.id, 'editor'));
    });

    it('refuses anyone else, and a version that is not waiting for review, changing nothing', async () => {
      const version = await draft('2027-07-01', timeline[1].content, '他人は取り消せない');
      dataOf(await w.submit(version.id, 'editor'));
      const fingerprint = await tableFingerprint(t.sql);
      expect(errorOf(await t.gql(RECALL, { id: version.id }, { as: 'editor2' })).extensions.code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(RECALL, { id: version.id }, { as: 'approver' })).extensions.code).toBe('FORBIDDEN');
      expect(errorOf(await t.gql(RECALL, { id: version.id }, { as: 'auditor' })).extensions.code).toBe('FORBIDDEN');
      expect(await tableFingerprint(t.sql)).toEqual(fingerprint);

      dataOf(await w.approve(version.id, 'approver'));
      const approved = await tableFingerprint(t.sql);
      expect(errorOf(await t.gql(RECALL, { id: version.id }, { as: 'editor' })).extensions.code).toBe('CONFLICT');
      expect(await tableFingerprint(t.sql)).toEqual(approved);
      expect((await w.detail(version.id)).status).toBe('APPROVED');
    });

    it('lets the submitter take back a colleague’s draft they submitted', async () => {
      const version = await draft('2027-08-01', timeline[1].content, '同僚の下書き');
      dataOf(await w.submit(version.id, 'editor2'));
      expect(dataOf(await t.gql(RECALL, { id: version.id }, { as: 'editor2' })).recallPolicyVersion.status).toBe('DRAFT');
    });
  });
});
