import { warekiOf } from '../common/dates';

/** '令和7年3月24日'; the ISO date as is when it cannot be read. */
function wareki(date: string | null | undefined): string {
  return date ? (warekiOf(date) ?? date) : '';
}

/**
 * An effective range in words: '令和7年3月24日から' or '令和7年3月24日から令和8年3月31日まで' in Japanese, 'from 2025-03-24'
 * or '2025-03-24 to 2026-03-31' in English.
 */
export function effectiveRangeText(from: string | null | undefined, through: string | null | undefined, locale = 'ja'): string {
  if (!from) return '';
  if (locale === 'en') return through ? `${from} to ${through}` : `from ${from}`;
  return through ? `${wareki(from)}から${wareki(through)}まで` : `${wareki(from)}から`;
}

/** An instant as Tokyo wall time, '2025/03/24 09:00:00': the one formatter the screens share. */
export { formatInstant as tokyoDateTime } from '../common/dates';

/** A JSON value for a table cell: strings as they are, everything else as pretty JSON. */
export function jsonText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}
