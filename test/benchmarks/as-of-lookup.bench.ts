/**
 * Benchmark of the as-of lookup behind policyInForce: (policy, day, knownAt) -> the ledger segment in force.
 * Fills a fresh database with N ledger rows (policies x effective segments x record-time generations, shaped
 * like real histories and valid under the exclusion constraint), then measures single-client latency and
 * 8-client throughput, prepared and unprepared, and prints the query plan.
 *
 *   npm run bench:as-of                       # 1k and 100k rows on the embedded server
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:as-of -- 1000 100000 1000000
 */
import 'reflect-metadata';
import { onScratchDatabases } from './scratch-databases';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@policy-cms/database';
import { migrations } from '@policy-cms/migrations';
import { GENERATIONS, SEGMENTS, fillLedger } from './ledger-fill';

const LOOKUP = `
  SELECT s.id, s.effective::text, lower(s.recorded) AS recorded_at, v.id AS version_id, v.number, v.content, v.summary
    FROM ledger_segment s
    JOIN policy_version v ON v.id = s.version_id
   WHERE s.policy_id = $1 AND s.effective @> $2::date AND s.recorded @> $3::timestamptz`;


function main(sizes: number[]): Promise<void> {
  return onScratchDatabases('policy_cms_bench', sizes, benchmark);
}

async function benchmark(url: string, rows: number): Promise<void> {
  const dataSource = new DataSource(buildDataSourceOptions({ url, entities: [], migrations }));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  const policies = Math.max(1, Math.round(rows / (SEGMENTS * GENERATIONS)));
  const client = new Client({ connectionString: url });
  await client.connect();
  const fillStarted = performance.now();
  await fillLedger(client, policies);
  const [{ count }] = (await client.query(`SELECT count(*)::int AS count FROM ledger_segment`)).rows;
  const [{ policyId }] = (await client.query(`SELECT min(id) AS "policyId" FROM policy`)).rows;
  const fillMs = performance.now() - fillStarted;

  const ids: string[] = (await client.query(`SELECT id FROM policy`)).rows.map((r) => r.id);
  const randomArgs = () => {
    const month = Math.floor(Math.random() * SEGMENTS);
    const day = `${2020 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-15`;
    const knownAt = new Date(Date.UTC(2024, 0, 1, 1 + Math.floor(Math.random() * GENERATIONS), 30)).toISOString();
    return [ids[Math.floor(Math.random() * ids.length)], day, knownAt];
  };

  const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) ${LOOKUP}`, [policyId, '2020-06-15', '2024-01-01T03:30Z']))
    .rows.map((r) => `    ${r['QUERY PLAN']}`)
    .join('\n');
  await client.end();

  const latency = async (prepared: boolean) => {
    const one = new Client({ connectionString: url });
    await one.connect();
    const samples: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const started = performance.now();
      const result = await one.query(prepared ? { name: 'as-of', text: LOOKUP, values: randomArgs() } : { text: LOOKUP, values: randomArgs() });
      samples.push(performance.now() - started);
      if (result.rowCount !== 1) throw new Error(`expected exactly one segment, got ${result.rowCount}`);
    }
    await one.end();
    samples.sort((a, b) => a - b);
    const at = (q: number) => samples[Math.floor(q * (samples.length - 1))].toFixed(3);
    return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms`;
  };
  const throughput = async (clients: number, prepared: boolean) => {
    const pool = new Pool({ connectionString: url, max: clients });
    pool.on('error', () => undefined); // idle clients cut at shutdown are expected
    const seconds = 5;
    const until = performance.now() + seconds * 1000;
    let done = 0;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < until) {
          await pool.query(prepared ? { name: 'as-of', text: LOOKUP, values: randomArgs() } : { text: LOOKUP, values: randomArgs() });
          done++;
        }
      }),
    );
    await pool.end();
    return `${Math.round(done / seconds).toLocaleString('en')} lookups/s`;
  };

  console.log(`${count.toLocaleString('en')} ledger rows (${policies} policies x ${SEGMENTS} segments x ${GENERATIONS} generations), filled in ${(fillMs / 1000).toFixed(1)} s`);
  const lines = [
    ['1 client, prepared:   ', () => latency(true)],
    ['1 client, unprepared: ', () => latency(false)],
    ['8 clients, prepared:  ', () => throughput(8, true)],
    ['8 clients, unprepared:', () => throughput(8, false)],
  ] as const;
  for (const [label, measure] of lines) console.log(`  ${label} ${await measure()}`);
  console.log(`  plan:\n${plan}\n`);
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
main(sizes.length ? sizes : [1000, 100_000]).catch((error) => {
  console.error(error);
  process.exit(1);
});
