import { fixedClock } from '@policy-cms/temporal';
import { startTestApp, type TestApp } from './support/test-app';
import { VERSION_FIELDS, type Version, dataOf, errorOf, policyInForce, policyTimeline } from './support/policy-api';

/**
 * The public GraphQL contract of API.md, read anonymously on the demo data. The clock stands after every demo record
 * (the last, the [demo] facility expansion, was recorded on 2026-10-01), so "now" answers are the whole record.
 */
const NOW = '2026-11-01T00:00:00Z';
const TODAY_IN_TOKYO = '2026-11-01';
const ONE_SECOND_AFTER_NOW = '2026-11-01T00:00:01Z';

describe('the public GraphQL contract on the demo data', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock: fixedClock(NOW) });
  });
  afterAll(() => t.close());

  const inForce = (key: string, on?: string, knownAt?: string) => policyInForce(t, key, on, knownAt);
  const timeline = (key: string, knownAt?: string) => policyTimeline(t, key, knownAt);
  const rules = async (on: string, knownAt?: string): Promise<Version[]> =>
    dataOf(await t.gql(`query($on: Date, $knownAt: DateTime) { rulesInForce(on: $on, knownAt: $knownAt) { ${VERSION_FIELDS} } }`, { on, knownAt }))
      .rulesInForce;
  const changes = async (from: string, through: string, knownAt?: string): Promise<Version[]> =>
    dataOf(
      await t.gql(`query($from: Date!, $through: Date!, $knownAt: DateTime) { changesBetween(from: $from, through: $through, knownAt: $knownAt) { ${VERSION_FIELDS} } }`, {
        from,
        through,
        knownAt,
      }),
    ).changesBetween;
  const carryOver = async (on?: string, knownAt?: string) =>
    dataOf(
      await t.gql(`query($on: Date, $knownAt: DateTime) { cardRenewalCarryOver(on: $on, knownAt: $knownAt) {
        carriedOver conditions reRecordingFeeYen basis { ${VERSION_FIELDS} } } }`, { on, knownAt }),
    ).cardRenewalCarryOver;
  const renewalFee = async (holding: string, on?: string, knownAt?: string) =>
    dataOf(
      await t.gql(`query($holding: HoldingStatus!, $on: Date, $knownAt: DateTime) {
        renewalFee(holding: $holding, on: $on, knownAt: $knownAt) { yen basis { ${VERSION_FIELDS} } } }`, { holding, on, knownAt }),
    ).renewalFee;
  const integration = async (procedure: string, age: number | null, on?: string, knownAt?: string) =>
    dataOf(
      await t.gql(`query($procedure: Procedure!, $age: Int, $on: Date, $knownAt: DateTime) {
        integration(procedure: $procedure, age: $age, on: $on, knownAt: $knownAt) {
          available facilityTypes reservationRequired reservationChannels basis { ${VERSION_FIELDS} } } }`, { procedure, age, on, knownAt }),
    ).integration;

  describe('policies and policyKinds', () => {
    it('lists every policy with its key, kind, Japanese title and section', async () => {
      const { policies } = dataOf(await t.gql(`{ policies { key kind title section } }`));
      expect(policies).toHaveLength(17);
      expect(new Set(policies.map((p: { key: string }) => p.key)).size).toBe(17);
      for (const policy of policies) {
        expect(policy.title.trim()).not.toBe('');
        expect(policy.section.trim()).not.toBe('');
      }
      expect(policies).toContainEqual(
        expect.objectContaining({ key: 'myna.card-renewal', kind: 'card-renewal-carry-over', title: expect.stringContaining('マイナンバーカード') }),
      );
    });

    it('describes, with a JSON Schema, the kind of every policy it lists', async () => {
      const { policies, policyKinds } = dataOf(await t.gql(`{ policies { kind } policyKinds { name title description jsonSchema } }`));
      const kinds = new Map<string, { jsonSchema: Record<string, unknown> }>(
        policyKinds.map((kind: { name: string; jsonSchema: Record<string, unknown> }) => [kind.name, kind]),
      );
      for (const { kind } of policies) {
        expect(kinds.get(kind)?.jsonSchema).toEqual(expect.objectContaining({ type: 'object' }));
      }
      expect([...kinds.keys()]).toEqual(
        expect.arrayContaining([
          'facility-matrix',
          'reservation-rules',
          'fee-table',
          'card-renewal-carry-over',
          'online-lecture',
          'one-stop-service',
          'notice',
        ]),
      );
    });
  });

  describe('policyInForce', () => {
    it('answers the autumn fix for a day after 2025-09-01, as a published segment with its record time', async () => {
      const version = await inForce('myna.card-renewal', '2025-10-01');
      expect(version).toMatchObject({
        policyKey: 'myna.card-renewal',
        number: 2,
        status: 'PUBLISHED',
        effectiveFrom: '2025-09-01',
        effectiveThrough: null,
        content: expect.objectContaining({ carriedOver: true, reRecordingFeeYen: 1500 }),
        demo: true,
        recordedAt: '2025-08-01T00:00:00.000Z',
        supersededAt: null,
      });
    });

    it('answers the seed rule on 2025-08-31 with the segment ending that day, although the version itself is open-ended', async () => {
      const version = await inForce('myna.card-renewal', '2025-08-31');
      expect(version).toMatchObject({
        number: 1,
        effectiveFrom: '2025-03-24',
        effectiveThrough: '2025-08-31',
        versionEffectiveFrom: '2025-03-24',
        versionEffectiveThrough: null,
        content: expect.objectContaining({ carriedOver: false }),
      });
    });

    it('answers null on a day when nothing of the policy is in force yet', async () => {
      expect(await inForce('myna.card-renewal', '2025-03-23')).toBeNull();
    });

    it('answers for today in Tokyo and as known now when on and knownAt are left out', async () => {
      const implicit = await inForce('myna.facilities');
      expect(implicit).toEqual(await inForce('myna.facilities', TODAY_IN_TOKYO, NOW));
      expect(implicit).toMatchObject({ number: 1, effectiveFrom: '2025-03-24', effectiveThrough: '2027-03-31' });
    });

    it('answers the same day differently for a knownAt before and after the autumn fix was published', async () => {
      const before = await inForce('myna.card-renewal', '2025-10-01', '2025-05-01T00:00:00+09:00');
      const after = await inForce('myna.card-renewal', '2025-10-01', '2025-08-02T00:00:00+09:00');
      // As known in May the seed rule ran on open-ended, and the record then said nothing of its end.
      expect(before).toMatchObject({
        number: 1,
        effectiveFrom: '2025-03-24',
        effectiveThrough: null,
        content: expect.objectContaining({ carriedOver: false }),
        recordedAt: '2025-03-24T00:00:00.000Z',
        supersededAt: null,
      });
      expect(after).toMatchObject({ number: 2, effectiveFrom: '2025-09-01', content: expect.objectContaining({ carriedOver: true }) });
    });

    it('switches at the exact instant the fix was recorded, 2025-08-01 09:00 in Tokyo', async () => {
      expect((await inForce('myna.card-renewal', '2025-10-01', '2025-08-01T08:59:59.999+09:00'))!.number).toBe(1);
      expect((await inForce('myna.card-renewal', '2025-10-01', '2025-08-01T09:00:00+09:00'))!.number).toBe(2);
      expect((await inForce('myna.card-renewal', '2025-10-01', '2025-08-01T00:00:00Z'))!.number).toBe(2);
    });
  });

  describe('rulesInForce', () => {
    it('gives one version per policy in force on 2025-03-24, every policy but the one-day closure of 2025-03-23', async () => {
      const { policies } = dataOf(await t.gql(`{ policies { key } }`));
      const onStart = await rules('2025-03-24');
      const keys = onStart.map((v) => v.policyKey);
      expect(new Set(keys).size).toBe(keys.length);
      const closure = (await rules('2025-03-23')).filter((v) => v.effectiveFrom === '2025-03-23' && v.effectiveThrough === '2025-03-23');
      expect(closure).toHaveLength(1);
      expect(keys.sort()).toEqual(
        policies
          .map((p: { key: string }) => p.key)
          .filter((key: string) => key !== closure[0].policyKey)
          .sort(),
      );
      for (const version of onStart) expect(version.effectiveFrom <= '2025-03-24').toBe(true);
    });

    it('has, before the integration starts, only the old fee tables, the old reservation rule and the closure notice', async () => {
      const keys = (await rules('2025-03-23')).map((v) => v.policyKey);
      expect(keys).toContain('fees.renewal');
      expect(keys).toContain('myna.reservation');
      for (const key of ['myna.facilities', 'myna.card-renewal', 'myna.online-lecture', 'myna.one-stop', 'myna.overseas', 'fees.recording']) {
        expect(keys).not.toContain(key);
      }
    });

    it('answers a day after 2025-09-01 with the seed rule as known in May and with the fix as known now', async () => {
      const cardRule = (versions: Version[]) => versions.find((v) => v.policyKey === 'myna.card-renewal')!;
      expect(cardRule(await rules('2025-10-01', '2025-05-01T00:00:00+09:00')).content.carriedOver).toBe(false);
      expect(cardRule(await rules('2025-10-01')).content.carriedOver).toBe(true);
    });
  });

  describe('policyTimeline', () => {
    it('shows the card-renewal rule as two segments: version 1 ends on 2025-08-31 while its own range stays open-ended', async () => {
      const segments = await timeline('myna.card-renewal');
      expect(segments.map(({ number, effectiveFrom, effectiveThrough, versionEffectiveFrom, versionEffectiveThrough }) => ({
        number,
        effectiveFrom,
        effectiveThrough,
        versionEffectiveFrom,
        versionEffectiveThrough,
      }))).toEqual([
        { number: 1, effectiveFrom: '2025-03-24', effectiveThrough: '2025-08-31', versionEffectiveFrom: '2025-03-24', versionEffectiveThrough: null },
        { number: 2, effectiveFrom: '2025-09-01', effectiveThrough: null, versionEffectiveFrom: '2025-09-01', versionEffectiveThrough: null },
      ]);
      expect(segments[0].id).not.toBe(segments[1].id);
    });

    it('shows the timeline as known before the fix: one open-ended segment', async () => {
      const segments = await timeline('myna.card-renewal', '2025-05-01T00:00:00+09:00');
      expect(segments).toHaveLength(1);
      expect(segments[0]).toMatchObject({ number: 1, effectiveFrom: '2025-03-24', effectiveThrough: null, supersededAt: null });
    });

    it('shows the future [demo] facility expansion from 2027-04-01, flagged demo', async () => {
      const segments = await timeline('myna.facilities');
      expect(segments.map((s) => [s.effectiveFrom, s.effectiveThrough, s.demo])).toEqual([
        ['2025-03-24', '2027-03-31', false],
        ['2027-04-01', null, true],
      ]);
      // Before it was recorded (2026-10-01), nobody knew of it.
      expect((await timeline('myna.facilities', '2026-09-30T23:59:59+09:00')).map((s) => [s.effectiveFrom, s.effectiveThrough])).toEqual([
        ['2025-03-24', null],
      ]);
    });

    it('lists segments in effective order for every policy, without gaps or overlaps between them', async () => {
      const { policies } = dataOf(await t.gql(`{ policies { key } }`));
      for (const { key } of policies) {
        const segments = await timeline(key);
        expect(segments.length).toBeGreaterThan(0);
        for (const [i, segment] of segments.entries()) {
          expect(segment.policyKey).toBe(key);
          if (i > 0) {
            const previous = segments[i - 1];
            expect(previous.effectiveThrough).not.toBeNull();
            expect(previous.effectiveThrough! < segment.effectiveFrom).toBe(true);
          }
        }
      }
    });
  });

  describe('changesBetween', () => {
    it('shows the [demo] expansion taking effect on 2027-04-01, flagged demo and labelled as invented', async () => {
      const found = await changes('2027-01-01', '2027-12-31');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        policyKey: 'myna.facilities',
        effectiveFrom: '2027-04-01',
        effectiveThrough: null,
        demo: true,
        summary: expect.stringContaining('デモ'),
      });
    });

    it('shows the autumn fix on 2025-09-01 as known now, and nothing taking effect that day as known in May', async () => {
      expect((await changes('2025-09-01', '2025-09-01')).map((v) => [v.policyKey, v.number])).toEqual([['myna.card-renewal', 2]]);
      expect(await changes('2025-09-01', '2025-09-01', '2025-05-01T00:00:00+09:00')).toEqual([]);
    });

    it('lists the closure of 2025-03-23 before everything that starts on 2025-03-24, in effective order', async () => {
      const found = await changes('2025-03-23', '2025-03-24');
      expect(found[0]).toMatchObject({ effectiveFrom: '2025-03-23', effectiveThrough: '2025-03-23' });
      expect(found.slice(1).every((v) => v.effectiveFrom === '2025-03-24')).toBe(true);
      expect(found.map((v) => v.policyKey)).toEqual(expect.arrayContaining(['myna.facilities', 'myna.card-renewal', 'fees.renewal']));
    });

    it('does not list a segment that merely continues through the range', async () => {
      const found = await changes('2025-06-01', '2025-08-31');
      expect(found).toEqual([]);
    });
  });

  describe('integration', () => {
    it('is unavailable on 2025-03-23, with nothing to rest on', async () => {
      expect(await integration('RENEWAL', 40, '2025-03-23')).toEqual({
        available: false,
        facilityTypes: [],
        reservationRequired: false,
        reservationChannels: [],
        basis: [],
      });
    });

    it('is available with a renewal from 2025-03-24, by web or phone reservation, resting on the facility and reservation rules', async () => {
      const answer = await integration('RENEWAL', 40, '2025-03-24');
      expect(answer).toMatchObject({
        available: true,
        facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION'],
        reservationRequired: true,
        reservationChannels: ['WEB', 'VOICE'],
      });
      expect(answer.basis.map((v: Version) => v.policyKey).sort()).toEqual(['myna.facilities', 'myna.reservation']);
      for (const version of answer.basis) expect(version).toMatchObject({ status: 'PUBLISHED', effectiveFrom: '2025-03-24' });
    });
  });

  describe('cardRenewalCarryOver', () => {
    it('does not carry licence data over on 2025-08-31 and does from 2025-09-01, as known now', async () => {
      const lastDay = await carryOver('2025-08-31');
      expect(lastDay).toMatchObject({ carriedOver: false, conditions: [], reRecordingFeeYen: 1500 });
      expect(lastDay.basis.map((v: Version) => [v.policyKey, v.number])).toEqual([['myna.card-renewal', 1]]);

      const firstDay = await carryOver('2025-09-01');
      expect(firstDay.carriedOver).toBe(true);
      expect(firstDay.conditions.length).toBeGreaterThan(0);
      expect(firstDay.conditions.join('\n')).toContain('オンライン');
      expect(firstDay.reRecordingFeeYen).toBe(1500);
      expect(firstDay.basis.map((v: Version) => [v.policyKey, v.number])).toEqual([['myna.card-renewal', 2]]);
    });

    it('answers 2025-10-01 "not carried over" as known on 2025-05-01 and "carried over" as known on 2025-08-02', async () => {
      expect((await carryOver('2025-10-01', '2025-05-01T00:00:00+09:00')).carriedOver).toBe(false);
      expect((await carryOver('2025-10-01', '2025-08-02T00:00:00+09:00')).carriedOver).toBe(true);
    });

    it('has nothing carried over and no fee before the integration starts', async () => {
      expect(await carryOver('2025-03-23')).toEqual({ carriedOver: false, conditions: [], reRecordingFeeYen: null, basis: [] });
    });
  });

  describe('renewalFee', () => {
    it('is 2,500 yen for a licence on 2025-03-23, and 2,850 / 2,100 / 2,950 yen by holding status from 2025-03-24', async () => {
      expect((await renewalFee('LICENSE_ONLY', '2025-03-23')).yen).toBe(2500);
      expect((await renewalFee('LICENSE_ONLY', '2025-03-24')).yen).toBe(2850);
      expect((await renewalFee('MYNA_ONLY', '2025-03-24')).yen).toBe(2100);
      expect((await renewalFee('BOTH', '2025-03-24')).yen).toBe(2950);
    });

    it('rests the fee on the fee table in force that day', async () => {
      const { basis } = await renewalFee('BOTH', '2025-03-24');
      expect(basis).toHaveLength(1);
      expect(basis[0]).toMatchObject({ policyKey: 'fees.renewal', effectiveFrom: '2025-03-24' });
      const { basis: oldBasis } = await renewalFee('LICENSE_ONLY', '2025-03-23');
      expect(oldBasis[0]).toMatchObject({ policyKey: 'fees.renewal', effectiveThrough: '2025-03-23' });
    });

    it('knows no fee for a My Number holding status before the card existed', async () => {
      expect(await renewalFee('MYNA_ONLY', '2025-03-23')).toEqual({ yen: null, basis: [] });
    });
  });

  describe('policyLedger', () => {
    it('keeps the superseded open-ended row of the card-renewal rule beside the rows that replaced it', async () => {
      const { policyLedger } = dataOf(
        await t.gql(`{ policyLedger(key: "myna.card-renewal") { effectiveFrom effectiveThrough recordedAt supersededAt version { number } } }`),
      );
      expect(policyLedger).toEqual([
        { effectiveFrom: '2025-03-24', effectiveThrough: null, recordedAt: '2025-03-24T00:00:00.000Z', supersededAt: '2025-08-01T00:00:00.000Z', version: { number: 1 } },
        { effectiveFrom: '2025-03-24', effectiveThrough: '2025-08-31', recordedAt: '2025-08-01T00:00:00.000Z', supersededAt: null, version: { number: 1 } },
        { effectiveFrom: '2025-09-01', effectiveThrough: null, recordedAt: '2025-08-01T00:00:00.000Z', supersededAt: null, version: { number: 2 } },
      ]);
    });
  });

  describe('summaries', () => {
    it('gives every published version, current or superseded, a non-empty change note that names its source', async () => {
      const { policies } = dataOf(await t.gql(`{ policies { key } }`));
      let checked = 0;
      for (const { key } of policies) {
        const { policyLedger } = dataOf(await t.gql(`query($key: ID!) { policyLedger(key: $key) { version { number summary demo } } }`, { key }));
        for (const { version } of policyLedger) {
          expect(version.summary.trim()).not.toBe('');
          expect(version.summary).toMatch(/出典/);
          if (version.demo) expect(version.summary).toContain('デモ用の架空データ');
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(25);
    });
  });

  describe('errors', () => {
    const readsWithKnownAt: [string, string][] = [
      ['policyInForce', `policyInForce(key: "myna.card-renewal", knownAt: $knownAt) { id }`],
      ['rulesInForce', `rulesInForce(knownAt: $knownAt) { id }`],
      ['policyTimeline', `policyTimeline(key: "myna.card-renewal", knownAt: $knownAt) { id }`],
      ['changesBetween', `changesBetween(from: "2025-01-01", through: "2025-12-31", knownAt: $knownAt) { id }`],
      ['integration', `integration(procedure: RENEWAL, knownAt: $knownAt) { available }`],
      ['cardRenewalCarryOver', `cardRenewalCarryOver(knownAt: $knownAt) { carriedOver }`],
      ['renewalFee', `renewalFee(holding: BOTH, knownAt: $knownAt) { yen }`],
    ];

    it.each(readsWithKnownAt)('%s refuses a knownAt later than now as BAD_USER_INPUT on knownAt, and accepts now itself', async (_name, selection) => {
      const query = `query($knownAt: DateTime) { ${selection} }`;
      const refused = await t.gql(query, { knownAt: ONE_SECOND_AFTER_NOW });
      expect(errorOf(refused).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'knownAt' });
      expect(refused.data?.[_name] ?? null).toBeNull();
      const accepted = await t.gql(query, { knownAt: NOW });
      expect(accepted.errors).toBeUndefined();
    });

    it.each([
      ['policyInForce', `{ policyInForce(key: "myna.no-such-policy") { id } }`],
      ['policyTimeline', `{ policyTimeline(key: "myna.no-such-policy") { id } }`],
      ['policyLedger', `{ policyLedger(key: "myna.no-such-policy") { id } }`],
    ])('%s answers an unknown key with NOT_FOUND', async (_name, query) => {
      const result = await t.gql(query);
      expect(errorOf(result).extensions.code).toBe('NOT_FOUND');
      expect(result.data?.[_name] ?? null).toBeNull();
    });
  });
});
