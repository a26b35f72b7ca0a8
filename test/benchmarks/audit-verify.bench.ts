/**
 * Benchmark of audit-trail verification: fills a fresh database with N hash-chained events (hashes computed in Node
 * exactly as AuditService.append computes them, rows inserted 5,000 at a time), then times AuditService.verify,
 * which walks the chain in keyset batches and recomputes every hash. Prints the time, the rate and the memory.
 *
 * One event in PUBLISH_EVERY is a publish carrying its ledger record, with the matching policy_version and
 * ledger_segment rows (100 policies, each publish closing one row and opening two, as the painter does), so that the
 * time includes the replay of the ledger against its rows.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     TS_NODE_SWC=true node -r ts-node/register/transpile-only -r tsconfig-paths/register test/benchmarks/audit-verify.bench.ts [N ...]
 *
 * Without DATABASE_URL an embedded PostgreSQL is started. N defaults to 100,000.
 */
import 'reflect-metadata';
import { onScratchDatabases } from './scratch-databases';
import { DataSource, EntityManager } from 'typeorm';
import { buildDataSourceOptions } from '@policy-cms/database';
import { migrations } from '@policy-cms/migrations';
import { fixedClock } from '@policy-cms/temporal';
import { randomUUID } from 'node:crypto';
import { contentHash } from '@policy-cms/workflow';
import { AuditService, eventHash, type HashedFields, type LedgerAuditRecord } from '../../libs/audit/src';

const INSERT_BATCH = 5000;
const PUBLISH_EVERY = 50;
const POLICIES = 100;
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
  const policyIds: string[] = (
    await dataSource.query(
      `INSERT INTO policy (key, kind, title, section) SELECT 'bench.p' || n, 'notice', 'bench', 'bench' FROM generate_series(1, $1) n RETURNING id`,
      [POLICIES],
    )
  ).map((row: { id: string }) => row.id);
  const ledger = new BenchLedger(policyIds);
  let prevHash: string | null = null;
  for (let offset = 0; offset < events; offset += INSERT_BATCH) {
    const columns: unknown[][] = Array.from({ length: 12 }, () => []);
    for (let i = offset; i < Math.min(events, offset + INSERT_BATCH); i++) {
      const occurredAt = new Date(start + i * 1000);
      const publish = i % PUBLISH_EVERY === PUBLISH_EVERY - 1 ? ledger.publish(occurredAt) : null;
      const fields: HashedFields = publish ? {
        occurredAt,
        actorId: '1',
        actorName: 'approver',
        action: 'policy_version.publish',
        targetType: 'policy_version',
        targetId: publish.versions[0].versionId,
        before: { status: 'APPROVED' },
        after: { status: 'PUBLISHED', ledger: publish },
        reason: null,
        clientAddress: '10.0.0.1',
      } : {
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
  await ledger.write(dataSource);
  await dataSource.query(`VACUUM ANALYZE audit_event`);
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  const [{ size }] = await dataSource.query(`SELECT pg_size_pretty(pg_total_relation_size('audit_event')) AS size`);
  console.log(
    `${events.toLocaleString('en')} audit events (${size} with indexes; ${ledger.versions.length.toLocaleString('en')} publishes with ` +
      `${ledger.rows.length.toLocaleString('en')} ledger rows), filled in ${fillSeconds.toFixed(1)} s`,
  );

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
    if (!result.ok || result.checked !== events || result.ledgerRowsChecked !== ledger.rows.length) throw new Error(`unexpected verification: ${JSON.stringify(result)}`);
    console.log(
      `  verify run ${run}: ${seconds.toFixed(2)} s, ${Math.round(events / seconds).toLocaleString('en')} events/s, ` +
        `ok=${result.ok} checked=${result.checked}, RSS ${mb(rssBefore)} -> peak ${mb(peak)}`,
    );
  }
  await dataSource.destroy();
}

const DAY = 24 * 3600 * 1000;
const day = (n: number) => new Date(Date.parse('2020-01-01T00:00:00Z') + n * DAY).toISOString().slice(0, 10);

/**
 * Publishes version k of a policy effective from day k onwards, as the painter would: the previous version's open
 * row [day k-1, ∞) is closed, and reopened as [day k-1, day k - 1] next to the new [day k, ∞).
 */
class BenchLedger {
  readonly versions: { id: string; policyId: string; number: number; from: string; seq: number; at: Date }[] = [];
  readonly rows: { policyId: string; versionId: string; from: string; through: string | null; openedAt: Date; closedAt: Date | null }[] = [];
  private readonly open = new Map<string, { row: number; from: string; versionId: string }>();
  private publishes = 0;

  constructor(private readonly policyIds: string[]) {}

  publish(at: Date): LedgerAuditRecord {
    const policyId = this.policyIds[this.publishes % this.policyIds.length];
    const k = Math.floor(this.publishes / this.policyIds.length);
    this.publishes += 1;
    const version = { id: randomUUID(), policyId, number: k + 1, from: day(k), seq: this.publishes, at };
    this.versions.push(version);
    const closed = [];
    const opened = [];
    const previous = this.open.get(policyId);
    if (previous) {
      this.rows[previous.row].closedAt = at;
      closed.push({ versionId: previous.versionId, effectiveFrom: previous.from, effectiveThrough: null });
      opened.push({ versionId: previous.versionId, effectiveFrom: previous.from, effectiveThrough: day(k - 1) });
      this.rows.push({ policyId, versionId: previous.versionId, from: previous.from, through: day(k - 1), openedAt: at, closedAt: null });
    }
    opened.push({ versionId: version.id, effectiveFrom: version.from, effectiveThrough: null });
    this.rows.push({ policyId, versionId: version.id, from: version.from, through: null, openedAt: at, closedAt: null });
    this.open.set(policyId, { row: this.rows.length - 1, from: version.from, versionId: version.id });
    const hash = contentHash({ content: CONTENT, effectiveFrom: version.from, effectiveThrough: null });
    return {
      policyId,
      recordedAt: at.toISOString(),
      closed,
      opened,
      versions: [{ versionId: version.id, status: 'PUBLISHED', contentHash: hash, summary: SUMMARY }],
    };
  }

  async write(dataSource: DataSource): Promise<void> {
    // A synthetic history written in bulk, each row with its final record range: the triggers that make record time
    // move forward one publish at a time (migration 1795766400008) are off for this load only (superuser, scratch
    // database). What is timed is verification, which checks the result like any other trail.
    await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await this.writeRows(manager);
    });
  }

  private async writeRows(dataSource: EntityManager): Promise<void> {
    const v = this.versions;
    await dataSource.query(
      `INSERT INTO policy_version (id, policy_id, number, status, effective, content, summary, publication_seq, published_at)
       SELECT id, policy_id, number, 'PUBLISHED', daterange(effective_from, NULL, '[)'), $5::jsonb, $6, seq, at
         FROM unnest($1::uuid[], $2::bigint[], $3::int[], $4::date[], $7::bigint[], $8::timestamptz[])
           AS v (id, policy_id, number, effective_from, seq, at)`,
      [v.map((x) => x.id), v.map((x) => x.policyId), v.map((x) => x.number), v.map((x) => x.from), JSON.stringify(CONTENT), SUMMARY,
        v.map((x) => x.seq), v.map((x) => x.at)],
    );
    const r = this.rows;
    await dataSource.query(
      `INSERT INTO ledger_segment (policy_id, version_id, effective, recorded)
       SELECT policy_id, version_id, daterange(f, t, '[]'), tstzrange(o, c, '[)')
         FROM unnest($1::bigint[], $2::uuid[], $3::date[], $4::date[], $5::timestamptz[], $6::timestamptz[]) AS r (policy_id, version_id, f, t, o, c)`,
      [r.map((x) => x.policyId), r.map((x) => x.versionId), r.map((x) => x.from), r.map((x) => x.through), r.map((x) => x.openedAt), r.map((x) => x.closedAt)],
    );
  }
}

const CONTENT = { title: '窓口のお知らせ', body: '記載事項変更は運転免許センターで受け付けます。' };
const SUMMARY = '窓口の変更(出典: ベンチマーク)';

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
main(sizes.length ? sizes : [100_000]).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
