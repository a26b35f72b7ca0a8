import { contentFieldName, contentFieldPattern, contentFieldTrail, contentPathSegments, CONTENT_FIELD_NAMES, FIELD_ENUMS } from './field-names';
import { policyKindJsonSchema, policyKinds } from './policy-kinds';

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
};

/** Every field path a kind's content can have, from its JSON Schema: object keys, and list elements as `*`. */
function fieldPaths(schema: JsonSchema, at: string[] = [], found = new Set<string>()): Set<string> {
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    found.add([...at, key].join('.'));
    fieldPaths(child, [...at, key], found);
  }
  if (schema.items) {
    found.add([...at, '*'].join('.'));
    fieldPaths(schema.items, [...at, '*'], found);
  }
  for (const option of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) fieldPaths(option, at, found);
  return found;
}

const pathsByKind = policyKinds.map((kind) => [kind.name, [...fieldPaths(policyKindJsonSchema(kind) as JsonSchema)]] as const);

describe('CONTENT_FIELD_NAMES', () => {
  it.each(pathsByKind)('names every field of %s in Japanese and in English', (_kind, paths) => {
    expect(paths.length).toBeGreaterThan(2);
    const unnamed = paths.filter((path) => !contentFieldName(path, 'ja') || !contentFieldName(path, 'en'));
    expect(unnamed).toEqual([]);
    for (const path of paths) {
      expect(contentFieldName(path, 'ja')).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(contentFieldName(path, 'en')).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it('names no field that no kind has, so the table cannot rot', () => {
    const all = new Set(pathsByKind.flatMap(([, paths]) => paths));
    expect(Object.keys(CONTENT_FIELD_NAMES).filter((path) => !all.has(path))).toEqual([]);
    expect(Object.keys(FIELD_ENUMS).filter((path) => !all.has(path))).toEqual([]);
  });
});

describe(contentPathSegments.name, () => {
  it('reads the API spelling, the form spelling and quoted keys alike', () => {
    expect(contentPathSegments('input.content.rows[2].facilityTypes[0]')).toEqual(['rows', '2', 'facilityTypes', '0']);
    expect(contentPathSegments('content.rows.2.facilityTypes.0')).toEqual(['rows', '2', 'facilityTypes', '0']);
    expect(contentPathSegments('content["電話"]')).toEqual(['電話']);
    expect(contentFieldPattern('content.items[3].amount.yen')).toBe('items.*.amount.yen');
  });
});

describe(contentFieldName.name, () => {
  it('names a field by its place in any list, and a plain list value by its list', () => {
    expect(contentFieldName('content.items[3].amount.byHoldingStatus.BOTH')).toBe('マイナ免許証と運転免許証の2枚の金額');
    expect(contentFieldName('content.items.0.notes.4', 'en')).toBe('Item notes');
    expect(contentFieldName('content')).toBe('内容');
  });

  it('has no name for a key no kind has', () => {
    expect(contentFieldName('content.rows[1].colour')).toBeUndefined();
  });
});

describe(contentFieldTrail.name, () => {
  it('places a field with the 1-based position of each list it is in, never as a path', () => {
    expect(contentFieldTrail('input.content.items[1].amount.yen')).toBe('手数料の項目 2 › 金額(円)');
    expect(contentFieldTrail('content.rules.0.facilityRules.2.channels.1', 'en')).toBe(
      'Reservation per procedure 1 › Exceptions by facility 3 › Reservation channels at this facility',
    );
    expect(contentFieldTrail('content.notes[0]')).toBe('注記');
  });

  it('names an unknown key by its place and the key itself', () => {
    expect(contentFieldTrail('content.rows[1].cellNotes[0].colour')).toBe('手続の行 2 › セルの注記 1 › 「colour」');
  });
});
