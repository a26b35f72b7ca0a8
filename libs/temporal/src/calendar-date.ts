/**
 * A day in Japan's calendar as a 'YYYY-MM-DD' string (years 0001–9999).
 * Branded so that only parsed values pass as dates, while it still sorts lexicographically and serialises as itself.
 */
export type CalendarDate = string & { readonly __calendarDate: unique symbol };

/** Thrown when a value is not a strict 'YYYY-MM-DD' calendar date. */
export class InvalidCalendarDateError extends Error {
  readonly code = 'INVALID_CALENDAR_DATE';
  readonly input: unknown;

  constructor(input: unknown, reason?: string) {
    super(`Not a calendar date (YYYY-MM-DD, years 0001–9999): ${describeInput(input)}${reason ? ` (${reason})` : ''}`);
    this.name = 'InvalidCalendarDateError';
    this.input = input;
  }
}

// The regex pins the exact shape (4-digit year, 2-digit month and day, nothing around it); dateParts then checks that
// the day exists. Days are counted by integer arithmetic (epochDayOf, dateOfEpochDay), checked against js-joda over
// the whole range in calendar-date.spec.ts: no date library at run time, in the API or in the admin's bundle.
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseCalendarDate(input: unknown): CalendarDate {
  dateParts(input);
  return input as CalendarDate;
}

export function isCalendarDate(x: unknown): x is CalendarDate {
  try {
    parseCalendarDate(x);
    return true;
  } catch {
    return false;
  }
}

/** The date n days after d (n may be negative); throws RangeError when the result leaves years 0001–9999. */
export function addDays(d: CalendarDate, n: number): CalendarDate {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  }
  // Within the month (most moves: a range's last day is the day before its exclusive end) by arithmetic on the
  // string; every date read from the database passes here.
  const [year, month, day] = dateParts(d);
  const moved = day + n;
  if (moved >= 1 && moved <= daysInMonth(year, month)) return `${d.slice(0, 8)}${moved < 10 ? '0' : ''}${moved}` as CalendarDate;
  return fromEpochDay(toEpochDay(d) + n);
}

export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(first: CalendarDate, ...rest: CalendarDate[]): CalendarDate {
  return rest.reduce((min, d) => (d < min ? d : min), first);
}

export function maxDate(first: CalendarDate, ...rest: CalendarDate[]): CalendarDate {
  return rest.reduce((max, d) => (d > max ? d : max), first);
}

/** Signed number of days from a to b: daysBetween('2025-03-23', '2025-03-24') === 1. */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** Days since 1970-01-01; internal to the lib, used where ranges need integer arithmetic. */
export function toEpochDay(d: CalendarDate): number {
  const epochDay = epochDayOf(d);
  if (epochDay === undefined) dateParts(d); // throws, saying what is wrong
  return epochDay!;
}

/**
 * The year, month and day of a strict 'YYYY-MM-DD' that names a day of the proleptic Gregorian calendar (ISO 8601, as
 * js-joda and PostgreSQL count): 2025-02-30 and 2025-02-29 are refused, not clamped. Plain arithmetic, no allocation
 * of a date object: every date read from the database passes here.
 */
function dateParts(input: unknown): [number, number, number] {
  const match = typeof input === 'string' ? SHAPE.exec(input) : null;
  if (match === null) {
    throw new InvalidCalendarDateError(input);
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year === 0) {
    throw new InvalidCalendarDateError(input, 'year 0000 is out of range');
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidCalendarDateError(input, 'no such day');
  }
  return [year, month, day];
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}


export function fromEpochDay(day: number): CalendarDate {
  return dateOfEpochDay(day);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ZERO = 48; // '0'
const DASH = 45; // '-'
/** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
const EPOCH_SHIFT = 719_468;
const DAYS_PER_400_YEARS = 146_097;

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/**
 * Days since 1970-01-01 of a valid 'YYYY-MM-DD' (years 0001–9999), or undefined for anything else (Howard Hinnant's
 * days_from_civil). Internal to the lib.
 */
export function epochDayOf(date: unknown): number | undefined {
  if (typeof date !== 'string' || date.length !== 10) return undefined;
  if (date.charCodeAt(4) !== DASH || date.charCodeAt(7) !== DASH) return undefined;
  const year = digitsAt(date, 0, 4);
  const month = digitsAt(date, 5, 7);
  const day = digitsAt(date, 8, 10);
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  // Years counted from March, so that the leap day ends a year: era of 400 years, then the day within the era.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_400_YEARS + dayOfEra - EPOCH_SHIFT;
}

/** The digits of text[start, end) as a number, or -1 if any is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** The 'YYYY-MM-DD' of an epoch day in years 0001–9999 (the inverse of epochDayOf; civil_from_days). Internal to the lib. */
export function dateOfEpochDay(epochDay: number): CalendarDate {
  if (!Number.isInteger(epochDay) || epochDay < FIRST_EPOCH_DAY || epochDay > LAST_EPOCH_DAY) {
    throw new RangeError(`Date out of range 0001-01-01..9999-12-31 (epoch day ${epochDay})`);
  }
  const shifted = epochDay + EPOCH_SHIFT;
  const era = Math.floor(shifted / DAYS_PER_400_YEARS);
  const dayOfEra = shifted - era * DAYS_PER_400_YEARS;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const digits = (value: number, width: number) => String(value).padStart(width, '0');
  return `${digits(year, 4)}-${digits(month, 2)}-${digits(day, 2)}` as CalendarDate;
}

export const FIRST_EPOCH_DAY = epochDayOf('0001-01-01')!;
export const LAST_EPOCH_DAY = epochDayOf('9999-12-31')!;

function describeInput(input: unknown): string {
  if (typeof input === 'string') return JSON.stringify(input);
  if (input === null) return 'null';
  if (typeof input === 'object') return Object.prototype.toString.call(input);
  return `${typeof input} ${String(input)}`;
}
