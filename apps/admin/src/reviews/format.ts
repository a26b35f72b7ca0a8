import { formatWareki, parseCalendarDate } from '@policy-cms/temporal';

/** '令和7年3月24日 (2025-03-24)'; the ISO date as is when it cannot be read. */
export function warekiWithIso(date: string | null | undefined): string {
  if (!date) return '';
  try {
    return `${formatWareki(parseCalendarDate(date))} (${date})`;
  } catch {
    return date;
  }
}

/** '令和7年3月24日'; the ISO date as is when it cannot be read. */
export function wareki(date: string | null | undefined): string {
  if (!date) return '';
  try {
    return formatWareki(parseCalendarDate(date));
  } catch {
    return date;
  }
}

/** An effective range in Japanese: '令和7年3月24日から' or '令和7年3月24日から令和8年3月31日まで'. */
export function effectiveRangeText(from: string | null | undefined, through: string | null | undefined): string {
  if (!from) return '';
  return through ? `${wareki(from)}から${wareki(through)}まで` : `${wareki(from)}から`;
}

const tokyoInstant = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An instant as Tokyo wall time, '2025/03/24 09:00:00'. */
export function tokyoDateTime(instant: string | null | undefined): string {
  if (!instant) return '';
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? String(instant) : tokyoInstant.format(date);
}

/** A JSON value for a table cell: strings as they are, everything else as pretty JSON. */
export function jsonText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}
