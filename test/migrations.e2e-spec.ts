import { Client } from 'pg';
import { generateMigration } from '@policy-cms/database';
import { currentDatabase } from './support/current-database';

describe('migrations', () => {
  let client: Client;

  beforeAll(async () => {
    client = new Client({ connectionString: currentDatabase().url });
    await client.connect();
  });
  afterAll(() => client.end());

  it('db:generate on a migrated database proposes nothing and writes an empty, named migration (no DROP)', async () => {
    // Stale TypeORM entities once made it propose 34 destructive DROPs here, the ledger's exclusion constraint among them.
    const migration = await generateMigration({ url: currentDatabase().url, name: 'add-something', timestamp: 1795766499999 });
    expect(migration.proposed).toEqual([]);
    expect(migration.fileName).toBe('1795766499999-add-something.ts');
    expect(migration.className).toBe('AddSomething1795766499999');
    expect(migration.source).toContain(`name = 'AddSomething1795766499999';`);
    expect(migration.source).not.toMatch(/DROP|ALTER|^\s*await queryRunner/m);
  });

  it('installs btree_gist', async () => {
    const { rows } = await client.query(`SELECT extname FROM pg_extension WHERE extname = 'btree_gist'`);
    expect(rows).toEqual([{ extname: 'btree_gist' }]);
  });

  it('lets PostgreSQL refuse an overlapping row with SQLSTATE 23P01 through a btree_gist exclusion constraint', async () => {
    await client.query('BEGIN');
    try {
      await client.query(`
        CREATE TEMPORARY TABLE proof (owner_id bigint, during daterange,
          EXCLUDE USING gist (owner_id WITH =, during WITH &&))`);
      await client.query(`INSERT INTO proof VALUES (1, '[2025-03-24,2025-09-01)'), (2, '[2025-03-24,)')`);
      await expect(client.query(`INSERT INTO proof VALUES (1, '[2025-08-31,2025-09-02)')`)).rejects.toMatchObject({
        code: '23P01',
      });
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('refuses two ledger rows of one policy overlapping in both effective and record time', async () => {
    await client.query('BEGIN');
    try {
      const [{ id: policyId }] = (
        await client.query(`INSERT INTO policy (key, kind, title, section) VALUES ('test.p', 'notice', 't', 's') RETURNING id`)
      ).rows;
      const [{ id: versionId }] = (
        await client.query(
          `INSERT INTO policy_version (policy_id, number, status, effective, content, summary)
           VALUES ($1, 1, 'DRAFT', '[2025-03-24,)', '{}', 'test') RETURNING id`,
          [policyId],
        )
      ).rows;
      // The ledger holds published versions only, from their publication on (migration 1795766400008).
      await client.query(
        `UPDATE policy_version SET status = 'PUBLISHED', publication_seq = nextval('policy_publication_seq'),
                published_at = '2025-01-01 00:00Z' WHERE id = $1`,
        [versionId],
      );
      const insert = (effective: string, recorded: string) =>
        client.query(`INSERT INTO ledger_segment (policy_id, version_id, effective, recorded) VALUES ($1, $2, $3, $4)`, [
          policyId,
          versionId,
          effective,
          recorded,
        ]);
      // Same days, disjoint record time: allowed (that is how history is kept), written forward in record time.
      await insert('[2025-03-24,2025-09-01)', '[2025-01-01 00:00Z,2025-03-24 00:00Z)');
      await insert('[2025-03-24,2025-09-01)', '[2025-03-24 00:00Z,)');
      await client.query('SAVEPOINT before_overlap');
      // Record time only moves forward, even for a superuser while the triggers are on.
      await expect(insert('[2026-01-01,)', '[2025-02-01 00:00Z,)')).rejects.toMatchObject({ code: '23001' });
      await client.query('ROLLBACK TO SAVEPOINT before_overlap');
      await expect(insert('[2025-08-31,)', '[2025-06-01 00:00Z,)')).rejects.toMatchObject({ code: '23P01' });
      await client.query('ROLLBACK TO SAVEPOINT before_overlap');
      await expect(insert('[2025-04-01,2025-03-01)', '[2025-06-01 00:00Z,)')).rejects.toMatchObject({ code: '22000' });
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
