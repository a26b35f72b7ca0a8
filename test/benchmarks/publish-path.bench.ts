/**
 * `npm run bench:publish`: where the time of a publish goes on a policy that already has many published versions
 * (issue 9: p50 ≤ 20 ms at 1,000 versions). On one scratch database filled as `npm run bench` fills it (the 10k-policy
 * ledger, then `bench.many` with 1,000 published versions, all through every trigger), it measures:
 *
 * - http: publishPolicyVersion through the real API process, timed exactly as `npm run bench` times it (the editor
 *   creates and submits, the approver approves; only the publish is timed), p50 and p90, after a few untimed ones;
 * - trace: the same publish in this process through EditorialService, each statement of its transaction timed as the
 *   client sees it (round trip included), and the JavaScript between them (paint, diff, hashing);
 * - explain: one more publish whose every statement is first run under EXPLAIN (ANALYZE, BUFFERS) in a savepoint
 *   that is rolled back, printing each plan with its triggers' times;
 * - paint: paintTimeline and diffTimelines alone on the policy's publications.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:publish
 *   … npm run bench:publish -- --publishes 50 --warm-up 10 --phases http,trace --policies 10000 --versions 1000
 *   … npm run bench:publish -- --keep true     # keeps policy_cms_bench_publish, and reuses it next time unfilled
 *   … npm run bench:publish -- --api-env READ_MODEL=0 --samples true     # and every publish's time, in order
 *
 * The http phase loads the demo data (its staff sign in); trace and explain need it, so run http first or --keep.
 * Without DATABASE_URL an embedded PostgreSQL is started for the run.
 */
import 'reflect-metadata';
import { Client, type PoolClient, type QueryConfig, type QueryResult } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser, Role } from '@policy-cms/contract';
import { AuditService } from '@policy-cms/audit';
import { buildDataSourceOptions } from '@policy-cms/database';
import { migrations } from '@policy-cms/migrations';
import { LedgerService } from '@policy-cms/policy';
import { type CalendarDate, diffTimelines, fromDateRangeLiteral, paintTimeline, systemClock } from '@policy-cms/temporal';
// The workflow service is not part of the policy lib's public index; the bench drives it as the resolver does.
import { EditorialService } from '../../libs/policy/src/editorial/editorial.service';
import { startApiProcess } from '../support/api-process';
import { FIRST_INSTANT, GENERATIONS, fillLedger } from './ledger-fill';
import { onScratchDatabase, onScratchServer } from './scratch-databases';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const policies = Number(args.get('policies') ?? 10_000);
const versions = Number(args.get('versions') ?? 1000);
const publishes = Number(args.get('publishes') ?? 20);
/**
 * Publishes through the API before the timed ones: the API has just started, its JIT is cold and its read model may
 * still be loading what the demo data's arrival announced (one early publish waited 0.5–2.9 s for it in our runs).
 * `npm run bench` times publishes after a minute of reads instead; 0 times them from the first.
 */
const warmUps = Number(args.get('warm-up') ?? 10);
const phases = new Set((args.get('phases') ?? 'http,trace,explain,paint').split(','));
/** --keep true: keep the scratch database after the run and reuse it next time (to iterate without refilling). */
const keep = args.get('keep') === 'true';
const KEPT_DATABASE = 'policy_cms_bench_publish';
/** --api-env READ_MODEL=0,…: more settings for the API process, to see what else a publish waits for. */
const apiEnv = Object.fromEntries((args.get('api-env') ?? '').split(',').filter(Boolean).map((pair) => pair.split('=')));
const API_START_TIMEOUT_MS = 120_000;
const DEMO_PASSWORD = 'policy-cms-demo';
const PAINT_ROUNDS = 200;

/** One policy, `bench.many`, with `count` published versions, each in force from its own day (one segment each). */
export async function fillManyVersions(client: Client, count: number): Promise<void> {
  const instant = new Date(FIRST_INSTANT + (GENERATIONS + 1) * 3_600_000).toISOString();
  await client.query(`INSERT INTO policy (key, kind, title, section) VALUES ('bench.many', 'notice', 'Bench many', 'bench-many')`);
  await client.query(
    `INSERT INTO policy_version (policy_id, number, status, effective, content, summary)
     SELECT p.id, n, 'DRAFT', daterange('2020-01-01'::date + n, NULL), jsonb_build_object('title', 'Bench many', 'body', '版 ' || n), 'bench version ' || n
       FROM policy p CROSS JOIN generate_series(1, $1) n WHERE p.key = 'bench.many'`,
    [count],
  );
  await client.query(
    `UPDATE policy_version v SET status = 'PUBLISHED', publication_seq = nextval('policy_publication_seq'), published_at = $1
       FROM (SELECT v2.id FROM policy_version v2 JOIN policy p ON p.id = v2.policy_id WHERE p.key = 'bench.many' ORDER BY v2.number) o
      WHERE v.id = o.id`,
    [instant],
  );
  await client.query(
    `INSERT INTO ledger_segment (policy_id, version_id, effective, recorded)
     SELECT v.policy_id, v.id, daterange(lower(v.effective), CASE WHEN v.number < $1 THEN lower(v.effective) + 1 END), tstzrange($2, NULL)
       FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE p.key = 'bench.many' ORDER BY v.number`,
    [count, instant],
  );
  await client.query(`VACUUM ANALYZE`);
}

function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))] ?? NaN;
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const FIRST_PUBLISHED_DAY_MS = Date.UTC(2030, 0, 1);
const DAY_MS = 86_400_000;
let nextDayMs = FIRST_PUBLISHED_DAY_MS;
/** A future effective day no version of bench.many starts on yet, so every publish covers the open end of the timeline. */
const nextEffectiveFrom = () => {
  const day = new Date(nextDayMs).toISOString().slice(0, 10) as CalendarDate;
  nextDayMs += DAY_MS;
  return day;
};

/** Goes on after the days earlier runs published on (a kept database), so a publish never hides a hundred others. */
async function continueAfterPublishedDays(url: string): Promise<void> {
  const [{ last }] = await withClient(url, async (client) =>
    (await client.query(`SELECT max(lower(v.effective))::text AS last FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE p.key = 'bench.many'`)).rows,
  );
  if (last) nextDayMs = Math.max(nextDayMs, Date.parse(`${last}T00:00:00Z`) + DAY_MS);
}

/** publishPolicyVersion through the API process, timed as side-by-side.bench.ts's publishP50 times it. */
async function httpPublishes(url: string): Promise<number[]> {
  const api = await startApiProcess(
    { DATABASE_URL: url, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', DEMO_DATA: 'true', ...apiEnv },
    API_START_TIMEOUT_MS,
  );
  try {
    const graphql = `${api.baseUrl}/graphql`;
    const call = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await fetch(graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const answer = (await response.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown };
      if (answer.errors || !answer.data) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(answer.errors)}`);
      return answer.data;
    };
    const login = async (username: string) =>
      (await call(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: username, p: DEMO_PASSWORD })).login
        .token as string;
    const editor = await login('editor');
    const approver = await login('approver');
    const samples: number[] = [];
    for (let i = -warmUps; i < publishes; i++) {
      const input = { policyKey: 'bench.many', effectiveFrom: nextEffectiveFrom(), content: { title: 'Bench many', body: `公開 ${i}` }, summary: `bench publish ${i}` };
      const id = (await call(`mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { id } }`, { input }, editor))
        .createPolicyVersion.id as string;
      await call(`mutation($id: ID!) { submitPolicyVersion(id: $id) { id } }`, { id }, editor);
      await call(`mutation($id: ID!) { approvePolicyVersion(id: $id) { id } }`, { id }, approver);
      const started = performance.now();
      await call(`mutation($id: ID!) { publishPolicyVersion(id: $id) { id status } }`, { id }, approver);
      if (i >= 0) samples.push(performance.now() - started);
    }
    return samples;
  } finally {
    api.child.kill('SIGTERM');
    await api.exited;
  }
}

/** Runs a statement on the transaction's connection without the hook (the EXPLAIN pass's own statements). */
type Unhooked = (sql: string, values?: unknown[]) => Promise<QueryResult>;
type StatementHook = (sql: string, values: unknown[] | undefined, run: () => Promise<unknown>, unhooked: Unhooked) => Promise<unknown>;

/**
 * A DataSource whose transactions run every statement through `hook`: what EditorialService, LedgerService and
 * AuditService send, through TypeORM or as named statements on the same connection, is seen statement by statement,
 * without touching their code. The hook sits on the transaction's pg connection and is taken off when it ends.
 */
function hookedDataSource(dataSource: DataSource, hook: StatementHook): DataSource {
  return new Proxy(dataSource, {
    get(target, property, receiver) {
      if (property !== 'transaction') return Reflect.get(target, property, receiver);
      return (...transactionArgs: unknown[]) => {
        const work = transactionArgs[transactionArgs.length - 1] as (manager: EntityManager) => Promise<unknown>;
        return target.transaction(async (manager) => {
          if (!manager.queryRunner) throw new Error('a transaction has a query runner');
          const connection = (await manager.queryRunner.connect()) as PoolClient;
          const original = connection.query;
          const query = original.bind(connection) as (config: string | QueryConfig, values?: unknown[]) => Promise<QueryResult>;
          const unhooked: Unhooked = (sql, values) => query(sql, values);
          connection.query = ((config: string | QueryConfig, values?: unknown[]) => {
            const sql = typeof config === 'string' ? config : config.text;
            const parameters = typeof config === 'string' ? values : (config.values ?? values);
            return hook(sql, parameters, () => query(config, values), unhooked);
          }) as typeof connection.query;
          try {
            return await work(manager);
          } finally {
            connection.query = original;
          }
        });
      };
    },
  });
}

interface Staff {
  editor: AuthenticatedUser;
  approver: AuthenticatedUser;
}

async function staffOf(dataSource: DataSource): Promise<Staff> {
  const rows: { id: string; username: string; displayName: string; roles: Role[] }[] = await dataSource.query(
    `SELECT id, username, display_name AS "displayName", roles FROM user_account WHERE username IN ('editor', 'approver')`,
  );
  const user = (name: string) => {
    const row = rows.find((r) => r.username === name);
    if (!row) throw new Error(`the demo user ${name} is missing: run the http phase first, which loads the demo data`);
    return row;
  };
  return { editor: user('editor'), approver: user('approver') };
}

/** An approved version of bench.many, ready to publish. */
async function approvedVersion(editorial: EditorialService, staff: Staff, label: string): Promise<string> {
  const input = { policyKey: 'bench.many', effectiveFrom: nextEffectiveFrom(), content: { title: 'Bench many', body: label }, summary: label };
  const { id } = await editorial.create(staff.editor, input, null);
  await editorial.submit(staff.editor, id, null);
  await editorial.approve(staff.approver, id, null);
  return id;
}

/** The first words of a statement, with whitespace folded, to name it in the tables. */
const statementName = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 90);

/** Each statement of `publishes` publishes, timed, and the JavaScript time between statements. */
async function tracePublishes(dataSource: DataSource, staff: Staff): Promise<void> {
  const perStatement = new Map<string, number[]>();
  let statementMs = 0;
  const hooked = hookedDataSource(dataSource, async (sql, _values, run) => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      const took = performance.now() - started;
      statementMs += took;
      const name = statementName(sql);
      perStatement.set(name, [...(perStatement.get(name) ?? []), took]);
    }
  });
  const editorial = new EditorialService(hooked, new LedgerService(systemClock), new AuditService(dataSource, systemClock), systemClock);
  const plain = new EditorialService(dataSource, new LedgerService(systemClock), new AuditService(dataSource, systemClock), systemClock);
  const totals: number[] = [];
  const jsTotals: number[] = [];
  for (let i = 0; i < publishes; i++) {
    const id = await approvedVersion(plain, staff, `trace ${i}`);
    statementMs = 0;
    const started = performance.now();
    await editorial.publish(staff.approver, id, null, null);
    const total = performance.now() - started;
    totals.push(total);
    jsTotals.push(total - statementMs);
  }
  console.log(`\ntrace: ${publishes} publishes through EditorialService in this process`);
  console.log(`  whole publish p50 ${ms(percentile(totals, 0.5))}, of which outside the statements p50 ${ms(percentile(jsTotals, 0.5))}`);
  const rows = [...perStatement.entries()].map(([name, samples]) => ({ name, count: samples.length / publishes, p50: percentile(samples, 0.5), sum: samples.reduce((a, b) => a + b, 0) / publishes }));
  rows.sort((a, b) => b.sum - a.sum);
  console.log('  per publish | calls | p50 each | statement');
  for (const row of rows) console.log(`  ${ms(row.sum).padStart(11)} | ${String(row.count).padStart(5)} | ${ms(row.p50).padStart(8)} | ${row.name}`);
}

/**
 * One publish whose statements each run first under EXPLAIN (ANALYZE, BUFFERS) in a savepoint rolled back at once,
 * so the plan (with the time of every trigger it fired) is that of the real statement in the real transaction.
 */
async function explainPublish(dataSource: DataSource, staff: Staff): Promise<void> {
  const plans: string[] = [];
  const hooked = hookedDataSource(dataSource, async (sql, values, run, unhooked) => {
    await unhooked(`SAVEPOINT explain_publish`);
    const plan = (await unhooked(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values)).rows as { 'QUERY PLAN': string }[];
    await unhooked(`ROLLBACK TO SAVEPOINT explain_publish`);
    plans.push(`-- ${statementName(sql)}\n${plan.map((row) => `   ${row['QUERY PLAN']}`).join('\n')}`);
    return run();
  });
  const plain = new EditorialService(dataSource, new LedgerService(systemClock), new AuditService(dataSource, systemClock), systemClock);
  const editorial = new EditorialService(hooked, new LedgerService(systemClock), new AuditService(dataSource, systemClock), systemClock);
  const id = await approvedVersion(plain, staff, 'explain');
  await editorial.publish(staff.approver, id, null, null);
  console.log(`\nexplain: the statements of one publish, EXPLAIN (ANALYZE, BUFFERS)\n${plans.join('\n\n')}`);
}

/** paintTimeline and diffTimelines alone, on the publications and open rows of bench.many as they are now. */
async function paintAlone(dataSource: DataSource): Promise<void> {
  const publications = (
    await dataSource.query(
      `SELECT v.id, v.effective::text AS effective FROM policy_version v JOIN policy p ON p.id = v.policy_id
        WHERE p.key = 'bench.many' AND v.status = 'PUBLISHED' ORDER BY v.publication_seq`,
    )
  ).map((row: { id: string; effective: string }) => ({ versionId: row.id, ...fromDateRangeLiteral(row.effective) }));
  const open = paintTimeline(publications);
  const paint: number[] = [];
  const diff: number[] = [];
  for (let round = 0; round < PAINT_ROUNDS; round++) {
    let started = performance.now();
    const painted = paintTimeline(publications);
    paint.push(performance.now() - started);
    started = performance.now();
    diffTimelines(open, painted);
    diff.push(performance.now() - started);
  }
  console.log(`\npaint: ${publications.length} publications, ${open.length} segments; paintTimeline p50 ${ms(percentile(paint, 0.5))}, diffTimelines p50 ${ms(percentile(diff, 0.5))} (${PAINT_ROUNDS} rounds)`);
}

async function migrate(url: string): Promise<void> {
  const dataSource = new DataSource(buildDataSourceOptions({ url, entities: [], migrations }));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
}

/** Migrates and fills a new scratch database; with --keep, a database kept by an earlier run is migrated and reused. */
async function prepare(url: string, reused: boolean): Promise<void> {
  await migrate(url);
  if (reused) return console.log('reusing the kept database policy_cms_bench_publish (bench.many holds earlier runs\' publishes too)');
  await withClient(url, async (client) => {
    const started = performance.now();
    if (policies > 0) await fillLedger(client, policies);
    await fillManyVersions(client, versions);
    console.log(`filled ${policies} policies and bench.many with ${versions} published versions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
}

async function measure(url: string): Promise<void> {
  await continueAfterPublishedDays(url);
  if (phases.has('http')) {
    const samples = await httpPublishes(url);
    console.log(
      `\nhttp: publishPolicyVersion on a policy with ${versions} versions, ${publishes} sequential publishes as approver: ` +
        `p50 ${ms(percentile(samples, 0.5))}, p90 ${ms(percentile(samples, 0.9))}, min ${ms(Math.min(...samples))}`,
    );
    if (args.get('samples') === 'true') console.log(`  in order (ms): ${samples.map((sample) => sample.toFixed(1)).join(' ')}`);
  }
  const dataSource = new DataSource(buildDataSourceOptions({ url, entities: [], migrations: [], poolSize: 2, applicationName: 'policy-cms-bench-publish' }));
  await dataSource.initialize();
  try {
    if (phases.has('trace') || phases.has('explain')) {
      const staff = await staffOf(dataSource);
      if (phases.has('trace')) await tracePublishes(dataSource, staff);
      if (phases.has('explain')) await explainPublish(dataSource, staff);
    }
    if (phases.has('paint')) await paintAlone(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function withClient<T>(url: string, body: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  await onScratchServer(async (admin, adminUrl) => {
    if (!keep) {
      await onScratchDatabase(admin, adminUrl, KEPT_DATABASE, async (url) => (await prepare(url, false), await measure(url)));
      return;
    }
    const url = new URL(adminUrl);
    url.pathname = `/${KEPT_DATABASE}`;
    const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [KEPT_DATABASE])).rowCount === 1;
    if (!exists) await admin.query(`CREATE DATABASE ${KEPT_DATABASE}`);
    await prepare(url.toString(), exists);
    await measure(url.toString());
    console.log(`\nkept: drop it with DROP DATABASE ${KEPT_DATABASE}`);
  });
}

// Run as a script; imported (for fillManyVersions), it only defines.
if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
