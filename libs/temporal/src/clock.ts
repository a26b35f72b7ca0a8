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
  const instant = clock.now();
  const ms = instant.getTime();
  // Japan has kept UTC+9 without summer time since 1952: from 1970 on, the Tokyo day changes exactly when the instant
  // + 9 h crosses a UTC midnight. The day of the last bucket asked is remembered (every request asks it); the day
  // itself always comes from Intl's time-zone data.
  if (ms >= 0) {
    const bucket = Math.floor((ms + TOKYO_OFFSET_MS) / DAY_MS);
    if (bucket !== lastDay.bucket) lastDay = { bucket, day: tokyoDayOf(instant) };
    return lastDay.day;
  }
  return tokyoDayOf(instant);
}

const TOKYO_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;
let lastDay: { bucket: number; day: CalendarDate } = { bucket: Number.NaN, day: '' as CalendarDate };

function tokyoDayOf(instant: Date): CalendarDate {
  const parts = tokyoDay.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return parseCalendarDate(`${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`);
}
