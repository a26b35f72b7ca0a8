import { epochDayOf, parseCalendarDate } from '@policy-cms/temporal';
import { LedgerRows, type LoadedRow, type VersionFacts, versionFacts } from './ledger-rows';

const day = (text: string) => epochDayOf(text)!;
const at = (iso: string) => Date.parse(iso);

const versions = new Map<string, VersionFacts>(
  [
    { id: 'v1', number: 1, effective: '[2025-03-24,)', content: { title: '第1版' }, summary: '第1版', demo: false },
    { id: 'v2', number: 2, effective: '[2025-09-01,)', content: { title: '第2版' }, summary: '秋のシステム改修', demo: false },
  ].map((row) => [row.id, versionFacts(row)]),
);

/**
 * The contact notice's record: v1 published at 01:00 from 2025-03-24 (open-ended); at 02:00 v2 is published from
 * 2025-09-01, which closes v1's open row and writes it again up to 2025-08-31, with v2 after it.
 */
const rows: LoadedRow[] = [
  [1, at('2025-01-10T01:00:00Z'), at('2025-01-10T02:00:00Z'), day('2025-03-24'), null, at('2025-01-10T01:00:00Z'), 'v1'],
  [1, at('2025-01-10T02:00:00Z'), null, day('2025-03-24'), day('2025-09-01'), at('2025-01-10T02:00:00Z'), 'v1'],
  [1, at('2025-01-10T02:00:00Z'), null, day('2025-09-01'), null, at('2025-01-10T02:00:00Z'), 'v2'],
];
const ledger = LedgerRows.of('contact', rows, versions);
const answerOn = (on: string, instant: string) => {
  const index = ledger.find(parseCalendarDate(on), at(instant));
  return index < 0 ? null : ledger.answer(index);
};

describe(LedgerRows.name, () => {
  it('answers a day as the record stood at an instant, on both sides of a republication and of the days it moved', () => {
    expect(answerOn('2025-03-23', '2025-01-10T01:30:00Z')).toBeNull();
    expect(answerOn('2025-03-24', '2025-01-10T01:30:00Z')).toMatchObject({ id: 'v1', effectiveFrom: '2025-03-24', effectiveThrough: null });
    // Before 02:00 the record still said v1 for 2025-09-01; from 02:00 on (the instant itself included) it says v2.
    expect(answerOn('2025-09-01', '2025-01-10T01:59:59.999Z')).toMatchObject({ id: 'v1', effectiveThrough: null });
    expect(answerOn('2025-09-01', '2025-01-10T02:00:00.000Z')).toMatchObject({ id: 'v2', effectiveFrom: '2025-09-01' });
    expect(answerOn('2025-08-31', '2025-01-10T02:00:00.000Z')).toMatchObject({ id: 'v1', effectiveThrough: '2025-08-31' });
    expect(answerOn('2025-08-31', '2025-01-10T00:59:59.999Z')).toBeNull();
  });

  it('gives the answer the SQL reads give: the version facts, the row’s own days and opening, nothing superseded', () => {
    expect(answerOn('2025-08-31', '2025-01-10T03:00:00Z')).toEqual({
      id: 'v1',
      policyKey: 'contact',
      number: 1,
      status: 'PUBLISHED',
      effectiveFrom: '2025-03-24',
      effectiveThrough: '2025-08-31',
      versionEffectiveFrom: '2025-03-24',
      versionEffectiveThrough: null,
      content: { title: '第1版' },
      summary: '第1版',
      demo: false,
      recordedAt: new Date('2025-01-10T02:00:00Z'),
      supersededAt: null,
    });
  });

  it('lists the timeline shown at an instant and the open rows, in effective order, and every instant once', () => {
    const ids = (indexes: number[]) => indexes.map((index) => ledger.answer(index)!.effectiveFrom);
    expect(ids(ledger.shownAt(at('2025-01-10T01:00:00Z')))).toEqual(['2025-03-24']);
    expect(ids(ledger.shownAt(at('2025-01-10T02:00:00Z')))).toEqual(['2025-03-24', '2025-09-01']);
    expect(ids(ledger.open())).toEqual(['2025-03-24', '2025-09-01']);
    expect(ledger.shownAt(at('2025-01-10T00:00:00Z'))).toEqual([]);
    expect(ledger.instants()).toEqual([at('2025-01-10T01:00:00Z'), at('2025-01-10T02:00:00Z')]);
  });

  it('reaches the last day of the calendar, and says undefined for a row whose version is not held', () => {
    const last = LedgerRows.of('far', [[2, 0, null, day('9999-12-30'), day('9999-12-31') + 1, 0, 'v1']], versions);
    expect(last.answer(last.find(parseCalendarDate('9999-12-31'), 1))).toMatchObject({ effectiveFrom: '9999-12-30', effectiveThrough: '9999-12-31' });
    const unheld = LedgerRows.of('unheld', [[3, 0, 10, day('2025-03-24'), null, 0, 'gone']], versions);
    expect(unheld.find(parseCalendarDate('2025-03-24'), 5)).toBe(0);
    expect(unheld.answer(0)).toBeUndefined();
    expect(unheld.find(parseCalendarDate('2025-03-24'), 10)).toBe(-1);
  });
});
