import { fixedClock } from '@policy-cms/temporal';
import { DemoDataLoader } from '@policy-cms/policy';
import { startTestApp, type TestApp } from './support/test-app';
import { VERSION_FIELDS, type Version, dataOf, rowCounts, policyInForce } from './support/policy-api';

/**
 * The demo data, checked through the public API against DOMAIN.md. The expected facts below are written from
 * DOMAIN.md (the seed page and the confirmed sources), not from the data file.
 */
const NOW = '2026-11-01T00:00:00Z';
const INTEGRATION_START = '2025-03-24';

type Facility = 'TEST_CENTER' | 'RENEWAL_CENTER' | 'DESIGNATED_STATION' | 'OTHER_STATION';

// DOMAIN.md, "Facility matrix", in force from 2025-03-24 (facility types in the enum's order).
const FACILITY_MATRIX: Record<string, Facility[]> = {
  RENEWAL: ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION'],
  HOLDING_STATUS_CHANGE: ['TEST_CENTER'],
  NEW_LICENSE: ['TEST_CENTER'],
  ADDITION: ['TEST_CENTER'],
  DRIVING_HISTORY_CERTIFICATE: ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION', 'OTHER_STATION'],
  PARTICULARS_CHANGE: ['TEST_CENTER'],
  REISSUE: ['TEST_CENTER'],
  REACQUISITION: ['TEST_CENTER'],
  CARD_RE_RECORDING: ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION'],
};
const PROCEDURES = Object.keys(FACILITY_MATRIX);

const REQUIRED_KEYS = [
  'myna.facilities',
  'myna.reservation',
  'myna.card-renewal',
  'myna.online-lecture',
  'myna.one-stop',
  'myna.overseas',
  'fees.renewal',
  'fees.new-license',
  'fees.lecture',
  'fees.recording',
];

/** Every yen amount of a fee table, by holding status ('*' for an amount that is the same for all). */
function amounts(content: Record<string, any>): { label: string; status: string; yen: number }[] {
  return content.items.flatMap((item: { label: string; amount: Record<string, any> }) =>
    item.amount.basis === 'UNIFORM'
      ? [{ label: item.label, status: '*', yen: item.amount.yen }]
      : Object.entries(item.amount.byHoldingStatus).map(([status, yen]) => ({ label: item.label, status, yen: yen as number })),
  );
}

describe('the demo data, as DOMAIN.md describes it', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock: fixedClock(NOW) });
  });
  afterAll(() => t.close());

  const integration = async (procedure: string, age: number | null, on: string) =>
    dataOf(
      await t.gql(`query($procedure: Procedure!, $age: Int, $on: Date) {
        integration(procedure: $procedure, age: $age, on: $on) {
          available facilityTypes reservationRequired reservationChannels basis { policyKey demo } } }`, { procedure, age, on }),
    ).integration;
  const inForce = (key: string, on?: string, knownAt?: string) => policyInForce(t, key, on, knownAt);
  const renewalFee = async (holding: string, on: string): Promise<number | null> =>
    dataOf(await t.gql(`query($holding: HoldingStatus!, $on: Date) { renewalFee(holding: $holding, on: $on) { yen } }`, { holding, on }))
      .renewalFee.yen;
  const carryOver = async (on: string, knownAt?: string) =>
    dataOf(
      await t.gql(`query($on: Date, $knownAt: DateTime) { cardRenewalCarryOver(on: $on, knownAt: $knownAt) { carriedOver conditions reRecordingFeeYen } }`, {
        on,
        knownAt,
      }),
    ).cardRenewalCarryOver;

  it('has all ten policies the product needs', async () => {
    const keys = dataOf(await t.gql(`{ policies { key } }`)).policies.map((p: { key: string }) => p.key);
    expect(keys).toEqual(expect.arrayContaining(REQUIRED_KEYS));
    for (const key of REQUIRED_KEYS) expect(await inForce(key, INTEGRATION_START)).not.toBeNull();
  });

  describe('facility matrix on 2025-03-24', () => {
    it.each(PROCEDURES)('offers integration with %s where the seed page says', async (procedure) => {
      const answer = await integration(procedure, 40, INTEGRATION_START);
      expect(answer.available).toBe(true);
      expect(answer.facilityTypes).toEqual(FACILITY_MATRIX[procedure]);
    });

    it('offers none of it on 2025-03-23, the day of the nationwide closure', async () => {
      for (const procedure of PROCEDURES) {
        expect(await integration(procedure, 40, '2025-03-23')).toMatchObject({ available: false, facilityTypes: [] });
      }
    });
  });

  describe('reservation from 2025-03-24', () => {
    it('needs a web or voice-dial reservation for a renewal under 70', async () => {
      for (const age of [18, 40, 69]) {
        expect(await integration('RENEWAL', age, INTEGRATION_START)).toMatchObject({
          reservationRequired: true,
          reservationChannels: ['WEB', 'VOICE'],
        });
      }
    });

    it('needs no reservation from age 70, for every procedure', async () => {
      for (const procedure of PROCEDURES) {
        for (const age of [70, 85]) {
          expect(await integration(procedure, age, INTEGRATION_START)).toMatchObject({
            available: true,
            reservationRequired: false,
            reservationChannels: [],
          });
        }
      }
    });

    it.each(['HOLDING_STATUS_CHANGE', 'PARTICULARS_CHANGE', 'REISSUE', 'REACQUISITION', 'ADDITION'])(
      'needs a reservation through 行政手続オンライン for %s',
      async (procedure) => {
        expect(await integration(procedure, 40, INTEGRATION_START)).toMatchObject({
          reservationRequired: true,
          reservationChannels: ['GYOSEI_ONLINE'],
        });
      },
    );

    it('needs a web or voice-dial reservation for a new licence by 学科試験', async () => {
      expect(await integration('NEW_LICENSE', 18, INTEGRATION_START)).toMatchObject({
        reservationRequired: true,
        reservationChannels: ['WEB', 'VOICE'],
      });
    });

    it('needs no reservation for a driving-history certificate, at any age', async () => {
      for (const age of [40, 75]) {
        expect(await integration('DRIVING_HISTORY_CERTIFICATE', age, INTEGRATION_START)).toMatchObject({
          reservationRequired: false,
          reservationChannels: [],
        });
      }
    });

    it('tells someone re-recording on a new card to reserve through 行政手続オンライン, which the designated stations need', async () => {
      expect(await integration('CARD_RE_RECORDING', 40, INTEGRATION_START)).toMatchObject({
        reservationRequired: true,
        reservationChannels: ['GYOSEI_ONLINE'],
      });
    });

    it('had renewals by reservation already from 2024-02-01, and no reservation rule before', async () => {
      expect(await inForce('myna.reservation', '2024-01-31')).toBeNull();
      expect(await inForce('myna.reservation', '2024-02-01')).toMatchObject({ effectiveFrom: '2024-02-01', effectiveThrough: '2025-03-23' });
    });
  });

  describe('fees', () => {
    it('charges the renewal by holding status from 2025-03-24, and 2,500 yen before', async () => {
      expect(await renewalFee('LICENSE_ONLY', '2025-03-23')).toBe(2500);
      expect(await renewalFee('LICENSE_ONLY', INTEGRATION_START)).toBe(2850);
      expect(await renewalFee('MYNA_ONLY', INTEGRATION_START)).toBe(2100);
      expect(await renewalFee('BOTH', INTEGRATION_START)).toBe(2950);
    });

    it('charges a new licence 2,350 / 1,550 / 2,450 yen by holding status from 2025-03-24, and 2,050 yen before', async () => {
      const after = amounts((await inForce('fees.new-license', INTEGRATION_START))!.content);
      expect(after.map(({ status, yen }) => [status, yen]).sort()).toEqual([
        ['BOTH', 2450],
        ['LICENSE_ONLY', 2350],
        ['MYNA_ONLY', 1550],
      ]);
      const before = amounts((await inForce('fees.new-license', '2025-03-23'))!.content);
      expect(before.map(({ yen }) => yen)).toEqual([2050]);
    });

    it('charges lectures 500 / 800 / 1,400 yen in person and 200 yen online from 2025-03-24 (500 / 800 / 1,350 before)', async () => {
      const after = amounts((await inForce('fees.lecture', INTEGRATION_START))!.content).map(({ yen }) => yen);
      expect(after.sort((a, b) => a - b)).toEqual([200, 500, 800, 1400]);
      const before = amounts((await inForce('fees.lecture', '2025-03-23'))!.content).map(({ yen }) => yen);
      expect(before.sort((a, b) => a - b)).toEqual([500, 800, 1350]);
    });

    it('charges 1,500 yen to record licence data on the card and to re-record it after a card renewal', async () => {
      const recording = amounts((await inForce('fees.recording', INTEGRATION_START))!.content);
      expect(recording.length).toBeGreaterThanOrEqual(2);
      for (const { yen } of recording) expect(yen).toBe(1500);
      expect(await inForce('fees.recording', '2025-03-23')).toBeNull();
      expect((await carryOver('2025-06-01')).reRecordingFeeYen).toBe(1500);
      expect((await carryOver('2025-10-01')).reRecordingFeeYen).toBe(1500);
    });

    it('charges 2,600 yen for a licence-only reissue from 2025-03-24 (2,250 before) and 200 yen for an addition', async () => {
      expect(amounts((await inForce('fees.reissue', INTEGRATION_START))!.content)).toEqual([
        expect.objectContaining({ status: 'LICENSE_ONLY', yen: 2600 }),
      ]);
      expect(amounts((await inForce('fees.reissue', '2025-03-23'))!.content)).toEqual([
        expect.objectContaining({ status: 'LICENSE_ONLY', yen: 2250 }),
      ]);
      for (const on of ['2025-03-23', INTEGRATION_START]) {
        expect(amounts((await inForce('fees.addition', on))!.content).map(({ yen }) => yen)).toEqual([200]);
      }
    });
  });

  describe('card renewal carry-over', () => {
    it('does not carry licence data over from 2025-03-24 through 2025-08-31', async () => {
      for (const on of [INTEGRATION_START, '2025-06-15', '2025-08-31']) {
        expect(await carryOver(on)).toEqual({ carriedOver: false, conditions: [], reRecordingFeeYen: 1500 });
      }
    });

    it('carries it over from 2025-09-01 on conditions: online application, signature certificate, licence record number', async () => {
      const { carriedOver, conditions } = await carryOver('2025-09-01');
      expect(carriedOver).toBe(true);
      const text = conditions.join('\n');
      expect(text).toContain('オンライン');
      expect(text).toContain('署名用電子証明書');
      expect(text).toContain('免許情報記録番号');
    });

    it('said "not carried over" for any later date as the record stood on 2025-03-24, the fix being only planned', async () => {
      expect((await carryOver('2026-01-01', '2025-03-24T12:00:00+09:00')).carriedOver).toBe(false);
    });

    it('marks the autumn fix [demo], since its record date of 2025-08-01 is invented', async () => {
      const fix = (await inForce('myna.card-renewal', '2025-09-01'))!;
      expect(fix).toMatchObject({ demo: true, recordedAt: '2025-08-01T00:00:00.000Z' });
      expect(fix.summary).toContain('デモ');
    });
  });

  describe('online lecture, one-stop service and driving abroad from 2025-03-24', () => {
    it('offers the online lecture to 優良 and 一般 drivers holding a マイナ免許証, 30 / 60 minutes, for 200 yen', async () => {
      const { content } = (await inForce('myna.online-lecture', INTEGRATION_START))!;
      expect([...content.eligibleHoldingStatuses].sort()).toEqual(['BOTH', 'MYNA_ONLY']);
      expect(content.feeYen).toBe(200);
      expect(content.durations.map((d: { minutes: number }) => d.minutes).sort((a: number, b: number) => a - b)).toEqual([30, 60]);
    });

    it('offers the one-stop address change to MYNA_ONLY holders only', async () => {
      const { content } = (await inForce('myna.one-stop', INTEGRATION_START))!;
      expect(content.eligibleHoldingStatuses).toEqual(['MYNA_ONLY']);
    });

    it('tells drivers going abroad to carry the plastic licence and to change status at a test centre', async () => {
      const { content } = (await inForce('myna.overseas', INTEGRATION_START))!;
      expect(content.body).toContain('運転免許試験場');
      expect(content.body).toContain('国外運転免許証');
      expect(content.body).toMatch(/プラスチック.*携帯|携帯.*プラスチック/);
    });

    it('has a one-day notice for the nationwide closure on 2025-03-23 and nothing of it the days around', async () => {
      const oneDay = (versions: Version[]) => versions.filter((v) => v.effectiveFrom === '2025-03-23' && v.effectiveThrough === '2025-03-23');
      const rulesOn = async (on: string): Promise<Version[]> =>
        dataOf(await t.gql(`query($on: Date) { rulesInForce(on: $on) { ${VERSION_FIELDS} } }`, { on })).rulesInForce;
      expect(oneDay(await rulesOn('2025-03-23'))).toHaveLength(1);
      const closureKey = oneDay(await rulesOn('2025-03-23'))[0].policyKey;
      for (const on of ['2025-03-22', INTEGRATION_START]) {
        expect((await rulesOn(on)).map((v) => v.policyKey)).not.toContain(closureKey);
      }
    });
  });

  describe('the [demo] facility expansion', () => {
    it('does 記載事項変更 at the renewal centres too from 2027-04-01, not on 2027-03-31', async () => {
      expect((await integration('PARTICULARS_CHANGE', 40, '2027-03-31')).facilityTypes).toEqual(['TEST_CENTER']);
      const expanded = await integration('PARTICULARS_CHANGE', 40, '2027-04-01');
      expect(expanded.facilityTypes).toEqual(['TEST_CENTER', 'RENEWAL_CENTER']);
      expect(expanded.basis).toContainEqual({ policyKey: 'myna.facilities', demo: true });
    });

    it('changes nothing else in the matrix', async () => {
      for (const procedure of PROCEDURES.filter((p) => p !== 'PARTICULARS_CHANGE')) {
        expect((await integration(procedure, 40, '2027-04-01')).facilityTypes).toEqual(FACILITY_MATRIX[procedure]);
      }
    });

    it('is labelled as invented wherever it shows', async () => {
      const version = (await inForce('myna.facilities', '2027-04-01'))!;
      expect(version.demo).toBe(true);
      expect(version.summary).toContain('デモ用の架空データ');
    });
  });

  describe('loading', () => {
    it('changes nothing when the demo data is loaded a second time', async () => {
      const ledger = () => t.sql(`SELECT id, policy_id, version_id, effective::text, recorded::text FROM ledger_segment ORDER BY id`);
      const versions = () => t.sql(`SELECT * FROM policy_version ORDER BY id`);
      const counts = await rowCounts(t.sql);
      const [ledgerBefore, versionsBefore] = [await ledger(), await versions()];
      expect(counts).toEqual({ policy: 17, policy_version: 25, ledger_segment: expect.any(Number) });

      const result = await t.app.get(DemoDataLoader).load();

      expect(result).toEqual({ policiesCreated: 0, versionsPublished: 0 });
      expect(await rowCounts(t.sql)).toEqual(counts);
      expect(await ledger()).toEqual(ledgerBefore);
      expect(await versions()).toEqual(versionsBefore);
    });
  });
});
