import type { Client } from 'pg';

// The benchmarks' ledger: set-based SQL through every trigger and constraint of the migrations (versions published
// by UPDATE, record time only moving forward), shared by `npm run bench` and `npm run bench:as-of`.

export const SEGMENTS = 20; // effective segments per policy, one month each from 2020-01, the last one open-ended
export const GENERATIONS = 5; // record-time generations: each republishes every segment, one hour after the one before
export const FIRST_INSTANT = Date.parse('2024-01-01T00:00:00Z'); // generation g is recorded at FIRST_INSTANT + g hours

/**
 * Fills `policies` policies of SEGMENTS x GENERATIONS ledger rows, set-based and through every trigger: versions are
 * inserted as drafts and published by UPDATE (as the workflow does), and each generation first closes the current rows
 * at its instant, then appends the new ones at that same instant, so record time only moves forward per policy.
 */
export async function fillLedger(client: Client, policies: number): Promise<number> {
  const started = performance.now();
  await client.query(
    `INSERT INTO policy (key, kind, title, section) SELECT 'bench.p' || p, 'notice', 'Bench ' || p, 'bench' FROM generate_series(1, $1) p`,
    [policies],
  );
  await client.query(
    `INSERT INTO policy_version (policy_id, number, status, effective, content, summary)
     SELECT p.id, g, 'DRAFT', daterange('2020-01-01', NULL), jsonb_build_object('title', p.title, 'body', '世代 ' || g), 'bench generation ' || g
       FROM policy p CROSS JOIN generate_series(1, $1) g WHERE p.section = 'bench'`,
    [GENERATIONS],
  );
  for (let g = 1; g <= GENERATIONS; g++) {
    const instant = new Date(FIRST_INSTANT + g * 3_600_000).toISOString();
    await client.query(
      `UPDATE policy_version v SET status = 'PUBLISHED', publication_seq = nextval('policy_publication_seq'), published_at = $2
         FROM policy p WHERE p.id = v.policy_id AND p.section = 'bench' AND v.number = $1`,
      [g, instant],
    );
    await client.query(
      `UPDATE ledger_segment s SET recorded = tstzrange(lower(s.recorded), $1)
         FROM policy p WHERE p.id = s.policy_id AND p.section = 'bench' AND upper_inf(s.recorded)`,
      [instant],
    );
    await client.query(
      `INSERT INTO ledger_segment (policy_id, version_id, effective, recorded)
       SELECT v.policy_id, v.id,
              daterange(('2020-01-01'::date + make_interval(months => m))::date,
                        CASE WHEN m < $3 - 1 THEN ('2020-01-01'::date + make_interval(months => m + 1))::date END),
              tstzrange($2, NULL)
         FROM policy_version v JOIN policy p ON p.id = v.policy_id CROSS JOIN generate_series(0, $3 - 1) m
        WHERE p.section = 'bench' AND v.number = $1
        ORDER BY v.policy_id, m`,
      [g, instant, SEGMENTS],
    );
  }
  await client.query(`VACUUM ANALYZE`);
  return performance.now() - started;
}
