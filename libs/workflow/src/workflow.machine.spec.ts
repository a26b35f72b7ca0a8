import { type CalendarDate, parseCalendarDate } from '@policy-cms/temporal';
import {
  type Actor,
  type VersionStatus,
  type WorkflowCommand,
  type WorkflowVersion,
  WORKFLOW_PERMISSIONS,
  decide,
} from './workflow.machine';

const TODAY = parseCalendarDate('2025-04-01');
const YESTERDAY = parseCalendarDate('2025-03-31');
const NEXT_MONTH = parseCalendarDate('2025-05-01');

const editor: Actor = { userId: 'editor', roles: ['EDITOR'] };
const approver: Actor = { userId: 'approver', roles: ['APPROVER'] };
const admin: Actor = { userId: 'admin', roles: ['ADMIN'] };
const auditor: Actor = { userId: 'auditor', roles: ['AUDITOR'] };

function version(overrides: Partial<WorkflowVersion> = {}): WorkflowVersion {
  return {
    status: 'DRAFT',
    authorIds: ['editor'],
    approvedHash: null,
    currentHash: 'hash-1',
    effectiveFrom: NEXT_MONTH,
    retroactiveReason: null,
    ...overrides,
  };
}

const approved = (overrides: Partial<WorkflowVersion> = {}) =>
  version({ status: 'APPROVED', approvedHash: 'hash-1', ...overrides });

describe(decide.name, () => {
  describe('the happy path', () => {
    it('creates a draft', () => {
      expect(decide(null, { type: 'CREATE', effectiveFrom: NEXT_MONTH }, editor, TODAY)).toEqual({
        ok: true,
        status: 'DRAFT',
        clearsApproval: false,
        recordsApproval: false,
        retroactive: false,
      });
    });

    it('submits a draft for review', () => {
      expect(decide(version(), { type: 'SUBMIT' }, editor, TODAY)).toMatchObject({ ok: true, status: 'IN_REVIEW' });
    });

    it('approves a version in review and asks the caller to record the hash', () => {
      expect(decide(version({ status: 'IN_REVIEW' }), { type: 'APPROVE' }, approver, TODAY)).toEqual({
        ok: true,
        status: 'APPROVED',
        clearsApproval: false,
        recordsApproval: true,
        retroactive: false,
      });
    });

    it('publishes an approved version whose content is unchanged', () => {
      expect(decide(approved(), { type: 'PUBLISH' }, approver, TODAY)).toMatchObject({ ok: true, status: 'PUBLISHED' });
    });

    it('withdraws a published version with a reason', () => {
      const decision = decide(version({ status: 'PUBLISHED' }), { type: 'WITHDRAW', reason: '誤記' }, approver, TODAY);
      expect(decision).toMatchObject({ ok: true, status: 'WITHDRAWN', clearsApproval: false });
    });

    it('lets an admin who did not write the version do the checker steps', () => {
      expect(decide(approved(), { type: 'PUBLISH' }, admin, TODAY)).toMatchObject({ ok: true });
    });
  });

  describe('roles', () => {
    it.each(['CREATE', 'EDIT', 'SUBMIT'] as const)('refuses %s to an approver who is not an editor', (type) => {
      const command = commandOf(type);
      expect(decide(type === 'CREATE' ? null : version(), command, approver, TODAY)).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    });

    it.each(['APPROVE', 'REJECT', 'PUBLISH', 'WITHDRAW'] as const)('refuses %s to an editor', (type) => {
      expect(decide(approved(), commandOf(type), { userId: 'other', roles: ['EDITOR'] }, TODAY)).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    });

    it.each(Object.keys(WORKFLOW_PERMISSIONS) as WorkflowCommand['type'][])('refuses %s to an auditor', (type) => {
      expect(decide(type === 'CREATE' ? null : approved(), commandOf(type), auditor, TODAY)).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    });

    it('checks the role before the state, so a missing role is reported even for an impossible step', () => {
      expect(decide(version({ status: 'PUBLISHED' }), { type: 'APPROVE' }, editor, TODAY)).toMatchObject({
        code: 'FORBIDDEN',
      });
    });
  });

  describe('states', () => {
    it.each<[VersionStatus, WorkflowCommand]>([
      ['DRAFT', { type: 'APPROVE' }],
      ['DRAFT', { type: 'PUBLISH' }],
      ['PUBLISHED', { type: 'EDIT', effectiveFrom: NEXT_MONTH }],
      ['PUBLISHED', { type: 'PUBLISH' }],
      ['IN_REVIEW', { type: 'SUBMIT' }],
      ['DRAFT', { type: 'REJECT', reason: 'x' }],
      ['APPROVED', { type: 'WITHDRAW', reason: 'x' }],
      ['WITHDRAWN', { type: 'PUBLISH' }],
      ['WITHDRAWN', { type: 'EDIT', effectiveFrom: NEXT_MONTH }],
      ['REJECTED', { type: 'SUBMIT' }],
    ])('refuses, from %s, %j with a conflict naming the status', (status, command) => {
      const decision = decide(approved({ status }), command, admin, TODAY);
      expect(decision).toMatchObject({ ok: false, code: 'CONFLICT' });
      expect(!decision.ok && decision.message).toContain(status);
    });

    it('refuses to create over an existing version', () => {
      expect(decide(version(), { type: 'CREATE', effectiveFrom: NEXT_MONTH }, editor, TODAY)).toMatchObject({
        code: 'CONFLICT',
      });
    });

    it('refuses any other command without a version', () => {
      expect(decide(null, { type: 'SUBMIT' }, editor, TODAY)).toMatchObject({ code: 'CONFLICT' });
    });

    it.each<VersionStatus>(['DRAFT', 'IN_REVIEW', 'APPROVED'])('sends an edit made in %s back to DRAFT', (status) => {
      const decision = decide(version({ status }), { type: 'EDIT', effectiveFrom: NEXT_MONTH }, editor, TODAY);
      expect(decision).toMatchObject({ ok: true, status: 'DRAFT' });
    });

    it('clears the approval when an approved version is edited', () => {
      expect(decide(approved(), { type: 'EDIT', effectiveFrom: NEXT_MONTH }, editor, TODAY)).toMatchObject({
        clearsApproval: true,
      });
    });

    it('does not ask to clear an approval a draft never had', () => {
      expect(decide(version(), { type: 'EDIT', effectiveFrom: NEXT_MONTH }, editor, TODAY)).toMatchObject({
        clearsApproval: false,
      });
    });

    it.each<VersionStatus>(['IN_REVIEW', 'APPROVED'])('rejects from %s back to DRAFT and clears the approval', (status) => {
      const decision = decide(approved({ status }), { type: 'REJECT', reason: '表が古い' }, approver, TODAY);
      expect(decision).toEqual({
        ok: true,
        status: 'DRAFT',
        clearsApproval: true,
        recordsApproval: false,
        retroactive: false,
      });
    });

    it('refuses to publish content that changed after approval', () => {
      const decision = decide(approved({ currentHash: 'hash-2' }), { type: 'PUBLISH' }, approver, TODAY);
      expect(decision).toMatchObject({ ok: false, code: 'CONFLICT' });
      expect(!decision.ok && decision.message).toMatch(/changed after approval/);
    });

    it('refuses to publish without a recorded approval', () => {
      const decision = decide(approved({ approvedHash: null }), { type: 'PUBLISH' }, approver, TODAY);
      expect(decision).toMatchObject({ ok: false, code: 'CONFLICT' });
    });
  });

  describe('maker-checker', () => {
    it.each<[VersionStatus, WorkflowCommand]>([
      ['IN_REVIEW', { type: 'APPROVE' }],
      ['IN_REVIEW', { type: 'REJECT', reason: 'x' }],
      ['APPROVED', { type: 'PUBLISH' }],
    ])('refuses, in %s, %j by someone who wrote the version, even an admin', (status, command) => {
      const versionByAdmin = approved({ status, authorIds: ['editor', 'admin'] });
      const decision = decide(versionByAdmin, command, admin, TODAY);
      expect(decision).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(!decision.ok && decision.message).toContain('the approver must be a different person from the author');
    });

    it('counts an approver who edited the version as an author', () => {
      const editorApprover: Actor = { userId: 'both', roles: ['EDITOR', 'APPROVER'] };
      const decision = decide(version({ status: 'IN_REVIEW', authorIds: ['editor', 'both'] }), { type: 'APPROVE' }, editorApprover, TODAY);
      expect(decision).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    });

    it('lets an author withdraw their own published version (withdrawal takes nothing new live)', () => {
      const decision = decide(version({ status: 'PUBLISHED', authorIds: ['admin'] }), { type: 'WITHDRAW', reason: 'x' }, admin, TODAY);
      expect(decision).toMatchObject({ ok: true });
    });

    it('checks maker-checker before the input, so an author learns they may not reject before being asked for a reason', () => {
      const decision = decide(version({ status: 'IN_REVIEW', authorIds: ['admin'] }), { type: 'REJECT', reason: ' ' }, admin, TODAY);
      expect(decision).toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('reasons and retroactive corrections', () => {
    it.each(['', '   ', '\n'])('refuses a rejection with the blank reason %j', (reason) => {
      expect(decide(version({ status: 'IN_REVIEW' }), { type: 'REJECT', reason }, approver, TODAY)).toMatchObject({
        ok: false,
        code: 'BAD_USER_INPUT',
        field: 'reason',
      });
    });

    it('refuses a withdrawal without a reason', () => {
      expect(decide(version({ status: 'PUBLISHED' }), { type: 'WITHDRAW', reason: ' ' }, approver, TODAY)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'reason',
      });
    });

    it.each(['CREATE', 'EDIT'] as const)('refuses a retroactive %s without a reason', (type) => {
      const decision = decide(type === 'CREATE' ? null : version(), { type, effectiveFrom: YESTERDAY }, editor, TODAY);
      expect(decision).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', field: 'reason' });
      expect(!decision.ok && decision.message).toContain('retroactive');
    });

    it.each(['CREATE', 'EDIT'] as const)('accepts a retroactive %s with a reason and says it is retroactive', (type) => {
      const command = { type, effectiveFrom: YESTERDAY, reason: '条例改正の反映漏れ' };
      expect(decide(type === 'CREATE' ? null : version(), command, editor, TODAY)).toMatchObject({
        ok: true,
        retroactive: true,
      });
    });

    it('treats a version effective from today as not retroactive', () => {
      expect(decide(null, { type: 'CREATE', effectiveFrom: TODAY }, editor, TODAY)).toMatchObject({
        ok: true,
        retroactive: false,
      });
    });

    it('refuses to publish a version that became retroactive while in review, unless a reason is given', () => {
      const lateVersion = approved({ effectiveFrom: YESTERDAY });
      expect(decide(lateVersion, { type: 'PUBLISH' }, approver, TODAY)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'reason',
      });
      expect(decide(lateVersion, { type: 'PUBLISH', reason: '審査が遅れたため' }, approver, TODAY)).toMatchObject({
        ok: true,
        retroactive: true,
      });
    });

    it('publishes a retroactive version whose reason was recorded when it was written', () => {
      const correction = approved({ effectiveFrom: YESTERDAY, retroactiveReason: '誤記訂正' });
      expect(decide(correction, { type: 'PUBLISH' }, approver, TODAY)).toMatchObject({ ok: true, retroactive: true });
    });

    it('publishes a scheduled version without a reason', () => {
      expect(decide(approved(), { type: 'PUBLISH' }, approver, TODAY)).toMatchObject({ ok: true, retroactive: false });
    });
  });

  it('does not modify the version it is given', () => {
    const frozen = Object.freeze(approved({ authorIds: Object.freeze(['editor']) }));
    expect(() => decide(frozen, { type: 'PUBLISH' }, approver, TODAY)).not.toThrow();
  });
});

describe('taking back a submission', () => {
  const inReview = (overrides: Partial<WorkflowVersion> = {}) => version({ status: 'IN_REVIEW', ...overrides });

  it('sends a version in review back to DRAFT when an author takes it back', () => {
    expect(decide(inReview(), { type: 'RECALL' }, editor, TODAY)).toEqual({
      ok: true,
      status: 'DRAFT',
      clearsApproval: false,
      recordsApproval: false,
      retroactive: false,
    });
  });

  it('lets the submitter take it back even when someone else wrote it', () => {
    const other: Actor = { userId: 'editor-2', roles: ['EDITOR'] };
    expect(decide(inReview({ submittedBy: 'editor-2' }), { type: 'RECALL' }, other, TODAY)).toMatchObject({ ok: true, status: 'DRAFT' });
  });

  it('refuses another editor who neither wrote nor submitted it', () => {
    const other: Actor = { userId: 'editor-2', roles: ['EDITOR'] };
    expect(decide(inReview({ submittedBy: 'editor' }), { type: 'RECALL' }, other, TODAY)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('refuses an approver, who decides on submissions instead', () => {
    expect(decide(inReview(), { type: 'RECALL' }, approver, TODAY)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it.each<VersionStatus>(['DRAFT', 'APPROVED', 'PUBLISHED', 'WITHDRAWN'])('refuses it from %s: only a pending review can be taken back', (status) => {
    expect(decide(version({ status, approvedHash: status === 'APPROVED' ? 'hash-1' : null }), { type: 'RECALL' }, editor, TODAY)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
  });
});

describe('WORKFLOW_PERMISSIONS', () => {
  it('gives ADMIN every command and AUDITOR none', () => {
    for (const roles of Object.values(WORKFLOW_PERMISSIONS)) {
      expect(roles).toContain('ADMIN');
      expect(roles).not.toContain('AUDITOR');
    }
  });
});

function commandOf(type: WorkflowCommand['type'], effectiveFrom: CalendarDate = NEXT_MONTH): WorkflowCommand {
  switch (type) {
    case 'CREATE':
    case 'EDIT':
      return { type, effectiveFrom };
    case 'REJECT':
    case 'WITHDRAW':
      return { type, reason: 'a reason' };
    default:
      return { type };
  }
}
