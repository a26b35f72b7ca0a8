import fc from 'fast-check';
import { canonicalJson } from './content-hash';
import { type DiffEntry, diffValues } from './content-diff';

const matrixBefore = {
  content: {
    rows: [
      { procedure: 'RENEWAL', facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER', 'POLICE_STATION'] },
      { procedure: 'PARTICULARS_CHANGE', facilityTypes: ['TEST_CENTER'] },
      { procedure: 'REISSUE', facilityTypes: ['TEST_CENTER'] },
    ],
  },
  effectiveFrom: '2025-04-01',
  effectiveThrough: null,
};

describe(diffValues.name, () => {
  it('finds nothing between equal values, whatever their key order', () => {
    expect(diffValues({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toEqual([]);
  });

  it('reports PARTICULARS_CHANGE gaining RENEWAL_CENTER as exactly one changed cell', () => {
    const after = structuredClone(matrixBefore);
    after.content.rows[1].facilityTypes = ['TEST_CENTER', 'RENEWAL_CENTER'];
    expect(diffValues(matrixBefore, after)).toEqual([
      {
        path: 'content.rows[procedure=PARTICULARS_CHANGE].facilityTypes',
        kind: 'changed',
        before: ['TEST_CENTER'],
        after: ['TEST_CENTER', 'RENEWAL_CENTER'],
      },
    ]);
  });

  it('reports an inserted matrix row as one added row, not every later row changed', () => {
    const after = structuredClone(matrixBefore);
    const licenceReturn = { procedure: 'VOLUNTARY_RETURN', facilityTypes: ['POLICE_STATION'] };
    after.content.rows.splice(1, 0, licenceReturn);
    expect(diffValues(matrixBefore, after)).toEqual([
      { path: 'content.rows[procedure=VOLUNTARY_RETURN]', kind: 'added', after: licenceReturn },
    ]);
  });

  it('reports a removed matrix row', () => {
    const after = structuredClone(matrixBefore);
    const [reissue] = after.content.rows.splice(2, 1);
    expect(diffValues(matrixBefore, after)).toEqual([
      { path: 'content.rows[procedure=REISSUE]', kind: 'removed', before: reissue },
    ]);
  });

  it('reports reordered rows at the array path, as the row keys in old and new order', () => {
    const after = structuredClone(matrixBefore);
    after.content.rows.reverse();
    expect(diffValues(matrixBefore, after)).toEqual([
      {
        path: 'content.rows',
        kind: 'changed',
        before: ['RENEWAL', 'PARTICULARS_CHANGE', 'REISSUE'],
        after: ['REISSUE', 'PARTICULARS_CHANGE', 'RENEWAL'],
      },
    ]);
  });

  it('matches fee rows by code and facility rows by facilityType', () => {
    const fees = (amount: number) => ({ fees: [{ code: 'RENEWAL', yen: 2500 }, { code: 'REISSUE', yen: amount }] });
    expect(diffValues(fees(2250), fees(2350), 'content')).toEqual([
      { path: 'content.fees[code=REISSUE].yen', kind: 'changed', before: 2250, after: 2350 },
    ]);
    const hours = (close: string) => [{ facilityType: 'TEST_CENTER', closes: close }];
    expect(diffValues(hours('17:00'), hours('16:30'), 'content.hours')).toEqual([
      { path: 'content.hours[facilityType=TEST_CENTER].closes', kind: 'changed', before: '17:00', after: '16:30' },
    ]);
  });

  it('reports the effective range at top-level paths', () => {
    expect(diffValues(matrixBefore, { ...matrixBefore, effectiveThrough: '2026-03-31' })).toEqual([
      { path: 'effectiveThrough', kind: 'changed', before: null, after: '2026-03-31' },
    ]);
  });

  it('compares arrays of objects without an identity key index by index', () => {
    expect(diffValues({ notes: [{ text: 'a' }] }, { notes: [{ text: 'b' }, { text: 'c' }] })).toEqual([
      { path: 'notes[0].text', kind: 'changed', before: 'a', after: 'b' },
      { path: 'notes[1]', kind: 'added', after: { text: 'c' } },
    ]);
  });

  it('falls back to indexes when an identity key repeats', () => {
    const rows = (yen: number) => [{ code: 'A', yen: 1 }, { code: 'A', yen }];
    expect(diffValues(rows(1), rows(2))).toEqual([{ path: '[1].yen', kind: 'changed', before: 1, after: 2 }]);
  });

  it('reports added and removed keys in sorted order', () => {
    expect(diffValues({ b: 1, z: 1 }, { a: 2, b: 1 })).toEqual([
      { path: 'a', kind: 'added', after: 2 },
      { path: 'z', kind: 'removed', before: 1 },
    ]);
  });

  it('quotes keys that would make a path ambiguous', () => {
    expect(diffValues({ 'a.b': 1, 受付: 1 }, { 'a.b': 2, 受付: 2 }, 'content')).toEqual([
      { path: 'content["a.b"]', kind: 'changed', before: 1, after: 2 },
      { path: 'content.受付', kind: 'changed', before: 1, after: 2 },
    ]);
  });

  it('reports a change of type as one changed entry', () => {
    expect(diffValues({ a: [1] }, { a: { x: 1 } })).toEqual([{ path: 'a', kind: 'changed', before: [1], after: { x: 1 } }]);
  });

  it('treats an undefined property as absent', () => {
    expect(diffValues({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
  });
});

describe(`${diffValues.name} properties`, () => {
  // Rows shaped like the seeded kinds, so the keyed matching is exercised, mixed with arbitrary JSON.
  const row = fc.record({
    procedure: fc.constantFrom('RENEWAL', 'PARTICULARS_CHANGE', 'REISSUE', 'VOLUNTARY_RETURN'),
    facilityTypes: fc.uniqueArray(fc.constantFrom('TEST_CENTER', 'RENEWAL_CENTER', 'POLICE_STATION'), { maxLength: 3 }),
  });
  const content = fc.oneof(
    fc.record({ rows: fc.uniqueArray(row, { selector: (r) => r.procedure, maxLength: 4 }) }),
    fc.jsonValue({ maxDepth: 3 }),
  );

  it('is empty exactly when the values are equal as JSON', () => {
    fc.assert(
      fc.property(content, content, (a, b) => {
        expect(diffValues(a, b).length === 0).toBe(canonicalJson(a) === canonicalJson(b));
        expect(diffValues(a, a)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('swapping the sides swaps added with removed and before with after, on the same paths', () => {
    const flip = (e: DiffEntry): DiffEntry => {
      const kind = e.kind === 'added' ? 'removed' : e.kind === 'removed' ? 'added' : 'changed';
      const flipped: DiffEntry = { path: e.path, kind };
      if ('after' in e) flipped.before = e.after;
      if ('before' in e) flipped.after = e.before;
      return flipped;
    };
    const sortByPath = (entries: DiffEntry[]) => [...entries].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
    fc.assert(
      fc.property(content, content, (a, b) => {
        const forward = diffValues(a, b);
        const backward = diffValues(b, a);
        expect(forward.map((e) => e.path)).toEqual([...new Set(forward.map((e) => e.path))]);
        expect(sortByPath(backward.map(flip))).toEqual(sortByPath(forward));
      }),
      { numRuns: 500 },
    );
  });
});
