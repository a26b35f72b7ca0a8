/**
 * Webhook fan-out (issue 10): one event, `subscriptions` subscriptions, all on one receiver on 127.0.0.1; the time
 * from the commit of the event's transaction to the receiver holding every delivery. The API runs in this process
 * with its webhook worker (one instance, WEBHOOK_CONCURRENCY as configured: 16 by default). The event is written as
 * a publish writes it (an insert into change_event, whose trigger fans it out to the outbox and notifies on commit),
 * so the time is the outbox's: the notification, the claims, the signing and the calls, and recording each outcome.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:webhooks
 *   … -- --subscriptions 100 --rounds 5 --concurrency 16
 *
 * Without DATABASE_URL an embedded PostgreSQL is started for the run.
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { migrateDatabase } from '@policy-cms/database';
import { migrations } from '@policy-cms/migrations';
import { createApp } from '../../apps/api/src/app.factory';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { newWebhookSecret } from '../../apps/api/src/delivery/webhooks/webhook-signature';
import { onScratchDatabase, onScratchServer } from './scratch-databases';

export interface WebhookFanoutOptions {
  /** A database to migrate and use (its rows are the bench's: run it on a scratch database). */
  databaseUrl: string;
  subscriptions?: number;
  rounds?: number;
  concurrency?: number;
}

export interface WebhookFanoutResult {
  subscriptions: number;
  concurrency: number;
  /** Milliseconds from commit to the last delivery received, one per round, in order. */
  roundsMs: number[];
  medianMs: number;
}

export async function measureWebhookFanout(options: WebhookFanoutOptions): Promise<WebhookFanoutResult> {
  const subscriptions = options.subscriptions ?? 100;
  const rounds = options.rounds ?? 5;
  const concurrency = options.concurrency ?? 16;
  await migrateDatabase({ url: options.databaseUrl, migrations });

  let received = 0;
  let allReceived: (() => void) | null = null;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(204).end();
      if (++received === subscriptions) allReceived?.();
    });
  });
  await new Promise<void>((listening) => receiver.listen(0, '127.0.0.1', listening));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const config = loadConfig({
    DATABASE_URL: options.databaseUrl,
    DEMO_DATA: '1',
    LOG_LEVEL: 'silent',
    WEBHOOK_ALLOW_PRIVATE: '1',
    WEBHOOK_CONCURRENCY: String(concurrency),
  });
  const app = await createApp({ config, databaseUrl: options.databaseUrl });
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query(`INSERT INTO webhook_subscription (url, event_types, secret) SELECT $1, ARRAY['PUBLISHED'], unnest($2::text[])`, [
      url,
      Array.from({ length: subscriptions }, () => newWebhookSecret()),
    ]);
    const roundsMs: number[] = [];
    for (let round = 0; round < rounds + 1; round++) {
      received = 0;
      const done = new Promise<void>((resolve) => (allReceived = resolve));
      await client.query(`
        INSERT INTO change_event (type, policy_id, policy_key, version_id, version_number, effective, recorded_at, retroactive)
        SELECT 'PUBLISHED', v.policy_id, p.key, v.id, v.number, v.effective, now(), false
          FROM policy_version v JOIN policy p ON p.id = v.policy_id
         WHERE v.status = 'PUBLISHED' ORDER BY p.key, v.number LIMIT 1`);
      const committed = performance.now();
      await done;
      // The first round warms the worker and the connection pool up; it is not counted.
      if (round > 0) roundsMs.push(Math.round(performance.now() - committed));
    }
    const sorted = [...roundsMs].sort((a, b) => a - b);
    return { subscriptions, concurrency, roundsMs, medianMs: sorted[Math.floor(sorted.length / 2)] };
  } finally {
    await client.end();
    await app.close();
    receiver.closeAllConnections();
    await new Promise<void>((closed) => receiver.close(() => closed()));
  }
}

if (require.main === module) {
  const args = new Map<string, string>();
  for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
  void onScratchServer(async (admin, adminUrl) => {
    const result = await onScratchDatabase(admin, adminUrl, 'policy_cms_bench_webhooks', (databaseUrl) =>
      measureWebhookFanout({
        databaseUrl,
        subscriptions: Number(args.get('subscriptions') ?? 100),
        rounds: Number(args.get('rounds') ?? 5),
        concurrency: Number(args.get('concurrency') ?? 16),
      }),
    );
    console.log(
      `webhook fan-out: ${result.subscriptions} subscriptions on one 127.0.0.1 receiver, concurrency ${result.concurrency}: ` +
        `commit → all delivered in ${result.medianMs} ms (median of ${result.roundsMs.length}; rounds: ${result.roundsMs.join(', ')} ms)`,
    );
  }).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
