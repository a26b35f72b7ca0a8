import type { FieldIssue } from './domain-error';

/**
 * What any one request may hold, whatever the field. Fields have tighter limits of their own where the domain knows
 * them (a summary, a username); these are the backstop that keeps a single value from costing more than it is worth.
 */
/**
 * A change note (summary) or a reason is a paragraph, not a document: bounded like the longest note of a content. The
 * API refuses a longer one; the admin's forms say so on the field before saving.
 */
export const MAX_NOTE_LENGTH = 2000;

export const INPUT_LIMITS = {
  /** Characters (UTF-16 code units) in one string. */
  maxStringLength: 100_000,
  /** Items in one list. */
  maxListLength: 10_000,
  /** Nesting of lists and objects. */
  maxDepth: 32,
} as const;

// A high surrogate not followed by a low one, or a low one not preceded by a high one: text that has no UTF-8 form.
// PostgreSQL would store U+FFFD instead, so what was hashed would no longer be what is stored.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be accepted as text, or null when it can. */
export function textProblem(text: string, maxLength: number = INPUT_LIMITS.maxStringLength): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (it holds a lone UTF-16 surrogate)';
  if (text.length > maxLength) return `must be at most ${maxLength} characters long (got ${text.length})`;
  return null;
}

/**
 * The first value in a JSON-like tree that is not acceptable input: ill-formed or oversized text (object keys
 * included), an oversized list, or nesting too deep. `path` names the root, e.g. `input` or `variables`; the issue's
 * field is the path to the faulty value, e.g. `input.content.items[2].label`.
 */
export function findInputProblem(value: unknown, path: string): FieldIssue | null {
  return walk(value, path, 0);
}

function walk(value: unknown, path: string, depth: number): FieldIssue | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { field: path, message: `${path || 'the value'} ${problem}` } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= INPUT_LIMITS.maxDepth) {
    return { field: path, message: `${path || 'the value'} is nested more than ${INPUT_LIMITS.maxDepth} levels deep` };
  }
  if (Array.isArray(value)) {
    if (value.length > INPUT_LIMITS.maxListLength) {
      return { field: path, message: `${path || 'the list'} must have at most ${INPUT_LIMITS.maxListLength} items (got ${value.length})` };
    }
    for (let index = 0; index < value.length; index++) {
      const issue = walk(value[index], `${path}[${index}]`, depth + 1);
      if (issue) return issue;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = textProblem(key, 1000);
    const keyPath = path ? `${path}.${safeKey(key)}` : safeKey(key);
    if (keyProblem) return { field: keyPath, message: `a key of ${path || 'the object'} ${keyProblem}` };
    const issue = walk(item, keyPath, depth + 1);
    if (issue) return issue;
  }
  return null;
}

/** A key as it can be shown in a field path: a faulty key is not echoed back as it is. */
function safeKey(key: string): string {
  return textProblem(key, 1000) ? '<invalid key>' : key;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one test of an id's form: versions and users are identified by UUIDs (any version, either case). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
