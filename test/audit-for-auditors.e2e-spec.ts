import request from 'supertest';
import { eventHash } from '@policy-cms/audit';
import { startTestApp, type TestApp } from './support/test-app';
import { dataOf, errorOf, settableClock } from './support/policy-api';
import { workflow } from './support/workflow-api';

/**
 * The audit trail as an auditor reads it (issue 11, items 4 and 11): events name the policy, the version (第N版) and
 * the person beside the ids; the trail filters by person and by policy; the CSV opens in Japanese Excel (UTF-8 BOM)
 * with Tokyo times said so in its header, and every hash can still be recomputed from the file alone.
 */
const TRAIL = `query($filter: AuditTrailFilter) { auditTrail(filter: $filter, first: 200) { totalCount items {
  id action actorId actorKind actorName actorDisplayName targetType targetId targetPolicyKey targetPolicyTitle targetVersionNumber targetUserName } } }`;

interface Row {
  id: string;
  action: string;
  actorId: string | null;
  actorKind: 'PERSON' | 'SYSTEM' | 'ANONYMOUS';
  actorName: string | null;
  actorDisplayName: string | null;
  targetType: string | null;
  targetId: string | null;
  targetPolicyKey: string | null;
  targetPolicyTitle: string | null;
  targetVersionNumber: number | null;
  targetUserName: string | null;
}

/** RFC 4180 records of a CSV text. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

describe('the audit trail for auditors: names, filters by person and policy, a CSV for Excel', () => {
  const clock = settableClock('2026-12-02T03:00:00Z');
  let t: TestApp;
  let versionId: string;
  let versionNumber: number;
  let editorId: string;
  const trail = async (filter: Record<string, unknown> = {}): Promise<Row[]> =>
    dataOf(await t.gql(TRAIL, { filter }, { as: 'auditor' })).auditTrail.items;
  const exportCsv = async (query: string) =>
    request(t.app.getHttpServer())
      .get(`/audit/export?${query}`)
      .set('authorization', `Bearer ${await token('auditor')}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const token = async (username: 'auditor') =>
    dataOf(await t.gql(`mutation { login(username: "${username}", password: "policy-cms-demo") { token } }`)).login.token as string;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock });
    editorId = await t.userId('editor');
    const w = workflow(t);
    const created = dataOf(
      await w.create({ policyKey: 'contact', effectiveFrom: '2027-01-04', content: { title: 'お問い合わせ先', body: 'お問い合わせは 03-6717-3137 (代表) まで。' }, summary: '問い合わせ先の文言を整理' }, 'editor'),
    ).createPolicyVersion;
    versionId = created.id;
    versionNumber = created.number;
    clock.set('2026-12-02T03:05:00Z');
    dataOf(await w.submit(versionId, 'editor'));
    clock.set('2026-12-02T03:10:00Z');
    dataOf(await w.reject(versionId, '出典を書いてください', 'approver'));
  });
  afterAll(() => t.close());

  it('names the policy, the version and the people of each event', async () => {
    const events = await trail({ targetId: versionId });
    expect(events.map((e) => e.action)).toEqual(['policy_version.reject', 'policy_version.submit', 'policy_version.create']);
    expect(events[0]).toMatchObject({
      actorName: 'approver',
      actorDisplayName: '承認者 花子',
      targetPolicyKey: 'contact',
      targetPolicyTitle: 'お問い合わせ先',
      targetVersionNumber: versionNumber,
    });
    expect(events[2]).toMatchObject({ actorDisplayName: '編集者 一郎', targetPolicyTitle: 'お問い合わせ先' });
    const [login] = await trail({ action: 'auth.login', actorId: editorId });
    expect(login).toMatchObject({ actorDisplayName: '編集者 一郎', targetType: 'user', targetUserName: '編集者 一郎', targetPolicyTitle: null });
  });

  it('names the versions the demo data published, by the system', async () => {
    const published = (await trail({ policyKey: 'fees.renewal' })).filter((e) => e.action === 'policy_version.publish');
    expect(published.map((e) => [e.actorName, e.actorDisplayName, e.targetPolicyTitle, e.targetVersionNumber])).toEqual([
      ['system', null, '更新手数料', 2],
      ['system', null, '更新手数料', 1],
    ]);
  });

  it('filters by policy: that policy’s version events and its own, nothing of another policy', async () => {
    const contact = await trail({ policyKey: 'contact' });
    expect(contact.map((e) => e.action)).toEqual(
      expect.arrayContaining(['policy_version.reject', 'policy_version.submit', 'policy_version.create', 'policy_version.publish']),
    );
    expect(contact.every((e) => e.targetPolicyKey === 'contact')).toBe(true);
    expect(await trail({ policyKey: 'no.such-policy' })).toEqual([]);
  });

  it('filters by person, and lists the people who acted with their names for the filter', async () => {
    const byEditor = await trail({ actorId: editorId });
    expect(byEditor.length).toBeGreaterThan(0);
    expect(byEditor.every((e) => e.actorId === editorId && e.actorDisplayName === '編集者 一郎')).toBe(true);
    const { auditActors } = dataOf(await t.gql(`{ auditActors { actorId actorName displayName eventCount } }`, {}, { as: 'auditor' }));
    expect(auditActors).toContainEqual({ actorId: editorId, actorName: 'editor', displayName: '編集者 一郎', eventCount: byEditor.length });
    expect(auditActors.map((a: { actorName: string }) => a.actorName)).toEqual(expect.arrayContaining(['approver', 'auditor']));
  });

  it('tells a person, the system and a caller who was not signed in apart, and filters by each: typing "system" at the login does not make one the system', async () => {
    const failed = await t.gql(`mutation { login(username: "system", password: "not-the-password") { token } }`);
    expect(errorOf(failed).extensions.code).toBe('UNAUTHENTICATED');
    const [attempt] = await trail({ action: 'auth.login_failed' });
    expect(attempt).toMatchObject({ actorId: null, actorName: 'system', actorKind: 'ANONYMOUS' });

    const bySystem = await trail({ actorKind: 'SYSTEM' });
    expect(bySystem.map((e) => e.action)).toEqual(expect.arrayContaining(['user.create', 'policy_version.publish']));
    expect(bySystem.every((e) => e.actorId === null && e.actorKind === 'SYSTEM' && e.action !== 'auth.login_failed')).toBe(true);
    const anonymous = await trail({ actorKind: 'ANONYMOUS' });
    expect(anonymous.map((e) => e.id)).toEqual([attempt.id]);
    const people = await trail({ actorKind: 'PERSON' });
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((e) => e.actorId !== null && e.actorKind === 'PERSON')).toBe(true);
    // Every event is of exactly one kind.
    const { totalCount } = dataOf(await t.gql(TRAIL, { filter: {} }, { as: 'auditor' })).auditTrail;
    expect(bySystem.length + anonymous.length + people.length).toBe(totalCount);
    // Given together, both must match: the editor is not the system.
    expect(await trail({ actorKind: 'SYSTEM', actorId: editorId })).toEqual([]);

    const csv = await exportCsv('format=csv&actorKind=ANONYMOUS');
    const [header, ...records] = parseCsv((csv.body as Buffer).toString('utf8').slice(1));
    expect(records.map((r) => [r[header.indexOf('actor_name')], r[header.indexOf('action')], r[header.indexOf('actor_kind')]])).toEqual([
      ['system', 'auth.login_failed', 'ANONYMOUS'],
    ]);
    const refused = await exportCsv('format=csv&actorKind=ROBOT');
    expect(refused.status).toBe(400);
    expect(JSON.parse((refused.body as Buffer).toString('utf8')).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actorKind' });
    const badEnum = await t.gql(TRAIL, { filter: { actorKind: 'ROBOT' } }, { as: 'auditor' });
    expect(badEnum.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses what could only be a mistake on its field, so that the export never hands out the whole trail for an empty or misspelt filter', async () => {
    for (const query of ['action=', 'actorId=', 'actorKind=', 'policyKey=', 'targetId=', 'from=', 'action=policy_version.publsh', 'from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z']) {
      const refused = await exportCsv(`format=jsonl&${query}`);
      const field = query.includes('&to=') ? 'to' : query.slice(0, query.indexOf('='));
      expect([query, refused.status, JSON.parse((refused.body as Buffer).toString('utf8')).errors[0].extensions]).toEqual([
        query,
        400,
        expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
      ]);
    }
    for (const [filter, field] of [
      [{ action: '' }, 'filter.action'],
      [{ action: 'policy_version.publsh' }, 'filter.action'],
      [{ from: '2027-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'filter.to'],
    ] as const) {
      const answer = await t.gql(TRAIL, { filter }, { as: 'auditor' });
      expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // A person's id in capitals is the same person.
    expect((await trail({ actorId: editorId.toUpperCase() })).map((e) => e.id)).toEqual((await trail({ actorId: editorId })).map((e) => e.id));
  });

  it('refuses a checkpoint that is not shaped like one on its field, instead of reporting the trail as cut back', async () => {
    const VERIFY = `query($since: AuditCheckpointInput) { verifyAuditTrail(since: $since) { ok problems { code } } }`;
    const { auditCheckpoint } = dataOf(await t.gql(`{ auditCheckpoint { lastId headHash at keyId signature } }`, {}, { as: 'auditor' }));
    expect(dataOf(await t.gql(VERIFY, { since: auditCheckpoint }, { as: 'auditor' })).verifyAuditTrail.ok).toBe(true);
    for (const [change, field] of [
      [{ lastId: 'abc' }, 'since.lastId'],
      [{ lastId: '0045' }, 'since.lastId'],
      [{ headHash: 'x' }, 'since.headHash'],
      [{ headHash: null }, 'since.headHash'],
      [{ keyId: 'k' }, 'since.keyId'],
      [{ signature: '!!!' }, 'since.signature'],
    ] as const) {
      const answer = await t.gql(VERIFY, { since: { ...auditCheckpoint, ...change } }, { as: 'auditor' });
      expect([change, answer.errors?.[0].extensions]).toEqual([change, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
  });

  it('keeps the people list for auditors and admins only', async () => {
    expect(errorOf(await t.gql(`{ auditActors { actorId } }`, {}, { as: 'editor' })).extensions.code).toBe('FORBIDDEN');
  });

  it('exports CSV with a UTF-8 BOM, Tokyo times named so in the header, names, and hashes recomputable from the file', async () => {
    const response = await exportCsv(`format=csv&policyKey=contact`);
    expect(response.status).toBe(200);
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = parseCsv(bytes.toString('utf8').slice(1));
    expect(header.slice(0, 2)).toEqual(['id', 'occurred_at_asia_tokyo']);
    expect(header.slice(13)).toEqual(['actor_display_name', 'target_policy_title', 'target_version_number', 'target_user_name', 'action_name_ja', 'actor_kind']);
    const rejected = records.find((r) => r[4] === 'policy_version.reject')!;
    expect(rejected[1]).toBe('2026-12-02T12:10:00.000+09:00');
    expect(rejected.slice(13)).toEqual(['承認者 花子', 'お問い合わせ先', String(versionNumber), '', '差戻し', 'PERSON']);
    expect(records.find((r) => r[4] === 'policy_version.create')![17]).toBe('版の作成');
    expect(records.every((r) => r[14] === 'お問い合わせ先')).toBe(true);
    for (const r of records) {
      const orNull = (value: string) => (value === '' ? null : value);
      const fields = {
        occurredAt: new Date(r[1]),
        actorId: orNull(r[2]),
        actorName: orNull(r[3]),
        action: r[4],
        targetType: orNull(r[5]),
        targetId: orNull(r[6]),
        before: r[7] ? JSON.parse(r[7]) : null,
        after: r[8] ? JSON.parse(r[8]) : null,
        reason: orNull(r[9]),
        clientAddress: orNull(r[10]),
      };
      expect(eventHash(orNull(r[11]), fields)).toBe(r[12]);
    }
  });

  it('exports by person too', async () => {
    const response = await exportCsv(`format=csv&actorId=${editorId}`);
    const [, ...records] = parseCsv((response.body as Buffer).toString('utf8').slice(1));
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r[2] === editorId && r[13] === '編集者 一郎')).toBe(true);
  });
});
