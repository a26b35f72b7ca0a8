import { type CalendarDate, parseCalendarDate } from './calendar-date';
import { InvalidEffectiveRangeError } from './effective-range';
import { type Publication, type Segment, diffTimelines, paintTimeline, segmentOn } from './timeline';

const d = (s: string): CalendarDate => parseCalendarDate(s);
/** A publication or segment written compactly: ('v1', '2025-03-24', null). */
const r = <V extends string>(versionId: V, from: string, through: string | null): Publication<V> & Segment<V> => ({
  versionId,
  effectiveFrom: d(from),
  effectiveThrough: through === null ? null : d(through),
});

describe(paintTimeline.name, () => {
  it('an empty list paints an empty timeline', () => {
    expect(paintTimeline([])).toEqual([]);
  });

  it('a single open-ended version is in force from its first day on', () => {
    expect(paintTimeline([r('v1', '2025-03-24', null)])).toEqual([r('v1', '2025-03-24', null)]);
  });

  it('publishing v2 from 2025-09-01 open-ended over v1 from 2025-03-24 ends v1 on 2025-08-31', () => {
    expect(paintTimeline([r('v1', '2025-03-24', null), r('v2', '2025-09-01', null)])).toEqual([
      r('v1', '2025-03-24', '2025-08-31'),
      r('v2', '2025-09-01', null),
    ]);
  });

  it('withdrawing (= removing from the list) gives v1 its days back', () => {
    const published = [r('v1', '2025-03-24', null), r('v2', '2025-09-01', null)];
    const withdrawn = published.filter((p) => p.versionId !== 'v2');
    expect(paintTimeline(withdrawn)).toEqual([r('v1', '2025-03-24', null)]);
  });

  it('a later version covers an earlier one only where they overlap', () => {
    expect(paintTimeline([r('v1', '2025-03-24', null), r('v2', '2025-06-01', '2025-06-30')])).toEqual([
      r('v1', '2025-03-24', '2025-05-31'),
      r('v2', '2025-06-01', '2025-06-30'),
      r('v1', '2025-07-01', null),
    ]);
  });

  it('an earlier-starting version published later covers the later-starting one: publication order wins', () => {
    expect(paintTimeline([r('v2', '2025-09-01', null), r('v1', '2025-03-24', null)])).toEqual([
      r('v1', '2025-03-24', null),
    ]);
  });

  it('a retroactive correction ending before the original starts leaves the original untouched', () => {
    expect(paintTimeline([r('v1', '2025-03-24', null), r('v0', '2025-01-01', '2025-03-23')])).toEqual([
      r('v0', '2025-01-01', '2025-03-23'),
      r('v1', '2025-03-24', null),
    ]);
  });

  it('a later version covering the start of an earlier one moves the earlier one’s first day', () => {
    expect(paintTimeline([r('v1', '2025-03-24', '2025-08-31'), r('v2', '2025-01-01', '2025-03-24')])).toEqual([
      r('v2', '2025-01-01', '2025-03-24'),
      r('v1', '2025-03-25', '2025-08-31'),
    ]);
  });

  it('days on which no version is in force produce no segment', () => {
    expect(paintTimeline([r('v1', '2025-01-01', '2025-01-31'), r('v2', '2025-03-01', '2025-03-31')])).toEqual([
      r('v1', '2025-01-01', '2025-01-31'),
      r('v2', '2025-03-01', '2025-03-31'),
    ]);
  });

  it('a version with an identical range hides the earlier one entirely', () => {
    expect(paintTimeline([r('v1', '2025-03-24', '2025-08-31'), r('v2', '2025-03-24', '2025-08-31')])).toEqual([
      r('v2', '2025-03-24', '2025-08-31'),
    ]);
  });

  it('a later version spanning several earlier segments replaces all of them and trims the ones at its edges', () => {
    const published = [
      r('v1', '2025-01-01', '2025-01-31'),
      r('v2', '2025-02-01', '2025-02-28'),
      r('v3', '2025-03-01', '2025-03-31'),
      r('v4', '2025-01-15', '2025-03-15'),
    ];
    expect(paintTimeline(published)).toEqual([
      r('v1', '2025-01-01', '2025-01-14'),
      r('v4', '2025-01-15', '2025-03-15'),
      r('v3', '2025-03-16', '2025-03-31'),
    ]);
  });

  it('a later version filling a gap joins its neighbours without changing them', () => {
    const published = [
      r('v1', '2025-01-01', '2025-01-31'),
      r('v2', '2025-03-01', '2025-03-31'),
      r('v3', '2025-02-01', '2025-02-28'),
    ];
    expect(paintTimeline(published)).toEqual([
      r('v1', '2025-01-01', '2025-01-31'),
      r('v3', '2025-02-01', '2025-02-28'),
      r('v2', '2025-03-01', '2025-03-31'),
    ]);
  });

  it('single-day versions cut exactly one day, here 2025-03-23 and 2025-03-24 at the start of v1', () => {
    const published = [
      r('v1', '2025-03-23', '2025-03-31'),
      r('v2', '2025-03-23', '2025-03-23'),
      r('v3', '2025-03-24', '2025-03-24'),
    ];
    expect(paintTimeline(published)).toEqual([
      r('v2', '2025-03-23', '2025-03-23'),
      r('v3', '2025-03-24', '2025-03-24'),
      r('v1', '2025-03-25', '2025-03-31'),
    ]);
  });

  it('a single-day version on the leap day 2024-02-29 splits v1 around it', () => {
    expect(paintTimeline([r('v1', '2024-02-01', '2024-03-31'), r('v2', '2024-02-29', '2024-02-29')])).toEqual([
      r('v1', '2024-02-01', '2024-02-28'),
      r('v2', '2024-02-29', '2024-02-29'),
      r('v1', '2024-03-01', '2024-03-31'),
    ]);
  });

  it('a version split by another is merged back into one segment when it covers the hole again', () => {
    const published = [
      r('v1', '2025-03-24', null),
      r('v2', '2025-06-01', '2025-06-30'),
      r('v1', '2025-06-01', '2025-06-30'),
    ];
    expect(paintTimeline(published)).toEqual([r('v1', '2025-03-24', null)]);
  });

  it('touching ranges of the same version are merged into one maximal segment', () => {
    expect(paintTimeline([r('v1', '2025-03-24', '2025-08-31'), r('v1', '2025-09-01', null)])).toEqual([
      r('v1', '2025-03-24', null),
    ]);
  });

  it('reaches the year 9999 upper bound without walking the days in between', () => {
    const published = [
      r('v1', '0001-01-01', null),
      r('v2', '9999-12-31', '9999-12-31'),
      r('v3', '2025-03-24', '9999-12-30'),
    ];
    expect(paintTimeline(published)).toEqual([
      r('v1', '0001-01-01', '2025-03-23'),
      r('v3', '2025-03-24', '9999-12-30'),
      r('v2', '9999-12-31', '9999-12-31'),
    ]);
  });

  it('an open-ended version over a range ending on 9999-12-31 replaces it from its first day', () => {
    expect(paintTimeline([r('v1', '2025-03-24', '9999-12-31'), r('v2', '2025-09-01', null)])).toEqual([
      r('v1', '2025-03-24', '2025-08-31'),
      r('v2', '2025-09-01', null),
    ]);
  });

  it('refuses a publication whose last day is before its first day', () => {
    const backwards = { ...r('v2', '2025-03-24', null), effectiveThrough: d('2025-03-23') };
    expect(() => paintTimeline([r('v1', '2025-03-24', null), backwards])).toThrow(InvalidEffectiveRangeError);
  });

  it.each([
    { case: 'a day that does not exist', effectiveFrom: '2025-02-29', effectiveThrough: null },
    { case: 'the leap day of a century that is not a leap year', effectiveFrom: '1900-02-29', effectiveThrough: null },
    { case: 'year 0000', effectiveFrom: '0000-12-31', effectiveThrough: null },
    { case: 'a date in another shape', effectiveFrom: '2025-3-24', effectiveThrough: null },
    { case: 'trailing text', effectiveFrom: '2025-03-24 ', effectiveThrough: null },
    { case: 'a last day that does not exist', effectiveFrom: '2025-03-24', effectiveThrough: '2025-04-31' },
    { case: 'no first day', effectiveFrom: null, effectiveThrough: null },
    { case: 'an undefined last day', effectiveFrom: '2025-03-24', effectiveThrough: undefined },
  ])('refuses a publication with $case, naming the range', ({ effectiveFrom, effectiveThrough }) => {
    const bad = { versionId: 'v2', effectiveFrom, effectiveThrough } as unknown as Publication;
    expect(() => paintTimeline([r('v1', '2025-03-24', null), bad])).toThrow(InvalidEffectiveRangeError);
  });

  it('cuts around the leap day of 2000, a century that is a leap year', () => {
    expect(paintTimeline([r('v1', '2000-02-01', '2000-03-31'), r('v2', '2000-02-29', '2000-02-29')])).toEqual([
      r('v1', '2000-02-01', '2000-02-28'),
      r('v2', '2000-02-29', '2000-02-29'),
      r('v1', '2000-03-01', '2000-03-31'),
    ]);
  });

  it('cuts at the first and the last day of the calendar, and across a year end', () => {
    expect(paintTimeline([r('v1', '0001-01-01', null), r('v2', '0001-01-02', '1999-12-31'), r('v3', '9999-12-31', null)])).toEqual([
      r('v1', '0001-01-01', '0001-01-01'),
      r('v2', '0001-01-02', '1999-12-31'),
      r('v1', '2000-01-01', '9999-12-30'),
      r('v3', '9999-12-31', null),
    ]);
  });

  it('returns only the range and version, not other fields the caller’s publications carry', () => {
    const withExtra = { ...r('v1', '2025-03-24', null), title: '記載事項変更' };
    expect(paintTimeline([withExtra])[0]).toStrictEqual(r('v1', '2025-03-24', null));
  });

  it('paints a thousand publications quickly', () => {
    const published = Array.from({ length: 1000 }, (_, i) =>
      r(`v${i}`, `${String(1000 + ((i * 7919) % 8000)).padStart(4, '0')}-01-01`, i % 3 === 0 ? null : '9999-06-30'),
    );
    const started = performance.now();
    const timeline = paintTimeline(published);
    expect(performance.now() - started).toBeLessThan(500);
    expect(timeline.length).toBeGreaterThan(0);
  });
});

describe(segmentOn.name, () => {
  const timeline = paintTimeline([
    r('v1', '2025-01-01', '2025-03-23'),
    r('v2', '2025-03-24', '2025-08-31'),
    r('v3', '2025-10-01', null),
  ]);

  it.each([
    ['2024-12-31', undefined],
    ['2025-01-01', 'v1'],
    ['2025-03-23', 'v1'],
    ['2025-03-24', 'v2'],
    ['2025-08-31', 'v2'],
    ['2025-09-01', undefined],
    ['2025-09-30', undefined],
    ['2025-10-01', 'v3'],
    ['9999-12-31', 'v3'],
  ])('on %s the version in force is %s', (day, versionId) => {
    expect(segmentOn(timeline, d(day))?.versionId).toBe(versionId);
  });

  it('finds nothing in an empty timeline', () => {
    expect(segmentOn([], d('2025-03-24'))).toBeUndefined();
  });
});

describe(diffTimelines.name, () => {
  it('publishing v2 over open-ended v1 closes v1’s open segment and opens v1 ending 2025-08-31 and v2', () => {
    const before = paintTimeline([r('v1', '2025-03-24', null)]);
    const after = paintTimeline([r('v1', '2025-03-24', null), r('v2', '2025-09-01', null)]);
    expect(diffTimelines(before, after)).toEqual({
      closed: [r('v1', '2025-03-24', null)],
      opened: [r('v1', '2025-03-24', '2025-08-31'), r('v2', '2025-09-01', null)],
    });
  });

  it('withdrawing v2 is the reverse change', () => {
    const before = paintTimeline([r('v1', '2025-03-24', null), r('v2', '2025-09-01', null)]);
    const after = paintTimeline([r('v1', '2025-03-24', null)]);
    expect(diffTimelines(before, after)).toEqual({
      closed: [r('v1', '2025-03-24', '2025-08-31'), r('v2', '2025-09-01', null)],
      opened: [r('v1', '2025-03-24', null)],
    });
  });

  it('leaves segments that did not change out of both lists', () => {
    const before = paintTimeline([r('v1', '2025-01-01', '2025-01-31'), r('v2', '2025-03-01', null)]);
    const after = paintTimeline([
      r('v1', '2025-01-01', '2025-01-31'),
      r('v2', '2025-03-01', null),
      r('v3', '2025-04-01', null),
    ]);
    expect(diffTimelines(before, after)).toEqual({
      closed: [r('v2', '2025-03-01', null)],
      opened: [r('v2', '2025-03-01', '2025-03-31'), r('v3', '2025-04-01', null)],
    });
  });

  it('treats a segment whose range is the same but version differs as changed', () => {
    expect(diffTimelines([r('v1', '2025-03-24', null)], [r('v2', '2025-03-24', null)])).toEqual({
      closed: [r('v1', '2025-03-24', null)],
      opened: [r('v2', '2025-03-24', null)],
    });
  });

  it('treats an open-ended segment and one ending 9999-12-31 as different', () => {
    expect(diffTimelines([r('v1', '2025-03-24', null)], [r('v1', '2025-03-24', '9999-12-31')])).toEqual({
      closed: [r('v1', '2025-03-24', null)],
      opened: [r('v1', '2025-03-24', '9999-12-31')],
    });
  });

  it('hands back the callers’ own objects, so a closed ledger row keeps its id', () => {
    const open = [{ id: '17', ...r('v1', '2025-03-24', null) }];
    const { closed } = diffTimelines(open, paintTimeline([r('v1', '2025-03-24', null), r('v2', '2025-09-01', null)]));
    expect(closed).toHaveLength(1);
    expect(closed[0]).toBe(open[0]);
  });

  it('tells apart segments that start on the same day, whichever order the lists are in', () => {
    const before = [r('v2', '2025-09-01', null), r('v1', '2025-03-24', '2025-08-31')];
    const after = [r('v1', '2025-03-24', '2025-08-31'), r('v3', '2025-09-01', null)];
    expect(diffTimelines(before, after)).toEqual({ closed: [r('v2', '2025-09-01', null)], opened: [r('v3', '2025-09-01', null)] });
  });

  it('finds nothing to do between equal timelines', () => {
    const timeline = paintTimeline([r('v1', '2025-03-24', null), r('v2', '2025-09-01', null)]);
    expect(diffTimelines(timeline, [...timeline])).toEqual({ closed: [], opened: [] });
  });
});
