import { findPolicyKind, policyKindJsonSchema, policyKinds } from './index';

describe('policyKinds', () => {
  it('holds the seven kinds DOMAIN.md needs, each under a unique kebab-case name', () => {
    const names = policyKinds.map((k) => k.name);
    expect(names).toEqual([
      'facility-matrix',
      'reservation-rules',
      'fee-table',
      'card-renewal-carry-over',
      'online-lecture',
      'one-stop-service',
      'notice',
    ]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every kind a Japanese title and a one-sentence English description', () => {
    for (const kind of policyKinds) {
      expect(kind.title).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(kind.description).toMatch(/^[A-Z][^\u3040-\u30ff\u4e00-\u9fff]*\.$/);
    }
  });
});

describe(findPolicyKind.name, () => {
  it('finds a kind by name and returns undefined for an unknown one', () => {
    expect(findPolicyKind('fee-table')?.title).toBe('手数料');
    expect(findPolicyKind('fee_table')).toBeUndefined();
  });
});

describe(policyKindJsonSchema.name, () => {
  it.each(policyKinds.map((k) => [k.name, k] as const))('exports %s as a strict draft 2020-12 object schema', (_name, kind) => {
    const schema = policyKindJsonSchema(kind);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.title).toBe(kind.title);
    expect(schema.description).toBe(kind.description);
  });

  it('lists the API enum values exactly as the GraphQL contract spells them', () => {
    const matrix = JSON.stringify(policyKindJsonSchema(findPolicyKind('facility-matrix')!));
    expect(matrix).toContain(
      '["RENEWAL","HOLDING_STATUS_CHANGE","NEW_LICENSE","ADDITION","DRIVING_HISTORY_CERTIFICATE","PARTICULARS_CHANGE","REISSUE","REACQUISITION","CARD_RE_RECORDING"]',
    );
    expect(matrix).toContain('["TEST_CENTER","RENEWAL_CENTER","DESIGNATED_STATION","OTHER_STATION"]');
    const reservation = JSON.stringify(policyKindJsonSchema(findPolicyKind('reservation-rules')!));
    expect(reservation).toContain('["WEB","VOICE","GYOSEI_ONLINE"]');
  });

  it('marks yen amounts as non-negative integers', () => {
    const fees = JSON.stringify(policyKindJsonSchema(findPolicyKind('fee-table')!));
    expect(fees).toContain('"yen":{"type":"integer","minimum":0');
  });
});
