import { addDays, compareDates, type CalendarDate } from '@policy-cms/temporal';

/** The part of a timeline this needs: which version holds which days (through null = open-ended). */
export interface HeldRange {
  /** The version's id. */
  id: string;
  number: number;
  effectiveFrom: CalendarDate;
  effectiveThrough: CalendarDate | null;
}

export interface NextChange {
  /** The first day of the new rule (a TOOK_EFFECT day). */
  day: CalendarDate;
  /** What is in force from that day: a version, or nothing. */
  version: { id: string; number: number } | null;
}

const holderOn = (segments: readonly HeldRange[], day: CalendarDate): HeldRange | null =>
  segments.find((s) => compareDates(s.effectiveFrom, day) <= 0 && (s.effectiveThrough === null || compareDates(day, s.effectiveThrough) <= 0)) ?? null;

/**
 * The first Tokyo day after `today` on which the rule in force differs from the day before's, as the change feed's
 * TOOK_EFFECT would announce it: a segment beginning (unless the same version held the day before) or a segment ending
 * with nothing after it. Only days where a segment starts or the day after one ends can be such a day. Null: none.
 */
export function nextChangeDay(segments: readonly HeldRange[], today: CalendarDate): NextChange | null {
  const candidates = new Set<CalendarDate>();
  for (const segment of segments) {
    candidates.add(segment.effectiveFrom);
    if (segment.effectiveThrough !== null) candidates.add(addDays(segment.effectiveThrough, 1));
  }
  const later = [...candidates].filter((day) => compareDates(day, today) > 0).sort(compareDates);
  for (const day of later) {
    const now = holderOn(segments, day);
    const before = holderOn(segments, addDays(day, -1));
    if ((now?.id ?? null) !== (before?.id ?? null)) return { day, version: now ? { id: now.id, number: now.number } : null };
  }
  return null;
}
