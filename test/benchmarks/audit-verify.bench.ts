/**
 * Benchmark of audit-trail verification: fills a fresh database with N hash-chained events (hashes computed in Node
 * exactly as AuditService.append computes them, rows inserted 5,000 at a time), then times AuditService.verify,
 * which walks the chain in keyset batches and recomputes every hash. Prints the time, the rate and the memory.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     TS_NODE_SWC=true node -r ts-node/register/transpile-only -r tsconfig-paths/register test/benchmarks/audit-verify.bench.ts [N ...]
 *
 * Without DATABASE_URL an embedded PostgreSQL is started. N defaults to 100,000.
 */
import 'reflect-metadata';
import { onScratchDatabases } from './scratch-databases';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@policy-cms/database';
import { migrations } from '@policy-cms/migrations';
import { fixedClock } from '@policy-cms/temporal';
import { AuditService, eventHash, type HashedFields } from '../../libs/audit/src';

const INSERT_BATCH = 5000;
const ACTIONS = ['policy_version.create', 'policy_version.edit', 'policy_version.submit', 'policy_version.approve', 'policy_version.publish', 'auth.login'];

function main(sizes: number[]): Promise<void> {
  return onScratchDatabases('policy_cms_bench_audit', sizes, benchmark);
}

async function benchmark(url: string, events: number): Promise<void> {
  const dataSource = new DataSource(buildDataSourceOptions({ url, entities: [], migrations }));
  await dataSource.initialize();
  await dataSource.runMigrations();

  const fillStarted = performance.now();
  const start = Date.parse('2024-01-01T00:00:00Z');
  let prevHash: string | null = null;
  for (let offset = 0; offset < events; offset += INSERT_BATCH) {
    const columns: unknown[][] = Array.from({ length: 12 }, () => []);
    for (let i = offset; i < Math.min(events, offset + INSERT_BATCH); i++) {
      const fields: HashedFields = {
        occurredAt: new Date(start + i * 1000),
        actorId: String(1 + (i % 7)),
        actorName: `user${1 + (i % 7)}`,
        action: ACTIONS[i % ACTIONS.length],
        targetType: 'policy_version',
        targetId: `v-${Math.floor(i / 6)}`,
        before: i % 6 === 0 ? null : { status: 'DRAFT', revision: i % 6, summary: '記載事項変更の受付窓口' },
        after: { status: 'IN_REVIEW', revision: (i % 6) + 1, summary: '記載事項変更の受付窓口', effectiveFrom: '2025-04-01' },
        reason: i % 11 === 0 ? '出典を確認しました' : null,
        clientAddress: '10.0.0.1',
      };
      const hash = eventHash(prevHash, fields);
      const row = [
        fields.occurredAt, fields.actorId, fields.actorName, fields.action, fields.targetType, fields.targetId,
        fields.before === null ? null : JSON.stringify(fields.before), JSON.stringify(fields.after),
        fields.reason, fields.clientAddress, prevHash, hash,
      ];
      row.forEach((value, c) => columns[c].push(value));
      prevHash = hash;
    }
    await dataSource.query(
      `INSERT INTO audit_event
         (occurred_at, actor_id, actor_name, action, target_type, target_id, before, after, reason, client_address, prev_hash, hash)
       SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[],
                            $8::jsonb[], $9::text[], $10::text[], $11::text[], $12::text[])`,
      columns,
    );
  }
  await dataSource.query(`VACUUM ANALYZE audit_event`);
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  const [{ size }] = await dataSource.query(`SELECT pg_size_pretty(pg_total_relation_size('audit_event')) AS size`);
  console.log(`${events.toLocaleString('en')} audit events (${size} with indexes), filled in ${fillSeconds.toFixed(1)} s`);

  const audit = new AuditService(dataSource, fixedClock('2025-01-01T00:00:00Z'));
  for (const run of [1, 2]) {
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = performance.now();
    const result = await audit.verify();
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (!result.ok || result.checked !== events) throw new Error(`unexpected verification: ${JSON.stringify(result)}`);
    console.log(
      `  verify run ${run}: ${seconds.toFixed(2)} s, ${Math.round(events / seconds).toLocaleString('en')} events/s, ` +
        `ok=${result.ok} checked=${result.checked}, RSS ${mb(rssBefore)} -> peak ${mb(peak)}`,
    );
  }
  await dataSource.destroy();
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
main(sizes.length ? sizes : [100_000]).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
