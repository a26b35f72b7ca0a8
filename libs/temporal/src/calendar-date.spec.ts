import { LocalDate } from '@js-joda/core';
import {
  type CalendarDate,
  InvalidCalendarDateError,
  addDays,
  compareDates,
  daysBetween,
  fromEpochDay,
  isCalendarDate,
  maxDate,
  minDate,
  parseCalendarDate,
  toEpochDay,
} from './calendar-date';

const d = (s: string): CalendarDate => parseCalendarDate(s);

describe(parseCalendarDate.name, () => {
  it.each(['2025-03-24', '2025-09-01', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2025-12-31'])(
    'accepts %s and returns it unchanged',
    (input) => {
      expect(parseCalendarDate(input)).toBe(input);
    },
  );

  it.each<[string, unknown]>([
    ['a day that does not exist', '2025-02-30'],
    ['29 February outside a leap year', '2025-02-29'],
    ['29 February in a century year that is not a leap year', '1900-02-29'],
    ['31 April', '2025-04-31'],
    ['month 13', '2025-13-01'],
    ['month 00', '2025-00-10'],
    ['day 00', '2025-01-00'],
    ['unpadded month and day', '2025-9-1'],
    ['an empty string', ''],
    ['leading whitespace', ' 2025-09-01'],
    ['trailing whitespace', '2025-09-01 '],
    ['a trailing newline', '2025-09-01\n'],
    ['a time part', '2025-09-01T00:00'],
    ['an instant', '2025-09-01T00:00:00Z'],
    ['slashes', '2025/09/01'],
    ['a compact form', '20250901'],
    ['year 0000', '0000-01-01'],
    ['a five-digit year', '10000-01-01'],
    ['an expanded year', '+2025-09-01'],
    ['a negative year', '-0001-01-01'],
    ['full-width digits', '２０２５-０９-０１'],
    ['a Date object', new Date('2025-09-01T00:00:00Z')],
    ['a number', 20250901],
    ['null', null],
    ['undefined', undefined],
    ['an object with toString', { toString: () => '2025-09-01' }],
  ])('rejects %s', (_, input) => {
    expect(() => parseCalendarDate(input)).toThrow(InvalidCalendarDateError);
  });

  it('keeps the rejected input on the error', () => {
    const error = captureError(() => parseCalendarDate('2025-02-30'));
    expect(error).toBeInstanceOf(InvalidCalendarDateError);
    expect(error).toMatchObject({
      input: '2025-02-30',
      code: 'INVALID_CALENDAR_DATE',
      name: 'InvalidCalendarDateError',
    });
    expect((error as Error).message).toContain('2025-02-30');
  });
});

describe('the calendar it checks against', () => {
  it("agrees with js-joda's ISO calendar on the ends of February of every year 0001–9999, and on every month's end around 1600, 2000 and 9999", () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const disagreements: string[] = [];
    const everyMonth = (year: number) => year <= 4 || (year >= 1596 && year <= 1604) || (year >= 1896 && year <= 2104) || year >= 9996;
    for (let year = 1; year <= 9999; year++) {
      for (let month = 0; month <= 13; month++) {
        if (month !== 2 && !everyMonth(year)) continue;
        for (const day of month === 2 && !everyMonth(year) ? [28, 29, 30] : [0, 1, 28, 29, 30, 31, 32]) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          let joda: boolean;
          try {
            joda = LocalDate.of(year, month, day).toString() === text;
          } catch {
            joda = false;
          }
          if (isCalendarDate(text) !== joda) disagreements.push(text);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe(isCalendarDate.name, () => {
  it('is true for a strict date and false for anything else', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate(undefined)).toBe(false);
    expect(isCalendarDate(new Date())).toBe(false);
  });
});

describe(addDays.name, () => {
  it.each([
    ['2025-03-23', 1, '2025-03-24'],
    ['2025-08-31', 1, '2025-09-01'],
    ['2025-09-01', -1, '2025-08-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-03-24', 0, '2025-03-24'],
    ['2025-01-01', 365, '2026-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['9999-12-30', 1, '9999-12-31'],
    ['0001-01-02', -1, '0001-01-01'],
  ])('%s plus %i days is %s', (from, n, expected) => {
    expect(addDays(d(from), n)).toBe(expected);
  });

  it('agrees with js-joda on every day of a leap year and a common year, around the years’ ends, moved by −40 to 40 days', () => {
    const starts = [LocalDate.parse('2023-12-01'), LocalDate.parse('2024-01-01'), LocalDate.parse('2025-01-01'), LocalDate.parse('0001-01-01'), LocalDate.parse('9999-11-01')];
    let checked = 0;
    for (const start of starts) {
      for (let offset = 0; offset < 400; offset++) {
        const day = start.plusDays(offset);
        if (day.year() > 9999) break;
        for (let n = -40; n <= 40; n++) {
          const expected = day.plusDays(n);
          if (expected.year() < 1 || expected.year() > 9999) continue;
          expect(addDays(d(day.toString()), n)).toBe(expected.toString());
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100_000);
  });

  it('refuses to leave years 0001–9999', () => {
    expect(() => addDays(d('9999-12-31'), 1)).toThrow(RangeError);
    expect(() => addDays(d('0001-01-01'), -1)).toThrow(RangeError);
  });

  it('refuses fractional or non-finite day counts', () => {
    expect(() => addDays(d('2025-03-24'), 0.5)).toThrow(RangeError);
    expect(() => addDays(d('2025-03-24'), Number.NaN)).toThrow(RangeError);
    expect(() => addDays(d('2025-03-24'), Infinity)).toThrow(RangeError);
  });
});

describe(compareDates.name, () => {
  it('orders dates by day, and sorting with it matches plain string order', () => {
    expect(compareDates(d('2025-03-23'), d('2025-03-24'))).toBe(-1);
    expect(compareDates(d('2025-03-24'), d('2025-03-24'))).toBe(0);
    expect(compareDates(d('2025-09-01'), d('2025-08-31'))).toBe(1);
    const dates = ['2025-09-01', '0999-12-31', '2024-02-29', '9999-12-31', '2025-08-31'].map(d);
    expect([...dates].sort(compareDates)).toEqual([...dates].sort());
  });
});

describe(minDate.name, () => {
  it('returns the earliest of its arguments', () => {
    expect(minDate(d('2025-09-01'), d('2025-03-24'), d('2025-08-31'))).toBe('2025-03-24');
    expect(minDate(d('2025-09-01'))).toBe('2025-09-01');
  });
});

describe(maxDate.name, () => {
  it('returns the latest of its arguments', () => {
    expect(maxDate(d('2025-03-24'), d('2025-09-01'), d('2025-08-31'))).toBe('2025-09-01');
  });
});

describe(daysBetween.name, () => {
  it.each([
    ['2025-03-23', '2025-03-24', 1],
    ['2025-09-01', '2025-08-31', -1],
    ['2025-03-24', '2025-03-24', 0],
    ['2024-02-28', '2024-03-01', 2],
    ['2025-02-28', '2025-03-01', 1],
    ['0001-01-01', '9999-12-31', 3652058],
  ])('from %s to %s is %i days', (a, b, expected) => {
    expect(daysBetween(d(a), d(b))).toBe(expected);
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

// The day counts are integer arithmetic (no date library at run time); they must be js-joda's wherever a date can be.
describe('epoch days', () => {
  const first = LocalDate.of(1, 1, 1).toEpochDay();
  const last = LocalDate.of(9999, 12, 31).toEpochDay();
  // Every 37th day of the whole range (37 is prime to the week, the months and the 400-year cycle, so every day of the
  // month, month and kind of year is met), the last day, and every day from 1900 to 2100, where the rules' dates are.
  const from1900 = LocalDate.of(1900, 1, 1).toEpochDay();
  const days = [
    ...Array.from({ length: Math.floor((last - first) / 37) + 1 }, (_, i) => first + i * 37),
    last,
    ...Array.from({ length: LocalDate.of(2100, 12, 31).toEpochDay() - from1900 + 1 }, (_, i) => from1900 + i),
  ];

  it('writes every day from 0001-01-01 to 9999-12-31 as js-joda does, and counts it back to the same epoch day', () => {
    const wrong: string[] = [];
    for (const day of days) {
      const text = fromEpochDay(day);
      if (text !== LocalDate.ofEpochDay(day).toString() || toEpochDay(text) !== day) wrong.push(`${day}: ${text}`);
      if (wrong.length > 5) break;
    }
    expect(wrong).toEqual([]);
    expect(days.length).toBeGreaterThan(170_000);
  });

  it('counts the calendar’s edges like js-joda: leap days, century years, the epoch, the first and last days', () => {
    for (const text of ['1970-01-01', '1969-12-31', '2000-02-29', '1900-03-01', '2100-02-28', '2024-02-29', '0001-01-01', '9999-12-31']) {
      expect(toEpochDay(d(text))).toBe(LocalDate.parse(text).toEpochDay());
    }
  });

  it('refuses days outside 0001-01-01..9999-12-31 and strings that are not a day', () => {
    expect(() => fromEpochDay(first - 1)).toThrow(RangeError);
    expect(() => fromEpochDay(last + 1)).toThrow(RangeError);
    expect(() => fromEpochDay(0.5)).toThrow(RangeError);
    expect(() => toEpochDay('2025-02-29' as CalendarDate)).toThrow(InvalidCalendarDateError);
    expect(() => toEpochDay('2025-2-28' as CalendarDate)).toThrow(InvalidCalendarDateError);
  });
});
