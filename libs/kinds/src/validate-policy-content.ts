import { z } from 'zod';
import { findPolicyKind } from './policy-kinds';
import { describeIssue, isValidationReason } from './validation-messages';
import type { ValidationParams, ValidationReason } from './validation-messages';

/**
 * One problem in a version's content; `path` always starts with 'content', e.g. 'content.rows[2].facilityTypes[0]'.
 * `reason` and `params` let a client word it in its own language; `message` is the English wording for API clients.
 */
export interface ContentIssue {
  path: string;
  message: string;
  reason: ValidationReason;
  params: ValidationParams;
}

export type ContentValidation = { ok: true; content: unknown } | { ok: false; issues: ContentIssue[] };

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const name = String(key);
    return identifier.test(name) ? `${acc}.${name}` : `${acc}[${JSON.stringify(name)}]`;
  }, 'content');
}

function issue(path: string, reason: ValidationReason, params: ValidationParams = {}): ContentIssue {
  return { path, reason, params, message: describeIssue({ path, reason, params }, 'en') };
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/** The reason and parameters of one of zod's issues: the code a check was given, or one read from zod's own code. */
function reasonOf(raw: z.core.$ZodIssue): [ValidationReason, ValidationParams] {
  if (isValidationReason(raw.message)) {
    const params = raw.code === 'custom' ? ((raw.params ?? {}) as ValidationParams) : {};
    return [raw.message, params];
  }
  switch (raw.code) {
    case 'invalid_type':
      if (raw.input === undefined) return ['REQUIRED', {}];
      if (raw.expected === 'int') return ['NOT_WHOLE_NUMBER', {}];
      if (raw.expected === 'number') return ['NOT_A_NUMBER', {}];
      return ['INVALID_TYPE', { expected: String(raw.expected) }];
    case 'too_small':
      if (raw.origin === 'array' || raw.origin === 'set') return ['TOO_FEW_ITEMS', { minimum: Number(raw.minimum) }];
      if (raw.origin === 'string') return ['BLANK', {}];
      return ['NUMBER_TOO_SMALL', { minimum: Number(raw.minimum) }];
    case 'too_big':
      if (raw.origin === 'array' || raw.origin === 'set') return ['TOO_MANY_ITEMS', { maximum: Number(raw.maximum) }];
      if (raw.origin === 'string') return ['TEXT_TOO_LONG', { maximum: Number(raw.maximum) }];
      return ['NUMBER_TOO_LARGE', { maximum: Number(raw.maximum) }];
    case 'invalid_value':
      return ['UNKNOWN_CHOICE', { value: shown(raw.input) }];
    case 'invalid_union': {
      // A discriminated union (the fee's amount basis) that matched no option: zod points at the discriminator but
      // reports the whole object as the input.
      const key = raw.path[raw.path.length - 1];
      const input = raw.input && typeof raw.input === 'object' && typeof key === 'string' ? (raw.input as Record<string, unknown>)[key] : raw.input;
      return input === undefined ? ['REQUIRED', {}] : ['UNKNOWN_CHOICE', { value: shown(input) }];
    }
    default:
      return ['INVALID', {}];
  }
}

function toContentIssues(raw: z.core.$ZodIssue): ContentIssue[] {
  // Zod reports unknown keys at their parent; pointing at each key itself tells the editor exactly what to remove.
  if (raw.code === 'unrecognized_keys') {
    return raw.keys.map((key) => issue(formatPath([...raw.path, key]), 'UNKNOWN_KEY', { key }));
  }
  const [reason, params] = reasonOf(raw);
  return [issue(formatPath(raw.path), reason, params)];
}

/** Checks content against its kind's schema; an unknown kind is reported as an issue at 'content', never thrown. */
export function validatePolicyContent(kindName: string, content: unknown): ContentValidation {
  const kind = findPolicyKind(kindName);
  if (!kind) return { ok: false, issues: [issue('content', 'UNKNOWN_KIND', { kind: kindName })] };
  const result = kind.schema.safeParse(content, { reportInput: true });
  if (result.success) return { ok: true, content: result.data };
  return { ok: false, issues: result.error.issues.flatMap(toContentIssues) };
}
