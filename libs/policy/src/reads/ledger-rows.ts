import { CalendarDate, dateOfEpochDay, epochDayOf, fromDateRangeLiteral } from '@policy-cms/temporal';
import type { PolicyVersionModel } from '../models/policy-version.model';

/** What a version contributes to every answer that shows it; read once per version, shared by its rows. */
export interface VersionFacts {
  id: string;
  number: number;
  versionEffectiveFrom: CalendarDate;
  versionEffectiveThrough: CalendarDate | null;
  content: Record<string, unknown>;
  summary: string;
  demo: boolean;
}

/** One ledger row as the model loads it (rowMode 'array'): see LEDGER_ROW_COLUMNS. */
export type LoadedRow = [policyId: number, opened: number, closed: number | null, from: number, until: number | null, recordedAt: number, versionId: string];

/**
 * The columns of a LoadedRow, in order: the policy (a bigint well within a double's whole numbers), record instants in
 * ms rounded up (a row opened or closed at T shows to every whole-ms knownAt at or after the rounded instant, and to
 * none before it: knownAt has no finer grain), effective days as days since 1970-01-01 (until exclusive, null when
 * open-ended), the opening in ms rounded down (the answer's recordedAt: node-postgres drops the microseconds of a
 * timestamptz in the same way, so the SQL reads give the same Date), and the version. Numbers, not text or Dates: a
 * million rows are read at start, and each object read is garbage a moment later.
 */
export const LEDGER_ROW_COLUMNS = `
  s.policy_id::float8,
  ceil(extract(epoch FROM lower(s.recorded)) * 1000)::float8,
  ceil(extract(epoch FROM upper(s.recorded)) * 1000)::float8,
  lower(s.effective) - DATE '1970-01-01',
  upper(s.effective) - DATE '1970-01-01',
  floor(extract(epoch FROM lower(s.recorded)) * 1000)::float8,
  s.version_id::text`;

/** Six numbers a row: opened, closed (Infinity while open), from, until (Infinity: open-ended), recordedAt, version. */
const STRIDE = 6;

/**
 * Every ledger row of one policy, superseded ones included, in 48 bytes a row (one Float64Array), so that the model
 * can answer any (on, knownAt) from memory: a row shows on day D to knownAt K when opened <= K < closed and
 * from <= D < until, and the ledger's exclusion constraint lets at most one row of a policy do so. Rows are ordered by
 * their opening, so a question stops at the first row opened after its knownAt.
 *
 * Versions are held for the rows that need them: every row when the model holds the past (READ_HISTORY, default),
 * else only the open rows; a row whose version is not held answers undefined, and the caller asks SQL.
 */
export class LedgerRows {
  private constructor(
    private readonly data: Float64Array,
    private readonly versions: (VersionFacts | undefined)[],
    private readonly policyKey: string,
  ) {}

  /** `rows` ordered by opening (then effective start); `versions` by id, for the rows whose version is held. */
  static of(policyKey: string, rows: readonly LoadedRow[], versions: ReadonlyMap<string, VersionFacts>): LedgerRows {
    const data = new Float64Array(rows.length * STRIDE);
    const held: (VersionFacts | undefined)[] = [];
    const indexOf = new Map<string, number>();
    rows.forEach((row, i) => {
      let index = indexOf.get(row[6]);
      if (index === undefined) {
        index = held.length;
        indexOf.set(row[6], index);
        held.push(versions.get(row[6]));
      }
      const at = i * STRIDE;
      data[at] = row[1];
      data[at + 1] = row[2] ?? Number.POSITIVE_INFINITY;
      data[at + 2] = row[3];
      data[at + 3] = row[4] ?? Number.POSITIVE_INFINITY;
      data[at + 4] = row[5];
      data[at + 5] = index;
    });
    return new LedgerRows(data, held, policyKey);
  }

  get length(): number {
    return this.data.length / STRIDE;
  }

  /** Bytes held for the rows (their versions are counted apart, being shared). */
  get bytes(): number {
    return this.data.byteLength;
  }

  /** Every instant at which the policy's record changed (each row's opening and closing), in order, once each. */
  instants(): number[] {
    const all: number[] = [];
    for (let at = 0; at < this.data.length; at += STRIDE) {
      all.push(this.data[at]);
      if (this.data[at + 1] !== Number.POSITIVE_INFINITY) all.push(this.data[at + 1]);
    }
    all.sort((a, b) => a - b);
    return all.filter((instant, i) => i === 0 || instant !== all[i - 1]);
  }

  /** The row in force on `on` as the record stood at `instant` (ms): its index, or -1 when none was. */
  find(on: CalendarDate, instant: number): number {
    const day = epochDayOf(on)!;
    const data = this.data;
    for (let at = 0; at < data.length && data[at] <= instant; at += STRIDE) {
      if (instant < data[at + 1] && data[at + 2] <= day && day < data[at + 3]) return at / STRIDE;
    }
    return -1;
  }

  /** The rows shown at `instant`, in effective order (the timeline as the record stood then). */
  shownAt(instant: number): number[] {
    const shown: number[] = [];
    const data = this.data;
    for (let at = 0; at < data.length && data[at] <= instant; at += STRIDE) {
      if (instant < data[at + 1]) shown.push(at / STRIDE);
    }
    return shown.sort((a, b) => data[a * STRIDE + 2] - data[b * STRIDE + 2]);
  }

  /** The rows open now (the current timeline), in effective order. */
  open(): number[] {
    const open: number[] = [];
    for (let at = 0; at < this.data.length; at += STRIDE) if (this.data[at + 1] === Number.POSITIVE_INFINITY) open.push(at / STRIDE);
    return open.sort((a, b) => this.data[a * STRIDE + 2] - this.data[b * STRIDE + 2]);
  }

  /** Whether row `index` was superseded (it is not on the current timeline). */
  closed(index: number): boolean {
    return this.data[index * STRIDE + 1] !== Number.POSITIVE_INFINITY;
  }

  /**
   * The public answer row `index` gives to any knownAt it shows to, as SqlReads' toVersion builds it (supersededAt is
   * null: what was known then); undefined when its version is not held.
   */
  answer(index: number): PolicyVersionModel | undefined {
    const at = index * STRIDE;
    const version = this.versions[this.data[at + 5]];
    if (!version) return undefined;
    const until = this.data[at + 3];
    return {
      id: version.id,
      policyKey: this.policyKey,
      number: version.number,
      status: 'PUBLISHED',
      effectiveFrom: dateOfEpochDay(this.data[at + 2]),
      effectiveThrough: until === Number.POSITIVE_INFINITY ? null : dateOfEpochDay(until - 1),
      versionEffectiveFrom: version.versionEffectiveFrom,
      versionEffectiveThrough: version.versionEffectiveThrough,
      content: version.content,
      summary: version.summary,
      demo: version.demo,
      recordedAt: new Date(this.data[at + 4]),
      supersededAt: null,
    };
  }
}

/** A version row as loaded (see VERSION_COLUMNS) made into its facts. */
export function versionFacts(row: { id: string; number: number; effective: string; content: Record<string, unknown>; summary: string; demo: boolean }): VersionFacts {
  const own = fromDateRangeLiteral(row.effective);
  return {
    id: row.id,
    number: row.number,
    versionEffectiveFrom: own.effectiveFrom,
    versionEffectiveThrough: own.effectiveThrough,
    content: row.content,
    summary: row.summary,
    demo: row.demo,
  };
}
