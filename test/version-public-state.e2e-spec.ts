import { startTestApp, type TestApp } from './support/test-app';
import { dataOf, settableClock } from './support/policy-api';
import { workflow } from './support/workflow-api';

/**
 * A version's public state is what the public record says of it now (issue 11, item 7): 公開中 / 予定 / 一部のみ有効 /
 * 後の版で置換 / 取下げ (and 適用終了), the days it is really in force, and the instant the record first said it — not
 * the editorial PUBLISHED, the version's own open-ended range, or the time the demo data happened to be loaded.
 * Today in Tokyo is 2026-12-02 throughout.
 */
const TODAY_NOON = '2026-12-02T03:00:00Z';

const STANDING = `query($key: ID!) {
  policyVersions(filter: { policyKey: $key }, first: 50, sortBy: CREATED_AT, sortDirection: ASC) {
    items { id number status policyTitle publicState inEffect { effectiveFrom effectiveThrough } coveredInPart recordedAt
            demo inventedContent recordDateAssumed publishedAt } } }`;

interface Standing {
  id: string;
  number: number;
  status: string;
  policyTitle: string;
  publicState: string | null;
  inEffect: { effectiveFrom: string; effectiveThrough: string | null }[];
  coveredInPart: boolean;
  recordedAt: string | null;
  demo: boolean;
  inventedContent: boolean;
  recordDateAssumed: boolean;
  publishedAt: string | null;
}

describe('the public state of a version, from the ledger as now recorded', () => {
  const clock = settableClock(TODAY_NOON);
  let t: TestApp;
  const versions = async (key: string): Promise<Standing[]> =>
    dataOf(await t.gql(STANDING, { key }, { as: 'auditor' })).policyVersions.items;
  const number = async (key: string, n: number) => (await versions(key)).find((v) => v.number === n)!;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock });
  });
  afterAll(() => t.close());

  it('shows the seed facility matrix in force today, ending 2027-03-31 where the scheduled rollout takes over', async () => {
    expect(await number('myna.facilities', 1)).toMatchObject({
      status: 'PUBLISHED',
      policyTitle: 'マイナ一体化の手続可能施設',
      publicState: 'IN_FORCE',
      inEffect: [{ effectiveFrom: '2025-03-24', effectiveThrough: '2027-03-31' }],
      coveredInPart: true,
      // 2025-03-24 09:00 in Tokyo, as the seed page says: not the instant the demo data was loaded.
      recordedAt: '2025-03-24T00:00:00.000Z',
      demo: false,
      inventedContent: false,
      recordDateAssumed: false,
    });
  });

  it('shows the invented 2027-04-01 rollout as scheduled and invented', async () => {
    expect(await number('myna.facilities', 2)).toMatchObject({
      publicState: 'SCHEDULED',
      inEffect: [{ effectiveFrom: '2027-04-01', effectiveThrough: null }],
      coveredInPart: false,
      recordedAt: '2026-10-01T00:00:00.000Z',
      demo: true,
      inventedContent: true,
    });
  });

  it('tells the real 2025-09-01 fix (only its record date assumed) from invented content, and the seed rule it cut short', async () => {
    expect(await number('myna.card-renewal', 2)).toMatchObject({
      publicState: 'IN_FORCE',
      demo: true,
      inventedContent: false,
      recordDateAssumed: true,
      recordedAt: '2025-08-01T00:00:00.000Z',
    });
    // Its days ended when the fix took over: over, not "partly valid" (coveredInPart says a later version cut it).
    expect(await number('myna.card-renewal', 1)).toMatchObject({
      publicState: 'ENDED',
      inEffect: [{ effectiveFrom: '2025-03-24', effectiveThrough: '2025-08-31' }],
      coveredInPart: true,
    });
  });

  it('says the one-day closure of 2025-03-23 has ended, whole', async () => {
    expect(await number('offices.closure', 1)).toMatchObject({
      publicState: 'ENDED',
      inEffect: [{ effectiveFrom: '2025-03-23', effectiveThrough: '2025-03-23' }],
      coveredInPart: false,
    });
  });

  it('follows a publish that covers the rollout whole, and its withdrawal, with the real record instants', async () => {
    const w = workflow(t);
    const created = dataOf(
      await w.create(
        {
          policyKey: 'myna.facilities',
          effectiveFrom: '2027-04-01',
          content: (await t.sql(`SELECT content FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE p.key = 'myna.facilities' AND v.number = 2`))[0]
            .content,
          summary: '2027-04-01 からの拡大を改めて掲載(テスト)',
        },
        'editor',
      ),
    ).createPolicyVersion;
    const draft = await number('myna.facilities', created.number);
    expect(draft).toMatchObject({ status: 'DRAFT', publicState: null, inEffect: [], recordedAt: null, inventedContent: false });

    dataOf(await w.submit(created.id, 'editor'));
    clock.set('2026-12-02T04:00:00Z');
    dataOf(await w.approve(created.id, 'approver'));
    clock.set('2026-12-02T04:30:00Z');
    dataOf(await w.publish(created.id, 'approver'));

    expect(await number('myna.facilities', created.number)).toMatchObject({
      publicState: 'SCHEDULED',
      recordedAt: '2026-12-02T04:30:00.000Z',
      publishedAt: '2026-12-02T04:30:00.000Z',
    });
    // Still PUBLISHED in the workflow, but nothing of it is in force on any day any more.
    expect(await number('myna.facilities', 2)).toMatchObject({ status: 'PUBLISHED', publicState: 'SUPERSEDED', inEffect: [], coveredInPart: false });
    expect((await number('myna.facilities', 1)).publicState).toBe('IN_FORCE');

    clock.set('2026-12-02T05:00:00Z');
    dataOf(await w.withdraw(created.id, '重複のため取り下げ', 'approver'));
    expect(await number('myna.facilities', created.number)).toMatchObject({ status: 'WITHDRAWN', publicState: 'WITHDRAWN', inEffect: [] });
    // The rollout comes back into force on its days; its record instant stays the one it was first recorded at.
    expect(await number('myna.facilities', 2)).toMatchObject({
      publicState: 'SCHEDULED',
      inEffect: [{ effectiveFrom: '2027-04-01', effectiveThrough: null }],
      recordedAt: '2026-10-01T00:00:00.000Z',
    });
  });

  it('answers the same fields for one version, and reads a list of them in one go', async () => {
    const [first] = await versions('fees.renewal');
    const one = dataOf(
      await t.gql(`query($id: ID!) { policyVersion(id: $id) { number policyTitle publicState inEffect { effectiveFrom effectiveThrough } } }`, { id: first.id }, { as: 'editor' }),
    ).policyVersion;
    expect(one).toEqual({
      number: 1,
      policyTitle: '更新手数料',
      publicState: 'ENDED',
      inEffect: [{ effectiveFrom: '2022-05-13', effectiveThrough: '2025-03-23' }],
    });
    const all = dataOf(
      await t.gql(`{ policyVersions(first: 200) { totalCount items { policyKey policyTitle publicState } } }`, {}, { as: 'auditor' }),
    ).policyVersions;
    expect(all.items).toHaveLength(all.totalCount);
    expect(all.items.every((v: { policyTitle: string }) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(v.policyTitle))).toBe(true);
  });
});
