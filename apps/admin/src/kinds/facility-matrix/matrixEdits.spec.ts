import type { FacilityMatrixContent } from '@policy-cms/kinds';
import {
  cellNoteOf,
  facilityTypesNotInColumns,
  markedCellsOf,
  moved,
  proceduresNotInRows,
  withCellNote,
  withColumnAdded,
  withColumnRemoved,
  withRowAdded,
  without,
} from './matrixEdits';

const matrix: FacilityMatrixContent = {
  columns: [
    { facilityType: 'TEST_CENTER', label: '運転免許試験場', locations: ['府中運転免許試験場'], notes: [] },
    { facilityType: 'DESIGNATED_STATION', label: '指定警察署', locations: [], notes: ['注'] },
  ],
  rows: [
    {
      procedure: 'RENEWAL',
      label: '免許更新',
      facilityTypes: ['TEST_CENTER', 'DESIGNATED_STATION'],
      cellNotes: [{ facilityType: 'DESIGNATED_STATION', note: '優良運転者のみ' }],
      notes: [],
    },
    { procedure: 'REISSUE', label: '再交付', facilityTypes: ['TEST_CENTER'], cellNotes: [], notes: ['行の注記'] },
  ],
  notes: [],
};

describe(proceduresNotInRows.name, () => {
  it('offers the procedures without a row, in the vocabulary order', () => {
    expect(proceduresNotInRows(matrix.rows)).toEqual([
      'HOLDING_STATUS_CHANGE',
      'NEW_LICENSE',
      'ADDITION',
      'DRIVING_HISTORY_CERTIFICATE',
      'PARTICULARS_CHANGE',
      'REACQUISITION',
      'CARD_RE_RECORDING',
    ]);
  });
});

describe(facilityTypesNotInColumns.name, () => {
  it('offers the facility types without a column, and none when all four are shown', () => {
    expect(facilityTypesNotInColumns(matrix.columns)).toEqual(['RENEWAL_CENTER', 'OTHER_STATION']);
    expect(facilityTypesNotInColumns(withColumnAdded(withColumnAdded(matrix.columns, 'RENEWAL_CENTER', 'a'), 'OTHER_STATION', 'b'))).toEqual([]);
  });
});

describe(withRowAdded.name, () => {
  it('appends an empty row with the given heading and leaves the others as they were', () => {
    const rows = withRowAdded(matrix.rows, 'ADDITION', '併記');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toEqual({ procedure: 'ADDITION', label: '併記', facilityTypes: [], cellNotes: [], notes: [] });
    expect(rows[0]).toBe(matrix.rows[0]);
  });
});

describe(withColumnAdded.name, () => {
  it('appends a column with no facilities and no notes', () => {
    expect(withColumnAdded(matrix.columns, 'RENEWAL_CENTER', '更新センター')[2]).toEqual({
      facilityType: 'RENEWAL_CENTER',
      label: '更新センター',
      locations: [],
      notes: [],
    });
  });
});

describe(moved.name, () => {
  it('swaps an entry with its neighbour', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
  });
  it('leaves the list as it is at either end', () => {
    expect(moved(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moved(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});

describe(without.name, () => {
  it('drops only the entry at the index', () => {
    expect(without(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });
});

describe(withColumnRemoved.name, () => {
  it("removes the column and its facility type from every row's 〇 cells and cell notes", () => {
    const { columns, rows } = withColumnRemoved(matrix.columns, matrix.rows, 1);
    expect(columns.map((c) => c.facilityType)).toEqual(['TEST_CENTER']);
    expect(rows[0]).toEqual({ ...matrix.rows[0], facilityTypes: ['TEST_CENTER'], cellNotes: [] });
  });
  it('leaves rows that did not mention the facility type untouched', () => {
    const { rows } = withColumnRemoved(matrix.columns, matrix.rows, 1);
    expect(rows[1]).toBe(matrix.rows[1]);
  });
  it('counts the 〇 cells that go with a column', () => {
    expect(markedCellsOf(matrix.rows, 'TEST_CENTER')).toBe(2);
    expect(markedCellsOf(matrix.rows, 'DESIGNATED_STATION')).toBe(1);
    expect(markedCellsOf(matrix.rows, 'OTHER_STATION')).toBe(0);
  });
});

describe(withCellNote.name, () => {
  const notes = matrix.rows[0].cellNotes;
  it('adds a note to a cell that had none', () => {
    expect(withCellNote(notes, 'TEST_CENTER', '予約制')).toEqual([...notes, { facilityType: 'TEST_CENTER', note: '予約制' }]);
  });
  it("replaces a cell's note in place", () => {
    expect(withCellNote(notes, 'DESIGNATED_STATION', '変更')).toEqual([{ facilityType: 'DESIGNATED_STATION', note: '変更' }]);
  });
  it('removes the note when it is emptied', () => {
    expect(withCellNote(notes, 'DESIGNATED_STATION', '  ')).toEqual([]);
  });
  it('reads the note of one cell', () => {
    expect(cellNoteOf(matrix.rows[0], 'DESIGNATED_STATION')).toBe('優良運転者のみ');
    expect(cellNoteOf(matrix.rows[0], 'TEST_CENTER')).toBeUndefined();
  });
});
