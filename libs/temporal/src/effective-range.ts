import { type CalendarDate, addDays, isCalendarDate, parseCalendarDate } from './calendar-date';

/** The days a version is in force: effectiveThrough is the last day in force (inclusive); null means open-ended. */
export interface EffectiveRange {
  effectiveFrom: CalendarDate;
  effectiveThrough: CalendarDate | null;
}

/** Thrown for a range that ends before it starts, holds a non-date, or a daterange literal we cannot read. */
export class InvalidEffectiveRangeError extends Error {
  readonly code = 'INVALID_EFFECTIVE_RANGE';
  readonly input: unknown;

  constructor(input: unknown, message: string) {
    super(message);
    this.name = 'InvalidEffectiveRangeError';
    this.input = input;
  }
}

export function assertValidRange(r: EffectiveRange): void {
  // Checked at run time too, because ranges arrive from GraphQL inputs and database rows typed only by a cast.
  if (!isCalendarDate(r.effectiveFrom)) {
    throw new InvalidEffectiveRangeError(r, `effectiveFrom is not a calendar date: ${String(r.effectiveFrom)}`);
  }
  if (r.effectiveThrough !== null && !isCalendarDate(r.effectiveThrough)) {
    throw new InvalidEffectiveRangeError(r, `effectiveThrough is not a calendar date: ${String(r.effectiveThrough)}`);
  }
  if (r.effectiveThrough !== null && r.effectiveThrough < r.effectiveFrom) {
    throw new InvalidEffectiveRangeError(
      r,
      `effectiveThrough ${r.effectiveThrough} is before effectiveFrom ${r.effectiveFrom}`,
    );
  }
}

export function rangeCovers(r: EffectiveRange, day: CalendarDate): boolean {
  return r.effectiveFrom <= day && (r.effectiveThrough === null || day <= r.effectiveThrough);
}

export function rangesOverlap(a: EffectiveRange, b: EffectiveRange): boolean {
  return (
    (b.effectiveThrough === null || a.effectiveFrom <= b.effectiveThrough) &&
    (a.effectiveThrough === null || b.effectiveFrom <= a.effectiveThrough)
  );
}

// PostgreSQL's date type reaches far beyond 9999, so the exclusive bound after 9999-12-31 is written as a 5-digit year.
const LAST_DAY = '9999-12-31';
const DAY_AFTER_LAST = '10000-01-01';

/** The PostgreSQL daterange literal '[from,through+1)', or '[from,)' when open-ended. */
export function toDateRangeLiteral(r: EffectiveRange): string {
  assertValidRange(r);
  if (r.effectiveThrough === null) return `[${r.effectiveFrom},)`;
  const upper = r.effectiveThrough === LAST_DAY ? DAY_AFTER_LAST : addDays(r.effectiveThrough, 1);
  return `[${r.effectiveFrom},${upper})`;
}

// PostgreSQL prints a discrete range canonically as [lower,upper), but '(' and ']' are accepted for hand-written input.
// Dates must be in ISO form, which PostgreSQL prints under its default DateStyle (ISO, ...).
const LITERAL = /^([[(])(\d{4}-\d{2}-\d{2})?,(\d{4,5}-\d{2}-\d{2})?([)\]])$/;

/** Reads a daterange as PostgreSQL returns it ('[2025-03-24,2025-09-01)', '[2025-03-24,)') into an EffectiveRange. */
export function fromDateRangeLiteral(s: string): EffectiveRange {
  const fail = (why: string): never => {
    throw new InvalidEffectiveRangeError(s, `Not a daterange literal we can read (${why}): ${JSON.stringify(s)}`);
  };
  if (typeof s !== 'string') return fail('not a string');
  const match = LITERAL.exec(s.trim());
  if (!match) {
    return fail(s.trim() === 'empty' ? 'an empty range is never in force' : 'expected [YYYY-MM-DD,YYYY-MM-DD)');
  }
  const [, lowerBracket, lowerText, upperText, upperBracket] = match;
  if (lowerText === undefined) return fail('no lower bound, but effectiveFrom is required');

  const bound = (text: string, shift: number): CalendarDate => {
    try {
      if (text === DAY_AFTER_LAST && shift === -1) return LAST_DAY as CalendarDate;
      return addDays(parseCalendarDate(text), shift);
    } catch {
      return fail(`bound ${text} is out of range or not a date`);
    }
  };
  const range: EffectiveRange = {
    effectiveFrom: bound(lowerText, lowerBracket === '(' ? 1 : 0),
    effectiveThrough: upperText === undefined ? null : bound(upperText, upperBracket === ']' ? 0 : -1),
  };
  assertValidRange(range);
  return range;
}
