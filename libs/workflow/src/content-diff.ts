/** One difference between two versions, addressed by a path a side-by-side view can highlight. */
export interface DiffEntry {
  /** e.g. `effectiveThrough`, `content.rows[procedure=PARTICULARS_CHANGE].facilityTypes`, `content.notes[0]`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/**
 * Keys that identify a row in the seeded content (facility matrix, fee tables, channels). Rows matched by one of these
 * keep their identity when a row is inserted or removed, so the diff shows one added row instead of every later row
 * changed. Tried in this order; the first key every row has (with a unique string or number value) wins.
 */
const ROW_IDENTITY_KEYS = ['procedure', 'code', 'facilityType'] as const;

/**
 * The structured differences from `before` to `after`, in a deterministic order. Objects are compared key by key
 * (sorted keys); arrays of rows with an identity key are matched by that key; arrays of primitives are one 'changed'
 * entry holding both arrays; other arrays are compared index by index. `undefined` counts as absent, as in JSON.
 * Returns [] exactly when the two are equal as JSON values.
 */
export function diffValues(before: unknown, after: unknown, basePath = ''): DiffEntry[] {
  const entries: DiffEntry[] = [];
  collect(before, after, basePath, entries);
  return entries;
}

function collect(before: unknown, after: unknown, path: string, out: DiffEntry[]): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    out.push({ path, kind: 'added', after });
    return;
  }
  if (after === undefined) {
    out.push({ path, kind: 'removed', before });
    return;
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) collect(before[key], after[key], propertyPath(path, key), out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    collectArray(before, after, path, out);
    return;
  }
  if (!deepEqual(before, after)) out.push({ path, kind: 'changed', before, after });
}

function collectArray(before: unknown[], after: unknown[], path: string, out: DiffEntry[]): void {
  if (deepEqual(before, after)) return;
  // A list of codes (facility types, channels) reads best as one highlighted cell, old list beside new list.
  if (before.every(isPrimitive) && after.every(isPrimitive)) {
    out.push({ path, kind: 'changed', before, after });
    return;
  }
  const identityKey = ROW_IDENTITY_KEYS.find((key) => identifiesRows(before, key) && identifiesRows(after, key));
  if (identityKey) {
    collectKeyedRows(before as Record<string, unknown>[], after as Record<string, unknown>[], identityKey, path, out);
    return;
  }
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    collect(before[i], after[i], `${path}[${i}]`, out);
  }
}

function collectKeyedRows(
  before: Record<string, unknown>[],
  after: Record<string, unknown>[],
  key: string,
  path: string,
  out: DiffEntry[],
): void {
  const beforeByKey = new Map(before.map((row) => [row[key], row]));
  const afterByKey = new Map(after.map((row) => [row[key], row]));
  // The order of matched rows is content too (it is hashed and shown); report a reordering at the array path, as the
  // identity keys in old and new order, so that an empty diff always means "nothing to review".
  const keptBefore = before.map((row) => row[key]).filter((id) => afterByKey.has(id));
  const keptAfter = after.map((row) => row[key]).filter((id) => beforeByKey.has(id));
  if (!deepEqual(keptBefore, keptAfter)) {
    out.push({ path, kind: 'changed', before: keptBefore, after: keptAfter });
  }
  // Rows in the new version's order (added and changed ones where they now stand), then the removed ones.
  for (const row of after) {
    const id = row[key];
    collect(beforeByKey.get(id), row, `${path}[${key}=${String(id)}]`, out);
  }
  for (const row of before) {
    const id = row[key];
    if (!afterByKey.has(id)) collect(row, undefined, `${path}[${key}=${String(id)}]`, out);
  }
}

/** Every element is a plain object whose `key` holds a string or number, and no two share it (true when empty). */
function identifiesRows(rows: unknown[], key: string): boolean {
  const seen = new Set<unknown>();
  for (const row of rows) {
    if (!isRecord(row)) return false;
    const id = row[key];
    if ((typeof id !== 'string' && typeof id !== 'number') || seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}

function propertyPath(base: string, key: string): string {
  // Plain identifiers read as `a.b`; anything that would make the path ambiguous is quoted.
  const segment = /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(key) ? key : `[${JSON.stringify(key)}]`;
  return !base || segment.startsWith('[') ? `${base}${segment}` : `${base}.${segment}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/** Equality as JSON values: undefined properties count as absent, arrays in order, keys in any order. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b) || (a === 0 && b === 0)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!deepEqual(a[key], b[key])) return false;
    return true;
  }
  return false;
}
