import { layOutFacilityMatrix, type FacilityMatrixLike } from './facilityMatrixLayout';

const VOCABULARY: Record<string, string> = {
  TEST_CENTER: 'Test centre',
  RENEWAL_CENTER: 'Renewal centre',
  DESIGNATED_STATION: 'Designated station',
  OTHER_STATION: 'Other station',
  RENEWAL: 'Renewal',
  REISSUE: 'Reissue',
};
const naming = (ownHeadings: boolean) => ({ facilityType: (code: string) => VOCABULARY[code], procedure: (code: string) => VOCABULARY[code], ownHeadings });

/** A table edited in the form: 指定外警察署 removed, 運転免許更新センター added and moved to the front, a row renamed. */
const edited: FacilityMatrixLike = {
  columns: [
    { facilityType: 'RENEWAL_CENTER', label: '運転免許更新センター', locations: ['神田', '新宿'], notes: ['平日のみ'] },
    { facilityType: 'TEST_CENTER', label: '運転免許試験場', locations: [], notes: [] },
    { facilityType: 'DESIGNATED_STATION', label: '  ', locations: [], notes: [] },
  ],
  rows: [
    {
      procedure: 'REISSUE',
      label: '再交付(遺失・き損・盗難等)',
      facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER'],
      cellNotes: [
        { facilityType: 'TEST_CENTER', note: '試験場の注記' },
        { facilityType: 'RENEWAL_CENTER', note: 'センターの注記' },
      ],
      notes: ['行の注記'],
    },
    { procedure: 'RENEWAL', label: '免許更新', facilityTypes: ['DESIGNATED_STATION'], cellNotes: [], notes: [] },
  ],
  notes: ['表の注記'],
};

describe(layOutFacilityMatrix.name, () => {
  it('draws exactly the columns the content has, in its order, with its own headings in Japanese', () => {
    const layout = layOutFacilityMatrix(edited, naming(true));
    expect(layout.columns.map((c) => c.facilityType)).toEqual(['RENEWAL_CENTER', 'TEST_CENTER', 'DESIGNATED_STATION']);
    // A blank heading (being retyped) falls back to the vocabulary's words.
    expect(layout.columns.map((c) => c.heading)).toEqual(['運転免許更新センター', '運転免許試験場', 'Designated station']);
    expect(layout.columns[0].locations).toEqual(['神田', '新宿']);
  });

  it("names columns and rows by the vocabulary when the content's own Japanese headings are not wanted", () => {
    const layout = layOutFacilityMatrix(edited, naming(false));
    expect(layout.columns.map((c) => c.heading)).toEqual(['Renewal centre', 'Test centre', 'Designated station']);
    expect(layout.rows.map((r) => r.heading)).toEqual(['Reissue', 'Renewal']);
  });

  it('draws the rows in their order, one cell per column, 〇 where the row lists the facility type', () => {
    const layout = layOutFacilityMatrix(edited, naming(true));
    expect(layout.rows.map((r) => [r.heading, r.cells.map((c) => (c.available ? '〇' : '‐')).join('')])).toEqual([
      ['再交付(遺失・き損・盗難等)', '〇〇‐'],
      ['免許更新', '‐‐〇'],
    ]);
  });

  it('numbers the cell notes in reading order, left to right, whatever order the content lists them in', () => {
    const layout = layOutFacilityMatrix(edited, naming(true));
    expect(layout.rows[0].cells.map((c) => c.mark)).toEqual([1, 2, undefined]);
    expect(layout.cellNotes).toEqual(['センターの注記', '試験場の注記']);
  });

  it("lists the columns' notes, the rows' notes and the table's notes, each with the heading it belongs to", () => {
    expect(layOutFacilityMatrix(edited, naming(true)).notes).toEqual([
      { heading: '運転免許更新センター', note: '平日のみ' },
      { heading: '再交付(遺失・き損・盗難等)', note: '行の注記' },
      { note: '表の注記' },
    ]);
  });

  it('keeps a cell note of a column the table does not show with the row, named by row and facility, and draws no cell for it', () => {
    const stale: FacilityMatrixLike = {
      columns: [{ facilityType: 'TEST_CENTER', label: '運転免許試験場' }],
      rows: [{ procedure: 'RENEWAL', label: '免許更新', facilityTypes: ['TEST_CENTER', 'OTHER_STATION'], cellNotes: [{ facilityType: 'OTHER_STATION', note: '古い注記' }] }],
    };
    const layout = layOutFacilityMatrix(stale, naming(true));
    expect(layout.rows[0].cells.map((c) => c.facilityType)).toEqual(['TEST_CENTER']);
    expect(layout.cellNotes).toEqual([]);
    expect(layout.notes).toEqual([{ heading: '免許更新 / Other station', note: '古い注記' }]);
  });

  it('draws an empty table for missing or malformed content, without throwing', () => {
    for (const content of [null, undefined, {}, { columns: 'x', rows: 3 } as unknown as FacilityMatrixLike]) {
      expect(layOutFacilityMatrix(content, naming(true))).toEqual({ columns: [], rows: [], cellNotes: [], notes: [] });
    }
  });
});
