import fc from 'fast-check';
import { type CalendarDate, addDays, daysBetween, isCalendarDate, parseCalendarDate } from './calendar-date';
import { rangeCovers } from './effective-range';
import { type Publication, type Segment, diffTimelines, paintTimeline, segmentOn } from './timeline';

// A small window keeps the naive model cheap while still producing many overlaps, gaps and shared edges.
const WINDOW_START = parseCalendarDate('2025-01-01');
const WINDOW_DAYS = 90; // 2025-01-01..2025-03-31
// Days checked by the model: the window, a stretch after it where only open-ended versions reach, and the last day.
const CHECKED_DAYS: CalendarDate[] = [
  ...Array.from({ length: WINDOW_DAYS + 45 }, (_, i) => addDays(WINDOW_START, i)),
  parseCalendarDate('2100-01-01'),
  parseCalendarDate('9999-12-31'),
];

type Operation =
  | { kind: 'publish'; fromOffset: number; length: number | null; reuse: number | null }
  | { kind: 'withdraw'; pick: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('publish' as const),
      fromOffset: fc.integer({ min: 0, max: WINDOW_DAYS - 1 }),
      // Short ranges meet often; null is open-ended; lengths may reach past the window.
      length: fc.option(fc.integer({ min: 1, max: 60 }), { freq: 4 }),
      // Sometimes publish under the id of a version already in the list, so touching runs of one id must be merged.
      reuse: fc.option(fc.nat(), { freq: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }) },
);

/** Replays operations and returns the published, non-withdrawn list after each one (the state the ledger sees). */
function publishedListsAfterEach(operations: readonly Operation[]): Publication[][] {
  let published: Publication[] = [];
  const states: Publication[][] = [];
  operations.forEach((op, index) => {
    if (op.kind === 'publish') {
      const effectiveFrom = addDays(WINDOW_START, op.fromOffset);
      const effectiveThrough = op.length === null ? null : addDays(effectiveFrom, op.length - 1);
      const reused = op.reuse === null || published.length === 0 ? undefined : published[op.reuse % published.length];
      published = [...published, { versionId: reused?.versionId ?? `v${index}`, effectiveFrom, effectiveThrough }];
    } else if (published.length > 0) {
      const withdrawn = published[op.pick % published.length];
      published = published.filter((p) => p !== withdrawn);
    }
    states.push(published);
  });
  return states;
}

/** The naive model: the version in force on a day is the last published one covering it. */
function modelVersionOn(published: readonly Publication[], day: CalendarDate): string | undefined {
  return published.findLast((p) => rangeCovers(p, day))?.versionId;
}

const operations = fc.array(operation, { minLength: 1, maxLength: 25 });
const NUM_RUNS = 500;

// Checks collect plain-language violations and assert once per run: jest's expect in the inner loops costs seconds.
function check(violations: string[], ok: boolean, message: () => string): void {
  if (!ok) violations.push(message());
}

describe(paintTimeline.name, () => {
  it('agrees day by day with the naive model after any sequence of publications and withdrawals', () => {
    fc.assert(
      fc.property(operations, (ops) => {
        const violations: string[] = [];
        for (const published of publishedListsAfterEach(ops)) {
          const timeline = paintTimeline(published);
          for (const day of CHECKED_DAYS) {
            const painted = timeline.filter((s) => rangeCovers(s, day)).map((s) => s.versionId);
            const expected = modelVersionOn(published, day);
            check(violations, painted.length === (expected === undefined ? 0 : 1) && painted[0] === expected, () =>
              `on ${day} painted [${painted.join(',')}], model says ${expected}`,
            );
            const found = segmentOn(timeline, day)?.versionId;
            check(violations, found === expected, () => `segmentOn ${day} found ${found}, model says ${expected}`);
          }
        }
        expect(violations).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('paints ordered, non-overlapping, maximal segments whose first day belongs to their version', () => {
    fc.assert(
      fc.property(operations, (ops) => {
        const violations: string[] = [];
        for (const published of publishedListsAfterEach(ops)) {
          const timeline = paintTimeline(published);
          timeline.forEach((segment, i) => {
            const label = `${segment.versionId} ${segment.effectiveFrom}..${segment.effectiveThrough ?? ''}`;
            check(
              violations,
              segment.effectiveThrough === null || segment.effectiveFrom <= segment.effectiveThrough,
              () => `${label} ends before it starts`,
            );
            check(
              violations,
              modelVersionOn(published, segment.effectiveFrom) === segment.versionId,
              () => `${label} starts on a day the model gives to another version`,
            );
            const next = timeline[i + 1];
            if (next === undefined) return;
            const through = segment.effectiveThrough;
            check(violations, through !== null && through < next.effectiveFrom, () => `${label} reaches into the next`);
            check(
              violations,
              !(through !== null && addDays(through, 1) === next.effectiveFrom && next.versionId === segment.versionId),
              () => `${label} touches the next segment of the same version instead of being merged`,
            );
          });
        }
        expect(violations).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('ends open-ended, in the last open-ended publication’s version, exactly when there is one', () => {
    fc.assert(
      fc.property(operations, (ops) => {
        for (const published of publishedListsAfterEach(ops)) {
          const last = paintTimeline(published).at(-1);
          const openVersion = last?.effectiveThrough === null ? last.versionId : undefined;
          if (openVersion !== published.findLast((p) => p.effectiveThrough === null)?.versionId) return false;
        }
        return true;
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

// The painter does its own date arithmetic for speed; js-joda (addDays, daysBetween) is the reference it must agree
// with anywhere in years 0001–9999: leap days, century years, year ends, the first and the last day.
const FIRST_DAY = parseCalendarDate('0001-01-01');
const LAST_DAY = parseCalendarDate('9999-12-31');
const CALENDAR_DAYS = daysBetween(FIRST_DAY, LAST_DAY);
const anyDay = fc.integer({ min: 0, max: CALENDAR_DAYS }).map((offset) => addDays(FIRST_DAY, offset));
const nearLeapDay = fc
  .record({ year: fc.integer({ min: 1, max: 9999 }), shift: fc.integer({ min: -2, max: 2 }) })
  .map(({ year, shift }) => addDays(parseCalendarDate(`${String(year).padStart(4, '0')}-03-01`), shift));
const anywhereRange = fc.record({
  from: fc.oneof(anyDay, nearLeapDay),
  // Up to about three years: cuts land across month, year and century ends.
  length: fc.option(fc.integer({ min: 1, max: 1100 }), { freq: 4 }),
});

/** Each publication's first and last day, the days just outside them, and the calendar's own ends. */
function edgeDays(published: readonly Publication[]): CalendarDate[] {
  const edges = published.flatMap((p) => (p.effectiveThrough === null ? [p.effectiveFrom] : [p.effectiveFrom, p.effectiveThrough]));
  const around = (day: CalendarDate) => [
    day,
    ...(day === FIRST_DAY ? [] : [addDays(day, -1)]),
    ...(day === LAST_DAY ? [] : [addDays(day, 1)]),
  ];
  return [FIRST_DAY, LAST_DAY, ...edges.flatMap(around)];
}

describe(`${paintTimeline.name} anywhere in the calendar`, () => {
  it('cuts exactly where js-joda says the days before and after each range are', () => {
    fc.assert(
      fc.property(fc.array(anywhereRange, { minLength: 1, maxLength: 12 }), (ranges) => {
        const published: Publication[] = ranges.map(({ from, length }, i) => ({
          versionId: `v${i}`,
          effectiveFrom: from,
          effectiveThrough: length === null ? null : addDays(from, Math.min(length - 1, daysBetween(from, LAST_DAY))),
        }));
        const timeline = paintTimeline(published);
        const violations: string[] = [];
        for (const { effectiveFrom, effectiveThrough } of timeline) {
          const dates = isCalendarDate(effectiveFrom) && (effectiveThrough === null || isCalendarDate(effectiveThrough));
          check(violations, dates, () => `painted ${effectiveFrom}..${effectiveThrough}, which are not calendar dates`);
        }
        for (const day of edgeDays(published)) {
          const painted = segmentOn(timeline, day)?.versionId;
          const expected = modelVersionOn(published, day);
          check(violations, painted === expected, () => `on ${day} painted ${painted}, model says ${expected}`);
        }
        expect(violations).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe(diffTimelines.name, () => {
  it('turns each timeline into the next by removing what it closes and adding what it opens, and nothing more', () => {
    fc.assert(
      fc.property(operations, (ops) => {
        let before: Segment[] = [];
        for (const published of publishedListsAfterEach(ops)) {
          const after = paintTimeline(published);
          const { closed, opened } = diffTimelines(before, after);
          const applied = [...before.filter((s) => !closed.includes(s)), ...opened].sort(byStart);
          const same = (a: Segment, b: Segment) =>
            a.versionId === b.versionId &&
            a.effectiveFrom === b.effectiveFrom &&
            a.effectiveThrough === b.effectiveThrough;
          if (applied.length !== after.length || !applied.every((s, i) => same(s, after[i]))) return false;
          // Minimal: nothing closed survives unchanged in `after`, nothing opened was already in `before`.
          if (closed.some((s) => after.some((a) => same(a, s)))) return false;
          if (opened.some((s) => before.some((b) => same(b, s)))) return false;
          before = after;
        }
        return true;
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

function byStart(a: Segment, b: Segment): number {
  return a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0;
}
