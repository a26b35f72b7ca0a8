import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';
import { dataOf } from './support/policy-api';
import { auditEventsAfter, lastAuditId, tickingClock, workflow } from './support/workflow-api';
import { eventually, matchingSignatures, startReceiver, type Receiver } from './webhooks/receiver';

/**
 * The webhook workers (issue 10, item 3) against real receivers on 127.0.0.1: retries with the same webhook-id and a
 * Standard Webhooks signature, a silent receiver that holds only its own delivery, the address guard, two instances
 * sharing the outbox, secret rotation, the retry horizon, disabling a long-failing subscription, and redelivery.
 */

const DELIVERY_FIELDS = `id webhookId webhookUrl status attempts nextAttemptAt lastStatusCode lastError createdAt completedAt
  event { cursor id type policyKey versionId versionNumber effectiveFrom effectiveThrough recordedAt retroactive day emittedAt }
  attemptLog { attemptedAt durationMs statusCode error responseExcerpt }`;

/** Settings every app of this file shares: local receivers allowed, quick retries. */
const QUICK = { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_RETRY_BASE_MS: '50' };

async function createWebhook(t: TestApp, input: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const { createWebhook } = dataOf(
    await t.gql(`mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } secret } }`, { input }, { as: 'admin' }),
  );
  return { id: createWebhook.webhook.id, secret: createWebhook.secret };
}

async function deliveriesOf(t: TestApp, webhookId: string): Promise<any[]> {
  return dataOf(
    await t.gql(`query($id: ID) { webhookDeliveries(webhookId: $id, first: 100) { deliveries { ${DELIVERY_FIELDS} } } }`, { id: webhookId }, { as: 'admin' }),
  ).webhookDeliveries.deliveries;
}

/** Publishes a new version of the contact notice through the staff workflow; its PUBLISHED event is fanned out. */
async function publishContact(t: TestApp, effectiveFrom: string): Promise<string> {
  const wf = workflow(t);
  const { id } = dataOf(
    await wf.create({ policyKey: 'contact', effectiveFrom, content: { title: 'お問い合わせ', body: `窓口 ${effectiveFrom}` }, summary: 'テスト(出典: テスト)' }, 'editor'),
  ).createPolicyVersion;
  dataOf(await wf.submit(id, 'editor'));
  dataOf(await wf.approve(id, 'approver'));
  dataOf(await wf.publish(id, 'approver'));
  return id;
}

/** A PUBLISHED event written straight into the feed (as its trigger would), in a transaction of its own. */
async function appendEvent(t: TestApp): Promise<void> {
  await t.sql(`
    INSERT INTO change_event (type, policy_id, policy_key, version_id, version_number, effective, recorded_at, retroactive)
    SELECT 'PUBLISHED', v.policy_id, p.key, v.id, v.number, v.effective, now(), false
      FROM policy_version v JOIN policy p ON p.id = v.policy_id
     WHERE v.status = 'PUBLISHED' AND p.key = 'contact' ORDER BY v.number LIMIT 1`);
}

/** Ends every subscription made so far, so that the next part of the file starts with none. */
async function retireWebhooks(t: TestApp): Promise<void> {
  await t.sql(`UPDATE webhook_subscription SET active = false, deleted_at = now() WHERE deleted_at IS NULL`);
}

describe('webhook delivery by one instance', () => {
  let t: TestApp;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock: tickingClock('2026-11-27T00:00:00Z'), env: { ...QUICK, WEBHOOK_TIMEOUT_MS: '4000' } });
    await t.ensureDemoUsers();
  });
  afterEach(async () => {
    await retireWebhooks(t);
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });
  afterAll(async () => {
    await t.close();
  });

  it('retries a receiver that fails twice, and delivers on the third attempt, signed, with the same webhook-id', async () => {
    const receiver = await startReceiver((n) => (n <= 2 ? 500 : 204));
    receivers.push(receiver);
    const hook = await createWebhook(t, { url: receiver.url, eventTypes: ['PUBLISHED'], policyKeys: ['contact'] });
    const versionId = await publishContact(t, '2027-01-04');

    const requests = await receiver.waitFor(3);
    const [delivery] = await eventually(async () => {
      const found = await deliveriesOf(t, hook.id);
      return found[0]?.status === 'DELIVERED' && found;
    }, 15_000, 'the delivery to be DELIVERED');

    expect(delivery.attempts).toBe(3);
    expect(delivery.attemptLog.map((attempt: any) => attempt.statusCode)).toEqual([500, 500, 204]);
    expect(delivery.attemptLog[0].responseExcerpt).toBe('status 500 from the test receiver');
    for (const attempt of delivery.attemptLog) expect(Number.isInteger(attempt.durationMs) && attempt.durationMs >= 0).toBe(true);
    expect(delivery.nextAttemptAt).toBeNull();
    expect(delivery.completedAt).not.toBeNull();
    expect(delivery.lastStatusCode).toBe(204);
    expect(delivery.lastError).toBeNull();
    expect(receiver.received).toHaveLength(3);

    // The same id every time: the delivery's, so a receiver can drop repeats.
    expect(requests.map((r) => r.headers['webhook-id'])).toEqual([delivery.id, delivery.id, delivery.id]);
    for (const r of requests) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['user-agent']).toBe('policy-cms-webhooks');
      expect(Math.abs(Number(r.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(300);
      expect(matchingSignatures(hook.secret, r.headers, r.body)).toHaveLength(1);
      expect(matchingSignatures(hook.secret, r.headers, r.body.replace('PUBLISHED', 'WITHDRAWN'))).toHaveLength(0);
    }

    // The body is the change-feed event, exactly as GET /v1/changes gives it.
    const body = JSON.parse(requests[2].body);
    expect(body).toMatchObject({ type: 'PUBLISHED', policyKey: 'contact', versionId, effectiveFrom: '2027-01-04', retroactive: false });
    const feed = await request(t.app.getHttpServer()).get('/v1/changes?limit=1000');
    expect(feed.status).toBe(200);
    expect(feed.body.events.find((event: any) => event.id === body.id)).toEqual(body);
    expect(delivery.event).toEqual(body);
  });

  it('does not let a receiver that never answers hold up another subscription’s delivery', async () => {
    const silent = await startReceiver(() => 'hang');
    const healthy = await startReceiver(() => 204);
    receivers.push(silent, healthy);
    const silentHook = await createWebhook(t, { url: silent.url, eventTypes: ['PUBLISHED'] });
    const healthyHook = await createWebhook(t, { url: healthy.url, eventTypes: ['PUBLISHED'] });
    await appendEvent(t);

    await silent.waitFor(1);
    const [delivered] = await eventually(async () => {
      const found = await deliveriesOf(t, healthyHook.id);
      return found[0]?.status === 'DELIVERED' && found;
    }, 15_000, 'the healthy delivery');
    // Delivered while the silent receiver still held its call open: its first attempt has not ended.
    const [waiting] = await deliveriesOf(t, silentHook.id);
    expect(delivered.attempts).toBe(1);
    expect(waiting.status).toBe('PENDING');
    expect(waiting.attemptLog).toEqual([]);

    // The silent call ends at the timeout, as a failed attempt without a status, to be retried.
    const [timedOut] = await eventually(async () => {
      const found = await deliveriesOf(t, silentHook.id);
      return found[0]?.attemptLog.length > 0 && found;
    }, 15_000, 'the silent call to time out');
    expect(timedOut.attemptLog[0]).toMatchObject({ statusCode: null, error: 'no answer within 4000 ms', responseExcerpt: null });
    expect(timedOut.attemptLog[0].durationMs).toBeGreaterThanOrEqual(4000);
    expect(timedOut.lastError).toBe('no answer within 4000 ms');
  });

  it('signs with both secrets during a rotation’s grace period, and with the new one alone after it', async () => {
    const receiver = await startReceiver(() => 204);
    receivers.push(receiver);
    const hook = await createWebhook(t, { url: receiver.url, eventTypes: ['PUBLISHED'] });
    const rotated = dataOf(
      await t.gql(`mutation($id: ID!) { rotateWebhookSecret(id: $id, graceSeconds: 2) { secret webhook { previousSecretExpiresAt } } }`, { id: hook.id }, { as: 'admin' }),
    ).rotateWebhookSecret;
    expect(rotated.secret).not.toBe(hook.secret);
    expect(rotated.webhook.previousSecretExpiresAt).not.toBeNull();

    await appendEvent(t);
    const [during] = await receiver.waitFor(1);
    const signatures = String(during.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    expect(matchingSignatures(rotated.secret, during.headers, during.body)).toEqual([signatures[0]]);
    expect(matchingSignatures(hook.secret, during.headers, during.body)).toEqual([signatures[1]]);

    await eventually(async () => {
      const { webhook } = dataOf(await t.gql(`query($id: ID!) { webhook(id: $id) { previousSecretExpiresAt } }`, { id: hook.id }, { as: 'admin' }));
      return webhook.previousSecretExpiresAt === null;
    }, 10_000, 'the grace period to end');
    await appendEvent(t);
    const [, after] = await receiver.waitFor(2);
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(matchingSignatures(rotated.secret, after.headers, after.body)).toHaveLength(1);
    expect(matchingSignatures(hook.secret, after.headers, after.body)).toHaveLength(0);
  });
});

describe('webhook targets on private addresses', () => {
  let t: TestApp;

  beforeAll(async () => {
    // WEBHOOK_ALLOW_PRIVATE is not set: the default.
    t = await startTestApp({ demoData: true, env: { WEBHOOK_RETRY_BASE_MS: '50' } });
    await t.ensureDemoUsers();
  });
  afterAll(async () => {
    await retireWebhooks(t);
    await t.close();
  });

  it('refuses loopback targets at creation, and before connecting when they were stored while allowed', async () => {
    const receiver = await startReceiver(() => 204);
    try {
      for (const url of [receiver.url, receiver.url.replace('127.0.0.1', 'localhost')]) {
        const refused = await t.gql(`mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }`, {
          input: { url, eventTypes: ['PUBLISHED'] },
        }, { as: 'admin' });
        expect([refused.errors?.[0]?.extensions.code, refused.errors?.[0]?.extensions.field]).toEqual(['BAD_USER_INPUT', 'input.url']);
      }
      // Stored while the operator allowed private targets (WEBHOOK_ALLOW_PRIVATE=1), then disallowed: the worker refuses.
      const stored = async (url: string) =>
        (await t.sql(
          `INSERT INTO webhook_subscription (url, event_types, secret) VALUES ($1, ARRAY['PUBLISHED'], 'whsec_c2VjcmV0') RETURNING id::text`,
          [url],
        ))[0] as { id: string };
      const byAddress = await stored(receiver.url);
      const byName = await stored(receiver.url.replace('127.0.0.1', 'localhost'));
      await appendEvent(t);

      for (const [hook, refusal] of [
        [byAddress, '127\\.0\\.0\\.1 → 127\\.0\\.0\\.1 is a loopback address'],
        [byName, 'localhost → localhost names this machine \\(loopback\\)'],
      ] as const) {
        const [delivery] = await eventually(async () => {
          const found = await deliveriesOf(t, hook.id);
          return found[0]?.attemptLog.length > 0 && found;
        }, 10_000, 'a refused attempt');
        expect(delivery.status).toBe('PENDING');
        expect(delivery.attemptLog[0].statusCode).toBeNull();
        expect(delivery.attemptLog[0].error).toMatch(
          new RegExp(`^refused before connecting: ${refusal}; set WEBHOOK_ALLOW_PRIVATE=1 to allow such targets$`),
        );
      }
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });
});

describe('webhook delivery by two instances on one database', () => {
  let first: TestApp;
  let second: TestApp;
  let secondOpen = false;

  beforeAll(async () => {
    first = await startTestApp({ demoData: true, env: { ...QUICK, WEBHOOK_CONCURRENCY: '4' } });
    second = await startTestApp({ env: { ...QUICK, WEBHOOK_CONCURRENCY: '4' } });
    secondOpen = true;
    await first.ensureDemoUsers();
  });
  afterAll(async () => {
    await retireWebhooks(first);
    if (secondOpen) await second.close();
    await first?.close();
  });

  it('sends each of 20 events to each of 2 subscriptions exactly once', async () => {
    const receivers = [await startReceiver(() => 204), await startReceiver(() => 204)];
    try {
      const hooks: { id: string; secret: string }[] = [];
      for (const receiver of receivers) hooks.push(await createWebhook(first, { url: receiver.url, eventTypes: ['PUBLISHED'] }));
      for (let i = 0; i < 20; i++) await appendEvent(i % 2 ? first : second);
      await eventually(async () => {
        const [{ n }] = await first.sql(`SELECT count(*)::int AS n FROM webhook_delivery WHERE status = 'DELIVERED' AND subscription_id = ANY($1)`, [
          hooks.map((hook) => hook.id),
        ]);
        return n === 40;
      }, 30_000, 'all 40 deliveries to be DELIVERED');
      // Closing waits for calls in flight: nothing more can arrive after this.
      await second.close();
      secondOpen = false;
      for (const [i, receiver] of receivers.entries()) {
        const ids = receiver.received.map((r) => r.headers['webhook-id']);
        expect(ids).toHaveLength(20);
        expect(new Set(ids).size).toBe(20);
        for (const r of receiver.received) expect(matchingSignatures(hooks[i].secret, r.headers, r.body)).toHaveLength(1);
        const events = receiver.received.map((r) => JSON.parse(r.body).id);
        expect(new Set(events).size).toBe(20);
      }
      const [{ attempts }] = await first.sql(
        `SELECT count(*)::int AS attempts FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.subscription_id = ANY($1)`,
        [hooks.map((hook) => hook.id)],
      );
      expect(attempts).toBe(40);
    } finally {
      await Promise.all(receivers.map((receiver) => receiver.close()));
    }
  });
});

describe('the retry horizon, and redelivery', () => {
  let t: TestApp;

  beforeAll(async () => {
    // 0.0003 h ≈ 1.1 s: a delivery failing for longer than that is given up.
    t = await startTestApp({ demoData: true, env: { ...QUICK, WEBHOOK_RETRY_HORIZON_HOURS: '0.0003' } });
    await t.ensureDemoUsers();
  });
  afterAll(async () => {
    await retireWebhooks(t);
    await t.close();
  });

  it('marks a delivery FAILED once its retries would pass the horizon; redelivery sends it again with the same id', async () => {
    let answer = 503;
    const receiver = await startReceiver(() => answer);
    try {
      const hook = await createWebhook(t, { url: receiver.url, eventTypes: ['PUBLISHED'] });
      await appendEvent(t);
      const [failed] = await eventually(async () => {
        const found = await deliveriesOf(t, hook.id);
        return found[0]?.status === 'FAILED' && found;
      }, 15_000, 'the delivery to be FAILED');
      expect(failed.attempts).toBeGreaterThanOrEqual(2);
      expect(failed.attemptLog).toHaveLength(failed.attempts);
      expect(failed.attemptLog.every((attempt: any) => attempt.statusCode === 503)).toBe(true);
      expect(failed.nextAttemptAt).toBeNull();
      expect(failed.completedAt).not.toBeNull();
      expect(failed.lastStatusCode).toBe(503);
      expect(failed.lastError).toBe('HTTP 503');
      const sentBefore = receiver.received.length;
      expect(sentBefore).toBe(failed.attempts);

      answer = 200;
      const auditBefore = await lastAuditId(t.sql);
      const redelivered = dataOf(
        await t.gql(`mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { ${DELIVERY_FIELDS} } }`, { id: failed.id }, { as: 'admin' }),
      ).redeliverWebhook;
      expect(redelivered).toMatchObject({ id: failed.id, status: 'PENDING', attempts: failed.attempts, completedAt: null });
      expect(redelivered.nextAttemptAt).not.toBeNull();

      const again = (await receiver.waitFor(sentBefore + 1))[sentBefore];
      expect(again.headers['webhook-id']).toBe(failed.id);
      expect(matchingSignatures(hook.secret, again.headers, again.body)).toHaveLength(1);
      const [delivered] = await eventually(async () => {
        const found = await deliveriesOf(t, hook.id);
        return found[0]?.status === 'DELIVERED' && found;
      }, 10_000, 'the redelivery');
      expect(delivered.attempts).toBe(failed.attempts + 1);
      expect(delivered.lastStatusCode).toBe(200);
      const audit = await auditEventsAfter(t.sql, auditBefore);
      expect(audit.map((event) => [event.action, event.target_type, event.target_id, event.actor_name])).toEqual([
        ['webhook.redeliver', 'webhook_delivery', failed.id, 'admin'],
      ]);
    } finally {
      await receiver.close();
    }
  });
});

describe('a subscription failing for a long time', () => {
  let t: TestApp;

  beforeAll(async () => {
    // 0.0002 h = 720 ms of nothing but failures disables a subscription.
    t = await startTestApp({ demoData: true, env: { ...QUICK, WEBHOOK_DISABLE_AFTER_HOURS: '0.0002' } });
    await t.ensureDemoUsers();
  });
  afterAll(async () => {
    await retireWebhooks(t);
    await t.close();
  });

  it('is disabled by the system, with the reason and an audit event, and gets nothing more until enabled again', async () => {
    const receiver = await startReceiver(() => 500);
    try {
      const hook = await createWebhook(t, { url: receiver.url, eventTypes: ['PUBLISHED'] });
      const auditBefore = await lastAuditId(t.sql);
      await appendEvent(t);
      const webhook = await eventually(async () => {
        const { webhook } = dataOf(
          await t.gql(`query($id: ID!) { webhook(id: $id) { active disabledReason failingSince pendingDeliveries } }`, { id: hook.id }, { as: 'admin' }),
        );
        return !webhook.active && webhook;
      }, 15_000, 'the subscription to be disabled');
      expect(webhook.disabledReason).toMatch(/^every delivery failed since \S+, for longer than 720 ms$/);
      expect(webhook.failingSince).not.toBeNull();
      expect(webhook.pendingDeliveries).toBe(1);
      const audit = await auditEventsAfter(t.sql, auditBefore);
      expect(audit.map((event) => [event.action, event.actor_name, event.target_id])).toEqual([['webhook.disable', 'system', hook.id]]);
      expect(audit[0].reason).toBe(webhook.disabledReason);

      // Disabled: no new deliveries are queued for it, and the waiting one is not sent.
      const sent = receiver.received.length;
      await appendEvent(t);
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM webhook_delivery WHERE subscription_id = $1`, [hook.id]);
      expect(n).toBe(1);
      await new Promise((wait) => setTimeout(wait, 500));
      expect(receiver.received.length).toBe(sent);

      const enabled = dataOf(
        await t.gql(`mutation($id: ID!) { updateWebhook(id: $id, input: { active: true }) { active disabledReason failingSince } }`, { id: hook.id }, { as: 'admin' }),
      ).updateWebhook;
      expect(enabled).toEqual({ active: true, disabledReason: null, failingSince: null });
      await receiver.waitFor(sent + 1);
    } finally {
      await receiver.close();
    }
  });
});
