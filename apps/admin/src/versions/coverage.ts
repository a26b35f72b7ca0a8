import { compareDates, isCalendarDate, type CalendarDate } from '@policy-cms/temporal';
import { fill, versionTexts } from '../i18n/messages-versions';
import type { TimelineSegment } from './hooks';

export interface Coverage {
  segment: TimelineSegment;
  /** First and last day of the segment this version would cover; through null = open-ended. */
  from: string;
  through: string | null;
}

/** Later of two dates. */
const later = (a: string, b: string) => (compareDates(a as CalendarDate, b as CalendarDate) >= 0 ? a : b);
/** Earlier of two inclusive ends, null meaning open-ended. */
const earlierEnd = (a: string | null, b: string | null) =>
  a === null ? b : b === null ? a : compareDates(a as CalendarDate, b as CalendarDate) <= 0 ? a : b;

/**
 * The days of the current timeline that a version in force on [from, through] would cover once published (painter's
 * order: the later publication wins where they overlap). Pure string arithmetic on 'YYYY-MM-DD', no JS Date.
 * Returns null when the range is not (yet) valid.
 */
export function coveredSegments(segments: readonly TimelineSegment[], from: unknown, through: unknown): Coverage[] | null {
  if (!isCalendarDate(from)) return null;
  const end = through === null || through === undefined || through === '' ? null : through;
  if (end !== null && (!isCalendarDate(end) || compareDates(end, from) < 0)) return null;
  const result: Coverage[] = [];
  for (const segment of segments) {
    const overlapFrom = later(from, segment.effectiveFrom);
    const overlapThrough = earlierEnd(end as string | null, segment.effectiveThrough);
    if (overlapThrough === null || compareDates(overlapFrom as CalendarDate, overlapThrough as CalendarDate) <= 0) {
      result.push({ segment, from: overlapFrom, through: overlapThrough });
    }
  }
  return result;
}

/** 「この版は第2版(2025-03-24〜2025-08-31)のうち 2025-06-01〜2025-08-31 を上書きします」, in the language of `T`. */
export function coverageSentence(c: Coverage, T: typeof versionTexts = versionTexts): string {
  const range = (from: string, through: string | null) => `${from}〜${through ?? T.dates.openEnded}`;
  return fill(T.form.coverage, {
    number: c.segment.number,
    segment: range(c.segment.effectiveFrom, c.segment.effectiveThrough),
    overlap: range(c.from, c.through),
  });
}
