// The policy kinds live in the pure @policy-cms/kinds, shared with the admin UI; the policy feature uses them from here.
import { DomainError } from '@policy-cms/contract';
import type { ContentIssue } from '@policy-cms/kinds';

export * from '@policy-cms/kinds';

/**
 * Content that does not fit its kind, as the BAD_USER_INPUT the API answers: every issue at `input.content…` with its
 * English message, its reason code and parameters (extensions.issues[], and the first one's beside `field`).
 */
export function contentIssuesError(kind: string, issues: readonly ContentIssue[]): DomainError {
  return new DomainError(
    'BAD_USER_INPUT',
    `the content does not fit the kind ${kind}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    issues.map((issue) => ({ field: `input.${issue.path}`, message: issue.message, reason: issue.reason, params: issue.params })),
  );
}
