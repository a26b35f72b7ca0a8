/**
 * Where the API's time goes on the public read path (issue 9, "a lean request path"). On one fresh database with the
 * demo data, each variant of the API runs as a process of its own (the real entry point) and is loaded by autocannon
 * at 8 connections with each read in turn. Printed per read: requests/s, p50, and the CPU the API process spent per
 * request (user + system, from /proc: unlike requests/s it barely moves when other work shares the machine). With
 * --profile, each API process also writes a V8 CPU profile, and the heaviest packages of each read's window are printed;
 * --profile-dir <dir> keeps the profiles there (open them in Chrome's DevTools) with each read's window.
 *
 *   TS_NODE_SWC=true node -r ts-node/register/transpile-only -r tsconfig-paths/register test/benchmarks/lean-path.bench.ts
 *   … lean-path.bench.ts --seconds 5 --variants cache,nocache --reads now,past --profile
 *
 * Variants: cache (the defaults), nocache (RESPONSE_CACHE_MB=0), smallcache (RESPONSE_CACHE_MB=1), info (LOG_LEVEL=info, logs read and dropped), nocacheinfo (both),
 * nomodel (READ_MODEL=0). Reads: now (policyInForce as of now, one of the demo keys), past (policyInForce at a past
 * knownAt no request asked before), rules (rulesInForce as of now), fixedpast (policyInForce at one past knownAt).
 */
import 'reflect-metadata';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { onScratchDatabase, onScratchServer } from './scratch-databases';

const CONNECTIONS = 8;
const WARM_UP_SECONDS = 3;
const START_TIMEOUT_MS = 120_000;

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i++) {
  const name = process.argv[i].replace(/^--/, '');
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) args.set(name, 'true');
  else args.set(name, (i++, value));
}
const seconds = Number(args.get('seconds') ?? 10);
const keptProfiles = args.get('profile-dir');
const profile = args.get('profile') === 'true' || keptProfiles !== undefined;
const variantNames = (args.get('variants') ?? 'cache,nocache').split(',');
const readNames = (args.get('reads') ?? 'now,past,rules').split(',');

const VARIANTS: Record<string, Record<string, string>> = {
  cache: {},
  nocache: { RESPONSE_CACHE_MB: '0' },
  smallcache: { RESPONSE_CACHE_MB: '1' },
  info: { LOG_LEVEL: 'info' },
  nocacheinfo: { RESPONSE_CACHE_MB: '0', LOG_LEVEL: 'info' },
  nomodel: { READ_MODEL: '0' },
};

const DEMO_KEYS = ['myna.facilities', 'myna.reservation', 'myna.card-renewal', 'offices.closure'];
const POLICY_IN_FORCE = `query($key: ID!, $on: Date, $knownAt: DateTime) {
  policyInForce(key: $key, on: $on, knownAt: $knownAt) { id policyKey number effectiveFrom content summary } }`;
const RULES_IN_FORCE = `query($on: Date, $knownAt: DateTime) {
  rulesInForce(on: $on, knownAt: $knownAt) { id policyKey number effectiveFrom content summary } }`;
/** The demo record spans 2024 to 2025; a random millisecond in it is an instant no request asked before. */
const PAST_FROM_MS = Date.parse('2024-01-01T00:00:00Z');
const PAST_SPAN_MS = Date.parse('2025-11-01T00:00:00Z') - PAST_FROM_MS;
const random = (n: number) => Math.floor(Math.random() * n);

const READS: Record<string, () => unknown> = {
  now: () => ({ query: POLICY_IN_FORCE, variables: { key: DEMO_KEYS[random(DEMO_KEYS.length)] } }),
  past: () => ({
    query: POLICY_IN_FORCE,
    variables: { key: DEMO_KEYS[random(DEMO_KEYS.length)], knownAt: new Date(PAST_FROM_MS + random(PAST_SPAN_MS)).toISOString() },
  }),
  fixedpast: () => ({ query: POLICY_IN_FORCE, variables: { key: 'myna.facilities', knownAt: '2025-06-01T00:00:00.000Z' } }),
  rules: () => ({ query: RULES_IN_FORCE, variables: {} }),
};

interface Measured {
  read: string;
  perSecond: number;
  p50: number;
  cpuMicrosPerRequest: number;
  /** CLOCK_MONOTONIC in µs, the clock of V8's profile timestamps: the window of this read in the profile. */
  window: [number, number];
}

const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** User + system CPU of a process so far, in µs; NaN where /proc is absent. */
function cpuMicros(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // After "pid (comm) ", utime and stime are the 12th and 13th fields.
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1e6;
  } catch {
    return Number.NaN;
  }
}

const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

async function load(url: string, pid: number, read: string): Promise<Measured> {
  const body = READS[read];
  const probe = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body()) });
  const answer = (await probe.json()) as { errors?: unknown };
  if (!probe.ok || answer.errors) throw new Error(`${read}: HTTP ${probe.status} ${JSON.stringify(answer).slice(0, 300)}`);
  const run = (duration: number) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }) }],
    });
  await run(WARM_UP_SECONDS);
  const cpuBefore = cpuMicros(pid);
  const started = monotonicMicros();
  const result = await run(seconds);
  const window: [number, number] = [started, monotonicMicros()];
  const cpu = cpuMicros(pid) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${read}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { read, perSecond: result.requests.average, p50: result.latency.p50, cpuMicrosPerRequest: cpu / result.requests.total, window };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/** The package (or the project's folder) a profiled function lives in. */
function packageOf(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return frame.functionName || '(program)';
  const module = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (module) return module[1];
  const own = /\/(apps\/[^/]+\/src\/[^/]+|libs\/[^/]+)\//.exec(frame.url);
  return own ? own[1] : frame.url.replace(/^node:internal\/.*/, 'node:internal');
}

/** Share of the busy samples (idle excluded) in each package, by self time and by time under it (inclusive). */
function heaviestPackages(profile: CpuProfile, window: [number, number], top = 14): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    const node = byId.get(id);
    if (!node || at < window[0] || at > window[1] || node.callFrame.functionName === '(idle)') return;
    busy++;
    const own = packageOf(node.callFrame);
    self.set(own, (self.get(own) ?? 0) + 1);
    const seen = new Set<string>();
    for (let cursor: number | undefined = id; cursor !== undefined; cursor = parent.get(cursor)) {
      const frame = byId.get(cursor)?.callFrame;
      if (!frame) break;
      const name = packageOf(frame);
      if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
      seen.add(name);
    }
  });
  const share = (n: number) => `${((100 * n) / Math.max(busy, 1)).toFixed(1)}%`;
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, n]) => `${share(n).padStart(6)} self ${share(inclusive.get(name) ?? 0).padStart(6)} incl  ${name}`);
}

/**
 * The real entry point as `npm start` runs it (as test/support/api-process.ts does), with V8 flags of its own: the
 * profiler's flags are refused in NODE_OPTIONS. Its output is read and dropped, as a log shipper would.
 */
async function startApi(env: Record<string, string>, flags: string[]): Promise<{ child: ChildProcess; baseUrl: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [...flags, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
    { cwd: join(__dirname, '../..'), env: { ...process.env, PORT: '0', TS_NODE_SWC: 'true', TS_NODE_BASEURL: '.', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  let head = '';
  const baseUrl = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the API did not start in ${START_TIMEOUT_MS} ms:\n${head}`)), START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      head = (head + chunk.toString()).slice(-20_000);
      const match = /GraphQL API: (http:\/\/[^/\s]+)\/graphql/.exec(head);
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    void exited.then(() => fail(new Error(`the API exited before it was ready:\n${head}`)));
  });
  return { child, baseUrl, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

async function measureVariant(url: string, variant: string): Promise<{ variant: string; measured: Measured[]; profiles: string[] }> {
  const profileDir = profile ? mkdtempSync(join(tmpdir(), 'policy-cms-lean-')) : undefined;
  try {
    const api = await startApi(
      { DATABASE_URL: url, DEMO_DATA: '1', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', ...VARIANTS[variant] },
      profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    );
    const measured: Measured[] = [];
    try {
      for (const read of readNames) measured.push(await load(`${api.baseUrl}/graphql`, api.child.pid ?? -1, read));
    } finally {
      await api.stop();
    }
    return { variant, measured, profiles: profileDir ? readProfile(profileDir, variant, measured) : [] };
  } finally {
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  }
}

/** The heaviest packages of each read's window in the API's profile; the profile moved to --profile-dir if given. */
function readProfile(profileDir: string, variant: string, measured: Measured[]): string[] {
  const profiles: string[] = [];
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (file) {
    const cpuProfile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile;
    for (const m of measured) profiles.push(`  ${variant} / ${m.read}, busy samples by package:`, ...heaviestPackages(cpuProfile, m.window).map((line) => `    ${line}`));
  }
  if (keptProfiles) {
    for (const name of readdirSync(profileDir)) renameSync(join(profileDir, name), join(keptProfiles, `${variant}-${name}`));
    console.log(`${variant}: profile kept in ${keptProfiles}; read windows (CLOCK_MONOTONIC µs): ${measured.map((m) => `${m.read} ${m.window.join('–')}`).join(', ')}`);
  }
  return profiles;
}

async function main(): Promise<void> {
  console.log(`load average at start ${loadavg().map((n) => n.toFixed(2)).join(' ')}, ${CONNECTIONS} connections, ${seconds} s per read`);
  const results: Awaited<ReturnType<typeof measureVariant>>[] = [];
  await onScratchServer(async (admin, adminUrl) => {
    for (const variant of variantNames) {
      results.push(await onScratchDatabase(admin, adminUrl, `policy_cms_bench_lean_${variant}`, (url) => measureVariant(url, variant)));
    }
  });
  console.log('\n| variant | read | requests/s | p50 | API CPU per request |\n|---|---|---|---|---|');
  for (const { variant, measured } of results) {
    for (const m of measured) {
      console.log(`| ${variant} | ${m.read} | ${Math.round(m.perSecond).toLocaleString('en')} | ${m.p50.toFixed(1)} ms | ${Math.round(m.cpuMicrosPerRequest)} µs |`);
    }
  }
  for (const { profiles } of results) if (profiles.length) console.log(`\n${profiles.join('\n')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
