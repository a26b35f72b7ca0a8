/** Thrown when a value has no single JSON form (undefined, functions, NaN, class instances, ...). */
export class NonCanonicalValueError extends Error {
  readonly code = 'NON_CANONICAL_VALUE';
  readonly path: string;

  constructor(path: string, description: string) {
    super(`Cannot hash ${description} at ${path || '(root)'}: only JSON values have a canonical form.`);
    this.name = 'NonCanonicalValueError';
    this.path = path;
  }
}

/**
 * JSON with object keys sorted recursively and no whitespace; arrays keep their order; -0 is written as 0, as JSON
 * does.
 * It throws instead of silently dropping what JSON.stringify would drop (undefined, functions) or turn into null (NaN),
 * because two different values must never hash alike: the approver approves exactly what goes live.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '');
}

function write(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NonCanonicalValueError(path, String(value));
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    // Index loop, not map: map skips holes, which would hide a sparse array's missing (undefined) elements.
    const parts: string[] = [];
    for (let i = 0; i < value.length; i++) parts.push(write(value[i], `${path}[${i}]`));
    return `[${parts.join(',')}]`;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const record = value as Record<string, unknown>;
    const parts = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${write(record[key], path ? `${path}.${key}` : key)}`);
    return `{${parts.join(',')}}`;
  }
  throw new NonCanonicalValueError(path, describe(value));
}

/** An object literal or JSON.parse result, also from another realm (structuredClone, jest's vm); no class instance. */
function isPlainObject(value: object): boolean {
  const prototype: object | null = Object.getPrototypeOf(value);
  return (
    Object.prototype.toString.call(value) === '[object Object]' &&
    (prototype === null || Object.getPrototypeOf(prototype) === null)
  );
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') return `an instance of ${value?.constructor?.name ?? 'a class'}`;
  return `a ${typeof value}`;
}
