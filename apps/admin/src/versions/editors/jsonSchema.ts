/**
 * A small validator for the subset of JSON Schema (draft 2020-12) that the kinds' schemas use: type (incl. integer and
 * null), enum, const, properties / required / additionalProperties: false, items, min/maxItems, min/maxLength, pattern,
 * minimum / maximum, anyOf / oneOf. Good enough to catch slips before the server's own, authoritative validation.
 */
export type JsonSchema = Record<string, unknown>;

/** What is wrong, as a key of `versions.json.issues` in the catalogues; the screen says it in the reader's language. */
export type SchemaIssueCode =
  | 'ambiguous'
  | 'type'
  | 'const'
  | 'enum'
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'minimum'
  | 'maximum'
  | 'minItems'
  | 'maxItems'
  | 'required'
  | 'unknown';

export interface SchemaIssue {
  path: string;
  code: SchemaIssueCode;
  args: Record<string, string | number>;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** 'content.items.0.amount: 0 以上にしてください' (or its English), for the form's error under the JSON text. */
export function schemaIssueText(issue: SchemaIssue, translate: Translate): string {
  return `${issue.path}: ${translate(`versions.json.issues.${issue.code}`, issue.args)}`;
}

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

const matchesType = (value: unknown, type: string) => {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
};

export function validateJson(schema: JsonSchema, value: unknown, path = 'content'): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const add = (code: SchemaIssueCode, args: SchemaIssue['args'] = {}, at = path) => issues.push({ path: at, code, args });

  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key] as JsonSchema[] | undefined;
    if (Array.isArray(options)) {
      const results = options.map((option) => validateJson(option, value, path));
      const fits = results.filter((r) => r.length === 0).length;
      if (key === 'anyOf' ? fits === 0 : fits !== 1) {
        // Report the closest alternative: the one with the fewest issues.
        const closest = results.reduce((a, b) => (b.length < a.length ? b : a));
        if (closest.length) issues.push(...closest);
        else add('ambiguous');
      }
    }
  }

  const type = schema.type as string | string[] | undefined;
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    if (!types.some((t) => matchesType(value, t))) {
      add('type', { expected: types.join(' | '), actual: typeOf(value) });
      return issues;
    }
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) add('const', { value: JSON.stringify(schema.const) });
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    add('enum', { values: schema.enum.map((e) => JSON.stringify(e)).join(', ') });
  }

  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) add('minLength', { min: schema.minLength });
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) add('maxLength', { max: schema.maxLength });
    if (typeof schema.pattern === 'string') {
      try {
        if (!new RegExp(schema.pattern, 'u').test(value)) add('pattern', { pattern: schema.pattern as string });
      } catch {
        /* a pattern the browser cannot compile is left to the server */
      }
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) add('minimum', { min: schema.minimum });
    if (typeof schema.maximum === 'number' && value > schema.maximum) add('maximum', { max: schema.maximum });
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) add('minItems', { min: schema.minItems });
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) add('maxItems', { max: schema.maxItems });
    if (schema.items && typeof schema.items === 'object') {
      value.forEach((item, i) => issues.push(...validateJson(schema.items as JsonSchema, item, `${path}.${i}`)));
    }
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (!(name in record)) add('required', { name });
    }
    for (const [name, child] of Object.entries(record)) {
      if (properties[name]) issues.push(...validateJson(properties[name], child, `${path}.${name}`));
      else if (schema.additionalProperties === false) add('unknown', { name }, `${path}.${name}`);
    }
  }
  return issues;
}

/** One line per top-level property: name, type and whether required, for the JSON editor's help. */
export function describeSchema(schema: JsonSchema | undefined): { name: string; type: string; required: boolean; description?: string }[] {
  if (!schema) return [];
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).map(([name, child]) => ({
    name,
    type: describeType(child),
    required: required.has(name),
    description: typeof child.description === 'string' ? child.description : undefined,
  }));
}

function describeType(schema: JsonSchema): string {
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(variants)) return variants.map(describeType).join(' | ');
  if (Array.isArray(schema.enum)) return schema.enum.map((e) => JSON.stringify(e)).join(' | ');
  if ('const' in schema) return JSON.stringify(schema.const);
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  if (type === 'array' && schema.items && typeof schema.items === 'object') return `${describeType(schema.items as JsonSchema)}[]`;
  if (type === 'object' && schema.properties) return `{ ${Object.keys(schema.properties as object).join(', ')} }`;
  return type;
}
