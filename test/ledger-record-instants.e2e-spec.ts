import { Client } from 'pg';
import { currentDatabase } from './support/current-database';

/**
 * Migration 1795766400010 finds a policy's last record instant through two indexes instead of a scan of its rows. The
 * forward-only checks of 1795766400008 must refuse and allow exactly what they did: the last instant is the latest
 * opening or closing of any of the policy's rows, and a closing with no opening after it counts too.
 */
describe('the last record instant of a policy', () => {
  const RESTRICT_VIOLATION = '23001';
  const OPENED = '2025-01-01 00:00:00+00';
  const BETWEEN = '2025-01-15 00:00:00+00';
  const CLOSED = '2025-02-01 00:00:00+00';
  let client: Client;
  let policyId: string;
  let versionId: string;

  beforeAll(async () => {
    client = new Client({ connectionString: currentDatabase().url });
    await client.connect();
  });
  afterAll(() => client.end());

  // Each case runs in a transaction rolled back afterwards: one policy whose only row was opened and then closed
  // (as a withdrawal of its only version leaves it), so its last instant is a closing, later than every opening.
  beforeEach(async () => {
    await client.query('BEGIN');
    ({ policyId, versionId } = await publishedVersion('test.instants', 1, OPENED));
    await client.query(
      `INSERT INTO ledger_segment (policy_id, version_id, effective, recorded) VALUES ($1, $2, '[2025-01-01,)', tstzrange($3, NULL))`,
      [policyId, versionId, OPENED],
    );
    await client.query(`UPDATE ledger_segment SET recorded = tstzrange(lower(recorded), $2) WHERE policy_id = $1`, [policyId, CLOSED]);
  });
  afterEach(() => client.query('ROLLBACK'));

  async function publishedVersion(key: string, number: number, publishedAt: string): Promise<{ policyId: string; versionId: string }> {
    const existing = await client.query(`SELECT id FROM policy WHERE key = $1`, [key]);
    const id: string =
      existing.rows[0]?.id ??
      (await client.query(`INSERT INTO policy (key, kind, title, section) VALUES ($1, 'notice', 't', 's') RETURNING id`, [key])).rows[0].id;
    const [{ id: version }] = (
      await client.query(
        `INSERT INTO policy_version (policy_id, number, status, effective, content, summary)
         VALUES ($1, $2, 'DRAFT', '[2025-01-01,)', '{}', 'test') RETURNING id`,
        [id, number],
      )
    ).rows;
    await client.query(
      `UPDATE policy_version SET status = 'PUBLISHED', publication_seq = nextval('policy_publication_seq'), published_at = $2 WHERE id = $1`,
      [version, publishedAt],
    );
    return { policyId: id, versionId: version };
  }

  /** The SQLSTATE of a statement run in a savepoint (rolled back), or 'ok'. */
  async function attempt(sql: string, values: unknown[]): Promise<string> {
    await client.query('SAVEPOINT attempt');
    try {
      await client.query(sql, values);
      return 'ok';
    } catch (error) {
      return (error as { code: string }).code;
    } finally {
      await client.query('ROLLBACK TO SAVEPOINT attempt');
    }
  }

  it('is the latest closing when no row opened after it', async () => {
    const [{ latest }] = (await client.query(`SELECT ledger_latest_instant($1) AS latest`, [policyId])).rows;
    expect(latest).toEqual(new Date(CLOSED));
  });

  it('refuses a row opened, and a version published, between the last opening and that closing', async () => {
    const insert = `INSERT INTO ledger_segment (policy_id, version_id, effective, recorded) VALUES ($1, $2, '[2026-01-01,)', tstzrange($3, NULL))`;
    expect(await attempt(insert, [policyId, versionId, BETWEEN])).toBe(RESTRICT_VIOLATION);
    expect(await attempt(insert, [policyId, versionId, CLOSED])).toBe('ok');

    const [{ id: draft }] = (
      await client.query(
        `INSERT INTO policy_version (policy_id, number, status, effective, content, summary)
         VALUES ($1, 2, 'DRAFT', '[2026-01-01,)', '{}', 'test') RETURNING id`,
        [policyId],
      )
    ).rows;
    const publish = `UPDATE policy_version SET status = 'PUBLISHED', publication_seq = nextval('policy_publication_seq'), published_at = $2 WHERE id = $1`;
    expect(await attempt(publish, [draft, BETWEEN])).toBe(RESTRICT_VIOLATION);
    expect(await attempt(publish, [draft, CLOSED])).toBe('ok');
  });

  it('is the latest opening when it is later than every closing, and belongs to its own policy only', async () => {
    const other = await publishedVersion('test.instants.other', 1, '2025-03-01 00:00:00+00');
    await client.query(
      `INSERT INTO ledger_segment (policy_id, version_id, effective, recorded) VALUES ($1, $2, '[2025-01-01,)', tstzrange($3, NULL))`,
      [other.policyId, other.versionId, '2025-03-01 00:00:00+00'],
    );
    const latest = async (id: string) => (await client.query(`SELECT ledger_latest_instant($1) AS latest`, [id])).rows[0].latest;
    expect(await latest(other.policyId)).toEqual(new Date('2025-03-01 00:00:00+00'));
    expect(await latest(policyId)).toEqual(new Date(CLOSED));
  });

  it('is the greatest bound of any of the policy’s rows, for every policy in the database, and null for one without rows', async () => {
    // A policy republished twice: each generation closes the current row and opens the next at the same instant.
    const generations = ['2025-04-01 00:00:00+00', '2025-05-01 00:00:00+00', '2025-06-01 00:00:00+00'];
    for (const [index, instant] of generations.entries()) {
      const { policyId: republished, versionId: version } = await publishedVersion('test.instants.republished', index + 1, instant);
      await client.query(`UPDATE ledger_segment SET recorded = tstzrange(lower(recorded), $2) WHERE policy_id = $1 AND upper_inf(recorded)`, [
        republished,
        instant,
      ]);
      await client.query(
        `INSERT INTO ledger_segment (policy_id, version_id, effective, recorded) VALUES ($1, $2, '[2025-01-01,)', tstzrange($3, NULL))`,
        [republished, version, instant],
      );
    }
    await publishedVersion('test.instants.empty', 1, OPENED);
    const { rows } = await client.query(`
      SELECT p.key, ledger_latest_instant(p.id) AS latest,
             (SELECT max(greatest(lower(recorded), coalesce(upper(recorded), lower(recorded))))
                FROM ledger_segment s WHERE s.policy_id = p.id) AS expected
        FROM policy p ORDER BY p.key`);
    expect(rows.filter((row) => String(row.latest) !== String(row.expected))).toEqual([]);
    expect(rows.find((row) => row.key === 'test.instants.republished')).toMatchObject({ latest: new Date(generations[2]) });
    expect(rows.find((row) => row.key === 'test.instants.empty')).toMatchObject({ latest: null, expected: null });
  });
});
