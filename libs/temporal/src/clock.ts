import { type CalendarDate, parseCalendarDate } from './calendar-date';

/** The source of "now", injected so that tests and the audit promise (knownAt) never depend on the wall clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// A string instant must carry Z or an offset, because JavaScript would otherwise read it in the process's time zone.
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** A clock stopped at one instant; each call returns a fresh Date so a caller mutating it cannot move the clock. */
export function fixedClock(instant: Date | string): Clock {
  if (typeof instant === 'string' && !INSTANT_WITH_OFFSET.test(instant)) {
    throw new RangeError(`fixedClock needs an ISO instant with Z or an offset, got ${JSON.stringify(instant)}`);
  }
  const millis = new Date(instant).getTime();
  if (Number.isNaN(millis)) {
    throw new RangeError(`fixedClock got an invalid instant: ${String(instant)}`);
  }
  return { now: () => new Date(millis) };
}

// Built once: constructing a DateTimeFormat is costly, and the explicit timeZone makes it immune to process.env.TZ.
const tokyoDay = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  calendar: 'gregory',
  numberingSystem: 'latn',
});

/** Today's date in Asia/Tokyo, whatever time zone the process or the server runs in. */
export function todayInTokyo(clock: Clock = systemClock): CalendarDate {
  const parts = tokyoDay.formatToParts(clock.now());
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return parseCalendarDate(`${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`);
}
