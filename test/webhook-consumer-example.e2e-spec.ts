import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/test-app';
import { dataOf } from './support/policy-api';
import { tickingClock, workflow } from './support/workflow-api';
import { eventually } from './webhooks/receiver';

/**
 * The worked example of the README (examples/webhook-consumer.mjs), run as it is, as a child process, against a test
 * app: it accepts a real delivery, refuses a bad signature, acknowledges a repeat without handling it twice, and
 * follows the change stream.
 */
describe('examples/webhook-consumer.mjs', () => {
  let t: TestApp;
  let child: ChildProcess;
  const lines: Record<string, any>[] = [];
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock: tickingClock('2026-11-27T00:00:00Z'), env: { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_RETRY_BASE_MS: '50' } });
    await t.ensureDemoUsers();
  });
  afterAll(async () => {
    child?.kill();
    await t.close();
  });

  async function post(body: string, headers: Record<string, string>): Promise<number> {
    return new Promise((answered, failed) => {
      const call = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
        res.resume();
        res.on('end', () => answered(res.statusCode!));
      });
      call.on('error', failed);
      call.end(body);
    });
  }

  it('verifies, handles each delivery once, refuses a bad signature and follows the stream', async () => {
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // The example listens first (on a free port); the webhook then points at it.
    const { createWebhook } = dataOf(
      await t.gql(`mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } secret } }`, {
        input: { url: 'http://127.0.0.1:1/placeholder', eventTypes: ['PUBLISHED'] },
      }, { as: 'admin' }),
    );
    child = spawn(process.execPath, [join(__dirname, '../examples/webhook-consumer.mjs')], {
      env: { ...process.env, WEBHOOK_SECRET: createWebhook.secret, PORT: '0', API_URL: apiUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const parts = (pending + chunk.toString('utf8')).split('\n');
      pending = parts.pop()!;
      for (const part of parts) if (part.trim()) lines.push(JSON.parse(part));
    });
    port = (await eventually(async () => lines.find((line) => line.listening), 15_000, 'the example to listen')).listening;
    dataOf(
      await t.gql(`mutation($id: ID!, $url: String!) { updateWebhook(id: $id, input: { url: $url }) { id } }`, {
        id: createWebhook.webhook.id,
        url: `http://127.0.0.1:${port}/`,
      }, { as: 'admin' }),
    );

    // A real publish: delivered by the worker, and seen on the stream, with the same event id.
    const wf = workflow(t);
    const { id: versionId } = dataOf(
      await wf.create({ policyKey: 'contact', effectiveFrom: '2027-02-01', content: { title: 'お問い合わせ', body: '例' }, summary: 'テスト(出典: テスト)' }, 'editor'),
    ).createPolicyVersion;
    dataOf(await wf.submit(versionId, 'editor'));
    dataOf(await wf.approve(versionId, 'approver'));
    dataOf(await wf.publish(versionId, 'approver'));
    const delivered = await eventually(async () => lines.find((line) => line.via === 'webhook' && line.type === 'PUBLISHED'), 15_000, 'the webhook');
    expect(delivered.policyKey).toBe('contact');
    const streamed = await eventually(async () => lines.find((line) => line.via === 'stream' && line.id === delivered.id), 15_000, 'the stream event');
    expect(streamed).toMatchObject({ type: 'PUBLISHED', policyKey: 'contact' });
    const [delivery] = await eventually(async () => {
      const page = dataOf(
        await t.gql(`query($id: ID) { webhookDeliveries(webhookId: $id) { deliveries { id status lastStatusCode } } }`, { id: createWebhook.webhook.id }, { as: 'admin' }),
      ).webhookDeliveries.deliveries;
      return page[0]?.status === 'DELIVERED' && page;
    }, 10_000, 'the delivery to be DELIVERED');
    expect(delivery.lastStatusCode).toBe(204);

    // A forged request: refused with 401, and not handled.
    const before = lines.length;
    const forged = JSON.stringify({ id: 'forged', type: 'PUBLISHED', policyKey: 'contact' });
    const timestamp = String(Math.floor(Date.now() / 1000));
    expect(await post(forged, { 'webhook-id': 'msg_forged', 'webhook-timestamp': timestamp, 'webhook-signature': 'v1,bm90IGEgc2lnbmF0dXJl' })).toBe(401);
    expect(await post(forged, { 'content-type': 'application/json' })).toBe(401);
    // An endless body from anyone (no signature is checked before the end): cut off, not buffered, and the example lives on.
    await expect(post('x'.repeat(4_000_000), { 'content-type': 'application/json' })).rejects.toThrow();
    expect(await post(forged, { 'content-type': 'application/json' })).toBe(401);
    expect(child.exitCode).toBeNull();

    // A repeat (redelivered, same webhook-id): acknowledged with 2xx, not handled again.
    dataOf(await t.gql(`mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }`, { id: delivery.id }, { as: 'admin' }));
    await eventually(async () => lines.find((line) => line.repeat === delivery.id), 10_000, 'the repeat');
    const handled = lines.filter((line) => line.via === 'webhook' && line.id === delivered.id);
    expect(handled).toHaveLength(1);
    expect(lines.slice(before).some((line) => line.id === 'forged')).toBe(false);
    await eventually(async () => {
      const page = dataOf(
        await t.gql(`query($id: ID) { webhookDeliveries(webhookId: $id) { deliveries { status attempts } } }`, { id: createWebhook.webhook.id }, { as: 'admin' }),
      ).webhookDeliveries.deliveries;
      return page[0].status === 'DELIVERED' && page[0].attempts === 2;
    }, 10_000, 'the redelivery to be acknowledged');

    // The stream drops; an event is written meanwhile; the example resumes after the last id it saw and misses nothing.
    server.closeAllConnections();
    const [{ id: missedId }] = await t.sql(`
      INSERT INTO change_event (type, policy_id, policy_key, version_id, version_number, effective, recorded_at, retroactive)
      SELECT 'PUBLISHED', v.policy_id, p.key, v.id, v.number, v.effective, now(), false
        FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE v.id = $1
      RETURNING id::text`, [versionId]);
    await eventually(async () => lines.find((line) => line.via === 'stream' && line.id === missedId), 15_000, 'the event written while disconnected');
    const streamedIds = lines.filter((line) => line.via === 'stream').map((line) => line.id);
    expect(streamedIds.filter((id) => id === delivered.id)).toHaveLength(1);
    expect(streamedIds.filter((id) => id === missedId)).toHaveLength(1);
  });
});
