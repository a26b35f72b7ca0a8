import { Pool } from 'pg';
import { PolicyReadService, SqlReads } from '@policy-cms/policy';
import { parseCalendarDate } from '@policy-cms/temporal';
import { currentDatabase } from './support/current-database';
import { startTestApp, type TestApp } from './support/test-app';
import { tickingClock } from './support/workflow-api';

/**
 * PostgreSQL records instants to the microsecond; a knownAt is a whole millisecond. The read model holds every ledger
 * row's opening and closing rounded up to the millisecond, so that a row opened (or closed) at 00:00:00.000500 shows
 * to knownAt 00:00:00.001 and later, and not to 00:00:00.000, exactly as `recorded @> knownAt` answers in SQL. The
 * rows here are written by SQL, as a loader or an operator could: the API's own writes take whole milliseconds.
 */
describe('the read model at record instants finer than a millisecond', () => {
  let t: TestApp;
  let reads: PolicyReadService;
  let pool: Pool;
  let reference: SqlReads;
  let policyId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: tickingClock('2026-12-01T00:00:00Z') });
    reads = t.app.get(PolicyReadService);
    pool = new Pool({ connectionString: currentDatabase().url, max: 2 });
    reference = new SqlReads(pool);
    [{ id: policyId }] = await t.sql(`INSERT INTO policy (key, kind, title, section) VALUES ('test.micro', 'notice', 'テスト', 'テスト') RETURNING id::text`);
    const version = async (number: number, from: string, publishedAt: string) => {
      const [{ id }] = await t.sql(
        `INSERT INTO policy_version (policy_id, number, status, effective, content, summary)
         VALUES ($1, $2, 'DRAFT', daterange($3::date, NULL), $4, $5) RETURNING id`,
        [policyId, number, from, { title: `第${number}版`, body: '本文' }, `第${number}版(出典: テスト)`],
      );
      await t.sql(`UPDATE policy_version SET status = 'PUBLISHED', publication_seq = nextval('policy_publication_seq'), published_at = $2 WHERE id = $1`, [
        id,
        publishedAt,
      ]);
      return id as string;
    };
    const first = await version(1, '2025-03-24', '2025-01-10T00:00:00.000500Z');
    await t.sql(`INSERT INTO ledger_segment (policy_id, version_id, effective, recorded) VALUES ($1, $2, daterange('2025-03-24', NULL), tstzrange($3, NULL))`, [
      policyId,
      first,
      '2025-01-10T00:00:00.000500Z',
    ]);
    // The autumn fix at 00:00:00.002500: the first version's row is closed and written again up to 2025-08-31.
    const second = await version(2, '2025-09-01', '2025-01-10T00:00:00.002500Z');
    const fix = '2025-01-10T00:00:00.002500Z';
    await t.sql(`UPDATE ledger_segment SET recorded = tstzrange(lower(recorded), $2) WHERE policy_id = $1 AND upper_inf(recorded)`, [policyId, fix]);
    await t.sql(
      `INSERT INTO ledger_segment (policy_id, version_id, effective, recorded)
       VALUES ($1, $2, daterange('2025-03-24', '2025-09-01'), tstzrange($4, NULL)), ($1, $3, daterange('2025-09-01', NULL), tstzrange($4, NULL))`,
      [policyId, first, second, fix],
    );
    await reads.rulesInForce(); // as of now: waits until the model has applied the rows above
  });

  afterAll(async () => {
    await pool?.end();
    await t?.close();
  });

  it.each([
    ['2025-01-10T00:00:00.000Z', '2025-09-01'],
    ['2025-01-10T00:00:00.001Z', '2025-09-01'],
    ['2025-01-10T00:00:00.002Z', '2025-09-01'],
    ['2025-01-10T00:00:00.003Z', '2025-09-01'],
    ['2025-01-10T00:00:00.002Z', '2025-08-31'],
    ['2025-01-10T00:00:00.003Z', '2025-08-31'],
  ])('answers knownAt %s for %s as SQL does', async (knownAt, on) => {
    const question = { on: parseCalendarDate(on), knownAt: new Date(knownAt) };
    const fromModel = await reads.inForce('test.micro', question);
    expect(reads.stats().readModel?.state).toBe('serving');
    expect(fromModel).toEqual(await reference.inForce(policyId, question.on, question.knownAt));
    expect(await reads.timeline('test.micro', question.knownAt)).toEqual(await reference.timeline(policyId, question.knownAt));
  });

  it('shows the first version from its first whole millisecond, and the fix from its own', async () => {
    const numberAt = async (knownAt: string) => (await reads.inForce('test.micro', { on: parseCalendarDate('2025-09-01'), knownAt: new Date(knownAt) }))?.number ?? null;
    expect([await numberAt('2025-01-10T00:00:00.000Z'), await numberAt('2025-01-10T00:00:00.001Z')]).toEqual([null, 1]);
    expect([await numberAt('2025-01-10T00:00:00.002Z'), await numberAt('2025-01-10T00:00:00.003Z')]).toEqual([1, 2]);
  });
});
