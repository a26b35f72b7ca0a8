import fc from 'fast-check';
import { canonicalJson, contentHash } from './content-hash';

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

  it('matches a known answer: sha256 of the canonical JSON, with Japanese and an astral-plane character', () => {
    // Expected digest computed outside this code base: sha256 over the UTF-8 bytes of
    // {"content":{"rows":[{"facilityTypes":["TEST_CENTER"],"note":"記載事項変更 𠮷","procedure":"RENEWAL"}]},"effectiveFrom":"2025-04-01","effectiveThrough":null}
    const input = {
      effectiveThrough: null,
      content: { rows: [{ procedure: 'RENEWAL', note: '記載事項変更 𠮷', facilityTypes: ['TEST_CENTER'] }] },
      effectiveFrom: '2025-04-01',
    };
    expect(contentHash(input)).toBe('dd9483c488f4abc35cdc7364f07f58eb2e13bf88e4d2729acef3c3de177c72b6');
  });
});
