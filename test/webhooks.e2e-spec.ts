import { startTestApp, type DemoUsername, type TestApp } from './support/test-app';
import { dataOf, errorOf } from './support/policy-api';
import { auditEventsAfter, lastAuditId } from './support/workflow-api';

/**
 * Webhook subscriptions over GraphQL (issue 10, item 3): ADMIN only, validated with the field at fault and nothing
 * written, every change an audit event in its own transaction and never with a secret, the secret shown once, soft
 * deletion, rotation, no back-fill, the outbox following type and policy filters, and the delivery log. The worker is
 * off here (WEBHOOK_WORKER=0), so deliveries stay as the test leaves them; test/webhook-worker.e2e-spec.ts sends them.
 */

const WEBHOOK_FIELDS = `id url description eventTypes policyKeys active disabledReason failingSince previousSecretExpiresAt
  createdAt updatedAt pendingDeliveries failedDeliveries lastDeliveredAt`;
const DELIVERY_FIELDS = `id webhookId webhookUrl status attempts nextAttemptAt lastStatusCode lastError createdAt completedAt
  event { id type policyKey } attemptLog { attemptedAt durationMs statusCode error responseExcerpt }`;

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { ${WEBHOOK_FIELDS} } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { ${WEBHOOK_FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deleteWebhook(id: $id) { ${WEBHOOK_FIELDS} } }`;
const ROTATE = `mutation($id: ID!, $grace: Int) { rotateWebhookSecret(id: $id, graceSeconds: $grace) { secret webhook { ${WEBHOOK_FIELDS} } } }`;
const REDELIVER = `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { ${DELIVERY_FIELDS} } }`;
const LIST = `{ webhooks { ${WEBHOOK_FIELDS} } }`;
const ONE = `query($id: ID!) { webhook(id: $id) { ${WEBHOOK_FIELDS} } }`;
const DELIVERIES = `query($webhookId: ID, $status: WebhookDeliveryStatus, $eventType: ChangeEventType, $after: String, $first: Int) {
  webhookDeliveries(webhookId: $webhookId, status: $status, eventType: $eventType, after: $after, first: $first) {
    deliveries { ${DELIVERY_FIELDS} } endCursor hasNextPage totalCount } }`;

const SOME_ID = '0b0e7c5e-8d1a-4f0e-9c39-2f5d7b1e6a42';

describe('webhook subscriptions (ADMIN)', () => {
  let t: TestApp;
  /** Every secret any answer showed: none may ever reach the audit trail. */
  const secretsSeen: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, env: { WEBHOOK_WORKER: '0' } });
    await t.ensureDemoUsers();
    // Log everyone in now: a login is an audit event of its own, and the tests count theirs.
    for (const as of ['admin', 'editor', 'approver', 'auditor'] as const) dataOf(await t.gql(`{ me { id } }`, {}, { as }));
  });
  afterAll(async () => {
    await t.close();
  });

  async function create(input: Record<string, unknown>) {
    const created = dataOf(await t.gql(CREATE, { input }, { as: 'admin' })).createWebhook;
    secretsSeen.push(created.secret);
    return created as { secret: string; webhook: Record<string, any> };
  }

  /** A PUBLISHED event of `policyKey` written into the feed, as its trigger writes it. */
  async function appendEvent(policyKey = 'contact', type: 'PUBLISHED' | 'WITHDRAWN' = 'PUBLISHED'): Promise<string> {
    const [row] = await t.sql(
      `INSERT INTO change_event (type, policy_id, policy_key, version_id, version_number, effective, recorded_at, retroactive)
       SELECT $2, v.policy_id, p.key, v.id, v.number, v.effective, now(), CASE WHEN $2 = 'PUBLISHED' THEN false END
         FROM policy_version v JOIN policy p ON p.id = v.policy_id
        WHERE v.status = 'PUBLISHED' AND p.key = $1 ORDER BY v.number LIMIT 1
       RETURNING id::text`,
      [policyKey, type],
    );
    return row.id;
  }

  /** Every subscription row and audit event, to show that a refused call wrote nothing. */
  async function fingerprint() {
    const [row] = await t.sql(`
      SELECT (SELECT md5(coalesce(string_agg(to_jsonb(s)::text, '|' ORDER BY id), '')) FROM webhook_subscription s) AS subscriptions,
             (SELECT md5(coalesce(string_agg(to_jsonb(d)::text, '|' ORDER BY id), '')) FROM webhook_delivery d) AS deliveries,
             (SELECT count(*)::int FROM audit_event) AS audit`);
    return row;
  }

  it('creates a webhook, shows its Standard Webhooks secret once, and records it in the audit trail', async () => {
    const before = await lastAuditId(t.sql);
    const { secret, webhook } = await create({
      url: 'https://Example.JP/hooks/policy-cms?team=web',
      description: '  公開サイト  ',
      eventTypes: ['PUBLISHED', 'TOOK_EFFECT'],
      policyKeys: ['contact'],
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(webhook).toMatchObject({
      url: 'https://example.jp/hooks/policy-cms?team=web',
      description: '公開サイト',
      eventTypes: ['PUBLISHED', 'TOOK_EFFECT'],
      policyKeys: ['contact'],
      active: true,
      disabledReason: null,
      failingSince: null,
      previousSecretExpiresAt: null,
      pendingDeliveries: 0,
      failedDeliveries: 0,
      lastDeliveredAt: null,
    });
    expect(dataOf(await t.gql(ONE, { id: webhook.id }, { as: 'admin' })).webhook).toEqual(webhook);

    const audit = await auditEventsAfter(t.sql, before);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'webhook.create', actor_name: 'admin', target_type: 'webhook', target_id: webhook.id });
    expect(audit[0].after).toEqual({
      url: webhook.url,
      description: '公開サイト',
      eventTypes: ['PUBLISHED', 'TOOK_EFFECT'],
      policyKeys: ['contact'],
      active: true,
    });
    const [{ created_by }] = await t.sql(`SELECT created_by::text FROM webhook_subscription WHERE id = $1`, [webhook.id]);
    expect(created_by).toBe(await t.userId('admin'));
  });

  it('lists webhooks newest first, and every policy when no keys are given', async () => {
    const older = (await create({ url: 'http://receiver.example.jp/a', eventTypes: ['WITHDRAWN'] })).webhook;
    const newer = (await create({ url: 'http://receiver.example.jp/b', eventTypes: ['WITHDRAWN'], active: false })).webhook;
    expect(older.policyKeys).toBeNull();
    expect(older.description).toBe('');
    expect(newer.active).toBe(false);
    const list = dataOf(await t.gql(LIST, {}, { as: 'admin' })).webhooks as any[];
    const ids = list.map((webhook) => webhook.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    expect(list.every((webhook, i) => i === 0 || webhook.createdAt <= list[i - 1].createdAt)).toBe(true);
  });

  it.each<[string, DemoUsername | undefined, string]>([
    ['an editor', 'editor', 'FORBIDDEN'],
    ['an approver', 'approver', 'FORBIDDEN'],
    ['an auditor', 'auditor', 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s every query and mutation, and writes nothing', async (_who, as, code) => {
    const { webhook } = await create({ url: 'https://example.jp/roles', eventTypes: ['PUBLISHED'] });
    const deliveryId = await pendingDeliveryOf(webhook.id);
    const before = await fingerprint();
    const calls: [string, Record<string, unknown>][] = [
      [LIST, {}],
      [ONE, { id: webhook.id }],
      [DELIVERIES, {}],
      [CREATE, { input: { url: 'https://example.jp/x', eventTypes: ['PUBLISHED'] } }],
      [UPDATE, { id: webhook.id, input: { active: false } }],
      [DELETE, { id: webhook.id }],
      [ROTATE, { id: webhook.id }],
      [REDELIVER, { id: deliveryId }],
    ];
    for (const [query, variables] of calls) {
      const result = await t.gql(query, variables, { as });
      expect([query.slice(0, 40), errorOf(result).extensions.code]).toEqual([query.slice(0, 40), code]);
      expect(result.data ?? null).toBeNull();
    }
    expect(await fingerprint()).toEqual(before);
  });

  /** Queues one delivery for the webhook (an event of every type it wants) and returns its id. */
  async function pendingDeliveryOf(webhookId: string): Promise<string> {
    const [{ types, keys }] = await t.sql(`SELECT event_types AS types, policy_keys AS keys FROM webhook_subscription WHERE id = $1`, [webhookId]);
    const type = types.includes('PUBLISHED') ? 'PUBLISHED' : 'WITHDRAWN';
    const eventId = await appendEvent(keys?.[0] ?? 'contact', type);
    const [{ id }] = await t.sql(
      `SELECT d.id::text FROM webhook_delivery d JOIN change_event e ON e.seq = d.event_seq WHERE e.id = $1 AND d.subscription_id = $2`,
      [eventId, webhookId],
    );
    return id;
  }

  const longUrl = `https://example.jp/${'a'.repeat(2040)}`;
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a relative URL', { url: '/hooks' }, 'input.url', /must be absolute/],
    ['not a URL', { url: 'receiver' }, 'input.url', /must be absolute/],
    ['an ftp URL', { url: 'ftp://example.jp/hooks' }, 'input.url', /https:\/\/ or http:\/\//],
    ['a javascript URL', { url: 'javascript:alert(1)' }, 'input.url', /https:\/\/ or http:\/\//],
    ['credentials in the URL', { url: 'https://user:secret@example.jp/hooks' }, 'input.url', /user name or password/],
    ['a URL over 2048 characters', { url: longUrl }, 'input.url', /at most 2048/],
    ['no event type', { eventTypes: [] }, 'input.eventTypes', /at least one/],
    ['an event type twice', { eventTypes: ['PUBLISHED', 'PUBLISHED'] }, 'input.eventTypes', /twice/],
    ['an unknown policy', { policyKeys: ['contact', 'no.such.policy'] }, 'input.policyKeys', /no such policy: no\.such\.policy/],
    ['an empty policy list', { policyKeys: [] }, 'input.policyKeys', /at least one/],
    ['a policy twice', { policyKeys: ['contact', 'contact'] }, 'input.policyKeys', /twice/],
    ['201 policies', { policyKeys: Array.from({ length: 201 }, (_, i) => `p${i}`) }, 'input.policyKeys', /at most 200/],
    ['a description over 200 characters', { description: 'あ'.repeat(201) }, 'input.description', /at most 200/],
  ])('refuses to create a webhook with %s, naming the field, and writes nothing', async (_case, change, field, message) => {
    const before = await fingerprint();
    const result = await t.gql(CREATE, { input: { url: 'https://example.jp/hooks', eventTypes: ['PUBLISHED'], ...change } }, { as: 'admin' });
    const error = errorOf(result);
    expect([error.extensions.code, error.extensions.field]).toEqual(['BAD_USER_INPUT', field]);
    expect(error.message).toMatch(message);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses bad updates, rotations and ids the same way, and answers NOT_FOUND for an unknown webhook', async () => {
    const { webhook } = await create({ url: 'https://example.jp/refusals', eventTypes: ['PUBLISHED'] });
    const before = await fingerprint();
    const refusals: [string, Record<string, unknown>, string, string | undefined][] = [
      [UPDATE, { id: webhook.id, input: { url: 'mailto:a@example.jp' } }, 'BAD_USER_INPUT', 'input.url'],
      [UPDATE, { id: webhook.id, input: { eventTypes: [] } }, 'BAD_USER_INPUT', 'input.eventTypes'],
      [UPDATE, { id: webhook.id, input: { policyKeys: ['nope'] } }, 'BAD_USER_INPUT', 'input.policyKeys'],
      [UPDATE, { id: webhook.id, input: { policyKeys: ['contact'], allPolicies: true } }, 'BAD_USER_INPUT', 'input.allPolicies'],
      [ROTATE, { id: webhook.id, grace: -1 }, 'BAD_USER_INPUT', 'graceSeconds'],
      [ROTATE, { id: webhook.id, grace: 604_801 }, 'BAD_USER_INPUT', 'graceSeconds'],
      [ONE, { id: 'not-a-uuid' }, 'BAD_USER_INPUT', 'id'],
      [REDELIVER, { id: 'nope' }, 'BAD_USER_INPUT', 'deliveryId'],
      [DELIVERIES, { webhookId: 'nope' }, 'BAD_USER_INPUT', 'webhookId'],
      [DELIVERIES, { first: 0 }, 'BAD_USER_INPUT', 'first'],
      [DELIVERIES, { first: 101 }, 'BAD_USER_INPUT', 'first'],
      [DELIVERIES, { after: 'garbage' }, 'BAD_USER_INPUT', 'after'],
      [ONE, { id: SOME_ID }, 'NOT_FOUND', undefined],
      [UPDATE, { id: SOME_ID, input: { active: false } }, 'NOT_FOUND', undefined],
      [DELETE, { id: SOME_ID }, 'NOT_FOUND', undefined],
      [ROTATE, { id: SOME_ID }, 'NOT_FOUND', undefined],
      [REDELIVER, { id: SOME_ID }, 'NOT_FOUND', undefined],
    ];
    for (const [query, variables, code, field] of refusals) {
      const error = errorOf(await t.gql(query, variables, { as: 'admin' }));
      expect([JSON.stringify(variables), error.extensions.code, error.extensions.field]).toEqual([JSON.stringify(variables), code, field]);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('updates only what is given, disables and enables again, with before and after in the audit trail', async () => {
    const { webhook } = await create({ url: 'https://example.jp/u', eventTypes: ['PUBLISHED'], policyKeys: ['contact'] });
    const before = await lastAuditId(t.sql);
    const updated = dataOf(
      await t.gql(UPDATE, { id: webhook.id, input: { description: '予約システム', eventTypes: ['WITHDRAWN', 'PUBLISHED'], allPolicies: true } }, { as: 'admin' }),
    ).updateWebhook;
    expect(updated).toMatchObject({ url: webhook.url, description: '予約システム', eventTypes: ['WITHDRAWN', 'PUBLISHED'], policyKeys: null, active: true });
    expect(updated.updatedAt >= webhook.updatedAt).toBe(true);

    await t.sql(`UPDATE webhook_subscription SET failing_since = now() - interval '1 day' WHERE id = $1`, [webhook.id]);
    const disabled = dataOf(await t.gql(UPDATE, { id: webhook.id, input: { active: false } }, { as: 'admin' })).updateWebhook;
    expect(disabled.active).toBe(false);
    const enabled = dataOf(await t.gql(UPDATE, { id: webhook.id, input: { active: true, policyKeys: ['contact'] } }, { as: 'admin' })).updateWebhook;
    expect(enabled).toMatchObject({ active: true, failingSince: null, disabledReason: null, policyKeys: ['contact'] });

    const audit = await auditEventsAfter(t.sql, before);
    expect(audit.map((event) => event.action)).toEqual(['webhook.update', 'webhook.update', 'webhook.update']);
    expect(audit[0].before).toMatchObject({ description: '', eventTypes: ['PUBLISHED'], policyKeys: ['contact'] });
    expect(audit[0].after).toMatchObject({ description: '予約システム', eventTypes: ['WITHDRAWN', 'PUBLISHED'], policyKeys: null });
    expect([audit[1].before.active, audit[1].after.active, audit[2].after.active]).toEqual([true, false, true]);
  });

  it('queues deliveries only for events after its creation, of its types and policies, while active', async () => {
    const earlier = await appendEvent('contact');
    const all = (await create({ url: 'https://example.jp/all', eventTypes: ['PUBLISHED'] })).webhook;
    const contactOnly = (await create({ url: 'https://example.jp/contact', eventTypes: ['PUBLISHED'], policyKeys: ['contact'] })).webhook;
    const withdrawals = (await create({ url: 'https://example.jp/withdrawn', eventTypes: ['WITHDRAWN'] })).webhook;
    const inactive = (await create({ url: 'https://example.jp/off', eventTypes: ['PUBLISHED'], active: false })).webhook;
    const [{ key: otherKey }] = await t.sql(
      `SELECT p.key FROM policy p JOIN policy_version v ON v.policy_id = p.id WHERE v.status = 'PUBLISHED' AND p.key <> 'contact' ORDER BY p.key LIMIT 1`,
    );
    const contactEvent = await appendEvent('contact');
    const otherEvent = await appendEvent(otherKey);

    const eventsOf = async (webhookId: string) =>
      (dataOf(await t.gql(DELIVERIES, { webhookId }, { as: 'admin' })).webhookDeliveries.deliveries as any[]).map((d) => d.event.id).sort();
    expect(await eventsOf(all.id)).toEqual([contactEvent, otherEvent].sort());
    expect(await eventsOf(contactOnly.id)).toEqual([contactEvent]);
    expect(await eventsOf(withdrawals.id)).toEqual([]);
    expect(await eventsOf(inactive.id)).toEqual([]);
    expect((await eventsOf(all.id)).includes(earlier)).toBe(false);
    const counted = dataOf(await t.gql(ONE, { id: all.id }, { as: 'admin' })).webhook;
    expect([counted.pendingDeliveries, counted.failedDeliveries]).toEqual([2, 0]);
  });

  it('pages the delivery log newest first, filtered by webhook, status and event type', async () => {
    const { webhook } = await create({ url: 'https://example.jp/log', eventTypes: ['PUBLISHED', 'WITHDRAWN'] });
    const events = [];
    for (let i = 0; i < 5; i++) events.push(await appendEvent('contact', i === 2 ? 'WITHDRAWN' : 'PUBLISHED'));
    await t.sql(
      `UPDATE webhook_delivery d SET status = 'FAILED', completed_at = now() FROM change_event e
        WHERE e.seq = d.event_seq AND e.id = $1 AND d.subscription_id = $2`,
      [events[0], webhook.id],
    );
    const page = async (variables: Record<string, unknown>) =>
      dataOf(await t.gql(DELIVERIES, { webhookId: webhook.id, ...variables }, { as: 'admin' })).webhookDeliveries;

    const first = await page({ first: 2 });
    expect(first.totalCount).toBe(5);
    expect(first.hasNextPage).toBe(true);
    expect(first.deliveries.map((d: any) => d.event.id)).toEqual([events[4], events[3]]);
    expect(first.deliveries[0]).toMatchObject({ webhookId: webhook.id, webhookUrl: webhook.url, status: 'PENDING', attempts: 0, attemptLog: [] });
    expect(first.deliveries[0].nextAttemptAt).not.toBeNull();
    const second = await page({ first: 2, after: first.endCursor });
    expect(second.deliveries.map((d: any) => d.event.id)).toEqual([events[2], events[1]]);
    const last = await page({ first: 2, after: second.endCursor });
    expect(last.deliveries.map((d: any) => d.event.id)).toEqual([events[0]]);
    expect(last.hasNextPage).toBe(false);
    expect(last.deliveries[0]).toMatchObject({ status: 'FAILED', nextAttemptAt: null });

    const failed = await page({ status: 'FAILED' });
    expect([failed.totalCount, failed.deliveries.map((d: any) => d.event.id)]).toEqual([1, [events[0]]]);
    const withdrawn = await page({ eventType: 'WITHDRAWN' });
    expect([withdrawn.totalCount, withdrawn.deliveries.map((d: any) => d.event.type)]).toEqual([1, ['WITHDRAWN']]);
    const everyWebhook = dataOf(await t.gql(DELIVERIES, { first: 100 }, { as: 'admin' })).webhookDeliveries;
    expect(everyWebhook.totalCount).toBeGreaterThan(5);
  });

  it('rotates the secret: the new one is shown once, the old one signs until the grace period ends', async () => {
    const { webhook, secret } = await create({ url: 'https://example.jp/rotate', eventTypes: ['PUBLISHED'] });
    const before = await lastAuditId(t.sql);
    const rotated = dataOf(await t.gql(ROTATE, { id: webhook.id, grace: 3600 }, { as: 'admin' })).rotateWebhookSecret;
    secretsSeen.push(rotated.secret);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(secret);
    const expires = new Date(rotated.webhook.previousSecretExpiresAt).getTime();
    const [{ now }] = await t.sql(`SELECT now() AS now`);
    expect(Math.abs(expires - (now.getTime() + 3600_000))).toBeLessThan(60_000);
    const [row] = await t.sql(`SELECT secret, previous_secret FROM webhook_subscription WHERE id = $1`, [webhook.id]);
    expect([row.secret, row.previous_secret]).toEqual([rotated.secret, secret]);

    const defaulted = dataOf(await t.gql(ROTATE, { id: webhook.id }, { as: 'admin' })).rotateWebhookSecret;
    secretsSeen.push(defaulted.secret);
    expect(new Date(defaulted.webhook.previousSecretExpiresAt).getTime() - expires).toBeGreaterThan(20 * 3600_000);
    const immediate = dataOf(await t.gql(ROTATE, { id: webhook.id, grace: 0 }, { as: 'admin' })).rotateWebhookSecret;
    secretsSeen.push(immediate.secret);
    expect(immediate.webhook.previousSecretExpiresAt).toBeNull();

    const audit = await auditEventsAfter(t.sql, before);
    expect(audit.map((event) => [event.action, event.target_id])).toEqual([
      ['webhook.rotate_secret', webhook.id],
      ['webhook.rotate_secret', webhook.id],
      ['webhook.rotate_secret', webhook.id],
    ]);
    expect(audit.map((event) => event.after.graceSeconds)).toEqual([3600, 86400, 0]);
  });

  it('deletes softly: gone from the API, pending deliveries FAILED, the log kept', async () => {
    const { webhook } = await create({ url: 'https://example.jp/delete', eventTypes: ['PUBLISHED'] });
    const deliveryId = await pendingDeliveryOf(webhook.id);
    const before = await lastAuditId(t.sql);
    const deleted = dataOf(await t.gql(DELETE, { id: webhook.id }, { as: 'admin' })).deleteWebhook;
    expect(deleted).toMatchObject({ id: webhook.id, active: false, pendingDeliveries: 0, failedDeliveries: 1 });

    expect((dataOf(await t.gql(LIST, {}, { as: 'admin' })).webhooks as any[]).some((w) => w.id === webhook.id)).toBe(false);
    expect(errorOf(await t.gql(ONE, { id: webhook.id }, { as: 'admin' })).extensions.code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(DELETE, { id: webhook.id }, { as: 'admin' })).extensions.code).toBe('NOT_FOUND');
    expect(errorOf(await t.gql(REDELIVER, { id: deliveryId }, { as: 'admin' })).extensions.code).toBe('CONFLICT');
    const [log] = dataOf(await t.gql(DELIVERIES, { webhookId: webhook.id }, { as: 'admin' })).webhookDeliveries.deliveries;
    expect(log).toMatchObject({ id: deliveryId, status: 'FAILED', lastError: 'the webhook was deleted' });

    // Deleted: nothing more is queued for it.
    await appendEvent('contact');
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM webhook_delivery WHERE subscription_id = $1`, [webhook.id]);
    expect(n).toBe(1);
    const audit = await auditEventsAfter(t.sql, before);
    expect(audit.map((event) => [event.action, event.target_id])).toEqual([['webhook.delete', webhook.id]]);
  });

  it('redelivers a finished delivery with the same id, due now, and records it; a disabled webhook’s is refused', async () => {
    const { webhook } = await create({ url: 'https://example.jp/redeliver', eventTypes: ['PUBLISHED'] });
    const deliveryId = await pendingDeliveryOf(webhook.id);
    await t.sql(
      `UPDATE webhook_delivery SET status = 'FAILED', attempts = 7, completed_at = now(), next_attempt_at = now() + interval '1 day',
              last_status_code = 500, last_error = 'HTTP 500' WHERE id = $1`,
      [deliveryId],
    );
    const before = await lastAuditId(t.sql);
    const redelivered = dataOf(await t.gql(REDELIVER, { id: deliveryId }, { as: 'admin' })).redeliverWebhook;
    expect(redelivered).toMatchObject({ id: deliveryId, status: 'PENDING', attempts: 7, completedAt: null, lastStatusCode: 500 });
    const [{ due }] = await t.sql(`SELECT next_attempt_at <= now() AS due FROM webhook_delivery WHERE id = $1`, [deliveryId]);
    expect(due).toBe(true);
    const audit = await auditEventsAfter(t.sql, before);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'webhook.redeliver', target_type: 'webhook_delivery', target_id: deliveryId, actor_name: 'admin' });
    expect(audit[0].before).toEqual({ status: 'FAILED' });

    dataOf(await t.gql(UPDATE, { id: webhook.id, input: { active: false } }, { as: 'admin' }));
    const fingerprintBefore = await fingerprint();
    const refused = errorOf(await t.gql(REDELIVER, { id: deliveryId }, { as: 'admin' }));
    expect([refused.extensions.code, refused.message]).toEqual(['CONFLICT', 'its webhook is disabled: enable it first']);
    expect(await fingerprint()).toEqual(fingerprintBefore);
  });

  it('never writes a secret into the audit trail', async () => {
    const [{ n: webhookEvents }] = await t.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action LIKE 'webhook.%'`);
    expect(webhookEvents).toBeGreaterThan(10);
    expect(secretsSeen.length).toBeGreaterThan(10);
    const [{ secrets }] = await t.sql(`SELECT array_agg(secret) || array_agg(previous_secret) AS secrets FROM webhook_subscription`);
    for (const secret of [...secretsSeen, ...secrets.filter(Boolean)]) {
      const key = secret.slice('whsec_'.length);
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM audit_event e WHERE strpos(to_jsonb(e)::text, $1) > 0`, [key]);
      expect(n).toBe(0);
    }
    const [{ n: anyPrefix }] = await t.sql(`SELECT count(*)::int AS n FROM audit_event e WHERE strpos(to_jsonb(e)::text, 'whsec_') > 0`);
    expect(anyPrefix).toBe(0);
  });
});
