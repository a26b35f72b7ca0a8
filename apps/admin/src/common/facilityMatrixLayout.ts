// What the read-only facility table draws, worked out from a version's content alone: its own columns and rows, in
// its order, with its headings and notes. Pure, so that it is tested without a browser (facilityMatrixLayout.spec.ts).

/** The parts of a facility-matrix content the table reads (the schema is libs/kinds/src/facility-matrix.kind.ts). */
export interface FacilityMatrixLike {
  columns?: { facilityType: string; label?: string; locations?: string[]; notes?: string[] }[];
  rows?: {
    procedure: string;
    label?: string;
    facilityTypes?: string[];
    cellNotes?: { facilityType: string; note: string }[];
    notes?: string[];
  }[];
  notes?: string[];
}

/** How the table names a column or a row: the vocabulary's words, or the content's own heading when it has one. */
export interface MatrixNaming {
  /** The vocabulary's words for a facility type (`TEST_CENTER` → 運転免許試験場). */
  facilityType: (code: string) => string;
  /** The vocabulary's words for a procedure. */
  procedure: (code: string) => string;
  /**
   * Whether the content's own headings win over the vocabulary. They are Japanese (the public page's words), so in
   * Japanese they do; in English the vocabulary names the entry.
   */
  ownHeadings: boolean;
}

export interface MatrixLayoutColumn {
  facilityType: string;
  heading: string;
  locations: string[];
}

export interface MatrixLayoutCell {
  facilityType: string;
  /** 〇: the integration can be done there together with the row's procedure. */
  available: boolean;
  /** The number of the cell's ※ note, if it has one. */
  mark?: number;
}

export interface MatrixLayoutRow {
  procedure: string;
  heading: string;
  cells: MatrixLayoutCell[];
}

export interface MatrixLayout {
  columns: MatrixLayoutColumn[];
  rows: MatrixLayoutRow[];
  /** The ※ notes of the cells, numbered from 1 in reading order (row by row, left to right). */
  cellNotes: string[];
  /** The notes under a column's or a row's heading, each with that heading; then the matrix's own notes. */
  notes: { heading?: string; note: string }[];
}

const listOf = <T>(value: T[] | undefined | null): T[] => (Array.isArray(value) ? value : []);
const headingOf = (own: string | undefined, vocabulary: string, ownHeadings: boolean) => (ownHeadings && own?.trim() ? own : vocabulary);

/**
 * The table of a facility matrix: exactly the columns and rows the content has, in its order. A column the editor
 * added is there, a removed one is not; a cell is 〇 when the row lists the column's facility type. A cell note whose
 * column the table does not show (the API refuses that, but older content may have one) is kept with the row's notes,
 * named by its row and facility, so that nothing the content says is lost.
 */
export function layOutFacilityMatrix(content: FacilityMatrixLike | null | undefined, naming: MatrixNaming): MatrixLayout {
  const columns = listOf(content?.columns).map((column) => ({
    facilityType: column.facilityType,
    heading: headingOf(column.label, naming.facilityType(column.facilityType), naming.ownHeadings),
    locations: listOf(column.locations),
    notes: listOf(column.notes),
  }));
  const cellNotes: string[] = [];
  const notes: MatrixLayout['notes'] = columns.flatMap((column) => column.notes.map((note) => ({ heading: column.heading, note })));
  const rowNotes: MatrixLayout['notes'] = [];

  const rows = listOf(content?.rows).map((row) => {
    const heading = headingOf(row.label, naming.procedure(row.procedure), naming.ownHeadings);
    const marked = new Set(listOf(row.facilityTypes));
    const noteOf = new Map(listOf(row.cellNotes).map((cell) => [cell.facilityType, cell.note]));
    const cells = columns.map(({ facilityType }) => {
      const note = noteOf.get(facilityType);
      if (note === undefined) return { facilityType, available: marked.has(facilityType) };
      cellNotes.push(note);
      return { facilityType, available: marked.has(facilityType), mark: cellNotes.length };
    });
    const shown = new Set(columns.map((column) => column.facilityType));
    for (const cell of listOf(row.cellNotes)) {
      if (!shown.has(cell.facilityType)) rowNotes.push({ heading: `${heading} / ${naming.facilityType(cell.facilityType)}`, note: cell.note });
    }
    for (const note of listOf(row.notes)) rowNotes.push({ heading, note });
    return { procedure: row.procedure, heading, cells };
  });

  return {
    columns: columns.map(({ facilityType, heading, locations }) => ({ facilityType, heading, locations })),
    rows,
    cellNotes,
    notes: [...notes, ...rowNotes, ...listOf(content?.notes).map((note) => ({ note }))],
  };
}
