import { startTestApp, type TestApp } from './support/test-app';
import { dataOf, errorOf } from './support/policy-api';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { currentDatabase } from './support/current-database';
import { DEFAULT_DEMO_PASSWORD } from '../apps/api/src/config/app-config';
import { eventually, startReceiver, type Receiver } from './webhooks/receiver';

/**
 * A hostile second look at the webhooks (issue 10, item 3): what an ADMIN can type into the forms, what a receiver can
 * do to the workers, and where a signing secret could leak. Each case is something that went wrong once.
 */

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id url } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, input: $input) { id url } }`;
const DELIVERIES = `query($id: ID) { webhookDeliveries(webhookId: $id, first: 100) {
  deliveries { id status attempts lastError event { id } attemptLog { statusCode error } } } }`;

/** Every subscription, delivery and audit event: a refused call must leave all three as they were. */
async function fingerprint(t: TestApp) {
  const [row] = await t.sql(`
    SELECT (SELECT md5(coalesce(string_agg(to_jsonb(s)::text, '|' ORDER BY id), '')) FROM webhook_subscription s) AS subscriptions,
           (SELECT md5(coalesce(string_agg(to_jsonb(d)::text, '|' ORDER BY id), '')) FROM webhook_delivery d) AS deliveries,
           (SELECT count(*)::int FROM audit_event) AS audit`);
  return row;
}

/** A PUBLISHED event of the contact notice written into the feed, as its trigger writes it. */
async function appendEvent(t: TestApp): Promise<string> {
  const [row] = await t.sql(`
    INSERT INTO change_event (type, policy_id, policy_key, version_id, version_number, effective, recorded_at, retroactive)
    SELECT 'PUBLISHED', v.policy_id, p.key, v.id, v.number, v.effective, now(), false
      FROM policy_version v JOIN policy p ON p.id = v.policy_id
     WHERE v.status = 'PUBLISHED' AND p.key = 'contact' ORDER BY v.number LIMIT 1
    RETURNING id::text`);
  return row.id;
}

async function retireWebhooks(t: TestApp): Promise<void> {
  await t.sql(`UPDATE webhook_subscription SET active = false, deleted_at = now() WHERE deleted_at IS NULL`);
}

describe('hostile input to the webhook forms', () => {
  let t: TestApp;
  let existing: string;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, env: { WEBHOOK_WORKER: '0' } });
    await t.ensureDemoUsers();
    dataOf(await t.gql(`{ me { id } }`, {}, { as: 'admin' }));
    existing = dataOf(await t.gql(CREATE, { input: { url: 'https://example.jp/existing', eventTypes: ['PUBLISHED'] } }, { as: 'admin' }))
      .createWebhook.webhook.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const base = { url: 'https://example.jp/hooks', eventTypes: ['PUBLISHED'] };
  const huge = 'x'.repeat(100_000);
  it.each<[string, Record<string, unknown>, string]>([
    ['a NUL character in the description', { description: 'a\u0000b' }, 'input.description'],
    ['a lone surrogate in the description', { description: 'a\ud800b' }, 'input.description'],
    ['a 100k description', { description: huge }, 'input.description'],
    ['a NUL character in a policy key', { policyKeys: ['con\u0000tact'] }, 'input.policyKeys'],
    ['a lone surrogate in a policy key', { policyKeys: ['\udc00contact'] }, 'input.policyKeys'],
    ['a 100k policy key', { policyKeys: [huge] }, 'input.policyKeys'],
    ['10k policy keys', { policyKeys: Array.from({ length: 10_000 }, (_, i) => `k${i}`) }, 'input.policyKeys'],
    ['a 100k URL', { url: `https://example.jp/${huge}` }, 'input.url'],
    ['a NUL character in the host', { url: 'https://exa\u0000mple.jp/' }, 'input.url'],
    ['an unknown event type', { eventTypes: ['PUBLISHED', 'DELETED'] }, 'input.eventTypes'],
    ['a loopback address in decimal', { url: 'http://2130706433/hook' }, 'input.url'],
    ['a loopback address in hex', { url: 'http://0x7f.1/hook' }, 'input.url'],
    ['a loopback address in octal', { url: 'http://017700000001/hook' }, 'input.url'],
    ['the unspecified address', { url: 'http://0.0.0.0:8080/hook' }, 'input.url'],
    ['IPv6 loopback', { url: 'http://[::1]/hook' }, 'input.url'],
    ['IPv4-mapped IPv6 loopback', { url: 'http://[::ffff:127.0.0.1]/hook' }, 'input.url'],
    ['an IPv6 zone index', { url: 'http://[fe80::1%25eth0]/hook' }, 'input.url'],
    ['the cloud metadata address', { url: 'http://169.254.169.254/latest/meta-data/' }, 'input.url'],
    ['a private address', { url: 'https://10.0.0.8/hook' }, 'input.url'],
    ['localhost', { url: 'http://localhost:8080/hook' }, 'input.url'],
    ['localhost with a trailing dot', { url: 'http://localhost./hook' }, 'input.url'],
    ['a name under .localhost', { url: 'http://api.localhost/hook' }, 'input.url'],
    ['localhost in full-width letters (IDN)', { url: 'http://ｌｏｃａｌｈｏｓｔ/hook' }, 'input.url'],
    // Found by a hostile review: the URL parser would have dropped the line break and stored another URL.
    ['a line break and a header in the URL', { url: 'http://example.com/\r\nX-Injected: 1' }, 'input.url'],
    ['a space around the URL', { url: ' https://example.jp/hooks' }, 'input.url'],
    ['port 0', { url: 'http://example.com:0/' }, 'input.url'],
  ])('refuses %s with a typed error naming the field, a short message, and writes nothing', async (_case, change, field) => {
    const before = await fingerprint(t);
    const result = await t.gql(CREATE, { input: { ...base, ...change } }, { as: 'admin' });
    const error = errorOf(result);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    // The field at fault, or an item of it (input.policyKeys[0]).
    expect(error.extensions.field).toMatch(new RegExp(`^${field.replace('.', '\\.')}(\\[\\d+\\])?$`));
    expect(error.message.length).toBeLessThan(500);
    expect(result.data ?? null).toBeNull();
    expect(await fingerprint(t)).toEqual(before);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a NUL character in the description', { description: '\u0000' }, 'input.description'],
    ['a lone surrogate in a policy key', { policyKeys: ['contact\ud800'] }, 'input.policyKeys'],
    ['a 100k policy key', { policyKeys: [huge] }, 'input.policyKeys'],
    ['a private target', { url: 'http://192.168.0.1/hook' }, 'input.url'],
    ['an unknown event type', { eventTypes: ['NOPE'] }, 'input.eventTypes'],
  ])('refuses an update with %s the same way', async (_case, input, field) => {
    const before = await fingerprint(t);
    const error = errorOf(await t.gql(UPDATE, { id: existing, input }, { as: 'admin' }));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toMatch(new RegExp(`^${field.replace('.', '\\.')}(\\[\\d+\\])?$`));
    expect(error.message.length).toBeLessThan(500);
    expect(await fingerprint(t)).toEqual(before);
  });

  it('says which address a refused URL points at, and how the operator allows it', async () => {
    const error = errorOf(await t.gql(CREATE, { input: { ...base, url: 'http://[::ffff:127.0.0.1]:8080/hook' } }, { as: 'admin' }));
    expect(error.message).toBe(
      'a webhook URL must not point at a private, loopback or link-local address (::ffff:7f00:1 is a loopback address); ' +
        'the operator can allow such targets with WEBHOOK_ALLOW_PRIVATE=1',
    );
  });

  it('puts every webhook change in the hash-chained audit trail, where rewriting one is detected', async () => {
    const { id } = dataOf(await t.gql(CREATE, { input: { url: 'https://example.jp/audited', eventTypes: ['PUBLISHED'] } }, { as: 'admin' }))
      .createWebhook.webhook;
    dataOf(await t.gql(UPDATE, { id, input: { description: '監査' } }, { as: 'admin' }));
    dataOf(await t.gql(`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, { id }, { as: 'admin' }));
    dataOf(await t.gql(`mutation($id: ID!) { deleteWebhook(id: $id) { id } }`, { id }, { as: 'admin' }));
    const events = await t.sql(`SELECT id::text, action, actor_name FROM audit_event WHERE target_id = $1 ORDER BY id`, [id]);
    expect(events.map((event) => [event.action, event.actor_name])).toEqual([
      ['webhook.create', 'admin'],
      ['webhook.update', 'admin'],
      ['webhook.rotate_secret', 'admin'],
      ['webhook.delete', 'admin'],
    ]);
    const VERIFY = `{ verifyAuditTrail { ok firstBrokenId } }`;
    expect(dataOf(await t.gql(VERIFY, {}, { as: 'auditor' })).verifyAuditTrail).toEqual({ ok: true, firstBrokenId: null });

    // Someone with the database's keys points the recorded URL elsewhere: the chain shows where.
    await t.sql(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
    try {
      await t.sql(`UPDATE audit_event SET after = jsonb_set(after, '{url}', '"https://attacker.example/"') WHERE id = $1`, [events[0].id]);
    } finally {
      await t.sql(`ALTER TABLE audit_event ENABLE TRIGGER USER`);
    }
    const broken = dataOf(await t.gql(VERIFY, {}, { as: 'auditor' })).verifyAuditTrail;
    expect(broken).toEqual({ ok: false, firstBrokenId: events[0].id });
  });

  it('still accepts public names and addresses, and characters outside the BMP written as pairs', async () => {
    for (const url of ['https://example.jp/hooks', 'https://93.184.216.34/hooks', 'https://[2606:4700:4700::1111]/hooks']) {
      const created = dataOf(await t.gql(CREATE, { input: { url, eventTypes: ['PUBLISHED'], description: '受信 𠮷' } }, { as: 'admin' }));
      expect(created.createWebhook.webhook.url).toBe(url);
    }
  });
});

describe('hostile receivers and concurrency', () => {
  let t: TestApp;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      demoData: true,
      // A long timeout: a silent receiver's calls stay open for the whole of each test (they end when it closes).
      env: { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_CONCURRENCY: '4', WEBHOOK_TIMEOUT_MS: '30000' },
    });
    await t.ensureDemoUsers();
  });
  afterEach(async () => {
    await retireWebhooks(t);
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });
  afterAll(async () => {
    await t.close();
  });

  async function createWebhook(input: Record<string, unknown>): Promise<{ id: string; secret: string }> {
    const { createWebhook } = dataOf(await t.gql(CREATE, { input }, { as: 'admin' }));
    return { id: createWebhook.webhook.id, secret: createWebhook.secret };
  }
  const deliveriesOf = async (webhookId: string): Promise<any[]> =>
    dataOf(await t.gql(DELIVERIES, { id: webhookId }, { as: 'admin' })).webhookDeliveries.deliveries;

  it('does not let a silent receiver with a backlog take every slot from the others', async () => {
    const silent = await startReceiver(() => 'hang');
    const healthy = await startReceiver(() => 204);
    receivers.push(silent, healthy);
    const silentHook = await createWebhook({ url: silent.url, eventTypes: ['PUBLISHED'] });
    // A storm for the silent receiver first: more deliveries than the instance has slots.
    for (let i = 0; i < 12; i++) await appendEvent(t);
    await silent.waitFor(1);
    const healthyHook = await createWebhook({ url: healthy.url, eventTypes: ['PUBLISHED'] });
    await appendEvent(t);

    await eventually(async () => (await deliveriesOf(healthyHook.id))[0]?.status === 'DELIVERED', 15_000, 'the healthy delivery');
    // Delivered while the silent receiver's first calls were still open (none has ended at the timeout yet).
    const silentLog = await deliveriesOf(silentHook.id);
    expect(silentLog.flatMap((delivery) => delivery.attemptLog)).toEqual([]);
    expect(silent.received.length).toBeLessThan(4);
  });

  it('keeps a storm of 1,000 events for a silent receiver to its share of calls and leases', async () => {
    const silent = await startReceiver(() => 'hang');
    receivers.push(silent);
    const hook = await createWebhook({ url: silent.url, eventTypes: ['PUBLISHED'] });
    await t.sql(`
      INSERT INTO change_event (type, policy_id, policy_key, version_id, version_number, effective, recorded_at, retroactive)
      SELECT 'PUBLISHED', v.policy_id, p.key, v.id, v.number, v.effective, now(), false
        FROM policy_version v JOIN policy p ON p.id = v.policy_id, generate_series(1, 1000)
       WHERE v.id = (SELECT v2.id FROM policy_version v2 JOIN policy p2 ON p2.id = v2.policy_id
                      WHERE v2.status = 'PUBLISHED' AND p2.key = 'contact' ORDER BY v2.number LIMIT 1)`);
    const [{ queued }] = await t.sql(`SELECT count(*)::int AS queued FROM webhook_delivery WHERE subscription_id = $1`, [hook.id]);
    expect(queued).toBe(1000);
    await silent.waitFor(1);
    // WEBHOOK_CONCURRENCY=4: one call per subscription (a quarter of the slots), however long the backlog.
    for (let look = 0; look < 10; look++) {
      const [{ leased }] = await t.sql(
        `SELECT count(*)::int AS leased FROM webhook_delivery WHERE subscription_id = $1 AND lease_until > now()`,
        [hook.id],
      );
      expect([leased, silent.received.length]).toEqual([1, 1]);
      await new Promise((wait) => setTimeout(wait, 150));
    }
  });

  it('sends nothing for an event whose transaction rolled back', async () => {
    const receiver = await startReceiver(() => 204);
    receivers.push(receiver);
    const hook = await createWebhook({ url: receiver.url, eventTypes: ['PUBLISHED'] });
    await t.sql('BEGIN');
    const rolledBack = await appendEvent(t);
    await t.sql('ROLLBACK');
    const committed = await appendEvent(t);
    const [only] = await receiver.waitFor(1);
    expect(JSON.parse(only.body).id).toBe(committed);
    const log = await deliveriesOf(hook.id);
    expect(log.map((delivery) => delivery.event.id)).toEqual([committed]);
    expect(rolledBack).not.toBe(committed);
  });

  it('keeps delivering after its LISTEN connection is killed', async () => {
    const receiver = await startReceiver(() => 204);
    receivers.push(receiver);
    await createWebhook({ url: receiver.url, eventTypes: ['PUBLISHED'] });
    const killed = await t.sql(
      `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = 'policy-cms delivery' AND datname = current_database()`,
    );
    expect(killed.length).toBeGreaterThan(0);
    const id = await appendEvent(t);
    const [got] = await receiver.waitFor(1, 20_000);
    expect(JSON.parse(got.body).id).toBe(id);
  });

  it('never has the same delivery in flight twice when it is redelivered during a call, and a deletion during a call stands', async () => {
    const slow = await startReceiver(() => 'hang');
    receivers.push(slow);
    const hook = await createWebhook({ url: slow.url, eventTypes: ['PUBLISHED'] });
    await appendEvent(t);
    await slow.waitFor(1);
    const [delivery] = await deliveriesOf(hook.id);
    for (let i = 0; i < 3; i++) {
      dataOf(await t.gql(`mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }`, { id: delivery.id }, { as: 'admin' }));
    }
    // Each redelivery woke the workers; the call still open keeps its lease, so none of them sends it again.
    await new Promise((wait) => setTimeout(wait, 1000));
    expect(slow.received).toHaveLength(1);

    // Deleted while the call is open: when the call ends (the receiver hangs up), the delivery stays FAILED as deleted.
    dataOf(await t.gql(`mutation($id: ID!) { deleteWebhook(id: $id) { id } }`, { id: hook.id }, { as: 'admin' }));
    receivers.splice(receivers.indexOf(slow), 1);
    await slow.close();
    const [ended] = await eventually(async () => {
      const found = await deliveriesOf(hook.id);
      return found[0]?.attemptLog.length > 0 && found;
    }, 15_000, 'the open call to end');
    expect(ended).toMatchObject({ status: 'FAILED', lastError: 'the webhook was deleted' });
    expect(slow.received).toHaveLength(1);
  });
});

describe('signing secrets in the logs', () => {
  let api: ApiProcess;
  let receiver: Receiver;

  beforeAll(async () => {
    const database = currentDatabase();
    receiver = await startReceiver(() => 204);
    const env = {
      DATABASE_URL: database.appUrl,
      MIGRATION_DATABASE_URL: database.url,
      DEMO_DATA: '1',
      LOG_LEVEL: 'debug',
      WEBHOOK_ALLOW_PRIVATE: '1',
      WEBHOOK_RETRY_BASE_MS: '50',
    };
    // A whole process on a busy machine: give it time to start.
    api = await startApiProcess(env, 150_000);
  }, 180_000);
  afterAll(async () => {
    if (api && api.child.exitCode === null) api.child.kill('SIGTERM');
    await api?.exited;
    await receiver?.close();
  });

  async function ownerSql(text: string): Promise<void> {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: currentDatabase().url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }

  async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const response = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: any[] };
  }

  it('never writes a secret to the log at debug level, whatever happens to the request', async () => {
    const login = await gql('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: 'admin', p: DEFAULT_DEMO_PASSWORD });
    const token = login.data.login.token as string;
    const secrets: string[] = [];
    const created = await gql(CREATE, { input: { url: receiver.url, eventTypes: ['PUBLISHED'] } }, token);
    secrets.push(created.data.createWebhook.secret);
    const id = created.data.createWebhook.webhook.id;
    const rotated = await gql(`mutation($id: ID!) { rotateWebhookSecret(id: $id, graceSeconds: 60) { secret } }`, { id }, token);
    secrets.push(rotated.data.rotateWebhookSecret.secret);
    // Requests that fail on their way: whatever they carried must not be logged with a secret. The constraint makes
    // the INSERT carrying a new secret fail in PostgreSQL, as any unexpected database error would.
    await ownerSql(`ALTER TABLE webhook_subscription ADD CONSTRAINT hostile_test_refuses CHECK (description <> 'refuse me')`);
    try {
      const failed = await gql(CREATE, { input: { url: receiver.url, eventTypes: ['PUBLISHED'], description: 'refuse me' } }, token);
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL');
    } finally {
      await ownerSql(`ALTER TABLE webhook_subscription DROP CONSTRAINT hostile_test_refuses`);
    }
    // The failure was logged (so the log was looked at), without the secret (checked below).
    expect(api.output()).toMatch(/hostile_test_refuses/);
    for (const input of [
      { url: receiver.url, eventTypes: ['PUBLISHED'], description: 'nul \u0000 here' },
      { url: receiver.url, eventTypes: ['PUBLISHED'], policyKeys: ['nul\u0000key'] },
    ]) {
      const refused = await gql(CREATE, { input }, token);
      if (refused.data?.createWebhook?.secret) secrets.push(refused.data.createWebhook.secret);
    }
    const [{ owner }] = (await (async () => {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: currentDatabase().url });
      await client.connect();
      try {
        const { rows } = await client.query(`
          INSERT INTO change_event (type, policy_id, policy_key, version_id, version_number, effective, recorded_at, retroactive)
          SELECT 'PUBLISHED', v.policy_id, p.key, v.id, v.number, v.effective, now(), false
            FROM policy_version v JOIN policy p ON p.id = v.policy_id
           WHERE v.status = 'PUBLISHED' AND p.key = 'contact' ORDER BY v.number LIMIT 1 RETURNING 'ok' AS owner`);
        const stored = await client.query(`SELECT secret, previous_secret FROM webhook_subscription`);
        for (const row of stored.rows) secrets.push(row.secret, ...(row.previous_secret ? [row.previous_secret] : []));
        return rows;
      } finally {
        await client.end();
      }
    })()) as { owner: string }[];
    expect(owner).toBe('ok');
    await receiver.waitFor(1, 20_000);
    // Debug logging really was on (each request was logged), so silence below means something.
    expect(api.output()).toMatch(/"level":20/);
    for (const secret of new Set(secrets)) {
      const key = secret.slice('whsec_'.length);
      expect(api.output().includes(key)).toBe(false);
      expect(api.output().includes(encodeURIComponent(key))).toBe(false);
    }
    expect(api.output()).not.toMatch(/whsec_/);
  }, 60_000);
});
