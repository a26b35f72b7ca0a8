import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addDays, parseCalendarDate, todayInTokyo } from '@policy-cms/temporal';
import { TestApp, startTestApp } from '../support/test-app';
import { chromiumPath, launchBrowser, login, onPage } from '../support/browser';
import { dataOf } from '../support/policy-api';
import { workflow } from '../support/workflow-api';
import { nextChangeDay } from '../../apps/admin/src/delivery/next-change-day';

// Browser tests need Chromium; CI installs Debian's. Elsewhere without one they are reported as skipped, loudly.
if (!chromiumPath && process.env.CI) throw new Error('CI must run the browser tests: apt-get install chromium fonts-noto-cjk');
const describeInBrowser = chromiumPath ? describe : describe.skip;

const SHOTS = join(__dirname, '../../tmp/shots');
const POLICY = 'myna.facilities';
/** A future rollout (today is before it), ending before the demo's own 2027-04-01 one. */
const FROM = '2027-01-04';
const THROUGH = '2027-03-31';

/** What no screen may show as text: the API's enum values and raw ids. */
const ENUM_CODES = /\b(PUBLISHED|WITHDRAWN|TOOK_EFFECT|PENDING|DELIVERED|FAILED|ChangeEventType|BAD_USER_INPUT)\b/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A webhook receiver on 127.0.0.1 that answers 500 or 204 as the test says, and remembers what it was sent. */
function startReceiver() {
  const received: { webhookId: string; body: Record<string, unknown> }[] = [];
  const state = { failing: false };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ webhookId: String(request.headers['webhook-id']), body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') });
      if (state.failing) {
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'receiver is down for maintenance' }));
      } else {
        response.writeHead(204).end();
      }
    });
  });
  return {
    received,
    state,
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/policy-cms`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe(nextChangeDay.name, () => {
  const v = (id: string, number: number, from: string, through: string | null) => ({
    id,
    number,
    effectiveFrom: parseCalendarDate(from),
    effectiveThrough: through === null ? null : parseCalendarDate(through),
  });
  const today = parseCalendarDate('2026-12-02');

  it('is the first day of a version scheduled after today', () => {
    expect(nextChangeDay([v('a', 1, '2025-01-01', '2027-03-31'), v('b', 2, '2027-04-01', null)], today)).toEqual({ day: '2027-04-01', version: { id: 'b', number: 2 } });
  });
  it('is none when the version in force today runs on without end, or there is no version', () => {
    expect(nextChangeDay([v('a', 1, '2025-01-01', '2025-08-31'), v('b', 2, '2025-09-01', null)], today)).toBeNull();
    expect(nextChangeDay([], today)).toBeNull();
  });
  it('is the day after a version ends when nothing follows it', () => {
    expect(nextChangeDay([v('a', 1, '2025-01-01', '2026-12-31')], today)).toEqual({ day: '2027-01-01', version: null });
  });
  it('does not count today: a change that began today has happened', () => {
    expect(nextChangeDay([v('a', 1, '2025-01-01', '2026-12-01'), v('b', 2, today, null)], today)).toBeNull();
  });
  it('skips a boundary where the same version goes on (a version split around another)', () => {
    const timeline = [v('a', 1, '2025-01-01', '2027-01-03'), v('a', 1, '2027-01-04', '2027-01-31'), v('c', 3, '2027-02-01', null)];
    expect(nextChangeDay(timeline, today)).toEqual({ day: '2027-02-01', version: { id: 'c', number: 3 } });
  });
});

describeInBrowser('the 配信 (delivery) screens in a real Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let policyTitle: string;
  const receiver = startReceiver();
  let receiverUrl: string;

  beforeAll(async () => {
    receiverUrl = await receiver.listen();
    t = await startTestApp({
      demoData: true,
      // The receiver is on 127.0.0.1; retries come fast and end (FAILED) after about two seconds.
      env: { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_RETRY_HORIZON_HOURS: '0.0006', WEBHOOK_TIMEOUT_MS: '2000' },
    });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
    const { policies } = dataOf(await t.gql(`{ policies { key title } }`));
    policyTitle = policies.find((p: { key: string }) => p.key === POLICY).title;
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await receiver.close();
  });

  const problems: string[] = [];
  const onWatchedPage = (name: string, steps: (page: Page) => Promise<void>) =>
    onPage(browser, name, async (page) => {
      page.on('pageerror', (error) => problems.push(`${name}: ${error.message}`));
      await steps(page);
    });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `delivery-${name}.png`), fullPage: true });

  /** The page's text reads as words: no enum code and no id. */
  const expectWordsOnly = async (page: Page) => {
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(ENUM_CODES);
    expect(text).not.toMatch(UUID);
  };

  /** Publishes a rollout of `POLICY` from FROM through the API, as an editor and an approver would. */
  const publishRollout = async () => {
    const w = workflow(t);
    const { policyInForce } = dataOf(await t.gql(`query($key: ID!) { policyInForce(key: $key) { content } }`, { key: POLICY }));
    const content = structuredClone(policyInForce.content);
    const row = content.rows.find((r: { procedure: string }) => r.procedure === 'PARTICULARS_CHANGE');
    row.facilityTypes = [...new Set([...row.facilityTypes, 'RENEWAL_CENTER'])];
    const created = dataOf(
      await w.create({ policyKey: POLICY, effectiveFrom: FROM, effectiveThrough: THROUGH, content, summary: '記載事項変更を運転免許更新センターでも受け付ける(配信のテスト)' }, 'editor'),
    ).createPolicyVersion;
    dataOf(await w.submit(created.id, 'editor'));
    dataOf(await w.approve(created.id, 'approver'));
    dataOf(await w.publish(created.id, 'approver'));
    return created as { id: string; number: number };
  };

  /** The policy's next scheduled change as the API's own changesBetween lists it (the first one after today). */
  const nextScheduledFromApi = async () => {
    const from = addDays(todayInTokyo(), 1);
    const { changesBetween } = dataOf(
      await t.gql(`query($from: Date!) { changesBetween(from: $from, through: "9999-12-31") { policyKey effectiveFrom } }`, { from }),
    );
    return changesBetween
      .filter((c: { policyKey: string }) => c.policyKey === POLICY)
      .map((c: { effectiveFrom: string }) => c.effectiveFrom)
      .sort()[0] as string | undefined;
  };

  let firstSecret = '';

  it('lets an admin create a webhook and shows its secret once, never to be found again in the page or its storage', async () => {
    await onWatchedPage('delivery-create', async (page) => {
      await login(page, baseUrl, 'admin');
      await page.goto(`${baseUrl}/admin/#/webhooks`);
      await page.getByTestId('webhooks-empty').waitFor();
      await page.getByRole('menuitem', { name: '変更フィード' }).waitFor();
      await page.getByRole('menuitem', { name: '配信ログ' }).waitFor();
      await shot(page, 'webhooks-empty');

      await page.goto(`${baseUrl}/admin/#/webhooks/create`);
      await page.locator('input[name="url"]').fill('ftp://127.0.0.1/nope');
      await page.locator('input[name="description"]').fill('予約システム(テスト)');
      await page.locator('button[type="submit"]').click();
      // Refused on its field, in Japanese, before anything is sent.
      await page.getByText('http:// または https:// で始まる URL を入力してください').waitFor();
      await page.locator('input[name="url"]').fill(receiverUrl);
      // Every kind of event is offered in words, and chosen by default.
      for (const word of ['公開', '取下げ', '適用開始']) expect(await page.getByRole('checkbox', { name: word }).isChecked()).toBe(true);
      await expectWordsOnly(page);
      await shot(page, 'webhook-create');
      await page.locator('button[type="submit"]').click();

      const dialog = page.getByTestId('secret-dialog');
      await dialog.waitFor();
      firstSecret = await page.getByTestId('secret-value').inputValue();
      expect(firstSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(await page.getByTestId('secret-warning').innerText()).toContain('二度と表示できません');
      await shot(page, 'secret-dialog');
      await page.getByTestId('secret-close').click();

      await page.waitForURL(/#\/webhooks$/);
      const row = page.locator('tr', { hasText: receiverUrl });
      await row.waitFor();
      const rowText = await row.innerText();
      expect(rowText).toContain('予約システム(テスト)');
      expect(rowText).toContain('すべてのポリシー');
      expect(rowText).toContain('有効');
      for (const word of ['公開', '取下げ', '適用開始']) expect(rowText).toContain(word);
      await expectWordsOnly(page);
      await shot(page, 'webhooks-list');

      // Gone for good: not in the page, not in any storage of the app.
      const kept = await page.evaluate(() => {
        interface Store {
          length: number;
          key(i: number): string | null;
          getItem(key: string): string | null;
        }
        const g = globalThis as unknown as { localStorage: Store; sessionStorage: Store; document: { documentElement: { outerHTML: string } } };
        const dump = (s: Store) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`).join('\n');
        return `${dump(g.localStorage)}\n${dump(g.sessionStorage)}\n${g.document.documentElement.outerHTML}`;
      });
      expect(kept).not.toContain(firstSecret);
      await row.click();
      await page.waitForURL(/#\/webhooks\/[0-9a-f-]{36}$/);
      await page.locator('input[name="url"]').waitFor();
      expect(await page.content()).not.toContain(firstSecret);
    });
  }, 120_000);

  it('shows a failed delivery in the log, and a 再送 that reaches the receiver with the same webhook-id', async () => {
    receiver.state.failing = true;
    const version = await publishRollout();
    let deliveryId = '';
    await onWatchedPage('delivery-log', async (page) => {
      await login(page, baseUrl, 'admin');
      await page.goto(`${baseUrl}/admin/#/webhook-deliveries`);
      // The log refreshes itself while the worker retries, until the delivery gives up.
      const failed = page.locator('tr', { has: page.locator('[data-status="FAILED"]') }).first();
      await failed.waitFor({ timeout: 30_000 });
      // The policy's title comes with the policies list, which may arrive after the row.
      await page.locator('tr', { has: page.locator('[data-status="FAILED"]'), hasText: policyTitle }).first().waitFor();
      const rowText = await failed.innerText();
      expect(rowText).toContain('公開');
      expect(rowText).toContain(policyTitle);
      expect(rowText).toContain(`第${version.number}版`);
      expect(rowText).toContain('失敗');
      expect(rowText).toContain('HTTP 500');
      await expectWordsOnly(page);
      await shot(page, 'deliveries-failed');

      // The filters narrow by state and kind, named in words.
      const filtered = (filter: Record<string, string>) =>
        page.goto(`${baseUrl}/admin/#/webhook-deliveries?filter=${encodeURIComponent(JSON.stringify(filter))}`);
      await filtered({ status: 'DELIVERED' });
      await page.getByText('現在の検索条件では結果が見つかりませんでした').waitFor();
      expect(await page.getByRole('combobox', { name: '状態' }).innerText()).toBe('配信済み');
      await filtered({ eventType: 'PUBLISHED', status: 'FAILED' });
      await page.locator('[data-status="FAILED"]').first().waitFor();
      expect(await page.getByRole('combobox', { name: 'イベント種別' }).innerText()).toBe('公開');
      await filtered({});

      await page.locator('tr', { has: page.locator('[data-status="FAILED"]') }).first().click();
      await page.waitForURL(/#\/webhook-deliveries\/[0-9a-f-]{36}\/show/);
      deliveryId = /webhook-deliveries\/([0-9a-f-]{36})\/show/.exec(page.url())?.[1] ?? '';
      expect(deliveryId).not.toBe('');
      const attempts = page.getByTestId('attempt-row');
      await attempts.first().waitFor();
      expect(await attempts.count()).toBeGreaterThanOrEqual(2);
      expect(await page.getByTestId('attempt-log').innerText()).toContain('receiver is down for maintenance');
      expect(await page.getByTestId('attempt-log').innerText()).toMatch(/\d+ ms/);
      await expectWordsOnly(page);
      await shot(page, 'delivery-show-failed');

      receiver.state.failing = false;
      await page.getByTestId('redeliver').first().click();
      await page.getByText('この通知をもう一度送りますか?').waitFor();
      await page.locator('.ra-confirm').click();
      await page.getByText('再送を予約しました').waitFor();
      await page.locator('[data-testid="delivery-status"][data-status="DELIVERED"]').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('delivery-status').innerText()).toBe('配信済み');
      await expectWordsOnly(page);
      await page.waitForTimeout(500); // the chip's colour transition, for the picture only
      await shot(page, 'delivery-show-delivered');

      // The subscription's row now says when it last delivered, and no longer that it keeps failing.
      await page.getByRole('menuitem', { name: 'Webhook 配信先' }).click();
      const subscription = page.locator('tr', { hasText: receiverUrl });
      await subscription.waitFor();
      const subscriptionText = await subscription.innerText();
      expect(subscriptionText).not.toContain('失敗が続いています');
      expect(subscriptionText).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/);
      expect(subscriptionText).toContain('0 / 0');

      // On a phone both lists give each row's state and target on the screen, not off its right edge.
      await page.setViewportSize({ width: 390, height: 844 });
      const offScreen = (texts: string[]) =>
        Promise.all(texts.map(async (text) => {
          const box = (await page.locator('main').getByText(text).first().boundingBox())!;
          return box.x < 0 || box.x + box.width > 390 ? text : null;
        }));
      await page.getByTestId('webhook-url').first().waitFor();
      expect((await offScreen([receiverUrl, '有効'])).filter(Boolean)).toEqual([]);
      expect(await page.locator('main tbody tr', { hasText: receiverUrl }).innerText()).toContain('未送信 / 失敗: 0 / 0');
      await shot(page, 'webhooks-390');
      await page.goto(`${baseUrl}/admin/#/webhook-deliveries`);
      await page.locator('[data-status="DELIVERED"]').first().waitFor();
      expect((await offScreen(['配信済み', receiverUrl, policyTitle])).filter(Boolean)).toEqual([]);
      expect(await page.getByTestId('redeliver').first().isVisible()).toBe(true);
      await shot(page, 'deliveries-390');
    });
    // Every attempt, the failed ones and the redelivery, carried the same webhook-id: the delivery's own.
    const sent = receiver.received.filter((r) => r.webhookId === deliveryId);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.at(-1)?.body).toMatchObject({ type: 'PUBLISHED', policyKey: POLICY, versionId: version.id, versionNumber: version.number });
  }, 120_000);

  it('lists the change feed in words with the policy name, and the policy page gives the next day its rule changes', async () => {
    const expectedNext = await nextScheduledFromApi();
    expect(expectedNext).toBe(FROM); // the rollout just published comes first
    await onWatchedPage('delivery-feed', async (page) => {
      await login(page, baseUrl, 'editor');
      // The change feed is for all staff; the webhook parts are not shown to an editor.
      await page.getByRole('menuitem', { name: '変更フィード' }).click();
      const published = page.locator('[data-testid="feed-row"][data-type="PUBLISHED"]').last();
      await published.waitFor();
      const text = await published.innerText();
      expect(text).toContain('公開');
      expect(text).toContain(policyTitle);
      expect(text).toContain(FROM);
      expect(await page.getByRole('menuitem', { name: /Webhook/ }).count()).toBe(0);
      expect(await page.getByRole('menuitem', { name: '配信ログ' }).count()).toBe(0);
      await page.getByTestId('feed-more').click();
      await page.getByText('これより新しいイベントはまだありません').waitFor();
      await expectWordsOnly(page);
      await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
      await shot(page, 'change-feed');

      await page.goto(`${baseUrl}/admin/#/policies/${encodeURIComponent(POLICY)}/show`);
      const next = page.getByTestId('next-change-day');
      await next.locator(`[data-day="${expectedNext}"]`).waitFor();
      expect(await next.innerText()).toContain('次の適用開始日');
      await shot(page, 'policy-next-change');
    });
  }, 120_000);

  it('speaks English on the same screens when English is chosen', async () => {
    await onWatchedPage('delivery-english', async (page) => {
      await page.addInitScript(`localStorage.setItem('policy-cms.locale', 'en')`);
      await login(page, baseUrl, 'admin');
      await page.goto(`${baseUrl}/admin/#/webhook-deliveries`);
      const row = page.locator('tr', { has: page.locator('[data-status="DELIVERED"]') }).first();
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain('Published');
      expect(text).toContain('Delivered');
      await page.getByRole('menuitem', { name: 'Webhook endpoints' }).click();
      await page.getByText('All policies').first().waitFor();
      await expectWordsOnly(page);
      await shot(page, 'webhooks-list-en');
    });
  }, 120_000);

  it('rotates the secret with a grace period, pauses and resumes, and deletes a webhook after asking', async () => {
    const { createWebhook } = dataOf(
      await t.gql(
        `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }`,
        { input: { url: 'https://example.com/to-be-deleted', description: '削除するテスト用', eventTypes: ['WITHDRAWN'], policyKeys: [POLICY] } },
        { as: 'admin' },
      ),
    );
    await onWatchedPage('delivery-manage', async (page) => {
      await login(page, baseUrl, 'admin');
      await page.goto(`${baseUrl}/admin/#/webhooks`);
      const scoped = page.locator('tr', { hasText: 'https://example.com/to-be-deleted' });
      await scoped.waitFor();
      expect(await scoped.innerText()).toContain(policyTitle);
      await page.locator('tr', { hasText: receiverUrl }).click();
      await page.getByTestId('webhook-rotate').click();
      await page.getByTestId('rotate-dialog').waitFor();
      for (const word of ['すぐ無効にする', '24時間は有効', '7日間は有効']) await page.getByRole('radio', { name: word }).waitFor();
      await shot(page, 'rotate-dialog');
      await page.getByTestId('rotate-confirm').click();
      await page.getByTestId('secret-dialog').waitFor();
      const second = await page.getByTestId('secret-value').inputValue();
      expect(second).toMatch(/^whsec_/);
      expect(second).not.toBe(firstSecret);
      await page.getByTestId('secret-close').click();
      await page.getByText('以前のシークレットも').waitFor();
      expect(await page.content()).not.toContain(second);
      await page.getByTestId('webhook-toggle').click();
      await page.locator('[data-testid="webhook-state"][data-state="paused"]').waitFor();
      await expectWordsOnly(page);
      await shot(page, 'webhook-edit-paused');
      await page.getByTestId('webhook-toggle').click();
      await page.locator('[data-testid="webhook-state"][data-state="active"]').waitFor();

      await page.goto(`${baseUrl}/admin/#/webhooks/${createWebhook.webhook.id}`);
      await page.getByTestId('webhook-delete').click();
      await page.getByText('削除すると').waitFor();
      await shot(page, 'webhook-delete-confirm');
      await page.locator('.ra-confirm').click();
      await page.waitForURL(/#\/webhooks$/);
      await page.locator('tr', { hasText: receiverUrl }).waitFor();
      expect(await page.locator('tr', { hasText: 'https://example.com/to-be-deleted' }).count()).toBe(0);
    });
    const { webhooks } = dataOf(await t.gql(`{ webhooks { id } }`, {}, { as: 'admin' }));
    expect(webhooks.map((w: { id: string }) => w.id)).not.toContain(createWebhook.webhook.id);
  }, 120_000);
});
