import { canonicalJson, eventHash, toJsonValue } from './audit-hash';
import { csvField } from './audit-export-format';

describe(canonicalJson.name, () => {
  it('sorts keys at every depth, after absent members are dropped as jsonb drops them', () => {
    expect(canonicalJson(toJsonValue({ b: 1, a: { d: [1, { z: 0, y: undefined }], c: null } }))).toBe('{"a":{"c":null,"d":[1,{"z":0}]},"b":1}');
  });

  it('gives the same text for a value and its trip through JSON (as jsonb hands it back)', () => {
    const value = { when: new Date('2025-04-01T00:00:00Z'), n: [1e21, 0.1, -0], s: '記載\u2028"x"' };
    expect(canonicalJson(toJsonValue(value))).toBe(canonicalJson(JSON.parse(JSON.stringify(toJsonValue(value)))));
  });
});

describe(eventHash.name, () => {
  const event = {
    occurredAt: new Date('2025-04-01T00:00:00Z'),
    actorId: '1',
    actorName: 'editor',
    action: 'auth.login',
    targetType: null,
    targetId: null,
    before: null,
    after: { b: 1, a: 2 },
    reason: null,
    clientAddress: null,
  };

  it('covers the previous hash and every field, whatever the key order', () => {
    const hash = eventHash(null, event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash(null, { ...event, after: { a: 2, b: 1 } })).toBe(hash);
    expect(eventHash('0'.repeat(64), event)).not.toBe(hash);
    expect(eventHash(null, { ...event, reason: '' })).not.toBe(hash);
    expect(eventHash(null, { ...event, occurredAt: new Date('2025-04-01T00:00:00.001Z') })).not.toBe(hash);
  });
});

describe(csvField.name, () => {
  it('quotes only what RFC 4180 requires, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
  });
});
