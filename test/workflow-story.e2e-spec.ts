import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';
import { VERSION_FIELDS, type Version, dataOf, overlappingLedgerRows, settableClock } from './support/policy-api';
import { DETAIL_FIELDS, type Detail } from './support/workflow-api';

/**
 * PRODUCT.md, "What done feels like", through GraphQL on the demo data: the demo editor drafts "記載事項変更 also at
 * the renewal centres from D", the approver compares it with the version in force, approves and publishes it, and the
 * public answer for D changes while the answer for D-1, and for D as known before the publish, stays the same.
 *
 * The clock is set by the test before each step, so that every step has its own known instant. Today in Tokyo is
 * 2026-11-27 throughout; D (2026-12-15) is in the future, so the version is scheduled, not retroactive. It ends on
 * 2027-03-31, the day before the demo data's own (fictional) expansion from 2027-04-01, which it must leave alone.
 */
const LOGIN_AT = '2026-11-27T03:00:00Z'; // 12:00 in Tokyo
const CREATED_AT = '2026-11-27T03:05:00Z';
const SUBMITTED_AT = '2026-11-27T03:10:00Z';
const APPROVED_AT = '2026-11-27T04:00:00Z';
const BEFORE_PUBLISH = '2026-11-27T04:29:59Z';
const PUBLISHED_AT = '2026-11-27T04:30:00Z';
const AFTER_PUBLISH = '2026-11-27T05:00:00Z';
const D = '2026-12-15';
const D_MINUS_1 = '2026-12-14';
const THROUGH = '2027-03-31';
const DEMO_EXPANSION_FROM = '2027-04-01';
const PASSWORD = 'policy-cms-demo';

const INTEGRATION = `query($procedure: Procedure!, $on: Date, $knownAt: DateTime) {
  integration(procedure: $procedure, on: $on, knownAt: $knownAt) {
    available facilityTypes reservationRequired reservationChannels basis { ${VERSION_FIELDS} } } }`;
const IN_FORCE = `query($key: ID!, $on: Date, $knownAt: DateTime) { policyInForce(key: $key, on: $on, knownAt: $knownAt) { ${VERSION_FIELDS} } }`;
const PREVIEW = `query($on: Date, $includePending: Boolean!) {
  previewRulesInForce(on: $on, includePending: $includePending) { policyKey pending effectiveFrom effectiveThrough version { id number status } } }`;

describe('the editorial story of PRODUCT.md: 記載事項変更 at the renewal centres from a future date', () => {
  const clock = settableClock(LOGIN_AT);
  let t: TestApp;
  let editorToken: string;
  let approverToken: string;
  let inForceBefore: Version;
  let draft: Detail;
  /** Public answers taken before anything was published, to compare whole. */
  const before: Record<string, unknown> = {};

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock });
  });
  afterAll(() => t.close());

  const integration = async (on: string, knownAt?: string) =>
    dataOf(await t.gql(INTEGRATION, { procedure: 'PARTICULARS_CHANGE', on, knownAt })).integration;
  const inForce = async (on: string, knownAt?: string): Promise<Version> =>
    dataOf(await t.gql(IN_FORCE, { key: 'myna.facilities', on, knownAt })).policyInForce;
  const preview = async (on: string, includePending: boolean, token: string) =>
    dataOf(await t.gql(PREVIEW, { on, includePending }, { token })).previewRulesInForce.find(
      (rule: { policyKey: string }) => rule.policyKey === 'myna.facilities',
    );
  const login = async (username: string) => {
    const answer = dataOf(
      await t.gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token expiresAt user { username roles } } }`, {
        u: username,
        p: PASSWORD,
      }),
    ).login;
    expect(answer.token).toEqual(expect.any(String));
    return answer;
  };
  const staff = async (query: string, variables: Record<string, unknown>, token: string) => dataOf(await t.gql(query, variables, { token }));

  it('the editor logs in and reads the version in force on D: 記載事項変更 only at the test centres', async () => {
    const answer = await login('editor');
    expect(answer.user).toEqual({ username: 'editor', roles: ['EDITOR'] });
    editorToken = answer.token;

    inForceBefore = await inForce(D);
    expect(inForceBefore).toMatchObject({ policyKey: 'myna.facilities', number: 1, status: 'PUBLISHED', versionEffectiveThrough: null });
    const row = inForceBefore.content.rows.find((r: { procedure: string }) => r.procedure === 'PARTICULARS_CHANGE');
    expect(row.facilityTypes).toEqual(['TEST_CENTER']);

    // The public answers the story must leave alone, or change, taken before any step.
    before.integrationOnD = await integration(D);
    before.integrationOnDMinus1 = await integration(D_MINUS_1);
    before.inForceOnDemoExpansion = await inForce(DEMO_EXPANSION_FROM);
    before.timeline = dataOf(await t.gql(`{ policyTimeline(key: "myna.facilities") { ${VERSION_FIELDS} } }`)).policyTimeline;
    expect(before.integrationOnD).toMatchObject({ available: true, facilityTypes: ['TEST_CENTER'] });
    expect(before.integrationOnDMinus1).toEqual(before.integrationOnD);
  });

  it('the editor drafts a version of that content with RENEWAL_CENTER added to 記載事項変更 from D, and submits it', async () => {
    clock.set(CREATED_AT);
    const content = structuredClone(inForceBefore.content);
    const row = content.rows.find((r: { procedure: string }) => r.procedure === 'PARTICULARS_CHANGE');
    row.facilityTypes = ['TEST_CENTER', 'RENEWAL_CENTER'];
    const created: Detail = (
      await staff(
        `mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { ${DETAIL_FIELDS} } }`,
        {
          input: {
            policyKey: 'myna.facilities',
            effectiveFrom: D,
            effectiveThrough: THROUGH,
            content,
            summary: `${D} から記載事項変更と同時のマイナ一体化を運転免許更新センターでも受け付ける(出典: テスト)`,
          },
        },
        editorToken,
      )
    ).createPolicyVersion;
    const editorId = await t.userId('editor');
    expect(created).toMatchObject({
      policyKey: 'myna.facilities',
      status: 'DRAFT',
      effectiveFrom: D,
      effectiveThrough: THROUGH,
      content,
      retroactive: false,
      createdBy: editorId,
      authorIds: [editorId],
      approvedHash: null,
      publishedAt: null,
      createdAt: '2026-11-27T03:05:00.000Z',
    });
    // The next number after the two published versions of the demo data.
    expect(created.number).toBe(3);

    clock.set(SUBMITTED_AT);
    const submitted: Detail = (await staff(`mutation($id: ID!) { submitPolicyVersion(id: $id) { ${DETAIL_FIELDS} } }`, { id: created.id }, editorToken))
      .submitPolicyVersion;
    expect(submitted).toMatchObject({ id: created.id, status: 'IN_REVIEW', revision: created.revision + 1 });
    draft = submitted;

    const [row2] = await t.sql(`SELECT status, effective::text AS effective, published_at FROM policy_version WHERE id = $1`, [created.id]);
    expect(row2).toEqual({ status: 'IN_REVIEW', effective: `[${D},${DEMO_EXPANSION_FROM})`, published_at: null });
    // Nothing public has changed: no ledger row for the draft.
    expect(await t.sql(`SELECT id FROM ledger_segment WHERE version_id = $1`, [created.id])).toEqual([]);
    expect(await integration(D)).toEqual(before.integrationOnD);
  });

  it('the approver compares it with the version in force and sees exactly the changed facility types of 記載事項変更', async () => {
    approverToken = (await login('approver')).token;
    const diff = (
      await staff(
        `query($a: ID!, $b: ID!) { diffPolicyVersions(a: $a, b: $b) { a { id status } b { id status } entries { path kind before after } } }`,
        { a: inForceBefore.id, b: draft.id },
        approverToken,
      )
    ).diffPolicyVersions;
    expect(diff.a).toEqual({ id: inForceBefore.id, status: 'PUBLISHED' });
    expect(diff.b).toEqual({ id: draft.id, status: 'IN_REVIEW' });
    const contentEntries = diff.entries.filter((entry: { path: string }) => entry.path.startsWith('content'));
    expect(contentEntries).toEqual([
      {
        path: 'content.rows[procedure=PARTICULARS_CHANGE].facilityTypes',
        kind: 'changed',
        before: ['TEST_CENTER'],
        after: ['TEST_CENTER', 'RENEWAL_CENTER'],
      },
    ]);
    // Besides the content: the range and the change note, nothing else.
    expect(diff.entries.map((entry: { path: string }) => entry.path)).toEqual([
      'effectiveFrom',
      'effectiveThrough',
      'content.rows[procedure=PARTICULARS_CHANGE].facilityTypes',
      'summary',
    ]);
    expect(diff.entries[0]).toMatchObject({ kind: 'changed', before: '2025-03-24', after: D });
    expect(diff.entries[1]).toMatchObject({ kind: 'changed', before: null, after: THROUGH });
  });

  it('previewRulesInForce leaves the version out while it is in review', async () => {
    expect(await preview(D, true, approverToken)).toMatchObject({ pending: false, version: { id: inForceBefore.id } });
  });

  it('the approver approves it; the preview for D then shows it pending, and without pending versions shows the rule in force', async () => {
    clock.set(APPROVED_AT);
    const approved: Detail = (await staff(`mutation($id: ID!) { approvePolicyVersion(id: $id) { ${DETAIL_FIELDS} } }`, { id: draft.id }, approverToken))
      .approvePolicyVersion;
    expect(approved).toMatchObject({
      status: 'APPROVED',
      approvedBy: await t.userId('approver'),
      approvedAt: '2026-11-27T04:00:00.000Z',
      approvedHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      publishedAt: null,
    });

    expect(await preview(D, true, approverToken)).toEqual({
      policyKey: 'myna.facilities',
      pending: true,
      effectiveFrom: D,
      effectiveThrough: THROUGH,
      version: { id: draft.id, number: 3, status: 'APPROVED' },
    });
    expect(await preview(D, false, approverToken)).toEqual({
      policyKey: 'myna.facilities',
      pending: false,
      effectiveFrom: '2025-03-24',
      effectiveThrough: '2027-03-31',
      version: { id: inForceBefore.id, number: 1, status: 'PUBLISHED' },
    });
    // The day before D, the preview shows the rule in force even with pending versions.
    expect(await preview(D_MINUS_1, true, approverToken)).toMatchObject({ pending: false, version: { id: inForceBefore.id } });

    // Approved is not published: the public answers have not moved.
    expect(await integration(D)).toEqual(before.integrationOnD);
  });

  it('the approver publishes it: from now on the public answer for D offers RENEWAL_CENTER, the answer for D-1 does not', async () => {
    clock.set(PUBLISHED_AT);
    const published: Detail = (await staff(`mutation($id: ID!) { publishPolicyVersion(id: $id) { ${DETAIL_FIELDS} } }`, { id: draft.id }, approverToken))
      .publishPolicyVersion;
    expect(published).toMatchObject({ status: 'PUBLISHED', publishedAt: '2026-11-27T04:30:00.000Z', retroactive: false, retroactiveReason: null });

    clock.set(AFTER_PUBLISH);
    const onD = await integration(D);
    expect(onD).toMatchObject({ available: true, facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER'] });
    expect(onD.basis.map((v: Version) => [v.policyKey, v.id])).toContainEqual(['myna.facilities', draft.id]);
    expect(onD.basis.find((v: Version) => v.policyKey === 'myna.facilities')).toMatchObject({
      effectiveFrom: D,
      effectiveThrough: THROUGH,
      recordedAt: '2026-11-27T04:30:00.000Z',
      supersededAt: null,
    });
    // The last day of the new version, too.
    expect((await integration(THROUGH)).facilityTypes).toEqual(['TEST_CENTER', 'RENEWAL_CENTER']);

    const onDMinus1 = await integration(D_MINUS_1);
    expect(onDMinus1.facilityTypes).not.toContain('RENEWAL_CENTER');
    // The basis of D-1 is still version 1; only its segment now ends on D-1 instead of on 2027-03-31.
    const basisBefore = (before.integrationOnDMinus1 as { basis: Version[] }).basis;
    expect(onDMinus1).toEqual({
      ...(before.integrationOnDMinus1 as object),
      basis: basisBefore.map((v) =>
        v.policyKey === 'myna.facilities' ? { ...v, effectiveThrough: D_MINUS_1, recordedAt: '2026-11-27T04:30:00.000Z' } : v,
      ),
    });

    // The demo data's own expansion from 2027-04-01 is untouched.
    expect(await inForce(DEMO_EXPANSION_FROM)).toEqual(before.inForceOnDemoExpansion);
  });

  it('the answer for D as known before the publish is the same, whole, as it was then', async () => {
    expect(await integration(D, BEFORE_PUBLISH)).toEqual(before.integrationOnD);
    expect(await integration(D_MINUS_1, BEFORE_PUBLISH)).toEqual(before.integrationOnDMinus1);
    expect(dataOf(await t.gql(`{ policyTimeline(key: "myna.facilities", knownAt: "${BEFORE_PUBLISH}") { ${VERSION_FIELDS} } }`)).policyTimeline).toEqual(
      before.timeline,
    );
  });

  it('the ledger superseded the old segment at the publish instant and appended the new ones, without overlap', async () => {
    const rows = await t.sql(
      `SELECT v.number, s.effective::text AS effective, lower(s.recorded) AS "from", upper(s.recorded) AS "to"
         FROM ledger_segment s JOIN policy_version v ON v.id = s.version_id JOIN policy p ON p.id = s.policy_id
        WHERE p.key = 'myna.facilities' ORDER BY lower(s.recorded), lower(s.effective)`,
    );
    const published = new Date(PUBLISHED_AT);
    const open = rows
      .filter((r) => r.to === null)
      .map((r) => [r.number, r.effective])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    expect(open).toEqual([
      [1, `[2025-03-24,${D})`],
      [3, `[${D},${DEMO_EXPANSION_FROM})`],
      [2, `[${DEMO_EXPANSION_FROM},)`],
    ]);
    // Exactly the segment of version 1 that ran to 2027-03-31 was closed, at the publish instant.
    const closedNow = rows.filter((r) => r.to?.getTime() === published.getTime()).map((r) => [r.number, r.effective]);
    expect(closedNow).toEqual([[1, `[2025-03-24,${DEMO_EXPANSION_FROM})`]]);
    const recordedNow = rows.filter((r) => r.from.getTime() === published.getTime()).map((r) => [r.number, r.effective]);
    expect(recordedNow).toEqual([
      [1, `[2025-03-24,${D})`],
      [3, `[${D},${DEMO_EXPANSION_FROM})`],
    ]);
    expect(await overlappingLedgerRows(t.sql)).toEqual([]);
  });

  it("the version's history lists create, submit, approve and publish, in order, with who did each", async () => {
    const { policyVersion } = await staff(`query($id: ID!) { policyVersion(id: $id) { status history { action actorName occurredAt } } }`, { id: draft.id }, approverToken);
    expect(policyVersion.status).toBe('PUBLISHED');
    expect(policyVersion.history).toEqual([
      { action: 'policy_version.create', actorName: 'editor', occurredAt: '2026-11-27T03:05:00.000Z' },
      { action: 'policy_version.submit', actorName: 'editor', occurredAt: '2026-11-27T03:10:00.000Z' },
      { action: 'policy_version.approve', actorName: 'approver', occurredAt: '2026-11-27T04:00:00.000Z' },
      { action: 'policy_version.publish', actorName: 'approver', occurredAt: '2026-11-27T04:30:00.000Z' },
    ]);
    // The trail it came from is whole.
    const auditorToken = (await login('auditor')).token;
    expect((await staff(`{ verifyAuditTrail { ok firstBrokenId } }`, {}, auditorToken)).verifyAuditTrail).toEqual({ ok: true, firstBrokenId: null });
  });

  it('the audit export names every step of the story with its actor', async () => {
    const auditorToken = (await login('auditor')).token;
    const response = await request(t.app.getHttpServer())
      .get(`/audit/export?format=jsonl&targetType=policy_version&targetId=${draft.id}`)
      .set('authorization', `Bearer ${auditorToken}`);
    expect(response.status).toBe(200);
    const events = response.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((e: { action: string; actorName: string }) => [e.action, e.actorName])).toEqual([
      ['policy_version.create', 'editor'],
      ['policy_version.submit', 'editor'],
      ['policy_version.approve', 'approver'],
      ['policy_version.publish', 'approver'],
    ]);
  });
});
