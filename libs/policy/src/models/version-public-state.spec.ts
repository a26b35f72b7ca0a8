import type { CalendarDate, EffectiveRange } from '@policy-cms/temporal';
import { versionStanding } from './version-public-state';

const d = (s: string) => s as CalendarDate;
const r = (from: string, through: string | null): EffectiveRange => ({ effectiveFrom: d(from), effectiveThrough: through === null ? null : d(through) });
const TODAY = d('2026-12-02');

describe(versionStanding.name, () => {
  it('is in force today when a current row holds today, even when a later version cuts it short', () => {
    expect(versionStanding({ status: 'PUBLISHED', range: r('2025-03-24', null), inEffect: [r('2025-03-24', '2027-03-31')], today: TODAY })).toEqual({
      publicState: 'IN_FORCE',
      inEffect: [r('2025-03-24', '2027-03-31')],
      coveredInPart: true,
    });
  });

  it('is scheduled when all of it lies ahead', () => {
    expect(versionStanding({ status: 'PUBLISHED', range: r('2027-04-01', null), inEffect: [r('2027-04-01', null)], today: TODAY }).publicState).toBe('SCHEDULED');
  });

  it('is superseded when a later version covers every day of it', () => {
    expect(versionStanding({ status: 'PUBLISHED', range: r('2025-03-24', null), inEffect: [], today: TODAY })).toEqual({
      publicState: 'SUPERSEDED',
      inEffect: [],
      coveredInPart: false,
    });
  });

  it('has ended when a later version took over from it and its own days are all past (not "partly in effect")', () => {
    const standing = versionStanding({ status: 'PUBLISHED', range: r('2022-05-13', null), inEffect: [r('2022-05-13', '2025-03-23')], today: TODAY });
    expect(standing).toMatchObject({ publicState: 'ENDED', coveredInPart: true });
  });

  it('has ended on the day after its last own day, and is in force on that day (the 2025-08-31/09-01 edge)', () => {
    const cut = { status: 'PUBLISHED' as const, range: r('2025-03-24', null), inEffect: [r('2025-03-24', '2025-08-31')] };
    expect(versionStanding({ ...cut, today: d('2025-08-31') }).publicState).toBe('IN_FORCE');
    expect(versionStanding({ ...cut, today: d('2025-09-01') })).toMatchObject({ publicState: 'ENDED', coveredInPart: true });
  });

  it('has ended when its own range is whole and past', () => {
    expect(versionStanding({ status: 'PUBLISHED', range: r('2025-03-23', '2025-03-23'), inEffect: [r('2025-03-23', '2025-03-23')], today: TODAY })).toEqual({
      publicState: 'ENDED',
      inEffect: [r('2025-03-23', '2025-03-23')],
      coveredInPart: false,
    });
  });

  it('joins adjacent rows: a version split in two rows without a gap is whole', () => {
    const standing = versionStanding({
      status: 'PUBLISHED',
      range: r('2025-01-01', '2025-12-31'),
      inEffect: [r('2025-07-01', '2025-12-31'), r('2025-01-01', '2025-06-30')],
      today: d('2026-01-01'),
    });
    expect(standing).toMatchObject({ publicState: 'ENDED', coveredInPart: false, inEffect: [r('2025-01-01', '2025-06-30'), r('2025-07-01', '2025-12-31')] });
  });

  it('sees a hole: covered in the middle, not in force today, in force again later', () => {
    const standing = versionStanding({
      status: 'PUBLISHED',
      range: r('2026-01-01', null),
      inEffect: [r('2026-01-01', '2026-11-30'), r('2027-01-01', null)],
      today: TODAY,
    });
    expect(standing).toMatchObject({ publicState: 'PARTLY_IN_EFFECT', coveredInPart: true });
  });

  it('says withdrawn for a withdrawn version and nothing for one never published', () => {
    expect(versionStanding({ status: 'WITHDRAWN', range: r('2026-01-01', null), inEffect: [], today: TODAY }).publicState).toBe('WITHDRAWN');
    for (const status of ['DRAFT', 'IN_REVIEW', 'APPROVED', 'REJECTED'] as const) {
      expect(versionStanding({ status, range: r('2026-01-01', null), inEffect: [], today: TODAY }).publicState).toBeNull();
    }
  });
});
