import request from 'supertest';
import { DataSource } from 'typeorm';
import { clearExpiredLoginCounters } from '@policy-cms/identity';
import { startTestApp, type GqlResult, type TestApp } from '../support/test-app';
import { errorOf } from '../support/policy-api';
import { auditEventsAfter, lastAuditId } from '../support/workflow-api';

/**
 * Login limits as an attacker meets them (issue 8, items 2 and 3): each attempt is counted in PostgreSQL before its
 * password is checked, so a burst cannot slip past the budget and two API instances share it; the client address is
 * taken from X-Forwarded-For only behind a trusted proxy (TRUST_PROXY); a locked user+address pair does not lock the
 * user out elsewhere; oversized credentials are refused before anything is stored; and refusals reach the trail once
 * per window, not once per request.
 *
 * Three apps share this file's database: `one` and `two` connect directly (no trusted proxy, every request comes from
 * the loopback address), `proxied` trusts the loopback proxy and so takes the client from X-Forwarded-For. Each test
 * uses its own user or its own forwarded address, because the counters live in the shared database.
 */
const PASSWORD = 'policy-cms-demo';
const LOGIN = `mutation($username: String!, $password: String!) { login(username: $username, password: $password) { token } }`;
const REFUSAL_FOR_USER =
  'refused: too many failed logins for this user from this address; further refusals in this 15-minute window are not recorded';
const REFUSAL_FOR_ADDRESS = 'refused: too many failed logins from this address; further refusals in this 15-minute window are not recorded';

describe('login limits', () => {
  let one: TestApp;
  let two: TestApp;
  let proxied: TestApp;

  beforeAll(async () => {
    one = await startTestApp({ demoData: true });
    two = await startTestApp();
    proxied = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(async () => {
    await proxied?.close();
    await two?.close();
    await one?.close();
  });

  /** One login request, optionally as if forwarded by a proxy for `forwardedFor`. */
  async function login(app: TestApp, username: string, password: string, forwardedFor?: string): Promise<GqlResult> {
    let call = request(app.app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
    if (forwardedFor) call = call.set('x-forwarded-for', forwardedFor);
    const response = await call.send({ query: LOGIN, variables: { username, password } });
    return { status: response.status, data: response.body?.data, errors: response.body?.errors };
  }
  const codeOf = (result: GqlResult) => (result.data?.login?.token ? 'token' : errorOf(result).extensions.code);
  const auditCount = async () => (await one.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event`))[0].n;

  it('50 guesses fired at once, the right password last: no token, and at most 5 passwords checked', async () => {
    const lastEvent = await lastAuditId(one.sql);
    const guesses = [...Array.from({ length: 49 }, (_, i) => `wrong-guess-${i}`), PASSWORD];
    const answers = await Promise.all(guesses.map((password) => login(proxied, 'approver2', password, '198.51.100.50')));

    const codes = answers.map(codeOf);
    expect(codes).not.toContain('token');
    const checked = codes.filter((code) => code === 'UNAUTHENTICATED').length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(50 - checked);

    // Each checked password left one failed-login event; the refusals, one per budget that ran out.
    const events = await auditEventsAfter(one.sql, lastEvent);
    expect(events.filter((e) => e.action === 'auth.login_failed' && e.reason === null)).toHaveLength(checked);
    expect(events.filter((e) => e.reason?.startsWith('refused')).map((e) => e.reason).sort()).toEqual([REFUSAL_FOR_ADDRESS, REFUSAL_FOR_USER].sort());
    expect(events.filter((e) => e.action === 'auth.login')).toEqual([]);

    // The password was right all along: from an address with budget left it logs in.
    expect(codeOf(await login(proxied, 'approver2', PASSWORD, '198.51.100.51'))).toBe('token');
  });

  it('two API instances on one database share the budget', async () => {
    for (const app of [one, two, one, two, one]) expect(codeOf(await login(app, 'editor2', 'not-the-password'))).toBe('UNAUTHENTICATED');
    const refused = await login(two, 'editor2', PASSWORD);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(refused.status).toBe(429);
    expect(codeOf(await login(one, 'editor2', PASSWORD))).toBe('RATE_LIMITED');
  });

  it('refuses a 1 MB username and a password over 1024 characters as BAD_USER_INPUT, writing nothing', async () => {
    const events = await auditCount();
    const counters = await one.sql(`SELECT key, points FROM login_rate_limit ORDER BY key`);

    const huge = errorOf(await login(one, 'a'.repeat(1_000_000), 'not-the-password'));
    expect(huge.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
    expect(errorOf(await login(one, 'a'.repeat(65), 'not-the-password')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
    expect(errorOf(await login(one, 'editor', 'p'.repeat(1025))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });

    expect(await auditCount()).toBe(events);
    expect(await one.sql(`SELECT key, points FROM login_rate_limit ORDER BY key`)).toEqual(counters);
    // At the bounds the attempt is an ordinary failed login.
    expect(codeOf(await login(one, 'b'.repeat(64), 'p'.repeat(1024)))).toBe('UNAUTHENTICATED');
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: a client cannot pick a fresh address per guess', async () => {
    const lastEvent = await lastAuditId(one.sql);
    for (let i = 0; i < 5; i++) {
      expect(codeOf(await login(one, 'auditor', 'not-the-password', `203.0.113.${i + 1}`))).toBe('UNAUTHENTICATED');
    }
    expect(codeOf(await login(one, 'auditor', PASSWORD, '203.0.113.99'))).toBe('RATE_LIMITED');
    const addresses = new Set((await auditEventsAfter(one.sql, lastEvent)).map((e) => e.client_address));
    expect([...addresses]).toHaveLength(1);
    expect([...addresses][0]).not.toMatch(/^203\.0\.113\./);
  });

  it('with TRUST_PROXY, limits and the trail use the forwarded address; a pair locked out does not lock the user out elsewhere', async () => {
    const lastEvent = await lastAuditId(one.sql);
    for (let i = 0; i < 5; i++) expect(codeOf(await login(proxied, 'editor', 'not-the-password', '203.0.113.10'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(proxied, 'editor', PASSWORD, '203.0.113.10'))).toBe('RATE_LIMITED');
    // The same user, right password, from another address.
    expect(codeOf(await login(proxied, 'editor', PASSWORD, '203.0.113.11'))).toBe('token');
    // Only the proxy in front (loopback) is trusted: the address it was given is the client's, whatever came before.
    expect(codeOf(await login(proxied, 'editor', PASSWORD, '10.9.8.7, 203.0.113.12'))).toBe('token');

    const events = await auditEventsAfter(one.sql, lastEvent);
    expect(events.map((e) => [e.action, e.client_address])).toEqual([
      ...Array(6).fill(['auth.login_failed', '203.0.113.10']),
      ['auth.login', '203.0.113.11'],
      ['auth.login', '203.0.113.12'],
    ]);
  });

  it('counts an IPv6 client by its /64, so a fresh address per guess does not buy more guesses; the trail keeps the full address', async () => {
    const lastEvent = await lastAuditId(one.sql);
    for (let i = 1; i <= 5; i++) expect(codeOf(await login(proxied, 'editor2', 'not-the-password', `2001:db8:5:6::${i}`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(proxied, 'editor2', PASSWORD, '2001:db8:5:6:ffff:ffff:ffff:ffff'))).toBe('RATE_LIMITED');
    expect(codeOf(await login(proxied, 'editor2', PASSWORD, '2001:db8:5:7::1'))).toBe('token');
    const events = await auditEventsAfter(one.sql, lastEvent);
    expect(events.slice(0, 5).map((e) => e.client_address)).toEqual([1, 2, 3, 4, 5].map((i) => `2001:db8:5:6::${i}`));
  });

  it('refuses an address after 30 failures whatever the usernames, and only that address', async () => {
    for (let i = 0; i < 30; i++) expect(codeOf(await login(proxied, `nobody-${i}`, 'not-the-password', '198.51.100.30'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(proxied, 'admin', PASSWORD, '198.51.100.30'))).toBe('RATE_LIMITED');
    expect(codeOf(await login(proxied, 'admin', PASSWORD, '198.51.100.31'))).toBe('token');
  });

  it('records refused attempts once per window and key, each with the bounded username', async () => {
    const lastEvent = await lastAuditId(one.sql);
    for (let i = 0; i < 5; i++) expect(codeOf(await login(proxied, 'approver', 'not-the-password', '198.51.100.7'))).toBe('UNAUTHENTICATED');
    const refusals = await Promise.all(Array.from({ length: 20 }, () => login(proxied, 'approver', PASSWORD, '198.51.100.7')));
    expect(refusals.map(codeOf)).toEqual(Array(20).fill('RATE_LIMITED'));
    expect(errorOf(refusals[0]).message).toMatch(/^too many failed logins; try again in \d+ s$/);

    const events = await auditEventsAfter(one.sql, lastEvent);
    expect(events.map((e) => [e.actor_name, e.reason])).toEqual([...Array(5).fill(['approver', null]), ['approver', REFUSAL_FOR_USER]]);
  });

  it('deletes counters an hour after their window ended, and keeps live ones', async () => {
    const now = Date.now();
    await one.sql(`INSERT INTO login_rate_limit (key, points, expire) VALUES ('user:old|192.0.2.1', 5, $1), ('user:recent|192.0.2.1', 5, $2)`, [
      now - 3_600_001,
      now - 60_000,
    ]);
    const live = await one.sql(`SELECT key FROM login_rate_limit WHERE expire > $1 ORDER BY key`, [now]);
    expect(live.length).toBeGreaterThan(0);

    await clearExpiredLoginCounters(one.app.get(DataSource), now);
    const keys = (await one.sql(`SELECT key FROM login_rate_limit`)).map((row) => row.key);
    expect(keys).not.toContain('user:old|192.0.2.1');
    expect(keys).toContain('user:recent|192.0.2.1');
    expect(await one.sql(`SELECT key FROM login_rate_limit WHERE expire > $1 ORDER BY key`, [now])).toEqual(live);
  });
});
