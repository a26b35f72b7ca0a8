import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService } from '@policy-cms/audit';
import { currentDatabase } from '../support/current-database';
import { startTestApp, type GqlResult, type TestApp } from '../support/test-app';
import { dataOf } from '../support/policy-api';
import { tickingClock, workflow, type Detail } from '../support/workflow-api';

/**
 * Least privilege (issue 8, item 7): the API's own role is a member of policy_cms_runtime that owns nothing, so what
 * a compromised API (or its stolen password) could do to the trail and the ledger is bounded by the grants of
 * migration 1795766400005: it cannot switch the triggers off, rewrite or delete history, or change the schema.
 * Every statement below is run as the very role the API under test connects with.
 */
describe('the runtime role the API connects as', () => {
  let t: TestApp;
  let runtime: Client;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock: tickingClock('2026-11-27T03:00:00Z') });
    runtime = new Client({ connectionString: currentDatabase().appUrl });
    await runtime.connect();
  });
  afterAll(async () => {
    await runtime?.end();
    await t?.close();
  });

  /** The SQLSTATE PostgreSQL answers with, or 'ok' when the statement ran (then rolled back). */
  async function attempt(sql: string): Promise<string> {
    await runtime.query('BEGIN');
    try {
      await runtime.query(sql);
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    } finally {
      await runtime.query('ROLLBACK');
    }
  }
  const INSUFFICIENT_PRIVILEGE = '42501';

  it('is a plain login: no superuser, no CREATEROLE, a member of policy_cms_runtime', async () => {
    const { rows } = await runtime.query(`
      SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, pg_has_role(current_user, 'policy_cms_runtime', 'MEMBER') AS member
        FROM pg_roles WHERE rolname = current_user`);
    expect(rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, member: true });
  });

  it('owns no table, sequence or function in the schema', async () => {
    const { rows } = await runtime.query(`
      SELECT c.relname AS name FROM pg_class c
       WHERE c.relnamespace = current_schema()::regnamespace AND pg_has_role(current_user, c.relowner, 'USAGE')
      UNION ALL
      SELECT p.proname FROM pg_proc p
       WHERE p.pronamespace = current_schema()::regnamespace AND pg_has_role(current_user, p.proowner, 'USAGE')`);
    expect(rows).toEqual([]);
  });

  it.each([
    ['disable the audit trail’s triggers', 'ALTER TABLE audit_event DISABLE TRIGGER ALL'],
    ['disable the ledger’s triggers', 'ALTER TABLE ledger_segment DISABLE TRIGGER ALL'],
    ['disable the published-version guard', 'ALTER TABLE policy_version DISABLE TRIGGER ALL'],
    ['replace the trail’s trigger function', `CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`],
    ['update an audit event', `UPDATE audit_event SET reason = 'rewritten'`],
    ['delete an audit event', 'DELETE FROM audit_event'],
    ['move a ledger row to other days', `UPDATE ledger_segment SET effective = daterange('2000-01-01', NULL)`],
    ['point a ledger row at another version', 'UPDATE ledger_segment SET version_id = version_id'],
    ['delete a ledger row', 'DELETE FROM ledger_segment'],
    ['delete a policy version', 'DELETE FROM policy_version'],
    ['rename a policy', `UPDATE policy SET title = 'renamed'`],
    ['write the migrations table', `INSERT INTO schema_migration (timestamp, name) VALUES (1, 'forged')`],
    ['drop a table', 'DROP TABLE audit_event'],
    ['alter a table', 'ALTER TABLE ledger_segment DROP CONSTRAINT ledger_segment_no_overlap'],
    ['create a table in the schema', 'CREATE TABLE shadow (id int)'],
    ['turn replication mode on (which skips triggers)', 'SET session_replication_role = replica'],
  ])('is refused: %s', async (_what, sql) => {
    expect(await attempt(sql)).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('may not TRUNCATE or ALTER any table of the schema, those of later migrations included', async () => {
    const rows = await t.sql<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
    );
    expect(rows.map((row) => row.name)).toEqual(
      expect.arrayContaining(['audit_event', 'ledger_segment', 'policy', 'policy_version', 'schema_migration', 'user_account']),
    );
    for (const { name } of rows) {
      expect([name, await attempt(`TRUNCATE ${name}`)]).toEqual([name, INSUFFICIENT_PRIVILEGE]);
      expect([name, await attempt(`ALTER TABLE ${name} DISABLE TRIGGER ALL`)]).toEqual([name, INSUFFICIENT_PRIVILEGE]);
    }
  });

  describe('may not backdate the record, which would change what a past knownAt answers', () => {
    const RESTRICT_VIOLATION = '23001';
    const contact = `(SELECT id FROM policy WHERE key = 'contact')`;
    const draft = `INSERT INTO policy_version (id, policy_id, number, status, effective, content, summary)
      VALUES ('11111111-1111-4111-8111-111111111111', ${contact}, 99, 'DRAFT', '[2025-03-24,)', '{"title":"偽","body":"偽"}', '偽')`;

    it.each([
      // contact's last record instant is 2025-03-24T00:00Z (demo data).
      ['insert a version as already published', draft.replace(`'DRAFT'`, `'PUBLISHED'`)],
      ['publish a draft before the policy’s last record instant', `${draft}; UPDATE policy_version SET status = 'PUBLISHED', publication_seq = nextval('policy_publication_seq'), published_at = '2025-03-23 00:00:00+00' WHERE number = 99`],
      [
        'insert a ledger row for a draft',
        `${draft}; INSERT INTO ledger_segment (policy_id, version_id, effective, recorded) VALUES (${contact}, '11111111-1111-4111-8111-111111111111', '[2030-01-01,)', tstzrange(now(), NULL))`,
      ],
      [
        'insert a ledger row before the policy’s last record instant',
        `INSERT INTO ledger_segment (policy_id, version_id, effective, recorded)
           SELECT policy_id, version_id, '[2031-01-01,)', '[2025-03-23 00:00:00+00,)' FROM ledger_segment WHERE policy_id = ${contact} LIMIT 1`,
      ],
    ])('is refused by the database: %s', async (_what, sql) => {
      expect(await attempt(sql)).toBe(RESTRICT_VIOLATION);
    });

  });

  it('may close a current ledger row’s record time, the one change the ledger allows', async () => {
    expect(await attempt(`UPDATE ledger_segment SET recorded = tstzrange(lower(recorded), now()) WHERE upper_inf(recorded)`)).toBe('ok');
  });

  it('still does everything the API does: a version is drafted, approved and published through GraphQL', async () => {
    const wf = workflow(t);
    const ok = (result: GqlResult, name: string): Detail => dataOf(result)[name];
    let version = ok(
      await wf.create({ policyKey: 'contact', effectiveFrom: '2027-01-04', content: { title: '窓口', body: '窓口の案内です。' }, summary: '窓口(出典: テスト)' }, 'editor'),
      'createPolicyVersion',
    );
    version = ok(await wf.submit(version.id, 'editor'), 'submitPolicyVersion');
    version = ok(await wf.approve(version.id, 'approver'), 'approvePolicyVersion');
    version = ok(await wf.publish(version.id, 'approver'), 'publishPolicyVersion');
    expect(version.status).toBe('PUBLISHED');
    const inForce = dataOf(await t.gql(`{ policyInForce(key: "contact", on: "2027-01-04") { id } }`));
    expect(inForce.policyInForce.id).toBe(version.id);
    const verification = dataOf(await t.gql('{ verifyAuditTrail { ok } }', {}, { as: 'auditor' }));
    expect(verification.verifyAuditTrail.ok).toBe(true);
  });

  // Last: it leaves a forged event in the trail.
  it('a backdated publish event appended to the trail with a perfect hash is still found and named', async () => {
    // The card-renewal fix was last recorded on 2025-08-01: a record of 2025-08-02 moves forward for that policy, but
    // claims a past the trail had long passed, and would change what knownAt 2025-09-01 answers.
    const [event] = await t.sql(
      `SELECT after FROM audit_event WHERE action = 'policy_version.publish' AND after->>'policyKey' = 'myna.card-renewal' ORDER BY id DESC LIMIT 1`,
    );
    const { history: _history, ...record } = event.after.ledger;
    const forged = { ...event.after, ledger: { ...record, recordedAt: '2025-08-02T00:00:00.000Z' } };
    await t.app.get(DataSource).transaction((manager) =>
      t.app.get(AuditService).append(manager, { action: 'policy_version.publish', actorName: 'system', after: forged }),
    );
    const answer = dataOf(await t.gql('{ verifyAuditTrail { ok problems { code } } }', {}, { as: 'auditor' })).verifyAuditTrail;
    expect(answer.ok).toBe(false);
    expect(answer.problems.map((problem: { code: string }) => problem.code)).toContain('LEDGER_RECORD_TIME_BACKWARDS');
  });
});
