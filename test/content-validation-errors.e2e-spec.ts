import { describeIssue } from '@policy-cms/kinds';
import { startTestApp, type TestApp } from './support/test-app';
import { dataOf, errorOf, policyInForce } from './support/policy-api';
import { auditEventsAfter, lastAuditId, tableFingerprint, tickingClock, workflow } from './support/workflow-api';

// Content that does not fit its kind is refused with a reason code and parameters per issue, so the admin (or any
// client) can word the problem in its own language on the field; `code`, `field` and the English message stay.

const TODAY = '2026-11-27';

describe('content validation errors carry a reason and parameters', () => {
  let t: TestApp;
  let wf: ReturnType<typeof workflow>;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock: tickingClock(`${TODAY}T03:00:00Z`) });
    wf = workflow(t);
    dataOf(await t.gql('{ me { username } }', {}, { as: 'editor' }));
  });
  afterAll(() => t.close());

  async function refused(policyKey: string, spoil: (content: any) => void) {
    const content = structuredClone((await policyInForce(t, policyKey, TODAY))!.content) as any;
    spoil(content);
    const rowsBefore = await tableFingerprint(t.sql);
    const lastEvent = await lastAuditId(t.sql);
    const error = errorOf(await wf.create({ policyKey, effectiveFrom: '2027-06-01', content, summary: '検証(出典: テスト)' }, 'editor'));
    expect(await tableFingerprint(t.sql)).toEqual(rowsBefore);
    expect(await auditEventsAfter(t.sql, lastEvent)).toEqual([]);
    return error as { message: string; extensions: Record<string, any> };
  }

  it('refuses a negative fee as AMOUNT_NEGATIVE on its field, beside the code, the field and an English message', async () => {
    const error = await refused('fees.renewal', (fees) => {
      fees.items[0].amount = { basis: 'UNIFORM', yen: -100 };
    });
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.content.items[0].amount.yen',
      reason: 'AMOUNT_NEGATIVE',
      params: {},
      issues: [
        { field: 'input.content.items[0].amount.yen', reason: 'AMOUNT_NEGATIVE', params: {}, message: 'Amount (yen) must not be negative' },
      ],
    });
    expect(error.message).toContain('Amount (yen) must not be negative');
    // What the admin shows under the input: Japanese, naming the field, no path.
    expect(describeIssue({ path: error.extensions.field, reason: error.extensions.reason, params: error.extensions.params })).toBe(
      '金額(円)にマイナスの値は入力できません(0以上の整数)',
    );
  });

  it('gives every issue its own reason and parameters, an enum value as its code for the client to word', async () => {
    const error = await refused('myna.facilities', (matrix) => {
      matrix.rows.push(structuredClone(matrix.rows[0]));
      matrix.rows[1].colour = 'red';
    });
    const issues = error.extensions.issues as { field: string; reason: string; params: Record<string, unknown>; message: string }[];
    expect(issues.map(({ field, reason, params }) => ({ field, reason, params }))).toEqual(
      expect.arrayContaining([
        { field: 'input.content.rows[1].colour', reason: 'UNKNOWN_KEY', params: { key: 'colour' } },
        { field: 'input.content.rows[9].procedure', reason: 'DUPLICATE', params: { what: 'procedure', value: 'RENEWAL' } },
      ]),
    );
    expect(issues).toHaveLength(2);
    expect(error.extensions).toMatchObject({ field: issues[0].field, reason: issues[0].reason, params: issues[0].params });
    const duplicate = issues.find((issue) => issue.reason === 'DUPLICATE')!;
    expect(duplicate.message).toBe('Duplicate procedure "RENEWAL"');
    expect(describeIssue({ path: duplicate.field, reason: duplicate.reason, params: duplicate.params as Record<string, string> })).toBe(
      '同時に行う手続「免許更新(通常・期間前)」が重複しています',
    );
  });

  it('keeps errors that are not about content as they were: a code and a field, no reason', async () => {
    const content = (await policyInForce(t, 'contact', TODAY))!.content;
    const error = errorOf(await wf.create({ policyKey: 'contact', effectiveFrom: '2027-06-01', content, summary: '  ' }, 'editor'));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.summary' });
    expect(error.extensions).not.toHaveProperty('reason');
  });
});
