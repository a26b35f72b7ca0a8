import { LocalDate } from '@js-joda/core';

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

// The regex pins the exact shape (4-digit year, 2-digit month and day, nothing around it); js-joda then checks the day
// exists. LocalDate.of is as strict as parsing with ISO_LOCAL_DATE and several times faster, which the painter feels.
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
  return toLocalDate(d).toEpochDay();
}

function toLocalDate(input: unknown): LocalDate {
  const [year, month, day] = dateParts(input);
  return LocalDate.of(year, month, day);
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
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export const FIRST_EPOCH_DAY = toEpochDay('0001-01-01' as CalendarDate);
export const LAST_EPOCH_DAY = toEpochDay('9999-12-31' as CalendarDate);

export function fromEpochDay(day: number): CalendarDate {
  if (day < FIRST_EPOCH_DAY || day > LAST_EPOCH_DAY) {
    throw new RangeError(`Date out of range 0001-01-01..9999-12-31 (epoch day ${day})`);
  }
  return LocalDate.ofEpochDay(day).toString() as CalendarDate;
}

function describeInput(input: unknown): string {
  if (typeof input === 'string') return JSON.stringify(input);
  if (input === null) return 'null';
  if (typeof input === 'object') return Object.prototype.toString.call(input);
  return `${typeof input} ${String(input)}`;
}
