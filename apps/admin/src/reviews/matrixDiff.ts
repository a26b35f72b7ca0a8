import { FACILITY_TYPES } from '@policy-cms/kinds';

/** One entry of dataProvider.diff(a, b). */
export interface DiffEntry {
  path: string;
  kind: string;
  before?: unknown;
  after?: unknown;
}

const COLUMN = /^content\.columns\[facilityType=([^\]]+)\]$/;
const ROW = /^content\.rows\[procedure=([^\]]+)\]$/;
const ROW_FACILITIES = /^content\.rows\[procedure=([^\]]+)\]\.facilityTypes$/;

export interface MatrixDiff {
  /** Cells to highlight in the table of the version before ("PROCEDURE:FACILITY_TYPE"). */
  before: Set<string>;
  /** Cells to highlight in the table of the version after. */
  after: Set<string>;
  /** Columns (facility types) the version before has and the version after does not: highlighted whole in the old table. */
  columnsBefore: Set<string>;
  /** Columns the version after adds: highlighted whole in the new table. */
  columnsAfter: Set<string>;
  /** Entries that are not a matrix cell (labels, notes, cell notes, row order, the range). */
  others: DiffEntry[];
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/**
 * Reads a diff of two facility-matrix versions as changed cells: a changed `facilityTypes` list marks the facility
 * types gained or lost (in both tables); an added row or column is highlighted whole in the new table, a removed one
 * in the old.
 */
export function matrixDiff(entries: readonly DiffEntry[]): MatrixDiff {
  const result: MatrixDiff = { before: new Set(), after: new Set(), columnsBefore: new Set(), columnsAfter: new Set(), others: [] };
  for (const entry of entries) {
    const cells = ROW_FACILITIES.exec(entry.path);
    if (cells) {
      const procedure = cells[1];
      const before = asList(entry.before);
      const after = asList(entry.after);
      const changed = FACILITY_TYPES.filter((f) => before.includes(f) !== after.includes(f));
      for (const facility of changed) {
        result.before.add(`${procedure}:${facility}`);
        result.after.add(`${procedure}:${facility}`);
      }
      if (changed.length === 0) result.others.push(entry); // only the order of the list changed
      continue;
    }
    const row = ROW.exec(entry.path);
    if (row && (entry.kind === 'added' || entry.kind === 'removed')) {
      const side = entry.kind === 'added' ? result.after : result.before;
      for (const facility of FACILITY_TYPES) side.add(`${row[1]}:${facility}`);
      continue;
    }
    const column = COLUMN.exec(entry.path);
    if (column && (entry.kind === 'added' || entry.kind === 'removed')) {
      (entry.kind === 'added' ? result.columnsAfter : result.columnsBefore).add(column[1]);
      continue;
    }
    result.others.push(entry);
  }
  return result;
}
