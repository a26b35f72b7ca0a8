import { FACILITY_TYPES, PROCEDURES, type FacilityMatrixContent, type FacilityType, type Procedure } from '@policy-cms/kinds';

// Pure edits of a facility matrix's columns and rows, for the form. Each returns new arrays and leaves every part it
// does not concern as it was (same objects), so a saved version differs from its starting content only where edited.

export type FacilityColumn = FacilityMatrixContent['columns'][number];
export type FacilityRow = FacilityMatrixContent['rows'][number];

const listOr = <T>(value: T[] | undefined | null): T[] => (Array.isArray(value) ? value : []);

/** The procedures that have no row yet, in the vocabulary's order (the seed page's). */
export function proceduresNotInRows(rows: readonly Pick<FacilityRow, 'procedure'>[]): Procedure[] {
  const present = new Set<string>(rows.map((row) => row.procedure));
  return PROCEDURES.filter((procedure) => !present.has(procedure));
}

/** The facility types that have no column yet, in the vocabulary's order. */
export function facilityTypesNotInColumns(columns: readonly Pick<FacilityColumn, 'facilityType'>[]): FacilityType[] {
  const present = new Set<string>(columns.map((column) => column.facilityType));
  return FACILITY_TYPES.filter((facilityType) => !present.has(facilityType));
}

/** A new row at the end of the table, with no 〇 and no notes. */
export function withRowAdded(rows: readonly FacilityRow[], procedure: Procedure, label: string): FacilityRow[] {
  return [...rows, { procedure, label, facilityTypes: [], cellNotes: [], notes: [] }];
}

/** A new column at the right of the table, with no named facilities and no notes. */
export function withColumnAdded(columns: readonly FacilityColumn[], facilityType: FacilityType, label: string): FacilityColumn[] {
  return [...columns, { facilityType, label, locations: [], notes: [] }];
}

/** The list without the entry at `index`. */
export function without<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** The list with the entry at `index` moved by `delta` places (-1 up/left, +1 down/right); unchanged at an end. */
export function moved<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** How many 〇 cells the column of `facilityType` holds (what goes when it is removed). */
export function markedCellsOf(rows: readonly FacilityRow[], facilityType: string): number {
  return rows.filter((row) => listOr(row.facilityTypes).includes(facilityType as FacilityType)).length;
}

/**
 * The table without the column at `index`: the facility type also leaves every row's 〇 cells and cell notes, since a
 * cell cannot be marked for a column the table does not show. Rows that did not mention it stay the same objects.
 */
export function withColumnRemoved(
  columns: readonly FacilityColumn[],
  rows: readonly FacilityRow[],
  index: number,
): { columns: FacilityColumn[]; rows: FacilityRow[] } {
  const gone = columns[index]?.facilityType;
  if (gone === undefined) return { columns: [...columns], rows: [...rows] };
  return {
    columns: without(columns, index),
    rows: rows.map((row) => {
      const marked = listOr(row.facilityTypes);
      const notes = listOr(row.cellNotes);
      if (!marked.includes(gone) && !notes.some((n) => n.facilityType === gone)) return row;
      return { ...row, facilityTypes: marked.filter((f) => f !== gone), cellNotes: notes.filter((n) => n.facilityType !== gone) };
    }),
  };
}

/** The note of one cell of a row, if it has one. */
export function cellNoteOf(row: Pick<FacilityRow, 'cellNotes'>, facilityType: string): string | undefined {
  return listOr(row.cellNotes).find((n) => n.facilityType === facilityType)?.note;
}

/**
 * The row's cell notes with the note of one cell set: replaced where it was, appended otherwise; an empty or blank
 * note removes it.
 */
export function withCellNote(cellNotes: readonly FacilityRow['cellNotes'][number][] | undefined, facilityType: FacilityType, note: string) {
  const notes = listOr(cellNotes as FacilityRow['cellNotes'] | undefined);
  if (note.trim() === '') return notes.filter((n) => n.facilityType !== facilityType);
  return notes.some((n) => n.facilityType === facilityType)
    ? notes.map((n) => (n.facilityType === facilityType ? { ...n, note } : n))
    : [...notes, { facilityType, note }];
}
