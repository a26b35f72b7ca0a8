import { type CalendarDate, parseCalendarDate } from './calendar-date';
import {
  type EffectiveRange,
  InvalidEffectiveRangeError,
  assertValidRange,
  fromDateRangeLiteral,
  rangeCovers,
  rangesOverlap,
  toDateRangeLiteral,
} from './effective-range';

const d = (s: string): CalendarDate => parseCalendarDate(s);
const range = (from: string, through: string | null): EffectiveRange => ({
  effectiveFrom: d(from),
  effectiveThrough: through === null ? null : d(through),
});

describe(assertValidRange.name, () => {
  it('accepts a single-day range, a longer one and an open-ended one', () => {
    expect(() => assertValidRange(range('2025-03-24', '2025-03-24'))).not.toThrow();
    expect(() => assertValidRange(range('2025-03-24', '2025-08-31'))).not.toThrow();
    expect(() => assertValidRange(range('2025-03-24', null))).not.toThrow();
  });

  it('refuses a range whose last day is before its first day, and keeps the range on the error', () => {
    const bad = range('2025-09-01', '2025-08-31');
    expect(() => assertValidRange(bad)).toThrow(InvalidEffectiveRangeError);
    expect(() => assertValidRange(bad)).toThrow(/2025-08-31 is before effectiveFrom 2025-09-01/);
    try {
      assertValidRange(bad);
    } catch (error) {
      expect(error).toMatchObject({ input: bad, code: 'INVALID_EFFECTIVE_RANGE', name: 'InvalidEffectiveRangeError' });
    }
  });

  it('refuses bounds that are not calendar dates even when the type system was bypassed', () => {
    const notADate = '2025-02-30' as CalendarDate;
    expect(() => assertValidRange({ effectiveFrom: notADate, effectiveThrough: null })).toThrow(
      InvalidEffectiveRangeError,
    );
    expect(() => assertValidRange({ effectiveFrom: d('2025-02-01'), effectiveThrough: notADate })).toThrow(
      InvalidEffectiveRangeError,
    );
  });
});

describe(rangeCovers.name, () => {
  const v1 = range('2025-03-24', '2025-08-31');

  it.each([
    ['2025-03-23', false],
    ['2025-03-24', true],
    ['2025-06-15', true],
    ['2025-08-31', true],
    ['2025-09-01', false],
  ])('a range 2025-03-24..2025-08-31 covers %s: %s', (day, expected) => {
    expect(rangeCovers(v1, d(day))).toBe(expected);
  });

  it('an open-ended range covers every day from its start, up to 9999-12-31', () => {
    const open = range('2025-03-24', null);
    expect(rangeCovers(open, d('2025-03-23'))).toBe(false);
    expect(rangeCovers(open, d('2025-03-24'))).toBe(true);
    expect(rangeCovers(open, d('9999-12-31'))).toBe(true);
  });

  it('a single-day range covers only that day', () => {
    const leapDay = range('2024-02-29', '2024-02-29');
    expect(rangeCovers(leapDay, d('2024-02-28'))).toBe(false);
    expect(rangeCovers(leapDay, d('2024-02-29'))).toBe(true);
    expect(rangeCovers(leapDay, d('2024-03-01'))).toBe(false);
  });
});

describe(rangesOverlap.name, () => {
  it.each<[string, EffectiveRange, EffectiveRange, boolean]>([
    ['ranges sharing one day overlap', range('2025-03-24', '2025-09-01'), range('2025-09-01', null), true],
    ['adjacent ranges do not overlap', range('2025-03-24', '2025-08-31'), range('2025-09-01', null), false],
    ['ranges with a gap do not overlap', range('2025-01-01', '2025-01-31'), range('2025-03-01', '2025-03-31'), false],
    ['a range overlaps one nested in it', range('2025-01-01', '2025-12-31'), range('2025-06-01', '2025-06-01'), true],
    ['identical ranges overlap', range('2025-03-24', '2025-03-24'), range('2025-03-24', '2025-03-24'), true],
    ['two open-ended ranges always overlap', range('2025-03-24', null), range('9999-12-31', null), true],
    ['an open range after a closed one is apart', range('2025-03-24', null), range('2025-01-01', '2025-03-23'), false],
    ['an open range overlaps one reaching into it', range('2025-03-24', null), range('2025-01-01', '2025-03-24'), true],
  ])('%s', (_, a, b, expected) => {
    expect(rangesOverlap(a, b)).toBe(expected);
    expect(rangesOverlap(b, a)).toBe(expected);
  });
});

describe(toDateRangeLiteral.name, () => {
  it.each<[EffectiveRange, string]>([
    [range('2025-03-24', '2025-08-31'), '[2025-03-24,2025-09-01)'],
    [range('2025-03-24', null), '[2025-03-24,)'],
    [range('2025-03-24', '2025-03-24'), '[2025-03-24,2025-03-25)'],
    [range('2024-02-01', '2024-02-29'), '[2024-02-01,2024-03-01)'],
    [range('2024-12-01', '2024-12-31'), '[2024-12-01,2025-01-01)'],
    [range('0001-01-01', '9999-12-31'), '[0001-01-01,10000-01-01)'],
  ])('writes %j as %s, the exclusive upper bound being the day after the last day in force', (r, literal) => {
    expect(toDateRangeLiteral(r)).toBe(literal);
  });

  it('refuses an invalid range rather than writing an empty one', () => {
    expect(() => toDateRangeLiteral(range('2025-09-01', '2025-08-31'))).toThrow(InvalidEffectiveRangeError);
  });
});

describe(fromDateRangeLiteral.name, () => {
  it.each<[string, EffectiveRange]>([
    ['[2025-03-24,2025-09-01)', range('2025-03-24', '2025-08-31')],
    ['[2025-03-24,)', range('2025-03-24', null)],
    ['[2025-03-24,2025-03-25)', range('2025-03-24', '2025-03-24')],
    ['[2024-02-01,2024-03-01)', range('2024-02-01', '2024-02-29')],
    ['[2025-01-01,2025-03-01)', range('2025-01-01', '2025-02-28')],
    ['[0001-01-01,10000-01-01)', range('0001-01-01', '9999-12-31')],
    ['[2025-03-24,2025-08-31]', range('2025-03-24', '2025-08-31')],
    ['(2025-03-23,2025-09-01)', range('2025-03-24', '2025-08-31')],
    ['(2025-03-23,]', range('2025-03-24', null)],
  ])('reads %s', (literal, expected) => {
    expect(fromDateRangeLiteral(literal)).toEqual(expected);
  });

  it.each([
    ['an empty range', 'empty'],
    ['an unbounded lower end', '(,2025-09-01)'],
    ['an entirely unbounded range', '(,)'],
    ['a range ending where it starts', '[2025-03-24,2025-03-24)'],
    ['a range ending before it starts', '[2025-09-01,2025-03-24)'],
    ['a day that does not exist', '[2025-02-30,)'],
    ['infinity', '[2025-03-24,infinity)'],
    ['a non-ISO DateStyle', '[03/24/2025,)'],
    ['a BC date', '[0001-01-01 BC,)'],
    ['a timestamp range', '["2025-03-24 00:00:00+09","2025-09-01 00:00:00+09")'],
    ['garbage', 'hello'],
    ['an empty string', ''],
    ['a bound past 9999', '[2025-03-24,10000-01-02)'],
    ['a start at the very end of time, exclusive', '(9999-12-31,)'],
    ['an exclusive end at the very start of time', '[0001-01-01,0001-01-01)'],
  ])('refuses %s (%s) with InvalidEffectiveRangeError', (_, literal) => {
    expect(() => fromDateRangeLiteral(literal)).toThrow(InvalidEffectiveRangeError);
  });

  it('round-trips every range it writes', () => {
    const ranges = [
      range('2025-03-24', '2025-08-31'),
      range('2025-03-24', null),
      range('2024-02-29', '2024-02-29'),
      range('9999-12-31', '9999-12-31'),
      range('9999-12-31', null),
      range('0001-01-01', '0001-01-01'),
    ];
    for (const r of ranges) expect(fromDateRangeLiteral(toDateRangeLiteral(r))).toEqual(r);
  });
});
