/// <reference types="jest" />
import { schemaIssueText, validateJson } from './jsonSchema';
import { versionMessages } from '../../i18n/messages-versions';
import { versionMessagesEn } from '../../i18n/messages-versions.en';

/** A polyglot-like lookup over one catalogue, with %{name} filled in. */
const translator = (messages: Record<string, unknown>) => (key: string, options: Record<string, unknown> = {}) => {
  const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  if (typeof found !== 'string') return key;
  return found.replace(/%\{(\w+)\}/g, (_, name: string) => String(options[name]));
};
const ja = translator(versionMessages);
const en = translator(versionMessagesEn);

const SCHEMA = {
  type: 'object',
  required: ['title', 'fee'],
  additionalProperties: false,
  properties: { title: { type: 'string', minLength: 1 }, fee: { type: 'integer', minimum: 0 } },
};

describe(validateJson.name, () => {
  it('says each problem where it is, in the language of the screen', () => {
    const issues = validateJson(SCHEMA, { fee: -1, colour: 'red' });
    expect(issues.map((issue) => schemaIssueText(issue, ja))).toEqual([
      'content: 必須の項目 "title" がありません',
      'content.fee: 0 以上にしてください',
      'content.colour: 未知の項目 "colour" があります',
    ]);
    expect(issues.map((issue) => schemaIssueText(issue, en))).toEqual([
      'content: The required field "title" is missing',
      'content.fee: Must be 0 or more',
      'content.colour: Unknown field "colour"',
    ]);
  });

  it('has a text for every problem it can name, in both languages', () => {
    const issues = [
      ...validateJson({ anyOf: [{ type: 'string' }, { type: 'string', minLength: 1 }], oneOf: [{ type: 'string' }, { type: 'string' }] }, 'x'),
      ...validateJson({ type: 'string' }, 1),
      ...validateJson({ const: 'a', enum: ['b'] }, 'c'),
      ...validateJson({ type: 'string', minLength: 3, pattern: '^[0-9]+$' }, 'ab'),
      ...validateJson({ type: 'string', maxLength: 1 }, 'ab'),
      ...validateJson({ type: 'number', minimum: 1, maximum: 0 }, 0.5),
      ...validateJson({ type: 'array', minItems: 2, maxItems: 0 }, [1]),
    ];
    expect(new Set(issues.map((issue) => issue.code))).toEqual(
      new Set(['ambiguous', 'type', 'const', 'enum', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'minItems', 'maxItems']),
    );
    for (const issue of issues) {
      expect(schemaIssueText(issue, en)).not.toMatch(/versions\.json|%\{|[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(schemaIssueText(issue, ja)).not.toMatch(/versions\.json|%\{/);
    }
  });
});
