/**
 * Who may call each staff operation (PRODUCT.md "Roles", API.md "Staff operations"), as these tests assert it.
 * The table is generated from EXPECTED below, and a test checks that this comment still matches it.
 *
 * ROLE MATRIX
 * | operation              | ADMIN   | EDITOR    | APPROVER  | AUDITOR   | anonymous       |
 * |------------------------|---------|-----------|-----------|-----------|-----------------|
 * | createPolicyVersion    | allowed | allowed   | FORBIDDEN | FORBIDDEN | UNAUTHENTICATED |
 * | updatePolicyVersion    | allowed | allowed   | FORBIDDEN | FORBIDDEN | UNAUTHENTICATED |
 * | submitPolicyVersion    | allowed | allowed   | FORBIDDEN | FORBIDDEN | UNAUTHENTICATED |
 * | approvePolicyVersion   | allowed | FORBIDDEN | allowed   | FORBIDDEN | UNAUTHENTICATED |
 * | rejectPolicyVersion    | allowed | FORBIDDEN | allowed   | FORBIDDEN | UNAUTHENTICATED |
 * | publishPolicyVersion   | allowed | FORBIDDEN | allowed   | FORBIDDEN | UNAUTHENTICATED |
 * | withdrawPolicyVersion  | allowed | FORBIDDEN | allowed   | FORBIDDEN | UNAUTHENTICATED |
 * | policyVersions         | allowed | allowed   | allowed   | allowed   | UNAUTHENTICATED |
 * | policyVersion          | allowed | allowed   | allowed   | allowed   | UNAUTHENTICATED |
 * | diffPolicyVersions     | allowed | allowed   | allowed   | allowed   | UNAUTHENTICATED |
 * | previewRulesInForce    | allowed | allowed   | allowed   | allowed   | UNAUTHENTICATED |
 * | auditTrail             | allowed | FORBIDDEN | FORBIDDEN | allowed   | UNAUTHENTICATED |
 * | verifyAuditTrail       | allowed | FORBIDDEN | FORBIDDEN | allowed   | UNAUTHENTICATED |
 * | users                  | allowed | FORBIDDEN | FORBIDDEN | FORBIDDEN | UNAUTHENTICATED |
 * | createUser             | allowed | FORBIDDEN | FORBIDDEN | FORBIDDEN | UNAUTHENTICATED |
 * | setUserRoles           | allowed | FORBIDDEN | FORBIDDEN | FORBIDDEN | UNAUTHENTICATED |
 * | deactivateUser         | allowed | FORBIDDEN | FORBIDDEN | FORBIDDEN | UNAUTHENTICATED |
 * | reactivateUser         | allowed | FORBIDDEN | FORBIDDEN | FORBIDDEN | UNAUTHENTICATED |
 * | resetPassword          | allowed | FORBIDDEN | FORBIDDEN | FORBIDDEN | UNAUTHENTICATED |
 * | GET /audit/export      | allowed | FORBIDDEN | FORBIDDEN | allowed   | UNAUTHENTICATED |
 * | changePassword         | allowed | allowed   | allowed   | allowed   | UNAUTHENTICATED |
 * END ROLE MATRIX
 *
 * "allowed" calls are made on a target in the right state, written by someone else (editor2, approver2), so that the
 * maker-checker rule does not interfere; refused calls get the same kind of target, so the refusal is about the role.
 * For every refused call, no row of policy_version, ledger_segment, audit_event or user_account changes (counted and
 * fingerprinted). Everyone is logged in before any count is taken: a login writes an audit event.
 */
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { startTestApp, type GqlResult, type TestApp } from './support/test-app';
import { dataOf } from './support/policy-api';
import { type Detail, DETAIL_FIELDS, auditEventsAfter, lastAuditId, tableCounts, tableFingerprint, tickingClock, workflow } from './support/workflow-api';

type Caller = 'admin' | 'editor' | 'approver' | 'auditor' | 'anonymous';
type Outcome = 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED';
const CALLERS: Caller[] = ['admin', 'editor', 'approver', 'auditor', 'anonymous'];
const ROLE_OF: Record<Exclude<Caller, 'anonymous'>, string> = { admin: 'ADMIN', editor: 'EDITOR', approver: 'APPROVER', auditor: 'AUDITOR' };

/** The roles that may call each operation; anyone else logged in is FORBIDDEN, and an anonymous caller UNAUTHENTICATED. */
const ALLOWED_ROLES = {
  createPolicyVersion: ['ADMIN', 'EDITOR'],
  updatePolicyVersion: ['ADMIN', 'EDITOR'],
  submitPolicyVersion: ['ADMIN', 'EDITOR'],
  approvePolicyVersion: ['ADMIN', 'APPROVER'],
  rejectPolicyVersion: ['ADMIN', 'APPROVER'],
  publishPolicyVersion: ['ADMIN', 'APPROVER'],
  withdrawPolicyVersion: ['ADMIN', 'APPROVER'],
  policyVersions: ['ADMIN', 'EDITOR', 'APPROVER', 'AUDITOR'],
  policyVersion: ['ADMIN', 'EDITOR', 'APPROVER', 'AUDITOR'],
  diffPolicyVersions: ['ADMIN', 'EDITOR', 'APPROVER', 'AUDITOR'],
  previewRulesInForce: ['ADMIN', 'EDITOR', 'APPROVER', 'AUDITOR'],
  auditTrail: ['ADMIN', 'AUDITOR'],
  verifyAuditTrail: ['ADMIN', 'AUDITOR'],
  users: ['ADMIN'],
  createUser: ['ADMIN'],
  setUserRoles: ['ADMIN'],
  deactivateUser: ['ADMIN'],
  reactivateUser: ['ADMIN'],
  resetPassword: ['ADMIN'],
  'GET /audit/export': ['ADMIN', 'AUDITOR'],
  // Last: a caller's own password change ends their earlier tokens, the test helper's cached ones included.
  changePassword: ['ADMIN', 'EDITOR', 'APPROVER', 'AUDITOR'],
} as const;
type Operation = keyof typeof ALLOWED_ROLES;
const OPERATIONS = Object.keys(ALLOWED_ROLES) as Operation[];

const EXPECTED: Record<Operation, Record<Caller, Outcome>> = Object.fromEntries(
  OPERATIONS.map((op) => [
    op,
    Object.fromEntries(
      CALLERS.map((caller) => [
        caller,
        caller === 'anonymous' ? 'UNAUTHENTICATED' : (ALLOWED_ROLES[op] as readonly string[]).includes(ROLE_OF[caller]) ? 'allowed' : 'FORBIDDEN',
      ]),
    ),
  ]),
) as Record<Operation, Record<Caller, Outcome>>;

function matrixTable(): string[] {
  const header = ['operation'.padEnd(22), 'ADMIN  ', 'EDITOR   ', 'APPROVER ', 'AUDITOR  ', 'anonymous      '];
  const widths = header.map((h) => h.length);
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...OPERATIONS.map((op) => line([op, ...CALLERS.map((caller) => EXPECTED[op][caller])])),
  ];
}

/** What one call answered, whichever transport it used. */
interface Answer {
  ok: boolean;
  code?: string;
  data?: any;
  httpStatus: number;
}

const fromGql = (result: GqlResult, field: string): Answer =>
  result.errors?.length
    ? { ok: false, code: result.errors[0].extensions.code, httpStatus: result.status }
    : { ok: true, data: result.data?.[field], httpStatus: result.status };

const clock = tickingClock('2026-11-27T03:00:00Z');
let sequence = 0;
const nextDay = () => {
  // A distinct future first day for every version the tests create.
  const day = new Date(Date.UTC(2028, 0, 1) + sequence++ * 86_400_000);
  return day.toISOString().slice(0, 10);
};

describe('who may call each staff operation', () => {
  let t: TestApp;
  let wf: ReturnType<typeof workflow>;
  const tokens: Partial<Record<Caller, string>> = {};

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock });
    wf = workflow(t);
    for (const caller of CALLERS) {
      if (caller === 'anonymous') continue;
      const login = await t.gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: caller, p: 'policy-cms-demo' });
      tokens[caller] = dataOf(login).login.token;
    }
    // The helpers who prepare targets log in once, here, too.
    for (const helper of ['editor2', 'approver2'] as const) dataOf(await t.gql('{ me { username } }', {}, { as: helper }));
    dataOf(await t.gql('{ me { username } }', {}, { as: 'admin' }));
  });
  afterAll(() => t.close());

  const call = (caller: Caller, query: string, variables: Record<string, unknown>, field: string) =>
    t.gql(query, variables, { token: tokens[caller] }).then((r) => fromGql(r, field));
  const mutation = (name: string, args: string, vars: string) => `mutation(${args}) { ${name}(${vars}) { ${DETAIL_FIELDS} } }`;

  /** A version by editor2, taken to `status` by approver2. */
  async function target(status: 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'PUBLISHED', policyKey = 'myna.overseas'): Promise<Detail> {
    const pick = (r: GqlResult, name: string): Detail => dataOf(r)[name];
    let v = pick(
      await wf.create({ policyKey, effectiveFrom: nextDay(), content: { title: '権限テスト', body: '権限テストの本文です。' }, summary: '権限テスト(出典: テスト)' }, 'editor2'),
      'createPolicyVersion',
    );
    if (status === 'DRAFT') return v;
    v = pick(await wf.submit(v.id, 'editor2'), 'submitPolicyVersion');
    if (status === 'IN_REVIEW') return v;
    v = pick(await wf.approve(v.id, 'approver2'), 'approvePolicyVersion');
    if (status === 'APPROVED') return v;
    return pick(await wf.publish(v.id, 'approver2'), 'publishPolicyVersion');
  }

  /** A fresh EDITOR account made by the admin, with its password hash as it stands. */
  async function staffTarget(): Promise<{ id: string; passwordHash: string }> {
    const created = await t.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { username: `target-${sequence++}`, displayName: '対象の職員', password: 'a-long-enough-password', roles: ['EDITOR'] } },
      { as: 'admin' },
    );
    const { id } = dataOf(created).createUser;
    const [{ password_hash }] = await t.sql(`SELECT password_hash FROM user_account WHERE id = $1`, [id]);
    return { id, passwordHash: password_hash };
  }

  interface Case {
    /** Prepares what the call needs (as other users), before the counts are taken. */
    arrange?: () => Promise<any>;
    act: (caller: Caller, ctx: any) => Promise<Answer>;
    /** The audit action an allowed call appends (none for reads). */
    action?: string;
    /** What an allowed caller sees, and the rows it changed. */
    allowed: (answer: Answer, ctx: any, caller: Caller) => Promise<void> | void;
  }

  const CASES: Record<Operation, Case> = {
    createPolicyVersion: {
      arrange: async () => ({ effectiveFrom: nextDay() }),
      act: (caller, ctx) =>
        call(
          caller,
          mutation('createPolicyVersion', '$input: CreatePolicyVersionInput!', 'input: $input'),
          { input: { policyKey: 'myna.overseas', effectiveFrom: ctx.effectiveFrom, content: { title: '新しい版', body: '本文' }, summary: '作成(出典: テスト)' } },
          'createPolicyVersion',
        ),
      action: 'policy_version.create',
      allowed: async (answer, ctx) => {
        expect(answer.data).toMatchObject({ status: 'DRAFT', effectiveFrom: ctx.effectiveFrom });
        expect(await t.sql(`SELECT status FROM policy_version WHERE id = $1`, [answer.data.id])).toEqual([{ status: 'DRAFT' }]);
      },
    },
    updatePolicyVersion: {
      arrange: () => target('DRAFT'),
      act: (caller, v) =>
        call(caller, mutation('updatePolicyVersion', '$input: UpdatePolicyVersionInput!', 'input: $input'), { input: { id: v.id, revision: v.revision, summary: '更新(出典: テスト)' } }, 'updatePolicyVersion'),
      action: 'policy_version.update',
      allowed: async (answer, v) => {
        expect(answer.data).toMatchObject({ id: v.id, summary: '更新(出典: テスト)', revision: v.revision + 1 });
        expect(await t.sql(`SELECT summary FROM policy_version WHERE id = $1`, [v.id])).toEqual([{ summary: '更新(出典: テスト)' }]);
      },
    },
    submitPolicyVersion: {
      arrange: () => target('DRAFT'),
      act: (caller, v) => call(caller, mutation('submitPolicyVersion', '$id: ID!', 'id: $id'), { id: v.id }, 'submitPolicyVersion'),
      action: 'policy_version.submit',
      allowed: async (answer, v) => {
        expect(answer.data.status).toBe('IN_REVIEW');
        expect(await t.sql(`SELECT status FROM policy_version WHERE id = $1`, [v.id])).toEqual([{ status: 'IN_REVIEW' }]);
      },
    },
    approvePolicyVersion: {
      arrange: () => target('IN_REVIEW'),
      act: (caller, v) => call(caller, mutation('approvePolicyVersion', '$id: ID!', 'id: $id'), { id: v.id }, 'approvePolicyVersion'),
      action: 'policy_version.approve',
      allowed: async (answer, v, caller) => {
        expect(answer.data).toMatchObject({ status: 'APPROVED', approvedBy: await t.userId(caller as 'admin') });
        expect(await t.sql(`SELECT status FROM policy_version WHERE id = $1`, [v.id])).toEqual([{ status: 'APPROVED' }]);
      },
    },
    rejectPolicyVersion: {
      arrange: () => target('IN_REVIEW'),
      act: (caller, v) => call(caller, mutation('rejectPolicyVersion', '$id: ID!, $reason: String!', 'id: $id, reason: $reason'), { id: v.id, reason: '差戻し' }, 'rejectPolicyVersion'),
      action: 'policy_version.reject',
      allowed: async (answer, v) => {
        expect(answer.data.status).toBe('DRAFT');
        expect(await t.sql(`SELECT status FROM policy_version WHERE id = $1`, [v.id])).toEqual([{ status: 'DRAFT' }]);
      },
    },
    publishPolicyVersion: {
      arrange: () => target('APPROVED'),
      act: (caller, v) => call(caller, mutation('publishPolicyVersion', '$id: ID!', 'id: $id'), { id: v.id }, 'publishPolicyVersion'),
      action: 'policy_version.publish',
      allowed: async (answer, v) => {
        expect(answer.data.status).toBe('PUBLISHED');
        expect((await t.sql(`SELECT count(*)::int AS n FROM ledger_segment WHERE version_id = $1 AND upper_inf(recorded)`, [v.id]))[0].n).toBe(1);
      },
    },
    withdrawPolicyVersion: {
      arrange: () => target('PUBLISHED'),
      act: (caller, v) => call(caller, mutation('withdrawPolicyVersion', '$id: ID!, $reason: String!', 'id: $id, reason: $reason'), { id: v.id, reason: '取下げ' }, 'withdrawPolicyVersion'),
      action: 'policy_version.withdraw',
      allowed: async (answer, v) => {
        expect(answer.data.status).toBe('WITHDRAWN');
        expect((await t.sql(`SELECT count(*)::int AS n FROM ledger_segment WHERE version_id = $1 AND upper_inf(recorded)`, [v.id]))[0].n).toBe(0);
      },
    },
    policyVersions: {
      arrange: () => target('DRAFT'),
      act: (caller) => call(caller, `{ policyVersions(filter: { status: [DRAFT] }) { totalCount items { id status } } }`, {}, 'policyVersions'),
      allowed: (answer, v) => {
        // Staff see drafts, which the public never does.
        expect(answer.data.totalCount).toBeGreaterThan(0);
        expect(answer.data.items).toContainEqual({ id: v.id, status: 'DRAFT' });
      },
    },
    policyVersion: {
      arrange: () => target('DRAFT'),
      act: (caller, v) => call(caller, `query($id: ID!) { policyVersion(id: $id) { id status history { action } } }`, { id: v.id }, 'policyVersion'),
      allowed: (answer, v) => expect(answer.data).toEqual({ id: v.id, status: 'DRAFT', history: [{ action: 'policy_version.create' }] }),
    },
    diffPolicyVersions: {
      arrange: async () => [await target('DRAFT'), await target('DRAFT')],
      act: (caller, [a, b]) => call(caller, `query($a: ID!, $b: ID!) { diffPolicyVersions(a: $a, b: $b) { entries { path } } }`, { a: a.id, b: b.id }, 'diffPolicyVersions'),
      allowed: (answer) => expect(answer.data.entries).toEqual([{ path: 'effectiveFrom' }]),
    },
    previewRulesInForce: {
      act: (caller) => call(caller, `{ previewRulesInForce(on: "2026-11-27") { policyKey pending } }`, {}, 'previewRulesInForce'),
      allowed: (answer) => expect(answer.data).toContainEqual({ policyKey: 'myna.facilities', pending: false }),
    },
    auditTrail: {
      act: (caller) => call(caller, `{ auditTrail(first: 5) { totalCount items { action } } }`, {}, 'auditTrail'),
      allowed: (answer) => {
        expect(answer.data.totalCount).toBeGreaterThan(0);
        expect(answer.data.items.length).toBeGreaterThan(0);
      },
    },
    verifyAuditTrail: {
      act: (caller) => call(caller, `{ verifyAuditTrail { ok checked firstBrokenId } }`, {}, 'verifyAuditTrail'),
      allowed: (answer) => expect(answer.data).toMatchObject({ ok: true, firstBrokenId: null }),
    },
    users: {
      act: (caller) => call(caller, `{ users { username roles } }`, {}, 'users'),
      allowed: (answer) => expect(answer.data).toContainEqual({ username: 'editor', roles: ['EDITOR'] }),
    },
    createUser: {
      arrange: async () => ({ username: `staff-${sequence++}` }),
      act: (caller, ctx) =>
        call(
          caller,
          `mutation($input: CreateUserInput!) { createUser(input: $input) { id username roles } }`,
          { input: { username: ctx.username, displayName: '新しい職員', password: 'a-long-enough-password', roles: ['EDITOR'] } },
          'createUser',
        ),
      action: 'user.create',
      allowed: async (answer, ctx) => {
        expect(answer.data).toMatchObject({ username: ctx.username, roles: ['EDITOR'] });
        expect(await t.sql(`SELECT roles FROM user_account WHERE username = $1`, [ctx.username])).toEqual([{ roles: ['EDITOR'] }]);
      },
    },
    setUserRoles: {
      arrange: staffTarget,
      act: (caller, ctx) => call(caller, `mutation($id: ID!) { setUserRoles(userId: $id, roles: [ADMIN]) { id roles } }`, { id: ctx.id }, 'setUserRoles'),
      action: 'user.roles_change',
      allowed: async (answer, ctx) => {
        expect(answer.data).toEqual({ id: ctx.id, roles: ['ADMIN'] });
        expect(await t.sql(`SELECT roles FROM user_account WHERE id = $1`, [ctx.id])).toEqual([{ roles: ['ADMIN'] }]);
      },
    },
    deactivateUser: {
      arrange: staffTarget,
      act: (caller, ctx) => call(caller, `mutation($id: ID!) { deactivateUser(userId: $id) { id active } }`, { id: ctx.id }, 'deactivateUser'),
      action: 'user.deactivate',
      allowed: async (answer, ctx) => {
        expect(answer.data).toEqual({ id: ctx.id, active: false });
        expect(await t.sql(`SELECT disabled FROM user_account WHERE id = $1`, [ctx.id])).toEqual([{ disabled: true }]);
      },
    },
    reactivateUser: {
      arrange: async () => {
        const target = await staffTarget();
        dataOf(await t.gql(`mutation($id: ID!) { deactivateUser(userId: $id) { id } }`, { id: target.id }, { as: 'admin' }));
        return target;
      },
      act: (caller, ctx) => call(caller, `mutation($id: ID!) { reactivateUser(userId: $id) { id active } }`, { id: ctx.id }, 'reactivateUser'),
      action: 'user.reactivate',
      allowed: async (answer, ctx) => {
        expect(answer.data).toEqual({ id: ctx.id, active: true });
        expect(await t.sql(`SELECT disabled FROM user_account WHERE id = $1`, [ctx.id])).toEqual([{ disabled: false }]);
      },
    },
    resetPassword: {
      arrange: staffTarget,
      act: (caller, ctx) =>
        call(caller, `mutation($id: ID!) { resetPassword(userId: $id, newPassword: "reset-by-someone") { id } }`, { id: ctx.id }, 'resetPassword'),
      action: 'user.password_reset',
      allowed: async (answer, ctx) => {
        expect(answer.data).toEqual({ id: ctx.id });
        const [{ password_hash }] = await t.sql(`SELECT password_hash FROM user_account WHERE id = $1`, [ctx.id]);
        expect(password_hash).not.toBe(ctx.passwordHash);
      },
    },
    changePassword: {
      act: (caller) =>
        call(
          caller,
          `mutation { changePassword(currentPassword: "policy-cms-demo", newPassword: "changed-by-myself") { token user { username } } }`,
          {},
          'changePassword',
        ),
      action: 'user.password_change',
      allowed: async (answer, _ctx, caller) => {
        expect(answer.data.user).toEqual({ username: caller });
        // The caller's earlier token has ended; the answer's works.
        expect((await t.gql('{ me { username } }', {}, { token: tokens[caller] })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
        expect((await t.gql('{ me { username } }', {}, { token: answer.data.token })).data?.me).toEqual({ username: caller });
        tokens[caller] = answer.data.token;
      },
    },
    'GET /audit/export': {
      act: async (caller) => {
        let req = request(t.app.getHttpServer()).get('/audit/export?format=jsonl');
        if (tokens[caller]) req = req.set('authorization', `Bearer ${tokens[caller]}`);
        const response = await req;
        if (response.status === 200) return { ok: true, data: response.text, httpStatus: 200 };
        return { ok: false, code: JSON.parse(response.text).errors?.[0]?.extensions?.code, httpStatus: response.status };
      },
      allowed: (answer) => {
        const events = String(answer.data).trim().split('\n').map((line) => JSON.parse(line));
        expect(events.length).toBeGreaterThan(0);
        expect(events[0]).toMatchObject({ action: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      },
    },
  };

  it('has the matrix at the top of this file as the tests assert it', () => {
    const source = readFileSync(__filename, 'utf8');
    const comment = source.slice(source.indexOf('ROLE MATRIX') + 'ROLE MATRIX'.length, source.indexOf('END ROLE MATRIX'));
    const rows = comment
      .split('\n')
      .map((line) => line.replace(/^\s*\*\s?/, '').trimEnd())
      .filter(Boolean);
    expect(rows).toEqual(matrixTable());
  });

  describe.each(OPERATIONS)('%s', (operation) => {
    it.each(CALLERS.map((caller) => [caller, EXPECTED[operation][caller]] as const))('as %s: %s', async (caller, expected) => {
      const spec = CASES[operation];
      const ctx = spec.arrange ? await spec.arrange() : undefined;

      const counts = await tableCounts(t.sql);
      const fingerprint = await tableFingerprint(t.sql);
      const lastEvent = await lastAuditId(t.sql);

      const answer = await spec.act(caller, ctx);

      if (expected === 'allowed') {
        expect({ ok: answer.ok, code: answer.code }).toEqual({ ok: true, code: undefined });
        await spec.allowed(answer, ctx, caller);
        const events = await auditEventsAfter(t.sql, lastEvent);
        if (spec.action) {
          expect(events.map((e) => [e.action, e.actor_name])).toEqual([[spec.action, caller]]);
        } else {
          // A read writes nothing.
          expect(events).toEqual([]);
          expect(await tableFingerprint(t.sql)).toEqual(fingerprint);
        }
      } else {
        expect({ ok: answer.ok, code: answer.code }).toEqual({ ok: false, code: expected });
        if (operation === 'GET /audit/export') expect(answer.httpStatus).toBe(expected === 'FORBIDDEN' ? 403 : 401);
        expect(await tableCounts(t.sql)).toEqual(counts);
        expect(await tableFingerprint(t.sql)).toEqual(fingerprint);
        expect(await auditEventsAfter(t.sql, lastEvent)).toEqual([]);
      }
    });
  });
});
