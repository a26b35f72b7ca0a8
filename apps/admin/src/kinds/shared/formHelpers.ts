import { useCallback } from 'react';
import { useFormContext, useFormState, useWatch, type FieldErrors } from 'react-hook-form';
import { validatePolicyContent } from '@policy-cms/kinds';
import { formPath } from '../../dataProvider/graphql-client';
import { encodeFormIssue } from './issues';

/** One error message found in the form's error tree, with its dotted path (e.g. content.rows.2.facilityTypes). */
export interface PathError {
  path: string;
  message: string;
}

const SKIP = new Set(['ref', 'type', 'types', 'message', 'root']);

/** Every error message at or under `path` (the tree react-hook-form keeps, filled from the server's body.errors). */
export function collectErrors(errors: FieldErrors | undefined, path: string): PathError[] {
  const start = path ? path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], errors) : errors;
  const found: PathError[] = [];
  const walk = (node: unknown, at: string) => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.message === 'string' && record.message) found.push({ path: at, message: record.message });
    for (const [key, child] of Object.entries(record)) {
      if (!SKIP.has(key) && child && typeof child === 'object') walk(child, at ? `${at}.${key}` : key);
    }
  };
  walk(start, path);
  return found;
}

/** The errors at or under a path, re-rendering when they change. */
export function useErrorsUnder(path: string): PathError[] {
  const { errors } = useFormState({ name: path as never });
  return collectErrors(errors, path);
}

/** The message of the error exactly at a path, if any. */
export function useErrorAt(path: string): string | undefined {
  const { errors } = useFormState({ name: path as never });
  return collectErrors(errors, path).find((e) => e.path === path)?.message;
}

/** A value of the form at a path and a setter that marks the form dirty (used for content parts edited by hand). */
export function useFormValue<T>(path: string): [T, (value: T) => void] {
  const { setValue, clearErrors } = useFormContext();
  const value = useWatch({ name: path }) as T;
  const set = useCallback(
    (next: T) => {
      setValue(path, next, { shouldDirty: true, shouldTouch: true });
      clearErrors(path);
    },
    [path, setValue, clearErrors],
  );
  return [value, set];
}

/**
 * The content's problems as the API would answer them (the same check, from @policy-cms/kinds), each at its form path
 * (`content.items[0].amount` → `content.items.0.amount`) as a form issue worded in the chosen language when shown.
 */
export function contentVerdicts(kind: string, content: unknown): PathError[] {
  const checked = validatePolicyContent(kind, content);
  if (checked.ok) return [];
  return checked.issues.map((issue) => {
    const path = formPath(issue.path);
    return { path, message: encodeFormIssue({ path, reason: issue.reason, params: issue.params }) };
  });
}
