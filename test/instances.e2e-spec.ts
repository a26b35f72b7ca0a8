import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { demoPolicies, demoPublications } from '@policy-cms/policy';
import { currentDatabase } from './support/current-database';
import { dataOf } from './support/policy-api';
import type { GqlResult } from './support/test-app';
import { ApiProcess, startApiProcess } from './support/api-process';
import { createDatabase, dropDatabase } from './setup/test-database';

const DEMO_PASSWORD = 'policy-cms-instances';

/**
 * Issue 9, "Many instances": several API processes behind a load balancer on one database. They start together on an
 * empty database, as a fresh deployment with N replicas does, and must all come up with the data loaded once.
 */
describe('three API processes started together on one empty database', () => {
  const running: ApiProcess[] = [];
  let owner: Client;

  const gql = async (api: ApiProcess, query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return dataOf({ status: response.status, ...((await response.json()) as Pick<GqlResult, 'data' | 'errors'>) });
  };
  const login = async (api: ApiProcess, username: string) =>
    (await gql(api, 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: DEMO_PASSWORD }))
      .login.token as string;
  const count = async (table: string) => (await owner.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  beforeAll(async () => {
    // This file's database, emptied: no schema, no migrations, nothing.
    const database = currentDatabase();
    await dropDatabase(database.adminUrl, database.name);
    await createDatabase(database.adminUrl, database.name);
    // As behind a load balancer: one token secret and one audit key for all, so any instance takes any request.
    const auditKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const env = {
      DATABASE_URL: database.appUrl,
      MIGRATION_DATABASE_URL: database.url,
      DEMO_DATA: '1',
      DEMO_PASSWORD,
      TOKEN_SECRET: randomBytes(32).toString('hex'),
      AUDIT_SIGNING_KEY: auditKey,
    };
    const started = await Promise.allSettled([startApiProcess(env), startApiProcess(env), startApiProcess(env)]);
    for (const result of started) if (result.status === 'fulfilled') running.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    owner = new Client({ connectionString: database.url });
    await owner.connect();
  }, 180_000);

  afterAll(async () => {
    await owner?.end();
    for (const api of running) if (api.child.exitCode === null) api.child.kill('SIGTERM');
    await Promise.all(running.map((api) => api.exited));
  });

  it('all three come up and serve', async () => {
    expect(running).toHaveLength(3);
    for (const api of running) expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);
  });

  it('applied the migrations once and loaded the demo data and the demo users exactly once', async () => {
    const { rows } = await owner.query(`SELECT name, count(*)::int AS n FROM schema_migration GROUP BY name HAVING count(*) > 1`);
    expect(rows).toEqual([]);
    expect(await count('policy')).toBe(demoPolicies.length);
    expect(demoPolicies.length).toBe(17);
    expect(await count('policy_version')).toBe(demoPublications.length);
    expect(await count('user_account')).toBe(6);
    for (const api of running) expect((await gql(api, '{ policies { key } }')).policies).toHaveLength(17);
  });

  it('keeps an audit trail that verifies, with the demo history at its head', async () => {
    const token = await login(running[0], 'auditor');
    expect((await gql(running[1], '{ verifyAuditTrail { ok } }', {}, token)).verifyAuditTrail).toEqual({ ok: true });
    const { rows } = await owner.query(`SELECT action FROM audit_event ORDER BY id`);
    // One event per ledger write of the demo load (publications recorded at one instant are one write), then the
    // six demo users, then the auditor's login above.
    const writes = new Set(demoPublications.map((publication) => `${publication.policyKey} ${publication.recordedAt}`)).size;
    expect(rows.map((row) => row.action)).toEqual([
      ...Array(writes).fill('policy_version.publish'),
      ...Array(6).fill('user.create'),
      'auth.login',
    ]);
  });

  it('takes the steps of a publish on any instance, and answers the publish through one from the others', async () => {
    const [a, b, c] = running;
    const inForce = `query($on: Date) { policyInForce(key: "contact", on: $on) { id content } }`;
    const current = (await gql(b, inForce, { on: '2099-01-02' })).policyInForce;
    const editor = await login(c, 'editor');
    const approver = await login(b, 'approver');
    const created = (
      await gql(
        a,
        'mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { id } }',
        { input: { policyKey: 'contact', effectiveFrom: '2099-01-01', content: current.content, summary: 'instances test: a later contact notice' } },
        editor,
      )
    ).createPolicyVersion;
    await gql(b, 'mutation($id: ID!) { submitPolicyVersion(id: $id) { id } }', { id: created.id }, editor);
    await gql(c, 'mutation($id: ID!) { approvePolicyVersion(id: $id) { id } }', { id: created.id }, approver);
    await gql(a, 'mutation($id: ID!) { publishPolicyVersion(id: $id) { id } }', { id: created.id }, approver);
    expect(current.id).not.toBe(created.id);
    for (const other of [b, c]) expect((await gql(other, inForce, { on: '2099-01-02' })).policyInForce.id).toBe(created.id);
  });
});
