import type { CalendarDate } from '@policy-cms/temporal';
import { changedRuns, versionImpact, type ImpactVersion } from './version-impact';

const d = (text: string) => text as CalendarDate;
const version = (id: string, number: number, status: string, from: string, through: string | null, content: Record<string, unknown>): ImpactVersion => ({
  id,
  number,
  status,
  effectiveFrom: d(from),
  effectiveThrough: through === null ? null : d(through),
  content,
  summary: `#${number}`,
});

const TODAY = d('2026-12-01');
const v1 = version('v1', 1, 'PUBLISHED', '2025-03-24', null, { places: ['TEST_CENTER'] });
const v2 = version('v2', 2, 'PUBLISHED', '2027-04-01', null, { places: ['TEST_CENTER', 'RENEWAL_CENTER'] });

describe(versionImpact.name, () => {
  it('a draft repeating a scheduled version changes nothing and names the version it repeats', () => {
    const draft = version('d', 3, 'IN_REVIEW', '2027-04-01', null, { places: ['TEST_CENTER', 'RENEWAL_CENTER'] });
    const impact = versionImpact(draft, [v1, v2], TODAY);
    expect(impact.mode).toBe('PUBLISH');
    expect(impact.changes).toEqual([
      expect.objectContaining({ effectiveFrom: '2027-04-01', effectiveThrough: null, before: v2, after: draft, beforeScheduled: true, sameContent: true, entries: [] }),
    ]);
    expect(impact.changesNothing).toBe(true);
    expect(impact.repeatsScheduled).toEqual([v2]);
  });

  it('a draft over the in-force and the scheduled versions is compared with each of them on its own days', () => {
    const draft = version('d', 3, 'DRAFT', '2026-12-10', null, { places: ['TEST_CENTER', 'DESIGNATED_STATION'] });
    const impact = versionImpact(draft, [v1, v2], TODAY);
    expect(impact.changes.map((c) => [c.effectiveFrom, c.effectiveThrough, c.before?.number, c.beforeScheduled, c.sameContent])).toEqual([
      ['2026-12-10', '2027-03-31', 1, false, false],
      ['2027-04-01', null, 2, true, false],
    ]);
    expect(impact.changes[1].entries).toEqual([
      { path: 'content.places', kind: 'changed', before: ['TEST_CENTER', 'RENEWAL_CENTER'], after: ['TEST_CENTER', 'DESIGNATED_STATION'] },
    ]);
    expect(impact.changesNothing).toBe(false);
    expect(impact.repeatsScheduled).toEqual([]);
    expect(impact.before.map((s) => [s.number, s.effectiveFrom, s.effectiveThrough])).toEqual([
      [1, '2025-03-24', '2027-03-31'],
      [2, '2027-04-01', null],
    ]);
    expect(impact.after.map((s) => [s.number, s.effectiveFrom, s.effectiveThrough])).toEqual([
      [1, '2025-03-24', '2026-12-09'],
      [3, '2026-12-10', null],
    ]);
  });

  it('a bounded draft on days with nothing in force has no version before and no diff', () => {
    const draft = version('d', 1, 'APPROVED', '2027-01-01', '2027-01-31', { note: 'x' });
    const impact = versionImpact(draft, [], TODAY);
    expect(impact.changes).toEqual([
      expect.objectContaining({ effectiveFrom: '2027-01-01', effectiveThrough: '2027-01-31', before: null, after: draft, sameContent: false, entries: [] }),
    ]);
    expect(impact.changesNothing).toBe(false);
  });

  it('withdrawing a published version gives its days back to the version under it', () => {
    const impact = versionImpact(v2, [v1, v2], TODAY);
    expect(impact.mode).toBe('WITHDRAW');
    expect(impact.changes.map((c) => [c.effectiveFrom, c.effectiveThrough, c.before?.number, c.after?.number])).toEqual([['2027-04-01', null, 2, 1]]);
    expect(impact.after.map((s) => [s.number, s.effectiveFrom, s.effectiveThrough])).toEqual([[1, '2025-03-24', null]]);
  });

  it('withdrawing the only version leaves its days with nothing in force', () => {
    const impact = versionImpact(v1, [v1], TODAY);
    expect(impact.changes).toEqual([expect.objectContaining({ effectiveFrom: '2025-03-24', effectiveThrough: null, after: null, sameContent: false })]);
    expect(impact.after).toEqual([]);
  });
});

describe(changedRuns.name, () => {
  it('merges touching days with the same pair of versions and skips days where both name the same one', () => {
    const before = [
      { versionId: 'a', effectiveFrom: d('2025-01-01'), effectiveThrough: d('2025-01-31') },
      { versionId: 'b', effectiveFrom: d('2025-02-01'), effectiveThrough: d('9999-12-31') },
    ];
    const after = [
      { versionId: 'a', effectiveFrom: d('2025-01-01'), effectiveThrough: d('2025-01-09') },
      { versionId: 'c', effectiveFrom: d('2025-01-10'), effectiveThrough: d('2025-01-20') },
      { versionId: 'a', effectiveFrom: d('2025-01-21'), effectiveThrough: d('2025-01-31') },
      { versionId: 'b', effectiveFrom: d('2025-02-01'), effectiveThrough: d('9999-12-31') },
    ];
    expect(changedRuns(before, after)).toEqual([{ effectiveFrom: '2025-01-10', effectiveThrough: '2025-01-20', beforeId: 'a', afterId: 'c' }]);
  });
});
