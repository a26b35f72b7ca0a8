import { addDays, compareDates, fixedClock, todayInTokyo, type CalendarDate } from '@policy-cms/temporal';
import { graphql } from '../dataProvider/graphql-client';

/*
 * The policy screens' own reads, as plain GraphQL calls (the shared dataProvider is left alone):
 * - the list asks twice for the whole page (versions in force today, changes scheduled after today),
 * - the policy page asks for one policy's timeline as known at an instant, and its ledger once.
 */

/** One segment of a policy's timeline: a version and the part of its range it holds. */
export interface TimelineSegment {
  id: string;
  policyKey?: string;
  number: number;
  /** The segment's range (may be shorter than the version's own). */
  effectiveFrom: CalendarDate;
  effectiveThrough: CalendarDate | null;
  /** The first day of the version's own range. */
  versionEffectiveFrom: CalendarDate;
  summary: string;
  demo: boolean;
  /** When the record started to say this segment (a later version cutting it short re-records it). */
  recordedAt: string | null;
}

const SEGMENT = 'id policyKey number effectiveFrom effectiveThrough versionEffectiveFrom summary demo recordedAt';

/** The segments of one policy's timeline as the record stood at `knownAt` (null = now), in effective order. */
export async function fetchTimeline(policyKey: string, knownAt: string | null): Promise<TimelineSegment[]> {
  const { policyTimeline } = await graphql<{ policyTimeline: TimelineSegment[] }>(
    `query($key: ID!, $knownAt: DateTime) { policyTimeline(key: $key, knownAt: $knownAt) { ${SEGMENT} } }`,
    { key: policyKey, knownAt },
  );
  return policyTimeline;
}

/**
 * When each version of a policy was first recorded (version id → instant), from the policy's ledger. A segment's own
 * recordedAt moves when a later version cuts it short; whether a version corrected the past depends on its first one.
 */
export async function fetchFirstRecorded(policyKey: string): Promise<Map<string, string>> {
  const { policyLedger } = await graphql<{ policyLedger: { recordedAt: string; version: { id: string } }[] }>(
    `query($key: ID!) { policyLedger(key: $key) { recordedAt version { id } } }`,
    { key: policyKey },
  );
  const first = new Map<string, string>();
  for (const row of policyLedger) {
    const seen = first.get(row.version.id);
    if (!seen || Date.parse(row.recordedAt) < Date.parse(seen)) first.set(row.version.id, row.recordedAt);
  }
  return first;
}

/** What is not from a source in a version (the demo flag, split): staff-only fields, read beside the public segments. */
export interface VersionFlags {
  inventedContent: boolean;
  recordDateAssumed: boolean;
}

/**
 * The split demo flags of published and withdrawn versions (version id → flags), of one policy or of all: the public
 * segments carry only `demo`, which cannot tell an invented rule from a real one whose record date is assumed.
 */
export async function fetchVersionFlags(policyKey?: string): Promise<Map<string, VersionFlags>> {
  const { policyVersions } = await graphql<{ policyVersions: { items: ({ id: string } & VersionFlags)[] } }>(
    `query($filter: PolicyVersionFilter) { policyVersions(filter: $filter, first: 200) { items { id inventedContent recordDateAssumed } } }`,
    { filter: { policyKey: policyKey ?? null, status: ['PUBLISHED', 'WITHDRAWN'] } },
  );
  return new Map(policyVersions.items.map(({ id, ...flags }) => [id, flags]));
}

export interface PolicyDates {
  /** policy key → the segment in force today. */
  inForce: Map<string, TimelineSegment>;
  /** policy key → the first segment that takes effect after today. */
  next: Map<string, TimelineSegment>;
  /** version id → what in it is not from a source (empty when it could not be read). */
  flags: Map<string, VersionFlags>;
}

/** For the whole list at once: every policy's segment in force today and its next scheduled change (as known now). */
export async function fetchPolicyDates(today: CalendarDate = todayInTokyo()): Promise<PolicyDates> {
  const { rulesInForce, changesBetween } = await graphql<{ rulesInForce: TimelineSegment[]; changesBetween: TimelineSegment[] }>(
    `query($on: Date, $from: Date!) {
      rulesInForce(on: $on) { ${SEGMENT} }
      changesBetween(from: $from, through: "9999-12-31") { ${SEGMENT} } }`,
    { on: today, from: addDays(today, 1) },
  );
  const flags = await fetchVersionFlags().catch(() => new Map<string, VersionFlags>());
  const inForce = new Map(rulesInForce.map((segment) => [String(segment.policyKey), segment]));
  const next = new Map<string, TimelineSegment>();
  // changesBetween answers in effective order: the first one of each policy is its next change.
  for (const segment of [...changesBetween].sort((a, b) => compareDates(a.effectiveFrom, b.effectiveFrom))) {
    if (!next.has(String(segment.policyKey))) next.set(String(segment.policyKey), segment);
  }
  return { inForce, next, flags };
}

/** The calendar day in Tokyo of an instant ('2025-03-23T15:00:00Z' → '2025-03-24'). */
export function tokyoDateOf(instant: string): CalendarDate {
  return todayInTokyo(fixedClock(instant));
}

export type SegmentKind = 'published' | 'scheduled' | 'retroactive';

/**
 * - scheduled: the segment starts after today (Tokyo);
 * - retroactive: the version was first recorded on a later Tokyo day than the first day of its own range, i.e. it
 *   rewrote days the public record had already said something else about (the API's own rule: a publication is a
 *   retroactive correction when effectiveFrom is before that day in Tokyo);
 * - published: otherwise, published in time.
 */
export function segmentKind(segment: TimelineSegment, today: CalendarDate, firstRecordedAt?: string | null): SegmentKind {
  if (compareDates(segment.effectiveFrom, today) > 0) return 'scheduled';
  const recorded = firstRecordedAt ?? segment.recordedAt;
  if (recorded && compareDates(tokyoDateOf(recorded), segment.versionEffectiveFrom) > 0) return 'retroactive';
  return 'published';
}

/** '2025-05-01T09:00' from a datetime-local input, read as Tokyo time → '2025-05-01T09:00:00+09:00'; '' → null. */
export function knownAtFromLocalInput(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/.exec(value.trim());
  if (!match) return null;
  return `${match[1]}${match[2] ?? ':00'}+09:00`;
}

const tokyoMinute = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Now in Tokyo as a datetime-local value ('2026-11-27T18:23'), the latest instant the record can be read at. */
export function nowAsLocalInput(now: Date = new Date()): string {
  return tokyoMinute.format(now).replace(' ', 'T');
}
