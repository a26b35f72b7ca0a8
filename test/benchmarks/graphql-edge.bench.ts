/**
 * Benchmark of the public edge (issue 8, item 4), on a fresh database with the demo data:
 *  1. how fast a 300-alias `rulesInForce { id content }` is refused (it used to run: ~1 s and 3–6 MB per request);
 *  2. what the per-address rate limit costs per request (the middleware alone, 1,000 addresses);
 *  3. /health while ten clients send the heaviest operations the limits still allow, as fast as they can.
 *
 *   npm run bench:edge
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:edge
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { migrateDatabase } from '@policy-cms/database';
import { migrations } from '@policy-cms/migrations';
import { createApp } from '../../apps/api/src/app.factory';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { rateLimit } from '../../apps/api/src/edge/rate-limit';
import { onScratchDatabases } from './scratch-databases';

const ALIASES_300 = `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: rulesInForce { id content }`).join(' ')} }`;
// The heaviest operation the default limits allow on the public reads: four whole lists of changes (cost 4,440 of 5,000).
const HEAVY = `{ ${Array.from(
  { length: 4 },
  (_, i) => `c${i}: changesBetween(from: "2020-01-01", through: "2030-12-31") { id policyKey number status effectiveFrom effectiveThrough content summary recordedAt supersededAt }`,
).join(' ')} }`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

async function timed(url: string, init?: RequestInit): Promise<{ ms: number; status: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, init);
  const bytes = (await response.arrayBuffer()).byteLength;
  return { ms: performance.now() - started, status: response.status, bytes };
}

const postJson = (query: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query }),
});

async function benchmark(url: string): Promise<void> {
  await migrateDatabase({ url, migrations });
  const config = loadConfig({ DATABASE_URL: url, DEMO_DATA: '1', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' });
  const app = await createApp({ config, databaseUrl: url });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  try {
    // 1. The 300-alias refusal, one client, after a warm-up.
    for (let i = 0; i < 20; i++) await timed(`${base}/graphql`, postJson(ALIASES_300));
    const refusals = [];
    for (let i = 0; i < 200; i++) refusals.push(await timed(`${base}/graphql`, postJson(ALIASES_300)));
    const statuses = new Set(refusals.map((r) => r.status));
    console.log(`300 aliases of rulesInForce { id content }: HTTP ${[...statuses].join(',')}, ${refusals[0].bytes} bytes, ${summary(refusals.map((r) => r.ms))} (200 requests)`);

    // 2. The rate limit middleware alone.
    const limit = rateLimit(1_000_000_000);
    const res = { setHeader: () => undefined } as unknown as Response;
    const calls = 200_000;
    const started = performance.now();
    for (let i = 0; i < calls; i++) {
      await new Promise<void>((next) =>
        limit({ path: '/graphql', ip: `10.0.${(i % 1000) >> 8}.${i % 256}` } as Request, res, next as NextFunction),
      );
    }
    console.log(`rate limit middleware: ${(((performance.now() - started) * 1000) / calls).toFixed(2)} µs per request (${calls} requests, 1,000 addresses)`);

    // 3. /health under ten clients sending the heaviest allowed operation for 10 s.
    const heavy = await timed(`${base}/graphql`, postJson(HEAVY));
    console.log(`heaviest allowed public read: HTTP ${heavy.status}, ${heavy.bytes} bytes, ${heavy.ms.toFixed(1)} ms alone`);
    const until = Date.now() + 10_000;
    let served = 0;
    const clients = Array.from({ length: 10 }, async () => {
      while (Date.now() < until) {
        await timed(`${base}/graphql`, postJson(HEAVY));
        served++;
      }
    });
    const health: { ms: number; status: number }[] = [];
    const probe = (async () => {
      while (Date.now() < until) {
        health.push(await timed(`${base}/health`));
        await new Promise((done) => setTimeout(done, 200));
      }
    })();
    await Promise.all([...clients, probe]);
    const down = health.filter((h) => h.status !== 200).length;
    console.log(`ten clients, 10 s: ${(served / 10).toFixed(1)} heavy operations/s; /health ${health.length} probes, ${down} not 200, ${summary(health.map((h) => h.ms))}`);
  } finally {
    await app.close();
  }
}

onScratchDatabases('policy_cms_bench_edge', [0], (url) => benchmark(url)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
