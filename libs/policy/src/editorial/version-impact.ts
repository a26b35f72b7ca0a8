import { type CalendarDate, type Segment, addDays, compareDates, paintTimeline } from '@policy-cms/temporal';
import { type DiffEntry, diffValues } from '@policy-cms/workflow';

/** A version as the impact of a publish or a withdrawal reads it. */
export interface ImpactVersion {
  id: string;
  number: number;
  status: string;
  effectiveFrom: CalendarDate;
  effectiveThrough: CalendarDate | null;
  content: Record<string, unknown>;
  summary: string;
}

/** What publishing a draft (or withdrawing a published version) would do; never written anywhere. */
export type ImpactMode = 'PUBLISH' | 'WITHDRAW';

/** A run of days in one of the two timelines, with the version in force on them. */
export interface ImpactSegment extends Segment {
  number: number;
}

/** A run of days on which the version in force would change, and how its content would change. */
export interface ImpactChange<V extends ImpactVersion = ImpactVersion> {
  effectiveFrom: CalendarDate;
  effectiveThrough: CalendarDate | null;
  /** In force on these days now; null when nothing is. */
  before: V | null;
  /** In force on these days afterwards; null when nothing would be. */
  after: V | null;
  /** The version in force now had not yet taken effect on `today`: a scheduled version. */
  beforeScheduled: boolean;
  /** Same content before and after (as JSON values): the public answer on these days would not change. */
  sameContent: boolean;
  /** Content differences from `before` to `after`; empty when one of them is missing or they are the same. */
  entries: DiffEntry[];
}

export interface VersionImpact<V extends ImpactVersion = ImpactVersion> {
  mode: ImpactMode;
  /** The painted timeline as it is now and as it would be, on the same days. */
  before: ImpactSegment[];
  after: ImpactSegment[];
  changes: ImpactChange<V>[];
  /** On every day the content in force would stay as it is: publishing (or withdrawing) changes no public answer. */
  changesNothing: boolean;
  /** Scheduled versions whose content this one repeats on the days it would take from them. */
  repeatsScheduled: V[];
}

/**
 * The public timeline now and after `subject` is published (painted on top of every published version, as the
 * ledger would) or, for a published subject, withdrawn; with the content diff on each run of days whose version
 * changes. Pure: the same painter as the ledger, on versions the caller read.
 *
 * `published` are the policy's published versions in publication order (the subject among them when it is published).
 */
export function versionImpact<V extends ImpactVersion>(subject: V, published: readonly V[], today: CalendarDate): VersionImpact<V> {
  const mode: ImpactMode = subject.status === 'PUBLISHED' ? 'WITHDRAW' : 'PUBLISH';
  const versions = new Map([...published, subject].map((version) => [version.id, version]));
  // The painter only hands back the ids it was given, so every lookup finds its version.
  const versionOf = (id: string): V => versions.get(id) as V;
  const others = published.filter((version) => version.id !== subject.id);
  const paint = (list: readonly V[]) => paintTimeline(list.map((v) => ({ versionId: v.id, effectiveFrom: v.effectiveFrom, effectiveThrough: v.effectiveThrough })));
  const beforeTimeline = paint(mode === 'PUBLISH' ? others : published);
  const afterTimeline = paint(mode === 'PUBLISH' ? [...others, subject] : others);
  const changes: ImpactChange<V>[] = changedRuns(beforeTimeline, afterTimeline).map(({ effectiveFrom, effectiveThrough, beforeId, afterId }) => {
    const before = beforeId === null ? null : versionOf(beforeId);
    const after = afterId === null ? null : versionOf(afterId);
    const entries = before && after ? diffValues(before.content, after.content, 'content') : [];
    return {
      effectiveFrom,
      effectiveThrough,
      before,
      after,
      beforeScheduled: before !== null && compareDates(before.effectiveFrom, today) > 0,
      sameContent: before !== null && after !== null && entries.length === 0,
      entries,
    };
  });
  const repeated = new Map<string, V>();
  for (const change of changes) if (change.sameContent && change.beforeScheduled && change.before) repeated.set(change.before.id, change.before);
  const numbered = (segment: Segment): ImpactSegment => ({ ...segment, number: versionOf(segment.versionId).number });
  return {
    mode,
    before: beforeTimeline.map(numbered),
    after: afterTimeline.map(numbered),
    changes,
    changesNothing: changes.every((change) => change.sameContent),
    repeatsScheduled: [...repeated.values()],
  };
}

const LAST_DAY = '9999-12-31' as CalendarDate;

interface Run {
  effectiveFrom: CalendarDate;
  effectiveThrough: CalendarDate | null;
  beforeId: string | null;
  afterId: string | null;
}

/**
 * The runs of days where the two timelines name different versions (or one names none), maximal per pair of
 * versions. Walks the union of both timelines' boundaries, so it works on range ends, never day by day.
 */
export function changedRuns(before: readonly Segment[], after: readonly Segment[]): Run[] {
  const starts = new Set<CalendarDate>();
  for (const segment of [...before, ...after]) {
    starts.add(segment.effectiveFrom);
    // The day after a range's last day starts another run, unless the range ends on the calendar's last day.
    if (segment.effectiveThrough !== null && segment.effectiveThrough < LAST_DAY) starts.add(addDays(segment.effectiveThrough, 1));
  }
  const bounds = [...starts].sort(compareDates);
  const runs: Run[] = [];
  bounds.forEach((from, index) => {
    const next = bounds[index + 1];
    const through = next === undefined ? null : addDays(next, -1);
    const beforeId = versionOn(before, from);
    const afterId = versionOn(after, from);
    if (beforeId === afterId) return;
    const last = runs[runs.length - 1];
    if (last && last.beforeId === beforeId && last.afterId === afterId && last.effectiveThrough !== null && addDays(last.effectiveThrough, 1) === from) {
      last.effectiveThrough = through;
    } else {
      runs.push({ effectiveFrom: from, effectiveThrough: through, beforeId, afterId });
    }
  });
  return runs;
}

function versionOn(timeline: readonly Segment[], day: CalendarDate): string | null {
  const segment = timeline.find((s) => compareDates(s.effectiveFrom, day) <= 0 && (s.effectiveThrough === null || compareDates(day, s.effectiveThrough) <= 0));
  return segment ? segment.versionId : null;
}
