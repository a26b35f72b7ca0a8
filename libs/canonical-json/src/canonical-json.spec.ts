import fc from 'fast-check';
import { NonCanonicalValueError, canonicalJson } from './canonical-json';

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

  // Known answers: fixed inputs and the exact text expected, so that a change of format cannot pass unnoticed by
  // tests that only compare the function with itself.
  it.each([
    ['nested keys, arrays and literals', { b: [3, 1, { z: true, a: null }], a: 'x y' }, '{"a":"x y","b":[3,1,{"a":null,"z":true}]}'],
    ['Japanese and an astral-plane character, written as themselves', { 備考: '記載事項変更 𠮷' }, '{"備考":"記載事項変更 𠮷"}'],
    // Keys sort by UTF-16 code unit (JavaScript's default sort): 𠮷 (D842 DFB7) before ｡ (FF61), unlike code point order.
    ['keys in UTF-16 code unit order', { '\uff61': 1, '𠮷': 2, a: 0 }, '{"a":0,"𠮷":2,"\uff61":1}'],
    ['control characters escaped as JSON.stringify does, U+2028 kept', { s: '\u0001\t"\\\u2028' }, '{"s":"\\u0001\\t\\"\\\\\u2028"}'],
    ['numbers in shortest round-trip form, -0 as 0', [1e21, 0.1, -0, 1.5e-7, 10], '[1e+21,0.1,0,1.5e-7,10]'],
    ['empty containers', { a: [], b: {} }, '{"a":[],"b":{}}'],
  ])('known answer: %s', (_, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});
