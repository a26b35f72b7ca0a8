import fc from 'fast-check';
import { type CalendarDate, addDays, parseCalendarDate } from '@policy-cms/temporal';
import {
  type Actor,
  type VersionStatus,
  type WorkflowCommand,
  type WorkflowDecision,
  type WorkflowVersion,
  decide,
} from './workflow.machine';

// The reference model: the editorial workflow as a plain table, written independently of the machine's own tables.
const ALLOWED_EDGES: Record<VersionStatus, Partial<Record<WorkflowCommand['type'], VersionStatus>>> = {
  DRAFT: { EDIT: 'DRAFT', SUBMIT: 'IN_REVIEW' },
  IN_REVIEW: { EDIT: 'DRAFT', APPROVE: 'APPROVED', REJECT: 'DRAFT', RECALL: 'DRAFT' },
  APPROVED: { EDIT: 'DRAFT', REJECT: 'DRAFT', PUBLISH: 'PUBLISHED' },
  PUBLISHED: { WITHDRAW: 'WITHDRAWN' },
  WITHDRAWN: {},
  REJECTED: {},
};
const MAKER_COMMANDS = ['CREATE', 'EDIT', 'SUBMIT', 'RECALL'];
const CHECKER_COMMANDS = ['APPROVE', 'REJECT', 'PUBLISH'];

// A small pool so that the same people write and check the same version often.
const USERS: readonly Actor[] = [
  { userId: 'editor-1', roles: ['EDITOR'] },
  { userId: 'editor-2', roles: ['EDITOR'] },
  { userId: 'approver-1', roles: ['APPROVER'] },
  { userId: 'approver-2', roles: ['APPROVER'] },
  { userId: 'editor-approver', roles: ['EDITOR', 'APPROVER'] },
  { userId: 'admin', roles: ['ADMIN'] },
  { userId: 'auditor', roles: ['AUDITOR'] },
  { userId: 'nobody', roles: [] },
];

const START = parseCalendarDate('2025-04-01');

type Step =
  | { kind: 'command'; user: number; command: WorkflowCommand }
  // The next happy-path command for the current status, by a random user: without it, random histories rarely get
  // past review and the publish rules would go untested.
  | { kind: 'advance'; user: number; reason: string | null | undefined }
  // Content changed behind the workflow's back (a bug or a direct write): the hash moves, the status does not.
  | { kind: 'tamper' }
  // Time passes: a scheduled version can become retroactive while it waits for review.
  | { kind: 'nextDay' };

const reason = fc.constantFrom<string | null | undefined>(undefined, null, '', '   ', '誤記訂正', 'reason');
const effectiveFrom = fc.integer({ min: -3, max: 3 }).map((offset) => addDays(START, offset + 2));
const command: fc.Arbitrary<WorkflowCommand> = fc.oneof(
  fc.record({ type: fc.constant('CREATE' as const), effectiveFrom, reason }),
  fc.record({ type: fc.constant('EDIT' as const), effectiveFrom, reason }),
  fc.constant({ type: 'SUBMIT' as const }),
  fc.record({ type: fc.constant('RECALL' as const), reason }),
  fc.constant({ type: 'APPROVE' as const }),
  fc.record({ type: fc.constant('REJECT' as const), reason: reason.map((r) => r ?? '') }),
  fc.record({ type: fc.constant('PUBLISH' as const), reason }),
  fc.record({ type: fc.constant('WITHDRAW' as const), reason: reason.map((r) => r ?? '') }),
);
const user = fc.nat(USERS.length - 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('command' as const), user, command }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('advance' as const), user, reason }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'tamper' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'nextDay' as const }) },
);

const NEXT_ON_HAPPY_PATH: Record<VersionStatus, WorkflowCommand['type'] | null> = {
  DRAFT: 'SUBMIT',
  IN_REVIEW: 'APPROVE',
  APPROVED: 'PUBLISH',
  PUBLISHED: 'WITHDRAW',
  WITHDRAWN: null,
  REJECTED: null,
};

function advance(version: WorkflowVersion | null, reason: string | null | undefined, today: CalendarDate): WorkflowCommand {
  const type = version ? (NEXT_ON_HAPPY_PATH[version.status] ?? 'SUBMIT') : 'CREATE';
  switch (type) {
    case 'CREATE':
    case 'EDIT':
      return { type, effectiveFrom: addDays(today, 1), reason };
    case 'WITHDRAW':
    case 'REJECT':
      return { type, reason: reason ?? '' };
    case 'PUBLISH':
      return { type, reason };
    default:
      return { type };
  }
}

type Expected = { ok: true; status: VersionStatus } | { ok: false; code: string };

function expectedOutcome(version: WorkflowVersion | null, cmd: WorkflowCommand, actor: Actor, today: CalendarDate): Expected {
  const has = (role: string) => actor.roles.some((r) => r === role || r === 'ADMIN');
  const mayMake = has('EDITOR');
  const mayCheck = has('APPROVER');
  if (MAKER_COMMANDS.includes(cmd.type) ? !mayMake : !mayCheck) return { ok: false, code: 'FORBIDDEN' };

  let next: VersionStatus | undefined;
  if (cmd.type === 'CREATE') next = version === null ? 'DRAFT' : undefined;
  else next = version ? ALLOWED_EDGES[version.status][cmd.type] : undefined;
  if (!next) return { ok: false, code: 'CONFLICT' };
  if (cmd.type === 'PUBLISH' && (version!.approvedHash === null || version!.approvedHash !== version!.currentHash)) {
    return { ok: false, code: 'CONFLICT' };
  }

  if (CHECKER_COMMANDS.includes(cmd.type) && version!.authorIds.includes(actor.userId)) {
    return { ok: false, code: 'FORBIDDEN' };
  }
  if (cmd.type === 'RECALL' && !version!.authorIds.includes(actor.userId) && version!.submittedBy !== actor.userId) {
    return { ok: false, code: 'FORBIDDEN' };
  }

  const given = (text: string | null | undefined) => !!text && text.trim().length > 0;
  const from = cmd.type === 'CREATE' || cmd.type === 'EDIT' ? cmd.effectiveFrom : version!.effectiveFrom;
  const retroactive = from < today;
  if ((cmd.type === 'REJECT' || cmd.type === 'WITHDRAW') && !given(cmd.reason)) return { ok: false, code: 'BAD_USER_INPUT' };
  if ((cmd.type === 'CREATE' || cmd.type === 'EDIT') && retroactive && !given(cmd.reason)) {
    return { ok: false, code: 'BAD_USER_INPUT' };
  }
  if (cmd.type === 'PUBLISH' && retroactive && !given(cmd.reason) && !given(version!.retroactiveReason)) {
    return { ok: false, code: 'BAD_USER_INPUT' };
  }
  return { ok: true, status: next };
}

/** What the service does with an accepted decision; refused decisions are never applied. */
function apply(
  version: WorkflowVersion | null,
  cmd: WorkflowCommand,
  actor: Actor,
  decision: Extract<WorkflowDecision, { ok: true }>,
  newHash: () => string,
): WorkflowVersion {
  const base: WorkflowVersion = version ?? {
    status: 'DRAFT',
    authorIds: [],
    approvedHash: null,
    currentHash: '',
    effectiveFrom: START,
    retroactiveReason: null,
  };
  const next: WorkflowVersion = { ...base, status: decision.status };
  if (cmd.type === 'CREATE' || cmd.type === 'EDIT') {
    next.authorIds = base.authorIds.includes(actor.userId) ? base.authorIds : [...base.authorIds, actor.userId];
    next.currentHash = newHash();
    next.effectiveFrom = cmd.effectiveFrom;
    next.retroactiveReason = decision.retroactive ? (cmd.reason ?? null) : null;
  }
  if (cmd.type === 'SUBMIT') next.submittedBy = actor.userId;
  if (decision.clearsApproval) next.approvedHash = null;
  if (decision.recordsApproval) next.approvedHash = next.currentHash;
  return next;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe(`${decide.name} against a reference model`, () => {
  it('agrees with the model and keeps the maker-checker invariants over random histories', () => {
    // Counted across all runs, to show the histories reach every status and every kind of refusal.
    const reached = new Set<string>();

    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        // Cast, not annotation: TypeScript would otherwise narrow it to null for the whole loop.
        let version = null as WorkflowVersion | null;
        let today = START;
        let hashes = 0;
        const newHash = () => `hash-${++hashes}`;

        for (const s of steps) {
          if (s.kind === 'nextDay') {
            today = addDays(today, 1);
            continue;
          }
          if (s.kind === 'tamper') {
            if (version) version = { ...version, currentHash: newHash() };
            continue;
          }
          const actor = USERS[s.user];
          const cmd = s.kind === 'command' ? s.command : advance(version, s.reason, today);
          const before = JSON.stringify(version);
          const decision = decide(deepFreeze(version), cmd, actor, today);
          // Pure: deciding never changes the version it looked at, so a refused command leaves the state as it was.
          expect(JSON.stringify(version)).toBe(before);

          const expected = expectedOutcome(version, cmd, actor, today);
          expect(decision.ok ? { ok: true, status: decision.status } : { ok: false, code: decision.code }).toEqual(expected);
          reached.add(decision.ok ? decision.status : decision.code);
          reached.add(`${cmd.type}:${decision.ok ? 'ok' : decision.code}`);

          if (actor.roles.every((role) => role === 'AUDITOR')) {
            expect(decision).toMatchObject({ ok: false, code: 'FORBIDDEN' });
          }
          if (!decision.ok) continue;

          // Statuses only follow the allowed edges.
          if (cmd.type === 'CREATE') expect(version).toBeNull();
          else expect(ALLOWED_EDGES[version!.status][cmd.type]).toBe(decision.status);
          // The checker is never one of the authors.
          if (CHECKER_COMMANDS.includes(cmd.type)) expect(version!.authorIds).not.toContain(actor.userId);
          // PUBLISHED is reached only from APPROVED, with the approved hash still matching the content.
          if (decision.status === 'PUBLISHED') {
            expect(version!.status).toBe('APPROVED');
            expect(version!.approvedHash).not.toBeNull();
            expect(version!.approvedHash).toBe(version!.currentHash);
          }
          expect(decision.status).not.toBe('REJECTED');

          version = apply(version, cmd, actor, decision, newHash);
          // Only an approved version carries an approval into the next step.
          if (version.status === 'DRAFT' || version.status === 'IN_REVIEW') expect(version.approvedHash).toBeNull();
        }
      }),
      // A fixed seed: the coverage check below asks that 1,000 random histories reach every outcome, and with a new
      // seed each run it now and then did not (seen once in a CI run). Change the seed to explore other histories.
      { numRuns: 1000, seed: 20261201 },
    );

    const mustReach = ['APPROVED', 'BAD_USER_INPUT', 'CONFLICT', 'DRAFT', 'FORBIDDEN', 'IN_REVIEW', 'PUBLISHED', 'WITHDRAWN'];
    // The rules this suite exists for: refused publications (stale hash, missing reason) and refused authors.
    mustReach.push('PUBLISH:CONFLICT', 'PUBLISH:BAD_USER_INPUT', 'PUBLISH:FORBIDDEN', 'APPROVE:FORBIDDEN', 'REJECT:ok');
    mustReach.push('RECALL:ok', 'RECALL:FORBIDDEN', 'RECALL:CONFLICT');
    expect([...reached]).toEqual(expect.arrayContaining(mustReach));
  });
});
