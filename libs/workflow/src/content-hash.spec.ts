import fc from 'fast-check';
import { NonCanonicalValueError, canonicalJson, contentHash } from './content-hash';

const matrix = {
  rows: [
    { procedure: 'RENEWAL', facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER', 'POLICE_STATION'] },
    { procedure: 'PARTICULARS_CHANGE', facilityTypes: ['TEST_CENTER'], note: '記載事項変更' },
  ],
};
const version = { content: matrix, effectiveFrom: '2025-04-01', effectiveThrough: null };

/** The same value with every object's keys in reverse insertion order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}

describe(canonicalJson.name, () => {
  it('sorts keys recursively, keeps array order and writes no whitespace', () => {
    expect(canonicalJson({ b: [3, 1, { z: true, a: null }], a: 'x y' })).toBe('{"a":"x y","b":[3,1,{"a":null,"z":true}]}');
  });

  it('writes Japanese text as itself', () => {
    expect(canonicalJson({ note: '記載事項変更' })).toBe('{"note":"記載事項変更"}');
  });

  it.each([
    ['undefined', undefined],
    ['an undefined property', { a: undefined }],
    ['an undefined array element', [1, undefined]],
    ['a hole in an array', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['a function', { f: () => 1 }],
    ['NaN', { n: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a class instance', new (class Fee { amount = 1 })()],
    ['a bigint', 1n],
    ['a symbol', Symbol('s')],
  ])('rejects %s, which JSON.stringify would drop or change silently', (_, value) => {
    expect(() => canonicalJson(value)).toThrow(NonCanonicalValueError);
  });

  it('accepts plain objects from another realm, such as structuredClone results', () => {
    expect(canonicalJson(structuredClone({ b: 1, a: [2] }))).toBe('{"a":[2],"b":1}');
  });

  it('names where the bad value is', () => {
    expect(() => canonicalJson({ rows: [{ fee: Number.NaN }] })).toThrow(/rows\[0\]\.fee/);
  });

  it('parses back to the same value and ignores key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = canonicalJson(value);
        // Compared through JSON.stringify because JSON has no -0: both write it as 0.
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(reverseKeys(value))).toBe(json);
      }),
    );
  });
});

describe(contentHash.name, () => {
  it('is a sha256 hex digest', () => {
    expect(contentHash(version)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order', () => {
    const reordered = { effectiveThrough: null, effectiveFrom: '2025-04-01', content: reverseKeys(matrix) };
    expect(contentHash(reordered)).toBe(contentHash(version));
  });

  it('changes when the content changes', () => {
    const changed = structuredClone(version);
    changed.content.rows[1].facilityTypes.push('RENEWAL_CENTER');
    expect(contentHash(changed)).not.toBe(contentHash(version));
  });

  it('changes when the row order changes', () => {
    const reordered = { ...version, content: { rows: [...matrix.rows].reverse() } };
    expect(contentHash(reordered)).not.toBe(contentHash(version));
  });

  it('changes when the effective range changes', () => {
    expect(contentHash({ ...version, effectiveFrom: '2025-04-02' })).not.toBe(contentHash(version));
    expect(contentHash({ ...version, effectiveThrough: '2026-03-31' })).not.toBe(contentHash(version));
  });

  it('covers only the content and the range, not other fields the caller passes along', () => {
    const withStatus = { ...version, status: 'APPROVED' };
    expect(contentHash(withStatus)).toBe(contentHash(version));
  });

  it('differs for any two different contents or ranges (property)', () => {
    const input = fc.record({
      content: fc.jsonValue(),
      effectiveFrom: fc.constantFrom('2025-04-01', '2025-04-02'),
      effectiveThrough: fc.constantFrom(null, '2025-12-31'),
    });
    fc.assert(
      fc.property(input, input, (a, b) => {
        const same = canonicalJson(a) === canonicalJson(b);
        expect(contentHash(a) === contentHash(b)).toBe(same);
      }),
    );
  });
});
