import { demoPublications } from '../demo';
import type {
  CardRenewalCarryOverContent,
  FacilityMatrixContent,
  FeeTableContent,
  ReservationRulesContent,
} from '../kinds';
import {
  carryOverAnswer,
  feeAnswer,
  integrationAnswer,
  integrationReservationsByFacility,
} from './index';

/**
 * The content of a demo policy in force on `on` as recorded at `knownAt`: among versions recorded by then, in record
 * order, the last one whose range covers the day wins. A minimal stand-in for the timeline painter, enough for the demo.
 */
function inForce<T>(policyKey: string, on: string, knownAt = '2026-11-01T00:00:00+09:00'): T | null {
  let found: unknown = null;
  for (const p of demoPublications) {
    if (p.policyKey !== policyKey || Date.parse(p.recordedAt) > Date.parse(knownAt)) continue;
    if (p.effectiveFrom <= on && (p.effectiveThrough === null || on <= p.effectiveThrough)) found = p.content;
  }
  return found as T | null;
}

const facilitiesOn = (on: string, knownAt?: string) => inForce<FacilityMatrixContent>('myna.facilities', on, knownAt);
const reservationOn = (on: string, knownAt?: string) => inForce<ReservationRulesContent>('myna.reservation', on, knownAt);
const carryOverOn = (on: string, knownAt?: string) => inForce<CardRenewalCarryOverContent>('myna.card-renewal', on, knownAt);
const feesOn = (key: string, on: string, knownAt?: string) => inForce<FeeTableContent>(key, on, knownAt);

describe(integrationAnswer.name, () => {
  const on = '2025-06-01';
  const answer = (procedure: Parameters<typeof integrationAnswer>[2], age: number | null, day = on, knownAt?: string) =>
    integrationAnswer(facilitiesOn(day, knownAt), reservationOn(day, knownAt), procedure, age);

  it('is unavailable before the integration starts on 2025-03-24, even though renewals then needed a reservation', () => {
    expect(reservationOn('2025-03-23')).not.toBeNull();
    expect(answer('RENEWAL', 40, '2025-03-23')).toEqual({
      available: false,
      facilityTypes: [],
      reservationRequired: false,
      reservationChannels: [],
    });
  });

  it('is unavailable with no content at all', () => {
    expect(integrationAnswer(null, null, 'RENEWAL', 40)).toEqual({
      available: false,
      facilityTypes: [],
      reservationRequired: false,
      reservationChannels: [],
    });
  });

  it('offers renewal at the test and renewal centres and designated stations, reserved on the web or by phone under 70', () => {
    expect(answer('RENEWAL', 40, '2025-03-24')).toEqual({
      available: true,
      facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION'],
      reservationRequired: true,
      reservationChannels: ['WEB', 'VOICE'],
    });
  });

  it('needs no reservation from the day someone is 70', () => {
    expect(answer('RENEWAL', 69, on).reservationRequired).toBe(true);
    expect(answer('RENEWAL', 70, on)).toEqual({
      available: true,
      facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION'],
      reservationRequired: false,
      reservationChannels: [],
    });
  });

  it('waives the reservation at 70 for every procedure, including re-recording at a designated station', () => {
    for (const procedure of ['HOLDING_STATUS_CHANGE', 'NEW_LICENSE', 'REISSUE', 'CARD_RE_RECORDING'] as const) {
      expect(answer(procedure, 85, on)).toMatchObject({ available: true, reservationRequired: false, reservationChannels: [] });
    }
  });

  it('answers an unknown age as for someone under 70', () => {
    expect(answer('RENEWAL', null, on)).toEqual(answer('RENEWAL', 40, on));
  });

  it('does a holding-status change only at the test centre, reserved through 行政手続オンライン', () => {
    expect(answer('HOLDING_STATUS_CHANGE', 40, on)).toEqual({
      available: true,
      facilityTypes: ['TEST_CENTER'],
      reservationRequired: true,
      reservationChannels: ['GYOSEI_ONLINE'],
    });
  });

  it.each(['PARTICULARS_CHANGE', 'REISSUE', 'REACQUISITION', 'ADDITION'] as const)(
    'does %s only at the test centre, reserved through 行政手続オンライン',
    (procedure) => {
      expect(answer(procedure, 30, on)).toEqual({
        available: true,
        facilityTypes: ['TEST_CENTER'],
        reservationRequired: true,
        reservationChannels: ['GYOSEI_ONLINE'],
      });
    },
  );

  it('does a new licence by 学科試験 only at the test centre, reserved on the web or by phone', () => {
    expect(answer('NEW_LICENSE', 18, on)).toEqual({
      available: true,
      facilityTypes: ['TEST_CENTER'],
      reservationRequired: true,
      reservationChannels: ['WEB', 'VOICE'],
    });
  });

  it('does a driving-history certificate at every facility type without reservation', () => {
    expect(answer('DRIVING_HISTORY_CERTIFICATE', 75, on)).toEqual({
      available: true,
      facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION', 'OTHER_STATION'],
      reservationRequired: false,
      reservationChannels: [],
    });
    expect(answer('DRIVING_HISTORY_CERTIFICATE', 40, on).reservationRequired).toBe(false);
  });

  it('says re-recording needs a reservation because the designated stations need one through 行政手続オンライン', () => {
    expect(answer('CARD_RE_RECORDING', 40, on)).toEqual({
      available: true,
      facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION'],
      reservationRequired: true,
      reservationChannels: ['GYOSEI_ONLINE'],
    });
  });

  it('does particulars changes at the renewal centres too from the [demo] rollout on 2027-04-01', () => {
    expect(answer('PARTICULARS_CHANGE', 40, '2027-03-31').facilityTypes).toEqual(['TEST_CENTER']);
    expect(answer('PARTICULARS_CHANGE', 40, '2027-04-01')).toEqual({
      available: true,
      facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER'],
      reservationRequired: true,
      reservationChannels: ['GYOSEI_ONLINE'],
    });
    expect(answer('RENEWAL', 40, '2027-04-01')).toEqual(answer('RENEWAL', 40, '2027-03-31'));
  });

  it('did not know of the rollout before it was recorded on 2026-10-01', () => {
    expect(answer('PARTICULARS_CHANGE', 40, '2027-04-01', '2026-09-30T23:59:59+09:00').facilityTypes).toEqual(['TEST_CENTER']);
  });

  it('needs no reservation for a procedure with no reservation rule in force', () => {
    expect(integrationAnswer(facilitiesOn(on), null, 'RENEWAL', 40)).toEqual({
      available: true,
      facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION'],
      reservationRequired: false,
      reservationChannels: [],
    });
  });
});

describe(integrationReservationsByFacility.name, () => {
  it('gives the per-facility detail behind the re-recording answer', () => {
    expect(integrationReservationsByFacility(facilitiesOn('2025-06-01'), reservationOn('2025-06-01'), 'CARD_RE_RECORDING', 40)).toEqual([
      { facilityType: 'TEST_CENTER', reservationRequired: false, channels: [] },
      { facilityType: 'RENEWAL_CENTER', reservationRequired: false, channels: [] },
      { facilityType: 'DESIGNATED_STATION', reservationRequired: true, channels: ['GYOSEI_ONLINE'] },
    ]);
  });
});

describe(carryOverAnswer.name, () => {
  const conditionsOfTheFix = [
    '有効期限が近づいたこと(有効期限の3か月前から)又は追記欄の余白がなくなったことによりマイナンバーカードを更新すること。',
    'マイナンバーカードの更新をオンラインで申請すること。',
    '署名用電子証明書を既に警察に提出しており、新しいマイナンバーカードにも署名用電子証明書の発行を申請すること。',
    '申請の際に免許情報記録番号を正しく入力すること。',
  ];

  it('has nothing carried over and no fee when no rule is in force', () => {
    expect(carryOverOn('2025-03-23')).toBeNull();
    expect(carryOverAnswer(null)).toEqual({ carriedOver: false, conditions: [], reRecordingFeeYen: null });
  });

  it('does not carry licence data over from 2025-03-24 to 2025-08-31; re-recording costs 1,500 yen', () => {
    for (const on of ['2025-03-24', '2025-08-31']) {
      expect(carryOverAnswer(carryOverOn(on))).toEqual({ carriedOver: false, conditions: [], reRecordingFeeYen: 1500 });
    }
  });

  it('carries licence data over from 2025-09-01 on the fix conditions', () => {
    expect(carryOverAnswer(carryOverOn('2025-09-01'))).toEqual({
      carriedOver: true,
      conditions: conditionsOfTheFix,
      reRecordingFeeYen: 1500,
    });
  });

  it('answered "not carried over" for any later date as known on the seed day', () => {
    expect(carryOverAnswer(carryOverOn('2026-01-01', '2025-03-24T12:00:00+09:00')).carriedOver).toBe(false);
    expect(carryOverAnswer(carryOverOn('2026-01-01', '2025-08-01T09:00:00+09:00')).carriedOver).toBe(true);
  });

  it('returns a copy of the conditions, so callers cannot change the stored content', () => {
    const content = carryOverOn('2025-09-01')!;
    carryOverAnswer(content).conditions.pop();
    expect(content.conditions).toHaveLength(4);
  });
});

describe(feeAnswer.name, () => {
  it('charges renewal by holding status from 2025-03-24', () => {
    const fees = feesOn('fees.renewal', '2025-03-24');
    expect(feeAnswer(fees, 'LICENSE_ONLY')).toEqual({ yen: 2850 });
    expect(feeAnswer(fees, 'MYNA_ONLY')).toEqual({ yen: 2100 });
    expect(feeAnswer(fees, 'BOTH')).toEqual({ yen: 2950 });
  });

  it('charged 2,500 yen for a plastic licence before, and knows no amount for a My Number status then', () => {
    const fees = feesOn('fees.renewal', '2025-03-23');
    expect(feeAnswer(fees, 'LICENSE_ONLY')).toEqual({ yen: 2500 });
    expect(feeAnswer(fees, 'MYNA_ONLY')).toEqual({ yen: null });
    expect(feeAnswer(fees, 'BOTH')).toEqual({ yen: null });
  });

  it('knows no fee when no table is in force', () => {
    expect(feesOn('fees.renewal', '2020-01-01')).toBeNull();
    expect(feeAnswer(null, 'LICENSE_ONLY')).toEqual({ yen: null });
  });

  it('charges new licences by holding status from 2025-03-24, 2,050 yen before', () => {
    const fees = feesOn('fees.new-license', '2025-04-01');
    expect([feeAnswer(fees, 'LICENSE_ONLY'), feeAnswer(fees, 'MYNA_ONLY'), feeAnswer(fees, 'BOTH')]).toEqual([
      { yen: 2350 },
      { yen: 1550 },
      { yen: 2450 },
    ]);
    expect(feeAnswer(feesOn('fees.new-license', '2024-04-01'), 'LICENSE_ONLY')).toEqual({ yen: 2050 });
  });

  it('picks lecture fees by item, the same whatever the holding status, with the online lecture new from 2025-03-24', () => {
    const before = feesOn('fees.lecture', '2025-03-23');
    const after = feesOn('fees.lecture', '2025-03-24');
    expect(feeAnswer(before, 'LICENSE_ONLY', 'lecture.violator-first')).toEqual({ yen: 1350 });
    expect(feeAnswer(after, 'BOTH', 'lecture.violator-first')).toEqual({ yen: 1400 });
    expect(feeAnswer(after, 'MYNA_ONLY', 'lecture.excellent')).toEqual({ yen: 500 });
    expect(feeAnswer(after, 'MYNA_ONLY', 'lecture.general')).toEqual({ yen: 800 });
    expect(feeAnswer(after, 'MYNA_ONLY', 'lecture.online')).toEqual({ yen: 200 });
    expect(feeAnswer(before, 'MYNA_ONLY', 'lecture.online')).toEqual({ yen: null });
  });

  it('charges 1,500 yen for recording and re-recording from 2025-03-24, and knows no such fee before', () => {
    expect(feeAnswer(feesOn('fees.recording', '2025-03-24'), 'MYNA_ONLY', 're-recording')).toEqual({ yen: 1500 });
    expect(feeAnswer(feesOn('fees.recording', '2025-03-24'), 'BOTH', 'recording')).toEqual({ yen: 1500 });
    expect(feeAnswer(feesOn('fees.recording', '2025-03-23'), 'BOTH', 'recording')).toEqual({ yen: null });
  });

  it('charges 2,250 yen for a reissue from 2019-12-01 and 2,600 yen from 2025-03-24, other combinations unknown', () => {
    expect(feeAnswer(feesOn('fees.reissue', '2019-11-30'), 'LICENSE_ONLY')).toEqual({ yen: null });
    expect(feeAnswer(feesOn('fees.reissue', '2019-12-01'), 'LICENSE_ONLY')).toEqual({ yen: 2250 });
    expect(feeAnswer(feesOn('fees.reissue', '2025-03-24'), 'LICENSE_ONLY')).toEqual({ yen: 2600 });
    expect(feeAnswer(feesOn('fees.reissue', '2025-03-24'), 'MYNA_ONLY')).toEqual({ yen: null });
  });

  it('charges 200 yen for an addition before and after 2025-03-24', () => {
    expect(feeAnswer(feesOn('fees.addition', '2025-03-23'), 'LICENSE_ONLY')).toEqual({ yen: 200 });
    expect(feeAnswer(feesOn('fees.addition', '2025-03-24'), 'LICENSE_ONLY')).toEqual({ yen: 200 });
  });

  it('knows no amount for an item code the table does not have', () => {
    expect(feeAnswer(feesOn('fees.renewal', '2025-03-24'), 'BOTH', 'renewal.via-other-prefecture')).toEqual({ yen: null });
  });
});
