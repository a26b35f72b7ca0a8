import { type CalendarDate, isCalendarDate } from './calendar-date';
import { formatWareki } from './wareki';

/** What a person typed as a date, read: the day (null when empty), or why it cannot be one. */
export type TypedDate = { ok: true; date: CalendarDate | null } | { ok: false; reason: 'DATE_FORMAT' | 'NO_SUCH_DAY' | 'DATE_NOT_IN_ERA' };

// The eras a date typed today can name, with the initials forms and registers use (R7.3.24, H31/4/30).
const ERAS: Record<string, string> = { 明治: '明治', M: '明治', 大正: '大正', T: '大正', 昭和: '昭和', S: '昭和', 平成: '平成', H: '平成', 令和: '令和', R: '令和' };
const ERA_FIRST_YEAR: Record<string, number> = { 明治: 1868, 大正: 1912, 昭和: 1926, 平成: 1989, 令和: 2019 };

const GREGORIAN = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const ERA_DATE = /^(明治|大正|昭和|平成|令和|[MTSHR])(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Reads a date the ways people in a Japanese office write one: 2025-03-24, 2025/3/24, 2025.3.24, 20250324,
 * 2025年3月24日, 令和7年3月24日, 令和元年5月1日, R7.3.24, in full-width characters too (what an IME types). A day that
 * is not in the calendar (2025/2/30) or not in the era it names (平成31年5月1日: 令和 began on that day) is refused,
 * never rolled over into another day; so are a year before 1873 (Japan's first Gregorian year: 0027/4/1 is a slip)
 * and anything else. A weekday after the date (令和9年4月1日(木)) is read past, not checked.
 */
export function readTypedDate(text: string): TypedDate {
  const typed = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[ー−‐–—]/g, '-')
    .toUpperCase()
    // A weekday after the date, as notices write it: 令和9年4月1日(木), 2027/4/1(木曜日).
    .replace(/\((?:[日月火水木金土](?:曜日?)?)\)$/, '');
  if (typed === '') return { ok: true, date: null };
  const gregorian = GREGORIAN.exec(typed) ?? COMPACT.exec(typed);
  // A year before Japan took the Gregorian calendar (1873) is a slip of the keyboard (0027/4/1), not a date to keep.
  if (gregorian) return Number(gregorian[1]) < 1873 ? { ok: false, reason: 'NO_SUCH_DAY' } : day(Number(gregorian[1]), Number(gregorian[2]), Number(gregorian[3]));
  const era = ERA_DATE.exec(typed);
  if (!era) return { ok: false, reason: 'DATE_FORMAT' };
  const name = ERAS[era[1]];
  const eraYear = era[2] === '元' ? 1 : Number(era[2]);
  if (eraYear < 1) return { ok: false, reason: 'NO_SUCH_DAY' };
  const read = day(ERA_FIRST_YEAR[name] + eraYear - 1, Number(era[3]), Number(era[4]));
  if (!read.ok || read.date === null) return read;
  // The day exists; it must also fall within the era the text names (formatWareki names the era of that day).
  try {
    return formatWareki(read.date).startsWith(name) ? read : { ok: false, reason: 'DATE_NOT_IN_ERA' };
  } catch {
    return { ok: false, reason: 'DATE_NOT_IN_ERA' };
  }
}

function day(year: number, month: number, dayOfMonth: number): TypedDate {
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(dayOfMonth, 2)}`;
  return isCalendarDate(date) ? { ok: true, date } : { ok: false, reason: 'NO_SUCH_DAY' };
}
