import { describeIssue, isValidationReason, type Locale, type ValidationParams } from '@policy-cms/kinds';

/**
 * A content problem travels through react-hook-form's error tree, whose messages are strings: it is kept there as
 * its reason and parameters (not as words), so that it is worded in the language chosen when it is shown, even if
 * the language changes after the save failed.
 */
const PREFIX = 'kinds.issue:';

export interface FormIssue {
  /** The content path, in any spelling (e.g. `content.items.0.amount.yen`). */
  path: string;
  reason: string;
  params?: ValidationParams;
}

export function encodeFormIssue(issue: FormIssue): string {
  return PREFIX + JSON.stringify({ path: issue.path, reason: issue.reason, params: issue.params ?? {} });
}

/** The form error of a server issue: its reason and parameters when it has them, else the server's message. */
export function formErrorOfServerIssue(issue: { field: string; message: string; reason?: string; params?: ValidationParams }): string {
  return isValidationReason(issue.reason) ? encodeFormIssue({ path: issue.field, reason: issue.reason, params: issue.params }) : issue.message;
}

export function decodeFormIssue(message: string): FormIssue | undefined {
  if (!message.startsWith(PREFIX)) return undefined;
  try {
    return JSON.parse(message.slice(PREFIX.length)) as FormIssue;
  } catch {
    return undefined;
  }
}

/** The words for a form error: a content issue in the chosen language, any other message as it is. */
export function formErrorText(message: string, locale: Locale, where: 'field' | 'list' = 'field'): string {
  const issue = decodeFormIssue(message);
  return issue ? describeIssue(issue, locale, where) : message;
}
