/** One entry of dataProvider.diff(a, b). */
export interface DiffEntry {
  path: string;
  kind: string;
  before?: unknown;
  after?: unknown;
}

const FACILITY_TYPES = ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION', 'OTHER_STATION'];
const ROW = /^content\.rows\[procedure=([^\]]+)\]$/;
const ROW_FACILITIES = /^content\.rows\[procedure=([^\]]+)\]\.facilityTypes$/;

export interface MatrixDiff {
  /** Cells to highlight in the table of the version before ("PROCEDURE:FACILITY_TYPE"). */
  before: Set<string>;
  /** Cells to highlight in the table of the version after. */
  after: Set<string>;
  /** Entries that are not a matrix cell (labels, notes, cell notes, row order, the range). */
  others: DiffEntry[];
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/**
 * Reads a diff of two facility-matrix versions as changed cells: a changed `facilityTypes` list marks the facility
 * types gained or lost (in both tables); an added row is highlighted whole in the new table, a removed one in the old.
 */
export function matrixDiff(entries: readonly DiffEntry[]): MatrixDiff {
  const result: MatrixDiff = { before: new Set(), after: new Set(), others: [] };
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
    result.others.push(entry);
  }
  return result;
}
