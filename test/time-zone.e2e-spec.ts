import { startTestApp, type TestApp } from './support/test-app';
import { dataOf, settableClock } from './support/policy-api';

/**
 * "Today" is today in Tokyo, whatever the zone of the process: the API under test runs with TZ=UTC, as servers do,
 * and the clock is moved across the Tokyo midnights that matter. Without `on`, an answer is for Tokyo's date; without
 * `knownAt`, it is as the record stood at the clock's now.
 */
describe('dates are Japan’s while the server runs in UTC', () => {
  const clock = settableClock('2025-08-31T15:30:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock });
  });
  afterAll(() => t.close());

  const carryOver = async (on?: string) =>
    dataOf(await t.gql(`query($on: Date) { cardRenewalCarryOver(on: $on) { carriedOver basis { number effectiveFrom } } }`, { on }))
      .cardRenewalCarryOver;
  const cardRule = async (on?: string) =>
    dataOf(await t.gql(`query($on: Date) { policyInForce(key: "myna.card-renewal", on: $on) { number effectiveFrom effectiveThrough } }`, { on }))
      .policyInForce;
  const renewalFee = async (on?: string) =>
    dataOf(await t.gql(`query($on: Date) { renewalFee(holding: LICENSE_ONLY, on: $on) { yen } }`, { on })).renewalFee.yen;
  const integration = async (on?: string) =>
    dataOf(await t.gql(`query($on: Date) { integration(procedure: RENEWAL, age: 40, on: $on) { available facilityTypes basis { policyKey } } }`, { on }))
      .integration;
  const rulesToday = async () => dataOf(await t.gql(`{ rulesInForce { policyKey effectiveFrom effectiveThrough } }`)).rulesInForce;

  it('runs in UTC, so that the process zone and Tokyo disagree about the date near midnight', () => {
    expect(process.env.TZ).toBe('UTC');
    expect(new Date('2025-08-31T15:30:00Z').getTimezoneOffset()).toBe(0);
    expect(new Date('2025-08-31T15:30:00Z').getDate()).toBe(31);
  });

  describe('the autumn fix at the Tokyo midnight of 2025-09-01', () => {
    it('answers for 2025-09-01 at 2025-08-31T15:30Z (00:30 in Tokyo): licence data is carried over', async () => {
      clock.set('2025-08-31T15:30:00Z');
      expect(await cardRule()).toEqual({ number: 2, effectiveFrom: '2025-09-01', effectiveThrough: null });
      expect(await carryOver()).toEqual({ carriedOver: true, basis: [{ number: 2, effectiveFrom: '2025-09-01' }] });
      expect(await carryOver()).toEqual(await carryOver('2025-09-01'));
    });

    it('answers for 2025-08-31 at 2025-08-31T14:59:59Z (23:59:59 in Tokyo): not carried over', async () => {
      clock.set('2025-08-31T14:59:59Z');
      expect(await cardRule()).toEqual({ number: 1, effectiveFrom: '2025-03-24', effectiveThrough: '2025-08-31' });
      expect((await carryOver()).carriedOver).toBe(false);
      expect(await carryOver()).toEqual(await carryOver('2025-08-31'));
    });

    it('switches exactly at 15:00:00Z, the Tokyo midnight', async () => {
      clock.set('2025-08-31T15:00:00Z');
      expect((await carryOver()).carriedOver).toBe(true);
      clock.set('2025-08-31T14:59:59.999Z');
      expect((await carryOver()).carriedOver).toBe(false);
    });
  });

  describe('the integration start at the Tokyo midnight of 2025-03-24', () => {
    it('charges the new renewal fee from 2025-03-23T15:00Z (00:00 on 03-24 in Tokyo) and the old one a second before', async () => {
      clock.set('2025-03-23T15:00:00Z');
      expect(await renewalFee()).toBe(2850);
      expect(await renewalFee()).toBe(await renewalFee('2025-03-24'));
      clock.set('2025-03-23T14:59:59Z');
      expect(await renewalFee()).toBe(2500);
      expect(await renewalFee()).toBe(await renewalFee('2025-03-23'));
    });

    it('shows the one-day closure notice on Tokyo’s 2025-03-23, from 2025-03-22T15:00Z through 2025-03-23T14:59:59Z', async () => {
      const closureShown = async () => (await rulesToday()).some((v: { effectiveFrom: string; effectiveThrough: string | null }) =>
        v.effectiveFrom === '2025-03-23' && v.effectiveThrough === '2025-03-23');
      clock.set('2025-03-22T14:59:59Z');
      expect(await closureShown()).toBe(false);
      clock.set('2025-03-22T15:00:00Z');
      expect(await closureShown()).toBe(true);
      clock.set('2025-03-23T14:59:59Z');
      expect(await closureShown()).toBe(true);
      clock.set('2025-03-23T15:00:00Z');
      expect(await closureShown()).toBe(false);
    });

    it('has integration unavailable on Tokyo’s 2025-03-23 (2025-03-23T14:59:59Z)', async () => {
      clock.set('2025-03-23T14:59:59Z');
      expect(await integration()).toEqual({ available: false, facilityTypes: [], basis: [] });
    });

    it('has integration available on Tokyo’s 2025-03-24 once the seed page is on record (09:00 in Tokyo, 00:00Z)', async () => {
      // At 2025-03-23T15:00Z it is already 2025-03-24 in Tokyo, but the seed page was recorded only at 09:00 that
      // day: as the record stood then, nothing said integration had started. The answer follows the record.
      clock.set('2025-03-23T15:00:00Z');
      expect(await integration()).toEqual(await integration('2025-03-24'));
      expect((await integration()).available).toBe(false);
      clock.set('2025-03-24T00:00:00Z');
      expect(await integration()).toEqual({
        available: true,
        facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION'],
        basis: [{ policyKey: 'myna.facilities' }, { policyKey: 'myna.reservation' }],
      });
    });
  });

  describe('instants', () => {
    it('reads the same record for one instant written with +09:00 or with Z, and answers instants in UTC', async () => {
      clock.set('2025-12-01T00:00:00Z');
      const query = `query($knownAt: DateTime) { policyInForce(key: "myna.card-renewal", on: "2025-10-01", knownAt: $knownAt) { number recordedAt } }`;
      const tokyo = dataOf(await t.gql(query, { knownAt: '2025-08-01T09:00:00+09:00' })).policyInForce;
      const utc = dataOf(await t.gql(query, { knownAt: '2025-08-01T00:00:00Z' })).policyInForce;
      expect(tokyo).toEqual(utc);
      expect(tokyo).toEqual({ number: 2, recordedAt: '2025-08-01T00:00:00.000Z' });
      const secondBefore = dataOf(await t.gql(query, { knownAt: '2025-08-01T08:59:59+09:00' })).policyInForce;
      expect(secondBefore.number).toBe(1);
    });
  });
});
