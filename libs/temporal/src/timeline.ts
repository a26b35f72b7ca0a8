import { type CalendarDate, LAST_EPOCH_DAY, fromEpochDay, toEpochDay } from './calendar-date';
import { type EffectiveRange, assertValidRange } from './effective-range';

/** A published, non-withdrawn version and the days it claims. */
export interface Publication<V extends string = string> extends EffectiveRange {
  versionId: V;
}

/** A maximal run of days on which one version is in force. */
export interface Segment<V extends string = string> extends EffectiveRange {
  versionId: V;
}

/** What changed between two timelines: the ledger closes `closed` rows and inserts `opened` ones. */
export interface TimelineDiff<V extends string = string> {
  closed: Segment<V>[];
  opened: Segment<V>[];
}

// Days are painted as integers (epoch days) so cutting and merging is arithmetic; Infinity stands for open-ended.
interface Span<V extends string> {
  versionId: V;
  from: number;
  through: number;
}

/**
 * The current segments of a policy from its published, non-withdrawn versions in publication order: a later one covers
 * an earlier one where they overlap (painter's order).
 *
 * Returns segments sorted by effectiveFrom, non-overlapping and maximal; days with nothing in force have no segment.
 * Works on range ends only (O(n²) worst case for n publications), never day by day, since open ranges are unbounded.
 */
export function paintTimeline<V extends string>(publications: readonly Publication<V>[]): Segment<V>[] {
  const canvas: Span<V>[] = [];
  for (const publication of publications) {
    assertValidRange(publication);
    const from = toEpochDay(publication.effectiveFrom);
    const through = publication.effectiveThrough === null ? Infinity : toEpochDay(publication.effectiveThrough);

    // The canvas is sorted and disjoint, so the spans this publication touches form one contiguous run.
    const first = firstIndexEndingOnOrAfter(canvas, from);
    let last = first;
    while (last < canvas.length && canvas[last].from <= through) last++;

    // Only the first and last touched spans can stick out of the new range; what sticks out stays visible.
    const replacement: Span<V>[] = [];
    if (first < last && canvas[first].from < from) {
      replacement.push({ ...canvas[first], through: from - 1 });
    }
    replacement.push({ versionId: publication.versionId, from, through });
    // An open-ended span cut after 9999-12-31 keeps no day we can name, so nothing of it remains.
    if (first < last && canvas[last - 1].through > through && through < LAST_EPOCH_DAY) {
      replacement.push({ ...canvas[last - 1], from: through + 1 });
    }
    canvas.splice(first, last - first, ...replacement);
  }
  return mergeTouching(canvas).map(toSegment);
}

/** The segment in force on `day`, found by binary search in a timeline from paintTimeline. */
export function segmentOn<V extends string>(
  timeline: readonly Segment<V>[],
  day: CalendarDate,
): Segment<V> | undefined {
  let low = 0;
  let high = timeline.length;
  // Find the first segment starting after `day`; the one before it is the only candidate.
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (timeline[mid].effectiveFrom <= day) low = mid + 1;
    else high = mid;
  }
  const candidate = timeline[low - 1];
  if (candidate === undefined) return undefined;
  return candidate.effectiveThrough === null || day <= candidate.effectiveThrough ? candidate : undefined;
}

/**
 * Segments of `before` that are not exactly (version, from, through) in `after` are closed; segments of `after` that
 * are not in `before` are opened. Unchanged segments appear in neither, so the ledger never rewrites them.
 */
export function diffTimelines<V extends string>(
  before: readonly Segment<V>[],
  after: readonly Segment<V>[],
): TimelineDiff<V> {
  const beforeKeys = new Set(before.map(segmentKey));
  const afterKeys = new Set(after.map(segmentKey));
  return {
    closed: before.filter((s) => !afterKeys.has(segmentKey(s))),
    opened: after.filter((s) => !beforeKeys.has(segmentKey(s))),
  };
}

function segmentKey(s: Segment): string {
  return `${s.versionId}\u0000${s.effectiveFrom}\u0000${s.effectiveThrough ?? ''}`;
}

function firstIndexEndingOnOrAfter<V extends string>(canvas: readonly Span<V>[], day: number): number {
  let low = 0;
  let high = canvas.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (canvas[mid].through < day) low = mid + 1;
    else high = mid;
  }
  return low;
}

// A version can be split and then rejoined (its interrupter withdrawn, or covered by itself again), so touching runs
// of one version are merged to keep each segment maximal.
function mergeTouching<V extends string>(spans: readonly Span<V>[]): Span<V>[] {
  const merged: Span<V>[] = [];
  for (const span of spans) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && previous.versionId === span.versionId && previous.through + 1 === span.from) {
      merged[merged.length - 1] = { ...previous, through: span.through };
    } else {
      merged.push(span);
    }
  }
  return merged;
}

function toSegment<V extends string>(span: Span<V>): Segment<V> {
  return {
    versionId: span.versionId,
    effectiveFrom: fromEpochDay(span.from),
    effectiveThrough: span.through === Infinity ? null : fromEpochDay(span.through),
  };
}
