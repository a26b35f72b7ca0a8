import { z } from 'zod';
import { cardRenewalCarryOverKind } from './card-renewal-carry-over.kind';
import { facilityMatrixKind } from './facility-matrix.kind';
import { feeTableKind } from './fee-table.kind';
import { noticeKind } from './notice.kind';
import { oneStopServiceKind } from './one-stop-service.kind';
import { onlineLectureKind } from './online-lecture.kind';
import type { PolicyKind } from './policy-kind';
import { reservationRulesKind } from './reservation-rules.kind';

export * from './enums';
export type { PolicyKind } from './policy-kind';
export * from './card-renewal-carry-over.kind';
export * from './facility-matrix.kind';
export * from './fee-table.kind';
export * from './notice.kind';
export * from './one-stop-service.kind';
export * from './online-lecture.kind';
export * from './reservation-rules.kind';

export const policyKinds: readonly PolicyKind[] = [
  facilityMatrixKind,
  reservationRulesKind,
  feeTableKind,
  cardRenewalCarryOverKind,
  onlineLectureKind,
  oneStopServiceKind,
  noticeKind,
];

export function findPolicyKind(name: string): PolicyKind | undefined {
  return policyKinds.find((kind) => kind.name === name);
}

/** One problem in a version's content; `path` always starts with 'content', e.g. 'content.rows[2].facilityTypes[0]'. */
export interface ContentIssue {
  path: string;
  message: string;
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

function toContentIssues(issue: z.core.$ZodIssue): ContentIssue[] {
  // Zod reports unknown keys at their parent; pointing at each key itself tells the editor exactly what to remove.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: `Unknown key "${key}"` }));
  }
  return [{ path: formatPath(issue.path), message: issue.message }];
}

/** Checks content against its kind's schema; an unknown kind is reported as an issue at 'content', never thrown. */
export function validatePolicyContent(kindName: string, content: unknown): ContentValidation {
  const kind = findPolicyKind(kindName);
  if (!kind) {
    return { ok: false, issues: [{ path: 'content', message: `Unknown policy kind "${kindName}"` }] };
  }
  const result = kind.schema.safeParse(content);
  if (result.success) {
    return { ok: true, content: result.data };
  }
  return { ok: false, issues: result.error.issues.flatMap(toContentIssues) };
}

/** The kind's content schema as JSON Schema (draft 2020-12), titled and described for downstream services and the UI. */
export function policyKindJsonSchema(kind: PolicyKind): Record<string, unknown> {
  return {
    ...z.toJSONSchema(kind.schema, { target: 'draft-2020-12' }),
    title: kind.title,
    description: kind.description,
  };
}
