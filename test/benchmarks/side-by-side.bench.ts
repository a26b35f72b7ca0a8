/**
 * `npm run bench`: issue 9's table, measured side by side in one run on the same databases, at 8 connections each
 * (the rulesInForce rows, megabytes an answer, at 2 as well): the raw prepared SQL (pgbench where it is on PATH, else a
 * node-postgres loop), a hand-written node:http + pg server (node-http-pg-server.ts), a static server replaying one of
 * the API's answers from memory (static-bytes-server.ts: what any Node.js server can reach on this machine) and the
 * policy-cms API (its real entry point, in a process of its own), loaded over HTTP by autocannon. Appends the table to
 * test/benchmarks/RESULTS.md under a dated heading.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench                      # 1k and 1M ledger rows
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- --sizes 1000,100000 --seconds 3
 *
 * Options: --sizes (ledger rows, default 1000,1000000), --seconds (per measurement, default 10), --policies (for
 * rulesInForce, default 10000), --versions (of the policy publish is measured on, default 1000), --publishes (default 20),
 * --parts (reads, delivery or both, default both), --heap-mb (the heap limit of the second memory run, default 448).
 *
 * The delivery part (issue 10): GET /v1/rules as of now, answered from the API's snapshot cache, side by side with a
 * static server giving the same bytes from memory (static-bytes-server.ts), on the demo data and on 10,000 policies;
 * and webhook fan-out to 100 subscriptions (webhook-fanout.bench.ts).
 * Without DATABASE_URL an embedded PostgreSQL is started for the run.
 */
import 'reflect-metadata';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@policy-cms/database';
import { migrations } from '@policy-cms/migrations';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { onScratchDatabase, onScratchServer } from './scratch-databases';
import { FIRST_INSTANT, GENERATIONS, SEGMENTS, fillLedger } from './ledger-fill';
import { AS_OF } from './as-of-query';
import { measureWebhookFanout } from './webhook-fanout.bench';

const CONNECTIONS = 8;
/** The rulesInForce rows: a few megabytes an answer (see rulesAndPublish). */
const RULES_CONNECTIONS = 2;
const RESULTS = join(__dirname, 'RESULTS.md');

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const sizes = (args.get('sizes') ?? '1000,1000000').split(',').map(Number);
const seconds = Number(args.get('seconds') ?? 10);
const rulePolicies = Number(args.get('policies') ?? 10_000);
const manyVersions = Number(args.get('versions') ?? 1000);
const publishes = Number(args.get('publishes') ?? 20);
/** Which tables to measure: `reads` (issue 9's), `delivery` (issue 10's snapshots and webhook fan-out), or both. */
const parts = new Set((args.get('parts') ?? 'reads,delivery').split(','));
/** The heap limit of the memory measurement's second run (Node's --max-old-space-size, in MiB). */
const heapLimitMb = Number(args.get('heap-mb') ?? 448);

const RULES = `
  SELECT v.id, p.key AS "policyKey", v.number, lower(s.effective)::text AS "effectiveFrom", v.content, v.summary
    FROM ledger_segment s
    JOIN policy p ON p.id = s.policy_id
    JOIN policy_version v ON v.id = s.version_id
   WHERE s.effective @> coalesce($1::date, (now() AT TIME ZONE 'Asia/Tokyo')::date)
     AND s.recorded @> coalesce($2::timestamptz, now())
   ORDER BY p.key`;
const POLICY_IN_FORCE = `query($key: ID!, $on: Date, $knownAt: DateTime) {
  policyInForce(key: $key, on: $on, knownAt: $knownAt) { id policyKey number effectiveFrom content summary } }`;
const RULES_IN_FORCE = `query($on: Date, $knownAt: DateTime) {
  rulesInForce(on: $on, knownAt: $knownAt) { id policyKey number effectiveFrom content summary } }`;

interface Measured {
  perSecond: number;
  p50: number; // ms; for pgbench the average latency (it reports no percentiles without a per-transaction log)
  /** ms, with its fractions: autocannon's percentiles are whole milliseconds, too coarse under 2 ms. */
  mean?: number;
  how: string;
}
interface Row {
  read: string;
  sql?: Measured;
  node?: Measured;
  api?: Measured;
  ratio: string;
  target: string;
}

const random = (n: number) => Math.floor(Math.random() * n);
/** A day of the ledger's years (2020–2029). */
const randomDay = () => new Date(Date.UTC(2020 + random(10), random(12), 1 + random(28))).toISOString().slice(0, 10);
/** A record instant no request asked for before: random milliseconds across the generations' hours. */
const pastKnownAt = () => new Date(FIRST_INSTANT + 3_600_000 + random(GENERATIONS * 3_600_000)).toISOString();

async function migrate(url: string): Promise<void> {
  const dataSource = new DataSource(buildDataSourceOptions({ url, entities: [], migrations }));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
}

/** One policy, `bench.many`, with `versions` published versions, each in force from its own day (one segment each). */
async function fillManyVersions(client: Client, versions: number): Promise<void> {
  const instant = new Date(FIRST_INSTANT + (GENERATIONS + 1) * 3_600_000).toISOString();
  await client.query(`INSERT INTO policy (key, kind, title, section) VALUES ('bench.many', 'notice', 'Bench many', 'bench-many')`);
  await client.query(
    `INSERT INTO policy_version (policy_id, number, status, effective, content, summary)
     SELECT p.id, n, 'DRAFT', daterange('2020-01-01'::date + n, NULL), jsonb_build_object('title', 'Bench many', 'body', '版 ' || n), 'bench version ' || n
       FROM policy p CROSS JOIN generate_series(1, $1) n WHERE p.key = 'bench.many'`,
    [versions],
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
    [versions, instant],
  );
  await client.query(`VACUUM ANALYZE`);
}

/** A client closed even when `body` throws, so that dropping the scratch database does not hide the error behind its own. */
async function withClient<T>(url: string, body: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))] ?? NaN;
}

/** 8 node-postgres clients in a loop on one prepared statement, for `seconds`. */
async function sqlLoop(url: string, text: string, values: () => unknown[], connections = CONNECTIONS): Promise<Measured> {
  const pool = new Pool({ connectionString: url, max: connections });
  pool.on('error', () => undefined); // idle clients cut at shutdown are expected
  const samples: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        await pool.query({ name: 'bench', text, values: values() });
        samples.push(performance.now() - started);
      }
    }),
  );
  await pool.end();
  return { perSecond: samples.length / seconds, p50: percentile(samples, 0.5), how: 'pg loop' };
}

/** pgbench with a prepared script when it is on PATH, else the pg loop; `script` and `text`/`values` ask the same. */
async function rawSql(url: string, script: string, text: string, values: () => unknown[]): Promise<Measured> {
  if (spawnSync('pgbench', ['--version']).status !== 0) return sqlLoop(url, text, values);
  const dir = mkdtempSync(join(tmpdir(), 'policy-cms-pgbench-'));
  try {
    writeFileSync(join(dir, 'read.sql'), script);
    const run = spawnSync('pgbench', ['-n', '-M', 'prepared', '-c', String(CONNECTIONS), '-j', '2', '-T', String(seconds), '-f', join(dir, 'read.sql'), url], {
      encoding: 'utf8',
    });
    const tps = /tps = ([\d.]+)/.exec(run.stdout);
    const latency = /latency average = ([\d.]+) ms/.exec(run.stdout);
    const failed = /number of failed transactions: (\d+)/.exec(run.stdout);
    if (run.status !== 0 || !tps || !latency || (failed && failed[1] !== '0')) throw new Error(`pgbench failed:\n${run.stdout}\n${run.stderr}`);
    return { perSecond: Number(tps[1]), p50: Number(latency[1]), how: 'pgbench' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** autocannon at 8 connections, a fresh body per request; fails on any non-2xx answer or GraphQL error seen first. */
async function http(url: string, body: () => unknown, headers: Record<string, string> = {}, connections = CONNECTIONS): Promise<Measured> {
  const probe = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body()) });
  const answer = (await probe.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (!probe.ok || answer.errors || !answer.data || Object.values(answer.data).some((value) => value == null)) {
    throw new Error(`${url} answered ${probe.status}: ${JSON.stringify(answer).slice(0, 500)}`);
  }
  const run = (duration: number) =>
    autocannon({
      url,
      connections,
      duration,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }) }],
    });
  await run(Math.min(3, seconds)); // warm-up (the JIT, the pools, the caches): the first read measured is no slower for being first
  const result = await run(seconds);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { perSecond: result.requests.average, p50: result.latency.p50, mean: result.latency.average, how: 'autocannon' };
}

/**
 * Latency: one request at a time on one kept-alive connection, each timed to the microsecond (autocannon's histogram
 * keeps whole milliseconds, which tells nothing of a read that takes a fraction of one), for `seconds` after a warm-up.
 */
async function latencyLoop(url: string, body: () => unknown, duration = seconds): Promise<Measured> {
  const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
  const target = new URL(url);
  const once = (payload: string) =>
    new Promise<void>((done, fail) => {
      const request = httpRequest(
        { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (response) => {
          response.resume();
          response.on('end', () => (response.statusCode === 200 ? done() : fail(new Error(`${url} answered ${response.statusCode}`))));
        },
      );
      request.on('error', fail);
      request.end(payload);
    });
  const run = async (duration: number) => {
    const samples: number[] = [];
    const until = performance.now() + duration * 1000;
    while (performance.now() < until) {
      const payload = JSON.stringify(body());
      const started = performance.now();
      await once(payload);
      samples.push(performance.now() - started);
    }
    return samples;
  };
  try {
    await run(Math.min(1, duration));
    const samples = await run(duration);
    const mean = samples.reduce((sum, sample) => sum + sample, 0) / samples.length;
    return { perSecond: samples.length / duration, p50: percentile(samples, 0.5), mean, how: 'sequential, one connection' };
  } finally {
    agent.destroy();
  }
}

/** autocannon GETs at 8 connections; fails on any answer but 200 (no conditional requests: every answer is the body). */
async function httpGet(url: string): Promise<Measured> {
  const run = (duration: number) => autocannon({ url, connections: CONNECTIONS, duration, method: 'GET' });
  await run(Math.min(3, seconds));
  const result = await run(seconds);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { perSecond: result.requests.average, p50: result.latency.p50, how: 'autocannon' };
}

/** A child process that prints `listening on <port>`; stopped with SIGTERM. */
async function startChild(script: string, env: Record<string, string>): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, script)], {
    env: { ...process.env, ...env, TS_NODE_SWC: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening on (\d+)/.exec(chunk.toString());
      if (match) done(match[1]);
    });
    child.on('exit', (code) => fail(new Error(`${script} exited with ${code}`)));
  });
  const exited = new Promise((done) => child.on('exit', done));
  return { baseUrl: `http://127.0.0.1:${port}`, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

/**
 * The API's answer to one POST, replayed from memory with its headers by static-bytes-server.ts and loaded as the API
 * was: the least any server could take to send those bytes to this load generator.
 */
async function staticReplay(url: string, body: unknown, connections: number, notes: string[]): Promise<Measured> {
  const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const bytes = Buffer.from(await answer.arrayBuffer());
  if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`);
  const dir = mkdtempSync(join(tmpdir(), 'policy-cms-static-'));
  try {
    writeFileSync(join(dir, 'body'), bytes);
    const headers = Object.fromEntries([...answer.headers].filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)));
    writeFileSync(join(dir, 'headers.json'), JSON.stringify(headers));
    const reference = await startChild('static-bytes-server.ts', { BYTES_FILE: join(dir, 'body'), HEADERS_FILE: join(dir, 'headers.json') });
    if (connections === CONNECTIONS) notes.push(`rulesInForce as of now: ${bytes.length.toLocaleString('en')} bytes`);
    return await http(`${reference.baseUrl}/graphql`, () => body, {}, connections).finally(reference.stop);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** GET /v1/rules as of now from the API, and the same bytes from a static server in memory, one after the other. */
async function snapshotVsStatic(apiBaseUrl: string, label: string, notes: string[]): Promise<Row> {
  const url = `${apiBaseUrl}/v1/rules`;
  const answer = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  const bytes = Buffer.from(await answer.arrayBuffer());
  if (answer.status !== 200 || !JSON.parse(bytes.toString('utf8')).rules) throw new Error(`${url} answered ${answer.status}`);
  const dir = mkdtempSync(join(tmpdir(), 'policy-cms-static-'));
  const file = join(dir, 'rules.json');
  writeFileSync(file, bytes);
  // The same headers too (Date and the connection's own are node:http's, for both): the same bytes on the wire.
  const headers = Object.fromEntries([...answer.headers].filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)));
  writeFileSync(join(dir, 'headers.json'), JSON.stringify(headers));
  try {
    const api = await httpGet(url);
    const reference = await startChild('static-bytes-server.ts', { BYTES_FILE: file, HEADERS_FILE: join(dir, 'headers.json') });
    const staticServer = await httpGet(`${reference.baseUrl}/v1/rules`).finally(reference.stop);
    notes.push(`GET /v1/rules, ${label}: ${bytes.length.toLocaleString('en')} bytes (identity), Cache-Control ${answer.headers.get('cache-control')}`);
    console.log(notes[notes.length - 1]);
    return {
      read: `GET /v1/rules as of now, ${label} (static column: the same bytes and headers from memory)`,
      node: staticServer,
      api,
      ratio: `${(api.perSecond / staticServer.perSecond).toFixed(2)} × static`,
      target: '≥ 0.5 × static',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Issue 10's rows: snapshots against a static server (demo data; 10,000 policies), webhook fan-out to 100. */
async function delivery(admin: Client, adminUrl: string, notes: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  rows.push(
    await onScratchDatabase(admin, adminUrl, 'policy_cms_bench_delivery_demo', async (url) => {
      await migrate(url);
      const api = await startApi(url, true);
      try {
        return await snapshotVsStatic(api.baseUrl, 'demo data', notes);
      } finally {
        await api.stop();
      }
    }),
  );
  rows.push(
    await onScratchDatabase(admin, adminUrl, 'policy_cms_bench_delivery_many', async (url) => {
      await migrate(url);
      await withClient(url, (client) => fillLedger(client, rulePolicies));
      const api = await startApi(url, false);
      try {
        return await snapshotVsStatic(api.baseUrl, `${rulePolicies.toLocaleString('en')} policies`, notes);
      } finally {
        await api.stop();
      }
    }),
  );
  const fanout = await onScratchDatabase(admin, adminUrl, 'policy_cms_bench_delivery_fanout', (databaseUrl) =>
    measureWebhookFanout({ databaseUrl, subscriptions: 100, rounds: 5 }),
  );
  notes.push(`webhook fan-out to ${fanout.subscriptions} subscriptions (one 127.0.0.1 receiver, WEBHOOK_CONCURRENCY ${fanout.concurrency}): rounds ${fanout.roundsMs.join(', ')} ms`);
  console.log(notes[notes.length - 1]);
  rows.push({
    read: `webhook fan-out: one event to ${fanout.subscriptions} subscriptions, commit to all delivered (median of ${fanout.roundsMs.length})`,
    api: { perSecond: (fanout.subscriptions * 1000) / fanout.medianMs, p50: fanout.medianMs, how: 'deliveries' },
    ratio: `${fanout.medianMs} ms`,
    target: 'measured (no target)',
  });
  return rows;
}

async function startNodeServer(url: string): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'node-http-pg-server.ts')], {
    env: { ...process.env, DATABASE_URL: url, TS_NODE_SWC: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening on (\d+)/.exec(chunk.toString());
      if (match) done(match[1]);
    });
    child.on('exit', (code) => fail(new Error(`the node:http + pg server exited with ${code}`)));
  });
  const exited = new Promise((done) => child.on('exit', done));
  return { baseUrl: `http://127.0.0.1:${port}`, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

async function startApi(url: string, demoData: boolean, env: Record<string, string> = {}): Promise<ApiProcess & { stop: () => Promise<void> }> {
  const api = await startApiProcess({ DATABASE_URL: url, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', DEMO_DATA: String(demoData), ...env }, 120_000);
  return { ...api, stop: async () => void (api.child.kill('SIGTERM'), await api.exited) };
}

const policyKeys = (policies: number) => () => `bench.p${1 + random(policies)}`;
const pgbenchAsOf = (policies: number, past: boolean) => `\\set n random(1, ${policies})
\\set k random(3600000, ${(GENERATIONS + 1) * 3_600_000})
${AS_OF.replace('$1', `'bench.p' || :n`).replace('$2', 'NULL').replace('$3', past ? `('${new Date(FIRST_INSTANT).toISOString()}'::timestamptz + :k * interval '1 millisecond')` : 'NULL')};
`;

/** Resident memory of a process, from /proc (Linux), in MiB. */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

/**
 * The memory bound: the API with small caches (CACHE_MB each) answers a stream of questions that are all different
 * (random policy, day and past knownAt, as one reader and as the whole rule set), while its RSS is sampled. The caches
 * fill to their bound and stay there; the RSS must level off instead of growing with the questions asked.
 */
async function memoryBound(url: string, policies: number, notes: string[], heapMb?: number): Promise<Row> {
  const CACHE_MB = 16;
  const api = await startApi(url, false, {
    READ_CACHE_MB: String(CACHE_MB),
    RESPONSE_CACHE_MB: String(CACHE_MB),
    ...(heapMb ? { NODE_OPTIONS: `--max-old-space-size=${heapMb}` } : {}),
  });
  try {
    const key = policyKeys(policies);
    const body = () => ({ query: POLICY_IN_FORCE, variables: { key: key(), on: randomDay(), knownAt: pastKnownAt() } });
    const baseline = rssMiB(api.child.pid!);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMiB(api.child.pid!)), 250);
    const rounds = 3;
    const results: Measured[] = [];
    try {
      for (let round = 0; round < rounds; round++) results.push(await http(`${api.baseUrl}/graphql`, body));
    } finally {
      clearInterval(sampler);
    }
    const reads = (await (await fetch(`${api.baseUrl}/health/reads`)).json()) as { readModel?: { past?: { entries: number; bytes: number } } };
    const third = Math.floor(samples.length / 3);
    const firstThirdPeak = Math.max(...samples.slice(0, third));
    const peak = Math.max(...samples);
    const asked = results.reduce((sum, result) => sum + result.perSecond * seconds, 0);
    notes.push(
      `memory${heapMb ? ` (NODE_OPTIONS=--max-old-space-size=${heapMb})` : ' (no heap limit)'}: ${Math.round(asked).toLocaleString('en')} different questions (random policy, day and past knownAt), READ_CACHE_MB=${CACHE_MB}, RESPONSE_CACHE_MB=${CACHE_MB}: ` +
        `RSS ${baseline.toFixed(0)} MiB at start, peak ${firstThirdPeak.toFixed(0)} MiB in the first third of the run and ${peak.toFixed(0)} MiB over all of it; ` +
        `past cache at the end ${reads.readModel?.past?.entries ?? '?'} answers, ${((reads.readModel?.past?.bytes ?? 0) / 1048576).toFixed(1)} MiB`,
    );
    console.log(notes[notes.length - 1]);
    const cap = baseline + 2 * CACHE_MB + 64;
    return {
      read: `RSS under ${Math.round(asked).toLocaleString('en')} different policyInForce questions, caches ${CACHE_MB} + ${CACHE_MB} MiB, ${heapMb ? `heap limit ${heapMb} MiB` : 'no heap limit'}`,
      api: results[results.length - 1],
      ratio: `peak ${peak.toFixed(0)} MiB (start ${baseline.toFixed(0)})`,
      target: `≤ ${cap.toFixed(0)} MiB (start + caches + 64 MiB)`,
    };
  } finally {
    await api.stop();
  }
}

/** The latency rows' like-for-like question mix: the same keys at every ledger size (the 1k ledger has 10 policies). */
const SAME_KEYS = 10;
const LATENCY_ROUNDS = 5;

/**
 * Latency as of now at the smallest and the largest ledger, one request at a time (at 8 connections on 2 cores a mean
 * is mostly queueing). Both APIs run at once and are measured in turns, LATENCY_ROUNDS rounds of `seconds` / 2 each,
 * and each size's figure is the median of its rounds' means: the machine's other load, which drifts over minutes and
 * moves a one-connection mean by half or more, then weighs on both sizes alike. Two question mixes: the same keys at
 * both sizes, and keys spread over all policies (10 at 1k rows, 10,000 at 1M).
 */
async function interleavedLatency(small: { url: string; rows: number }, large: { url: string; rows: number }): Promise<Row[]> {
  const apis = [await startApi(small.url, false), await startApi(large.url, false)];
  const policiesOf = (rows: number) => Math.max(1, Math.round(rows / (SEGMENTS * GENERATIONS)));
  try {
    const mixes = [
      { what: `the same ${SAME_KEYS} keys at both sizes`, key: (rows: number) => `bench.p${1 + random(Math.min(SAME_KEYS, policiesOf(rows)))}` },
      { what: 'keys spread over all policies', key: (rows: number) => `bench.p${1 + random(policiesOf(rows))}` },
    ];
    const rows: Row[] = [];
    for (const mix of mixes) {
      const means: number[][] = [[], []];
      for (let round = 0; round < LATENCY_ROUNDS; round++) {
        for (const [index, size] of [small, large].entries()) {
          const measured = await latencyLoop(`${apis[index].baseUrl}/graphql`, () => ({ query: POLICY_IN_FORCE, variables: { key: mix.key(size.rows) } }), Math.max(1, seconds / 2));
          means[index].push(measured.mean!);
        }
      }
      const [smallMs, largeMs] = means.map((rounds) => percentile(rounds, 0.5));
      const label = (n: number) => n.toLocaleString('en');
      rows.push({
        read: `policyInForce mean latency as of now, one request at a time, ${mix.what}, ${label(large.rows)} vs ${label(small.rows)} rows (${largeMs.toFixed(3)} ms vs ${smallMs.toFixed(3)} ms, medians of ${LATENCY_ROUNDS} interleaved rounds: ${means[1].map((m) => m.toFixed(3)).join(', ')} vs ${means[0].map((m) => m.toFixed(3)).join(', ')})`,
        ratio: `${(largeMs / smallMs).toFixed(2)} ×`,
        target: '≤ 1.2 ×',
      });
    }
    return rows;
  } finally {
    for (const api of apis) await api.stop();
  }
}

async function ledgerRows(
  url: string,
  rows: number,
  notes: string[],
): Promise<{ now: Row; past: Row; cold: Row; ceiling: Row; memory?: Row[] }> {
  await migrate(url);
  const policies = Math.max(1, Math.round(rows / (SEGMENTS * GENERATIONS)));
  const { fillMs, count } = await withClient(url, async (client) => {
    const fillMs = await fillLedger(client, policies);
    return { fillMs, count: (await client.query(`SELECT count(*)::int AS count FROM ledger_segment`)).rows[0].count as number };
  });
  notes.push(`${count.toLocaleString('en')} ledger rows (${policies.toLocaleString('en')} policies x ${SEGMENTS} segments x ${GENERATIONS} generations) filled in ${(fillMs / 1000).toFixed(1)} s`);
  console.log(notes[notes.length - 1]);

  const key = policyKeys(policies);
  const label = `${count.toLocaleString('en')} ledger rows`;
  const gqlBody = (past: boolean) => () => ({ query: POLICY_IN_FORCE, variables: { key: key(), ...(past ? { knownAt: pastKnownAt() } : {}) } });
  // Past questions whose answers no cache holds: a random day too, so that (policy, day, state of the record) repeats
  // rarely (10 policies x 3,650 days x 6 states at 1k rows): the answer is computed nearly every time (from the ledger
  // rows the read model holds; from SQL with READ_HISTORY=0).
  const coldBody = () => ({ query: POLICY_IN_FORCE, variables: { key: key(), on: randomDay(), knownAt: pastKnownAt() } });
  const sql = (past: boolean) => rawSql(url, pgbenchAsOf(policies, past), AS_OF, () => [key(), null, past ? pastKnownAt() : null]);
  const now = { sql: await sql(false) };
  const past = { sql: await sql(true) };
  const node = await startNodeServer(url);
  const [nodeNow, nodePast, nodeCold] = await (async () => [
    await http(node.baseUrl, gqlBody(false)),
    await http(node.baseUrl, gqlBody(true)),
    await http(node.baseUrl, coldBody),
  ])().finally(node.stop);
  const api = await startApi(url, false);
  try {
    const apiNow = await http(`${api.baseUrl}/graphql`, gqlBody(false));
    const apiPast = await http(`${api.baseUrl}/graphql`, gqlBody(true));
    const apiCold = await http(`${api.baseUrl}/graphql`, coldBody);
    // What any Node.js server can do here: one answer of the API replayed from memory, loaded the same way.
    const ceiling = await staticReplay(`${api.baseUrl}/graphql`, gqlBody(false)(), CONNECTIONS, []);
    await api.stop();
    // Without a heap limit V8 lets garbage pile up before it collects; the configured cap is Node's own heap limit.
    const memory = rows === Math.max(...sizes) ? [await memoryBound(url, policies, notes), await memoryBound(url, policies, notes, heapLimitMb)] : undefined;
    return {
      memory,
      now: { read: `policyInForce, ${label}, knownAt now`, sql: now.sql, node: nodeNow, api: apiNow, ratio: `${(apiNow.perSecond / now.sql.perSecond).toFixed(2)} × SQL`, target: '≥ 1.0 × SQL' },
      past: { read: `policyInForce, ${label}, past knownAt`, sql: past.sql, node: nodePast, api: apiPast, ratio: `${(apiPast.perSecond / nodePast.perSecond).toFixed(2)} × node`, target: '≥ 1.0 × node' },
      cold: {
        read: `policyInForce, ${label}, past knownAt and a random day (answers no cache holds: computed for each request)`,
        node: nodeCold,
        api: apiCold,
        ratio: `${(apiCold.perSecond / nodeCold.perSecond).toFixed(2)} × node`,
        target: 'measured (the row above is the target)',
      },
      ceiling: {
        read: `policyInForce, ${label}, knownAt now, against the HTTP ceiling (static column: one answer replayed from memory)`,
        node: ceiling,
        api: apiNow,
        ratio: `${(apiNow.perSecond / ceiling.perSecond).toFixed(2)} × static`,
        target: 'measured (≥ 1.0 × SQL needs more than this)',
      },
    };
  } finally {
    await api.stop();
  }
}

/** rulesInForce at `policies` policies and publish on a policy with `versions` versions, through one API process. */
async function rulesAndPublish(url: string, notes: string[]): Promise<Row[]> {
  await migrate(url);
  const started = performance.now();
  const { fillMs, count } = await withClient(url, async (client) => {
    const fillMs = await fillLedger(client, rulePolicies);
    await fillManyVersions(client, manyVersions);
    return { fillMs, count: (await client.query(`SELECT count(*)::int AS count FROM ledger_segment`)).rows[0].count as number };
  });
  notes.push(`rulesInForce: ${rulePolicies.toLocaleString('en')} policies, ${count.toLocaleString('en')} ledger rows, filled in ${(fillMs / 1000).toFixed(1)} s; bench.many: ${manyVersions} published versions in ${((performance.now() - started - fillMs) / 1000).toFixed(1)} s`);
  console.log(notes[notes.length - 1]);

  // The whole rule book is megabytes: at 8 connections the load generator, not the server, sets the pace (a static
  // server of the same bytes is as slow as the API there), so these rows are measured at 2 connections, as the issue
  // measured them, with the 8-connection figures beside them.
  const policies = rulePolicies.toLocaleString('en');
  const sqlNow = await sqlLoop(url, RULES, () => [null, null], RULES_CONNECTIONS);
  const sqlPast = await sqlLoop(url, RULES, () => [null, pastKnownAt()], RULES_CONNECTIONS);
  const api = await startApi(url, true); // the demo staff sign in to publish
  try {
    const graphql = `${api.baseUrl}/graphql`;
    const now = () => ({ query: RULES_IN_FORCE, variables: {} });
    const past = () => ({ query: RULES_IN_FORCE, variables: { knownAt: pastKnownAt() } });
    const apiNow = await http(graphql, now, {}, RULES_CONNECTIONS);
    const staticNow = await staticReplay(graphql, now(), RULES_CONNECTIONS, notes);
    const apiPast = await http(graphql, past, {}, RULES_CONNECTIONS);
    const apiNow8 = await http(graphql, now);
    const staticNow8 = await staticReplay(graphql, now(), CONNECTIONS, notes);
    const publish = await publishP50(graphql);
    return [
      {
        read: `rulesInForce, ${policies} policies, knownAt now, ${RULES_CONNECTIONS} connections (static column: the same answer from memory)`,
        sql: sqlNow,
        node: staticNow,
        api: apiNow,
        ratio: `${apiNow.p50.toFixed(0)} ms`,
        target: '≤ 20 ms p50',
      },
      {
        read: `rulesInForce, ${policies} policies, knownAt now, ${CONNECTIONS} connections (static column: the same answer from memory)`,
        node: staticNow8,
        api: apiNow8,
        ratio: `${(apiNow8.perSecond / staticNow8.perSecond).toFixed(2)} × static`,
        target: 'measured (the load generator is the limit)',
      },
      {
        read: `rulesInForce, ${policies} policies, past knownAt, ${RULES_CONNECTIONS} connections`,
        sql: sqlPast,
        api: apiPast,
        ratio: `${(apiPast.p50 / sqlPast.p50).toFixed(2)} × SQL`,
        target: '≤ 2 × SQL',
      },
      { read: `publishPolicyVersion on a policy with ${manyVersions} versions (p50 of ${publishes}, GraphQL as approver)`, api: publish, ratio: `${publish.p50.toFixed(0)} ms`, target: '≤ 20 ms p50' },
    ];
  } finally {
    await api.stop();
  }
}

/** Each publish: the editor creates and submits a version from a future day, the approver approves it; only publish is timed. */
async function publishP50(graphql: string): Promise<Measured> {
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
    (await call(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: username, p: 'policy-cms-demo' })).login.token as string;
  const editor = await login('editor');
  const approver = await login('approver');
  const samples: number[] = [];
  for (let i = 0; i < publishes; i++) {
    const effectiveFrom = new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10);
    const input = { policyKey: 'bench.many', effectiveFrom, content: { title: 'Bench many', body: `公開 ${i}` }, summary: `bench publish ${i}` };
    const id = (await call(`mutation($input: CreatePolicyVersionInput!) { createPolicyVersion(input: $input) { id } }`, { input }, editor)).createPolicyVersion.id as string;
    await call(`mutation($id: ID!) { submitPolicyVersion(id: $id) { id } }`, { id }, editor);
    await call(`mutation($id: ID!) { approvePolicyVersion(id: $id) { id } }`, { id }, approver);
    const started = performance.now();
    await call(`mutation($id: ID!) { publishPolicyVersion(id: $id) { id status } }`, { id }, approver);
    samples.push(performance.now() - started);
  }
  return { perSecond: 1000 / (samples.reduce((a, b) => a + b, 0) / samples.length), p50: percentile(samples, 0.5), how: 'sequential' };
}

const cell = (m?: Measured) => (m ? `${Math.round(m.perSecond).toLocaleString('en')}/s, p50 ${m.p50.toFixed(1)} ms` : '—');

async function main(): Promise<void> {
  const startedAt = new Date();
  const started = performance.now();
  const load = loadavg().map((n) => n.toFixed(2)).join(' ');
  const rows: Row[] = [];
  const notes: string[] = [];
  let memoryRows: Row[] = [];
  let postgres = '';
  await onScratchServer(async (admin, adminUrl, version) => {
    postgres = version;
    if (parts.has('delivery')) rows.push(...(await delivery(admin, adminUrl, notes)));
    if (!parts.has('reads')) return;
    // Each size's database stays until every size is measured: the latency rows compare the smallest and the largest
    // side by side.
    const filled: { url: string; rows: number }[] = [];
    const measureFrom = async (index: number): Promise<void> => {
      if (index === sizes.length) {
        if (filled.length > 1) rows.push(...(await interleavedLatency(filled[0], filled[filled.length - 1])));
        return;
      }
      const size = sizes[index];
      await onScratchDatabase(admin, adminUrl, `policy_cms_bench_side_${size}`, async (url) => {
        const measured = await ledgerRows(url, size, notes);
        rows.push(measured.now, measured.ceiling, measured.past, measured.cold);
        if (measured.memory) memoryRows = measured.memory;
        filled.push({ url, rows: size });
        await measureFrom(index + 1);
      });
    };
    await measureFrom(0);
    rows.push(...(await onScratchDatabase(admin, adminUrl, 'policy_cms_bench_side_rules', (url) => rulesAndPublish(url, notes))));
    rows.push(...memoryRows);
  });
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  const table = [
    '| read | raw SQL | node:http + pg (or static) | policy-cms | ratio | target |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.read} | ${cell(r.sql)} | ${cell(r.node)} | ${cell(r.api)} | ${r.ratio} | ${r.target} |`),
  ].join('\n');
  const how = rows.find((r) => r.sql?.how === 'pgbench') ? 'raw SQL policyInForce by pgbench -M prepared (its p50 column is the average latency); ' : '';
  const section = [
    `\n## \`npm run bench\` ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `\`${['npm run bench --', ...process.argv.slice(2)].join(' ')}\` — PostgreSQL ${postgres} (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded'}), ` +
      `${cpus().length} cores, load average at start ${load}, ${CONNECTIONS} connections, ${seconds} s per measurement, whole run ${minutes} min. ` +
      `${how}other SQL by a node-postgres loop of prepared statements; HTTP by autocannon.`,
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    table,
    '',
  ].join('\n');
  console.log(section);
  appendFileSync(RESULTS, section);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
