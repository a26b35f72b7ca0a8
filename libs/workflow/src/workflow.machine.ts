import { type CalendarDate, compareDates } from '@policy-cms/temporal';

export type Role = 'ADMIN' | 'EDITOR' | 'APPROVER' | 'AUDITOR';

export interface Actor {
  userId: string;
  roles: readonly Role[];
}

/**
 * Where a version is in the maker-checker workflow.
 * REJECTED stays in the enum so stored rows and API clients that know it keep working, but `decide` never produces
 * it: a rejection sends the version back to DRAFT (the reason goes to the audit trail) so the author can fix and
 * resubmit. A REJECTED version, if one exists, accepts no command.
 */
export type VersionStatus = 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'PUBLISHED' | 'REJECTED' | 'WITHDRAWN';

export interface WorkflowVersion {
  status: VersionStatus;
  /** The creator and everyone who edited it: none of them may approve, reject or publish it. */
  authorIds: readonly string[];
  /** The content hash recorded at approval; null while not approved. */
  approvedHash: string | null;
  /** The hash of the exact content and effective range now (see `contentHash`). */
  currentHash: string;
  effectiveFrom: CalendarDate;
  /** The reason recorded for a retroactive correction, if one was given when it was created or edited. */
  retroactiveReason: string | null;
  /** Who sent it to review last (read from the audit trail); they may take the submission back like an author. */
  submittedBy?: string | null;
}

export type WorkflowCommand =
  | { type: 'CREATE'; effectiveFrom: CalendarDate; reason?: string | null }
  | { type: 'EDIT'; effectiveFrom: CalendarDate; reason?: string | null }
  | { type: 'SUBMIT' }
  /** The submitter (or an author) takes a submission back before anyone decided on it: IN_REVIEW → DRAFT. */
  | { type: 'RECALL'; reason?: string | null }
  | { type: 'APPROVE' }
  | { type: 'REJECT'; reason: string }
  | { type: 'PUBLISH'; reason?: string | null }
  | { type: 'WITHDRAW'; reason: string };

export type WorkflowCommandType = WorkflowCommand['type'];

export type WorkflowErrorCode = 'FORBIDDEN' | 'CONFLICT' | 'BAD_USER_INPUT';

/**
 * What the caller should do. On `ok` it sets the status, clears `approvedHash` when `clearsApproval`, records
 * `currentHash` as `approvedHash` when `recordsApproval`, and (for CREATE and EDIT) adds the actor to `authorIds`.
 * A refusal changes nothing; `code` maps to the API's `extensions.code`.
 */
export type WorkflowDecision =
  | {
      ok: true;
      /** The status after the step. */
      status: VersionStatus;
      clearsApproval: boolean;
      recordsApproval: boolean;
      /** The version's effectiveFrom (the new one, for CREATE and EDIT) is before today: a retroactive correction. */
      retroactive: boolean;
    }
  | { ok: false; code: WorkflowErrorCode; message: string; field?: string };

/** Who may issue each command; ADMIN may do everything, AUDITOR nothing. Shared with the UI and the docs. */
export const WORKFLOW_PERMISSIONS: Readonly<Record<WorkflowCommandType, readonly Role[]>> = Object.freeze({
  CREATE: ['EDITOR', 'ADMIN'],
  EDIT: ['EDITOR', 'ADMIN'],
  SUBMIT: ['EDITOR', 'ADMIN'],
  RECALL: ['EDITOR', 'ADMIN'],
  APPROVE: ['APPROVER', 'ADMIN'],
  REJECT: ['APPROVER', 'ADMIN'],
  PUBLISH: ['APPROVER', 'ADMIN'],
  WITHDRAW: ['APPROVER', 'ADMIN'],
});

/**
 * The statuses each command may start from and the status it leads to. CREATE starts from no version at all (null).
 * Every other pair (status, command) is a CONFLICT.
 */
export const WORKFLOW_TRANSITIONS: Readonly<
  Record<WorkflowCommandType, { from: readonly (VersionStatus | null)[]; to: VersionStatus }>
> = Object.freeze({
  CREATE: { from: [null], to: 'DRAFT' },
  // Any edit, even of an approved version, goes back to DRAFT: the approver approves exactly what goes live.
  EDIT: { from: ['DRAFT', 'IN_REVIEW', 'APPROVED'], to: 'DRAFT' },
  SUBMIT: { from: ['DRAFT'], to: 'IN_REVIEW' },
  // Only before a decision: once approved, an author changes it by editing (which also sends it back to DRAFT).
  RECALL: { from: ['IN_REVIEW'], to: 'DRAFT' },
  APPROVE: { from: ['IN_REVIEW'], to: 'APPROVED' },
  REJECT: { from: ['IN_REVIEW', 'APPROVED'], to: 'DRAFT' },
  PUBLISH: { from: ['APPROVED'], to: 'PUBLISHED' },
  WITHDRAW: { from: ['PUBLISHED'], to: 'WITHDRAWN' },
});

/** Commands that are the checker's half of maker-checker: never by someone who wrote the version. */
const CHECKER_COMMANDS: ReadonlySet<WorkflowCommandType> = new Set(['APPROVE', 'REJECT', 'PUBLISH']);

const VERBS: Record<WorkflowCommandType, string> = {
  CREATE: 'create',
  EDIT: 'edit',
  SUBMIT: 'submit',
  RECALL: 'take back',
  APPROVE: 'approve',
  REJECT: 'reject',
  PUBLISH: 'publish',
  WITHDRAW: 'withdraw',
};

/**
 * Decides whether `actor` may apply `command` to `version` on `today` (Tokyo date), and what follows.
 * Pure: it reads its arguments and returns a value. Checks run in a fixed order (role, state, maker-checker, input)
 * so that a caller learns the most fundamental reason first and learns nothing about a version without the role.
 */
export function decide(
  version: WorkflowVersion | null,
  command: WorkflowCommand,
  actor: Actor,
  today: CalendarDate,
): WorkflowDecision {
  const verb = VERBS[command.type];

  const allowedRoles = WORKFLOW_PERMISSIONS[command.type];
  if (!actor.roles.some((role) => allowedRoles.includes(role))) {
    return refuse('FORBIDDEN', `Only ${allowedRoles.join(' or ')} may ${verb} a policy version.`);
  }

  if (command.type === 'CREATE') {
    if (version !== null) {
      return refuse('CONFLICT', 'This version already exists; edit it instead of creating it.');
    }
    const retroactive = compareDates(command.effectiveFrom, today) < 0;
    const missingReason = checkRetroactiveReason(retroactive, command.effectiveFrom, today, command.reason);
    return missingReason ?? accept('DRAFT', { retroactive });
  }
  if (version === null) {
    return refuse('CONFLICT', `There is no version to ${verb}.`);
  }

  const stateConflict = checkState(version, command);
  if (stateConflict) return stateConflict;

  if (CHECKER_COMMANDS.has(command.type) && version.authorIds.includes(actor.userId)) {
    return refuse(
      'FORBIDDEN',
      `You cannot ${verb} this version: the approver must be a different person from the author.`,
    );
  }

  // A submission is taken back by whoever made it or wrote the version, never by a colleague who happens to edit.
  if (command.type === 'RECALL' && !version.authorIds.includes(actor.userId) && version.submittedBy !== actor.userId) {
    return refuse('FORBIDDEN', 'Only the person who submitted this version or one of its authors may take the submission back.');
  }

  const effectiveFrom = command.type === 'EDIT' ? command.effectiveFrom : version.effectiveFrom;
  const retroactive = compareDates(effectiveFrom, today) < 0;
  const inputError = checkInput(version, command, retroactive, today);
  if (inputError) return inputError;

  return accept(WORKFLOW_TRANSITIONS[command.type].to, {
    retroactive,
    clearsApproval:
      command.type === 'REJECT' ||
      (command.type === 'EDIT' && (version.status === 'APPROVED' || version.approvedHash !== null)),
    recordsApproval: command.type === 'APPROVE',
  });
}

function checkState(version: WorkflowVersion, command: WorkflowCommand): WorkflowDecision | null {
  const verb = VERBS[command.type];
  const { from } = WORKFLOW_TRANSITIONS[command.type];
  if (!from.includes(version.status)) {
    const allowed = from.filter((status): status is VersionStatus => status !== null).join(' or ');
    return refuse(
      'CONFLICT',
      `Cannot ${verb} a version in status ${version.status}; ${verb} needs a version in ${allowed}.`,
    );
  }
  // A changed hash means the content moved after approval without clearing it; refuse rather than publish content
  // nobody approved.
  if (command.type === 'PUBLISH') {
    if (version.approvedHash === null) {
      return refuse('CONFLICT', 'Cannot publish: the version has no recorded approval.');
    }
    if (version.approvedHash !== version.currentHash) {
      return refuse('CONFLICT', 'Cannot publish: the content changed after approval; it must be approved again.');
    }
  }
  return null;
}

function checkInput(
  version: WorkflowVersion,
  command: WorkflowCommand,
  retroactive: boolean,
  today: CalendarDate,
): WorkflowDecision | null {
  switch (command.type) {
    case 'REJECT':
      return isBlank(command.reason)
        ? refuseReason('A rejection needs a reason, so the author knows what to fix.')
        : null;
    case 'WITHDRAW':
      return isBlank(command.reason) ? refuseReason('Withdrawing a published version needs a reason.') : null;
    case 'EDIT':
      return checkRetroactiveReason(retroactive, command.effectiveFrom, today, command.reason);
    case 'PUBLISH':
      // Judged on the publishing day: a version drafted as scheduled may have become retroactive while in review.
      return checkRetroactiveReason(
        retroactive,
        version.effectiveFrom,
        today,
        isBlank(command.reason) ? version.retroactiveReason : command.reason,
      );
    default:
      return null;
  }
}

function checkRetroactiveReason(
  retroactive: boolean,
  effectiveFrom: CalendarDate,
  today: CalendarDate,
  reason: string | null | undefined,
): WorkflowDecision | null {
  if (!retroactive || !isBlank(reason)) return null;
  return refuseReason(
    `effectiveFrom ${effectiveFrom} is before today (${today}): a retroactive correction needs a reason.`,
  );
}

function isBlank(text: string | null | undefined): boolean {
  return text == null || text.trim() === '';
}

function accept(
  status: VersionStatus,
  flags: { retroactive: boolean; clearsApproval?: boolean; recordsApproval?: boolean },
): WorkflowDecision {
  return {
    ok: true,
    status,
    clearsApproval: flags.clearsApproval ?? false,
    recordsApproval: flags.recordsApproval ?? false,
    retroactive: flags.retroactive,
  };
}

function refuse(code: WorkflowErrorCode, message: string, field?: string): WorkflowDecision {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}

function refuseReason(message: string): WorkflowDecision {
  return refuse('BAD_USER_INPUT', message, 'reason');
}
