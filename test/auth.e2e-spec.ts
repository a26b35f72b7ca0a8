import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { startTestApp, type GqlResult, type TestApp } from './support/test-app';
import { dataOf, errorOf, settableClock } from './support/policy-api';
import { auditEventsAfter, lastAuditId, tableFingerprint } from './support/workflow-api';

/**
 * Logging in, bearer tokens and user management (API.md "Staff operations", PRODUCT.md "Roles" and "Audit trail"):
 * what a caller sees, and the user rows and audit events behind it. The clock is set by the test, so that a token can
 * be made to expire; the API signs tokens with a secret of its own (TOKEN_SECRET is set here so a forged token is
 * signed with a different one on purpose, not by chance).
 */
const LOGIN_AT = '2026-11-27T03:00:00Z';
const PASSWORD = 'policy-cms-demo';
const TOKEN_SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token expiresAt user { id username displayName roles } } }`;

describe('login, tokens and user management', () => {
  const clock = settableClock(LOGIN_AT);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock, env: { TOKEN_SECRET } });
  });
  afterAll(() => t.close());

  const login = (username: string, password: string) => t.gql(LOGIN, { u: username, p: password });
  const me = (token: string) => t.gql(`{ me { username roles } }`, {}, { token });
  const auditTrail = (token: string) => t.gql(`{ auditTrail(first: 1) { totalCount } }`, {}, { token });

  describe('login', () => {
    it('returns a token that works as "Authorization: Bearer", with its expiry and the user, and records the login', async () => {
      const lastEvent = await lastAuditId(t.sql);
      const answer = dataOf(await login('editor', PASSWORD)).login;
      expect(answer.user).toEqual({ id: await t.userId('editor'), username: 'editor', displayName: '編集者 一郎', roles: ['EDITOR'] });
      // The default lifetime: eight hours from the clock's now.
      expect(answer.expiresAt).toBe('2026-11-27T11:00:00.000Z');
      expect(dataOf(await me(answer.token)).me).toEqual({ username: 'editor', roles: ['EDITOR'] });

      const raw = await request(t.app.getHttpServer())
        .post('/graphql')
        .set('authorization', `Bearer ${answer.token}`)
        .send({ query: '{ policyVersions(first: 1) { totalCount } }' });
      expect(raw.body.data.policyVersions.totalCount).toBeGreaterThan(0);

      const events = await auditEventsAfter(t.sql, lastEvent);
      expect(events).toEqual([
        expect.objectContaining({ action: 'auth.login', actor_name: 'editor', target_type: 'user', target_id: answer.user.id, client_address: expect.any(String) }),
      ]);
    });

    it('answers a wrong password and an unknown user alike, and records both as auth.login_failed', async () => {
      const lastEvent = await lastAuditId(t.sql);
      const wrongPassword = errorOf(await login('auditor', 'not-the-password'));
      const unknownUser = errorOf(await login('nobody-here', 'not-the-password'));
      expect(wrongPassword.extensions.code).toBe('UNAUTHENTICATED');
      expect({ message: unknownUser.message, extensions: unknownUser.extensions }).toEqual({
        message: wrongPassword.message,
        extensions: wrongPassword.extensions,
      });

      const events = await auditEventsAfter(t.sql, lastEvent);
      expect(events.map((e) => [e.action, e.actor_name, e.target_id])).toEqual([
        ['auth.login_failed', 'auditor', await t.userId('auditor')],
        ['auth.login_failed', 'nobody-here', null],
      ]);
      expect(events[0].client_address).toEqual(expect.any(String));
      expect(events[1].client_address).toBe(events[0].client_address);
      // Neither the tried password nor a hash of it goes into the trail.
      expect(JSON.stringify(events)).not.toContain('not-the-password');
    });

    it('after 5 failed attempts for one user from one address refuses the next ones as RATE_LIMITED, the right password too; others still log in', async () => {
      for (let i = 0; i < 5; i++) {
        expect(errorOf(await login('approver2', `wrong-${i}`)).message).toBe('wrong username or password');
      }
      const blocked = await login('approver2', PASSWORD);
      expect(blocked.data ?? null).toBeNull();
      expect(errorOf(blocked).extensions.code).toBe('RATE_LIMITED');
      // How long to wait: the rest of the 15-minute window.
      const wait = Number(/try again in (\d+) s/.exec(errorOf(blocked).message)?.[1]);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(15 * 60);
      // The same name, however it is typed.
      expect(errorOf(await login('  APPROVER2 ', PASSWORD)).extensions.code).toBe('RATE_LIMITED');
      expect(errorOf(await login('approver2', PASSWORD)).extensions.code).toBe('RATE_LIMITED');

      // Another user from the same address is not locked out.
      expect(dataOf(await login('approver', PASSWORD)).login.user.username).toBe('approver');
      // Every checked attempt is in the trail; the refused ones once for the window, marked as refused.
      const failures = await t.sql(
        `SELECT reason FROM audit_event WHERE action = 'auth.login_failed' AND actor_name = 'approver2' ORDER BY id`,
      );
      expect(failures.map((event) => event.reason)).toEqual([
        ...Array(5).fill(null),
        'refused: too many failed logins for this user from this address; further refusals in this 15-minute window are not recorded',
      ]);
    });
  });

  describe('tokens', () => {
    const refused = (result: GqlResult) => {
      const error = errorOf(result);
      expect(error.extensions.code).toBe('UNAUTHENTICATED');
      expect(result.data ?? null).toBeNull();
      return error;
    };

    it('refuses a garbage token, a token signed with another secret and an unsigned one, as UNAUTHENTICATED', async () => {
      const adminId = await t.userId('admin');
      const forged = new JwtService({ secret: 'another-secret-of-at-least-thirty-two-characters' }).sign({ sub: adminId, username: 'admin' });
      const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: adminId, username: 'admin', iat: 1795000000 })}.`;
      for (const token of ['garbage', 'a.b.c', forged, unsigned]) {
        refused(await t.gql('{ users { username } }', {}, { token }));
        // A token, when sent, must be valid even for a public read.
        refused(await t.gql('{ policies { key } }', {}, { token }));
      }
      const wrongScheme = await request(t.app.getHttpServer()).post('/graphql').set('authorization', 'Basic YWRtaW46eA==').send({ query: '{ me { username } }' });
      expect(wrongScheme.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const anonymous = errorOf(await t.gql('{ me { username } }'));
      expect(anonymous.extensions.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a token without an expiry and one whose subject is not an account id, both signed with the server\'s secret', async () => {
      const adminId = await t.userId('admin');
      const signer = new JwtService({ secret: TOKEN_SECRET });
      const { token: genuine } = dataOf(await login('admin', PASSWORD)).login;
      const withoutExp = signer.decode<Record<string, unknown>>(genuine);
      delete withoutExp.exp;
      expect(dataOf(await t.gql('{ me { username } }', {}, { token: genuine })).me.username).toBe('admin');

      const neverExpires = signer.sign({ ...withoutExp, sub: adminId });
      expect(refused(await me(neverExpires)).message).toMatch(/invalid or has expired/);
      for (const subject of ['not-a-uuid', '----', "1' OR '1'='1"]) {
        refused(await me(signer.sign({ ...withoutExp, sub: subject }, { expiresIn: 3600 })));
      }
    });

    it('refuses an expired token, and a token of a disabled account', async () => {
      clock.set(LOGIN_AT);
      const { token, expiresAt } = dataOf(await login('auditor', PASSWORD)).login;
      clock.set('2026-11-27T10:59:59Z');
      expect(dataOf(await me(token)).me.username).toBe('auditor');
      clock.set(new Date(new Date(expiresAt).getTime() + 1000).toISOString());
      expect(refused(await me(token)).message).toMatch(/expired/);
      clock.set(LOGIN_AT);

      const { token: editor2Token } = dataOf(await login('editor2', PASSWORD)).login;
      await t.sql(`UPDATE user_account SET disabled = true WHERE username = 'editor2'`);
      try {
        refused(await me(editor2Token));
        expect(errorOf(await login('editor2', PASSWORD)).message).toBe('wrong username or password');
      } finally {
        await t.sql(`UPDATE user_account SET disabled = false WHERE username = 'editor2'`);
      }
    });
  });

  describe('user management', () => {
    let adminToken: string;
    beforeAll(async () => {
      clock.set(LOGIN_AT);
      adminToken = dataOf(await login('admin', PASSWORD)).login.token;
    });

    const createUser = (input: Record<string, unknown>) =>
      t.gql(`mutation($input: CreateUserInput!) { createUser(input: $input) { id username displayName roles } }`, { input }, { token: adminToken });
    const setRoles = (userId: string, roles: string[]) =>
      t.gql(`mutation($id: ID!, $roles: [Role!]!) { setUserRoles(userId: $id, roles: $roles) { id username roles } }`, { id: userId, roles }, { token: adminToken });

    it('lets an ADMIN create a user, recorded as user.create, who can then log in with the roles given', async () => {
      const lastEvent = await lastAuditId(t.sql);
      const created = dataOf(await createUser({ username: 'reviewer.three', displayName: '審査 三郎', password: 'twelve-chars', roles: ['EDITOR'] })).createUser;
      expect(created).toMatchObject({ username: 'reviewer.three', displayName: '審査 三郎', roles: ['EDITOR'] });

      const [row] = await t.sql(`SELECT id, roles, password_hash, disabled FROM user_account WHERE username = 'reviewer.three'`);
      expect(row).toMatchObject({ id: created.id, roles: ['EDITOR'], disabled: false });
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(row.password_hash).not.toContain('twelve-chars');

      const events = await auditEventsAfter(t.sql, lastEvent);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'user.create',
          actor_name: 'admin',
          target_type: 'user',
          target_id: created.id,
          before: null,
          after: { username: 'reviewer.three', displayName: '審査 三郎', roles: ['EDITOR'] },
        }),
      ]);

      const { token } = dataOf(await login('reviewer.three', 'twelve-chars')).login;
      expect(dataOf(await me(token)).me).toEqual({ username: 'reviewer.three', roles: ['EDITOR'] });
    });

    it('lets an ADMIN change roles, recorded as user.roles_change with before and after, effective at once for a live token', async () => {
      const [{ id }] = await t.sql(`SELECT id FROM user_account WHERE username = 'reviewer.three'`);
      const { token } = dataOf(await login('reviewer.three', 'twelve-chars')).login;
      expect(errorOf(await auditTrail(token)).extensions.code).toBe('FORBIDDEN');

      const lastEvent = await lastAuditId(t.sql);
      const changed = dataOf(await setRoles(id, ['AUDITOR', 'EDITOR'])).setUserRoles;
      expect(changed).toEqual({ id, username: 'reviewer.three', roles: ['AUDITOR', 'EDITOR'] });
      expect(await t.sql(`SELECT roles FROM user_account WHERE id = $1`, [id])).toEqual([{ roles: ['AUDITOR', 'EDITOR'] }]);
      const events = await auditEventsAfter(t.sql, lastEvent);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'user.roles_change',
          actor_name: 'admin',
          target_type: 'user',
          target_id: id,
          before: { roles: ['EDITOR'] },
          after: { roles: ['AUDITOR', 'EDITOR'] },
        }),
      ]);

      // The same token, with the new roles.
      expect(dataOf(await auditTrail(token)).auditTrail.totalCount).toBeGreaterThan(0);
      expect(dataOf(await me(token)).me.roles).toEqual(['AUDITOR', 'EDITOR']);
    });

    it('refuses a password shorter than 12 characters as BAD_USER_INPUT on password, and creates nothing', async () => {
      const rows = await tableFingerprint(t.sql);
      const lastEvent = await lastAuditId(t.sql);
      const error = errorOf(await createUser({ username: 'short.pass', displayName: '短い', password: 'elevenchars', roles: ['EDITOR'] }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
      expect(await t.sql(`SELECT id FROM user_account WHERE username = 'short.pass'`)).toEqual([]);
      expect(await tableFingerprint(t.sql)).toEqual(rows);
      expect(await auditEventsAfter(t.sql, lastEvent)).toEqual([]);
    });

    it('refuses a taken username as CONFLICT, a password over 1024 characters, an admin removing their own ADMIN role, and an unknown user', async () => {
      const rows = await tableFingerprint(t.sql);
      const lastEvent = await lastAuditId(t.sql);
      expect(errorOf(await createUser({ username: 'Editor', displayName: '重複', password: 'a-long-enough-password', roles: ['EDITOR'] })).extensions.code).toBe('CONFLICT');
      expect(errorOf(await createUser({ username: 'long.pass', displayName: '長い', password: 'x'.repeat(1025), roles: ['EDITOR'] })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'password',
      });
      expect(errorOf(await setRoles(await t.userId('admin'), ['AUDITOR'])).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'roles' });
      expect(errorOf(await setRoles('00000000-0000-4000-8000-000000000000', ['AUDITOR'])).extensions.code).toBe('NOT_FOUND');
      expect(errorOf(await setRoles('not-a-user-id', ['AUDITOR'])).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
      expect(await tableFingerprint(t.sql)).toEqual(rows);
      expect(await auditEventsAfter(t.sql, lastEvent)).toEqual([]);
    });
  });
});
