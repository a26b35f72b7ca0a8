import { startTestApp, type GqlResult, type TestApp } from '../support/test-app';
import { dataOf, errorOf } from '../support/policy-api';
import { auditEventsAfter, lastAuditId, tableFingerprint } from '../support/workflow-api';

/**
 * Staff accounts as an administrator and a member of staff see them (issue 8, item 9): deactivation and reactivation,
 * accounts without a role, changing one's own password and resetting someone else's. A change takes effect on the
 * next request, ends the tokens issued before it, and is one audit event in the same transaction, with no password
 * in it.
 */
const PASSWORD = 'policy-cms-demo';
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { username roles active } } }`;
const USER_FIELDS = 'id username roles active';

describe('staff accounts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
  });
  afterAll(() => t?.close());

  const login = (username: string, password = PASSWORD) => t.gql(LOGIN, { u: username, p: password });
  const tokenOf = async (username: string, password = PASSWORD): Promise<string> => dataOf(await login(username, password)).login.token;
  const me = (token: string) => t.gql(`{ me { username roles active } }`, {}, { token });
  const asAdmin = (query: string, variables: Record<string, unknown>) => t.gql(query, variables, { as: 'admin' });
  const deactivate = (userId: string, token?: string) =>
    t.gql(`mutation($id: ID!) { deactivateUser(userId: $id) { ${USER_FIELDS} } }`, { id: userId }, token ? { token } : { as: 'admin' });
  const reactivate = (userId: string) => asAdmin(`mutation($id: ID!) { reactivateUser(userId: $id) { ${USER_FIELDS} } }`, { id: userId });
  const createUser = async (username: string, roles: string[], password = 'a-long-enough-password') =>
    dataOf(
      await asAdmin(`mutation($input: CreateUserInput!) { createUser(input: $input) { ${USER_FIELDS} } }`, {
        input: { username, displayName: '職員', password, roles },
      }),
    ).createUser;
  const refusedAsUnauthenticated = (result: GqlResult) => {
    expect(errorOf(result).extensions.code).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  };
  /** Nothing written: no row changed and no audit event. */
  const expectNoWrite = async (act: () => Promise<void>) => {
    const rows = await tableFingerprint(t.sql);
    const lastEvent = await lastAuditId(t.sql);
    await act();
    expect(await tableFingerprint(t.sql)).toEqual(rows);
    expect(await auditEventsAfter(t.sql, lastEvent)).toEqual([]);
  };

  describe('deactivating and reactivating', () => {
    it('ends a deactivated account on its next request and keeps its old tokens dead after reactivation', async () => {
      const id = await t.userId('editor2');
      const oldToken = await tokenOf('editor2');
      expect(dataOf(await me(oldToken)).me).toEqual({ username: 'editor2', roles: ['EDITOR'], active: true });

      const lastEvent = await lastAuditId(t.sql);
      expect(dataOf(await deactivate(id)).deactivateUser).toEqual({ id, username: 'editor2', roles: ['EDITOR'], active: false });
      refusedAsUnauthenticated(await me(oldToken));
      expect(errorOf(await login('editor2')).message).toBe('wrong username or password');
      expect(dataOf(await t.gql(`{ users { username active } }`, {}, { as: 'admin' })).users).toContainEqual({ username: 'editor2', active: false });

      expect(dataOf(await reactivate(id)).reactivateUser.active).toBe(true);
      refusedAsUnauthenticated(await me(oldToken));
      const newToken = await tokenOf('editor2');
      expect(dataOf(await me(newToken)).me.username).toBe('editor2');

      const events = await auditEventsAfter(t.sql, lastEvent);
      expect(events.filter((e) => e.action.startsWith('user.')).map((e) => [e.action, e.actor_name, e.target_id, e.before, e.after])).toEqual([
        ['user.deactivate', 'admin', id, { active: true }, { active: false }],
        ['user.reactivate', 'admin', id, { active: false }, { active: true }],
      ]);
    });

    it('refuses an administrator deactivating themselves, and an unknown account, writing nothing', async () => {
      await expectNoWrite(async () => {
        expect(errorOf(await deactivate(await t.userId('admin'))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
        expect(errorOf(await deactivate('00000000-0000-4000-8000-000000000000')).extensions.code).toBe('NOT_FOUND');
        expect(errorOf(await reactivate('not-an-id')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
      });
    });

  });

  describe('accounts without a role', () => {
    it('may be created and emptied; such an account logs in and reads me, and is FORBIDDEN everything else', async () => {
      const created = await createUser('no.role', []);
      expect(created).toMatchObject({ username: 'no.role', roles: [], active: true });
      expect(await t.sql(`SELECT roles FROM user_account WHERE id = $1`, [created.id])).toEqual([{ roles: [] }]);

      const token = await tokenOf('no.role', 'a-long-enough-password');
      expect(dataOf(await me(token)).me).toEqual({ username: 'no.role', roles: [], active: true });
      for (const query of [`{ policyVersions(first: 1) { totalCount } }`, `{ users { username } }`, `{ auditTrail(first: 1) { totalCount } }`]) {
        expect(errorOf(await t.gql(query, {}, { token })).extensions.code).toBe('FORBIDDEN');
      }

      const editor = await createUser('roles.removed', ['EDITOR']);
      const emptied = dataOf(await asAdmin(`mutation($id: ID!) { setUserRoles(userId: $id, roles: []) { roles } }`, { id: editor.id })).setUserRoles;
      expect(emptied.roles).toEqual([]);
    });
  });

  describe('passwords', () => {
    const CHANGE = `mutation($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) { token user { username } } }`;

    it('lets a member of staff change their own password: every earlier session ends, the answer carries a new token', async () => {
      const sessions = [await tokenOf('approver'), await tokenOf('approver')];
      const id = await t.userId('approver');

      await expectNoWrite(async () => {
        expect(errorOf(await t.gql(CHANGE, { current: PASSWORD, next: 'short' }, { token: sessions[0] })).extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'newPassword',
        });
      });
      // A wrong current password is a failed login: in the trail, and counted against the limits.
      const beforeWrong = await lastAuditId(t.sql);
      expect(errorOf(await t.gql(CHANGE, { current: 'not-the-password', next: 'a-brand-new-password' }, { token: sessions[0] })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'currentPassword',
      });
      // Made by the signed-in person, so recorded as that person: not as a caller who was not signed in.
      expect((await auditEventsAfter(t.sql, beforeWrong)).map((e) => [e.action, e.actor_id, e.actor_name, e.target_id])).toEqual([
        ['auth.login_failed', id, 'approver', id],
      ]);

      const lastEvent = await lastAuditId(t.sql);
      const changed = dataOf(await t.gql(CHANGE, { current: PASSWORD, next: 'a-brand-new-password' }, { token: sessions[0] })).changePassword;
      expect(changed.user.username).toBe('approver');
      for (const old of sessions) refusedAsUnauthenticated(await me(old));
      expect(dataOf(await me(changed.token)).me.username).toBe('approver');
      expect(errorOf(await login('approver')).extensions.code).toBe('UNAUTHENTICATED');
      expect(dataOf(await login('approver', 'a-brand-new-password')).login.user.username).toBe('approver');

      const events = await auditEventsAfter(t.sql, lastEvent);
      expect(events[0]).toMatchObject({ action: 'user.password_change', actor_name: 'approver', target_id: id, before: null, after: null });
      expect(JSON.stringify(events)).not.toMatch(/a-brand-new-password|policy-cms-demo|scrypt/);
    });

    it('lets an ADMIN reset another account\'s password, ending its sessions; an EDITOR and an anonymous caller may not', async () => {
      const id = await t.userId('auditor');
      const session = await tokenOf('auditor');
      const RESET = `mutation($id: ID!, $next: String!) { resetPassword(userId: $id, newPassword: $next) { ${USER_FIELDS} } }`;

      dataOf(await t.gql('{ me { username } }', {}, { as: 'editor' })); // logged in (an audit event) before the count
      await expectNoWrite(async () => {
        expect(errorOf(await t.gql(RESET, { id, next: 'chosen-by-an-editor' }, { as: 'editor' })).extensions.code).toBe('FORBIDDEN');
        expect(errorOf(await t.gql(RESET, { id, next: 'chosen-anonymously' })).extensions.code).toBe('UNAUTHENTICATED');
        expect(errorOf(await t.gql(RESET, { id, next: 'x'.repeat(1025) }, { as: 'admin' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
      });

      const lastEvent = await lastAuditId(t.sql);
      expect(dataOf(await t.gql(RESET, { id, next: 'set-by-the-admin' }, { as: 'admin' })).resetPassword).toEqual({ id, username: 'auditor', roles: ['AUDITOR'], active: true });
      refusedAsUnauthenticated(await me(session));
      expect(errorOf(await login('auditor')).extensions.code).toBe('UNAUTHENTICATED');
      expect(dataOf(await login('auditor', 'set-by-the-admin')).login.user.username).toBe('auditor');

      const events = await auditEventsAfter(t.sql, lastEvent);
      expect(events[0]).toMatchObject({ action: 'user.password_reset', actor_name: 'admin', target_id: id, before: null, after: null });
      expect(JSON.stringify(events)).not.toContain('set-by-the-admin');
    });

    it('answers an anonymous changePassword and deactivateUser as UNAUTHENTICATED, and an EDITOR\'s deactivateUser as FORBIDDEN', async () => {
      await expectNoWrite(async () => {
        expect(errorOf(await t.gql(CHANGE, { current: PASSWORD, next: 'a-brand-new-password' })).extensions.code).toBe('UNAUTHENTICATED');
        const id = await t.userId('approver2');
        expect(errorOf(await t.gql(`mutation($id: ID!) { deactivateUser(userId: $id) { id } }`, { id })).extensions.code).toBe('UNAUTHENTICATED');
        expect(errorOf(await t.gql(`mutation($id: ID!) { deactivateUser(userId: $id) { id } }`, { id }, { as: 'editor' })).extensions.code).toBe('FORBIDDEN');
      });
    });
  });

  // Last in the file: either administrator may end up deactivated, and with them the helper's cached admin token.
  describe('the last administrator', () => {
    it('leaves one active administrator when two deactivate each other at the same moment', async () => {
      const second = await createUser('admin.two', ['ADMIN']);
      const adminId = await t.userId('admin');
      const [adminToken, secondToken] = [await tokenOf('admin'), await tokenOf('admin.two', 'a-long-enough-password')];

      const answers = await Promise.all([deactivate(second.id, adminToken), deactivate(adminId, secondToken)]);
      const refused = answers.filter((answer) => answer.errors);
      expect(refused).toHaveLength(1);
      expect(errorOf(refused[0]).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM user_account WHERE 'ADMIN' = ANY (roles) AND NOT disabled`);
      expect(n).toBe(1);

      // The same race over the ADMIN role.
      await t.sql(`UPDATE user_account SET disabled = false WHERE id IN ($1, $2)`, [adminId, second.id]);
      const [adminAgain, secondAgain] = [await tokenOf('admin'), await tokenOf('admin.two', 'a-long-enough-password')];
      const demote = (id: string, token: string) => t.gql(`mutation($id: ID!) { setUserRoles(userId: $id, roles: [AUDITOR]) { id } }`, { id }, { token });
      const demotions = await Promise.all([demote(second.id, adminAgain), demote(adminId, secondAgain)]);
      const refusedDemotions = demotions.filter((answer) => answer.errors);
      expect(refusedDemotions).toHaveLength(1);
      expect(errorOf(refusedDemotions[0]).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roles' });
      const [{ admins }] = await t.sql(`SELECT count(*)::int AS admins FROM user_account WHERE 'ADMIN' = ANY (roles) AND NOT disabled`);
      expect(admins).toBe(1);
    });
  });
});
