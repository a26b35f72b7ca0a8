import { type CalendarDate, parseCalendarDate } from './calendar-date';

// Japan adopted the Gregorian calendar on 明治6年1月1日; before it ICU would print Gregorian (or Julian) days under
// era names, which no Japanese reader would recognise, so we refuse instead of printing a wrong date.
const FIRST_GREGORIAN_DAY_IN_JAPAN = '1873-01-01';

const wareki = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  timeZone: 'UTC',
  era: 'long',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  numberingSystem: 'latn',
});

/** The date in the Japanese era calendar, e.g. '令和7年3月24日', with 元年 for the first year of an era. */
export function formatWareki(d: CalendarDate): string {
  const date = parseCalendarDate(d);
  if (date < FIRST_GREGORIAN_DAY_IN_JAPAN) {
    throw new RangeError(`formatWareki supports dates from ${FIRST_GREGORIAN_DAY_IN_JAPAN}, got ${date}`);
  }
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // Noon UTC, formatted in UTC, names the same day whatever zone the process runs in.
  const parts = wareki.formatToParts(new Date(Date.UTC(year, month - 1, day, 12)));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const eraYear = part('year');
  // Some ICU versions already print 元 themselves; normalise both spellings of the first year.
  const yearText = eraYear === '1' || eraYear === '元' ? '元' : eraYear;
  return `${part('era')}${yearText}年${part('month')}月${part('day')}日`;
}
