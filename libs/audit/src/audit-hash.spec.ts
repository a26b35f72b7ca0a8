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

  it('matches known answers, with Japanese and an astral-plane character', () => {
    // Expected digests computed outside this code base: sha256 over the UTF-8 bytes of prevHash ('' for the first
    // event), a newline and
    // {"action":"policy_version.publish","actorId":"7","actorName":"承認者","after":{"status":"PUBLISHED","summary":"𠮷野家の窓口"},"before":null,"clientAddress":"10.0.0.1","occurredAt":"2025-04-01T00:30:00.000Z","reason":"出典: 官報","targetId":"v-1","targetType":"policy_version"}
    const known = {
      occurredAt: new Date('2025-04-01T09:30:00+09:00'),
      actorId: '7',
      actorName: '承認者',
      action: 'policy_version.publish',
      targetType: 'policy_version',
      targetId: 'v-1',
      before: null,
      after: { summary: '𠮷野家の窓口', status: 'PUBLISHED' },
      reason: '出典: 官報',
      clientAddress: '10.0.0.1',
    };
    expect(eventHash(null, known)).toBe('0c39891cb8648fa24906e47f472fb4d6c7f18b06a357062ef181841fc40b52e0');
    expect(eventHash('a'.repeat(64), known)).toBe('80e90886b20fd8de903d5092a03740fecca5144bae089f6f8189d45811f1b51e');
  });

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

  it('makes a cell a spreadsheet would run as a formula inert, reversibly', () => {
    expect(csvField('=HYPERLINK("http://e.vl/","x")')).toBe(`"'=HYPERLINK(""http://e.vl/"",""x"")"`);
    for (const start of ['+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvField(start).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField("'quoted")).toBe("''quoted");
    expect(csvField('2025-03-24T00:00:00.000Z')).toBe('2025-03-24T00:00:00.000Z');
    // Removing one leading apostrophe gives back the stored text.
    const stored = ["=1+1", "'=1+1", 'plain', "''"];
    for (const value of stored) {
      const cell = csvField(value).replace(/^"(.*)"$/s, '$1').replace(/""/g, '"');
      expect(cell.startsWith("'") ? cell.slice(1) : cell).toBe(value);
    }
  });
});
