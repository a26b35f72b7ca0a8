import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ENUM_LABELS } from '@policy-cms/kinds';
import { appMessages } from '../../apps/admin/src/i18n/messages';
import { TestApp, startTestApp } from '../support/test-app';
import { chromiumPath, launchBrowser, login, onPage } from '../support/browser';
import { dataOf } from '../support/policy-api';
import { workflow } from '../support/workflow-api';

// Browser tests need Chromium; CI installs Debian's. Elsewhere without one they are reported as skipped, loudly.
if (!chromiumPath && process.env.CI) throw new Error('CI must run the browser tests: apt-get install chromium fonts-noto-cjk');
const describeInBrowser = chromiumPath ? describe : describe.skip;

/**
 * The codes a person must never read: every value of the API's enums (statuses, event types, delivery states, roles,
 * procedures, facility types, audit problems…, read from the schema itself so that a new one is covered) and of the
 * kinds' content enums. Sort keys are left out: they are never shown.
 */
function enumCodes(): string[] {
  const schema = readFileSync(join(__dirname, '../../apps/api/schema.gql'), 'utf8');
  const codes = new Set<string>();
  for (const [, name, body] of schema.matchAll(/^enum (\w+) \{([^}]*)\}/gm)) {
    if (['SortDirection', 'PolicyVersionSortField'].includes(name)) continue;
    for (const line of body.split('\n')) if (/^\s+[A-Z][A-Z0-9_]+\s*$/.test(line)) codes.add(line.trim());
  }
  for (const labels of Object.values(ENUM_LABELS)) for (const code of Object.keys(labels)) codes.add(code);
  return [...codes];
}

const CODES = enumCodes();
/**
 * A code with an underscore is a code wherever it stands; a one-word code (WEB, BOTH, DRAFT) only when it is the whole
 * text, since 「WEB予約」 in a summary is Japanese as written by the section.
 */
const CODE = new RegExp(
  `(?<![A-Za-z0-9_])(${CODES.filter((code) => code.includes('_')).join('|')})(?![A-Za-z0-9_])|^(${CODES.filter((code) => !code.includes('_')).join('|')})$`,
);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** A translation key left as it is: react-admin's, the resources', or one of the app's own top-level namespaces. */
const KEY = new RegExp(`(?<![\\w.@/])(?:${['ra', 'resources', ...Object.keys(appMessages)].join('|')})\\.[a-z_]+(?:\\.[A-Za-z_]+)+`);

/** The visible texts on screen, one per text node (textContent ignores CSS upper-casing, which would make "Publish" a code). */
async function screenTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: any }).document;
    const walker = doc.createTreeWalker(doc.getElementById('root'), 4 /* NodeFilter.SHOW_TEXT */);
    const texts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = String(node.textContent ?? '').trim();
      // What a person can see: not inside a closed <details>, display:none or an aria-hidden decoration.
      const parent = node.parentElement;
      if (text && parent?.checkVisibility() && parent.closest('[aria-hidden="true"]') === null) texts.push(text);
    }
    // The page title (app bar) is in #root too; the browser tab's title is checked as well.
    texts.push(String(doc.title));
    return texts;
  });
}

/** What a screen reader or a tooltip says: aria-label, title and placeholder of the elements a person can reach. */
async function attributeTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: any }).document;
    const texts: string[] = [];
    for (const el of doc.getElementById('root').querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (!el.checkVisibility() || el.closest('[aria-hidden="true"]')) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const text = String(el.getAttribute(name) ?? '').trim();
        if (text) texts.push(text);
      }
    }
    return texts;
  });
}

/** An instant written in UTC ('…T00:00:00.000Z'): the screens show Tokyo's time, so a tooltip must too. */
const UTC_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/;
/**
 * English words in a Japanese screen's labels; a username in parentheses ('(editor)'), product names and a receiver's
 * HTTP status ('HTTP 500') are data.
 */
function englishIn(text: string): string | undefined {
  return text.replace(/\([\w.-]+\)/g, '').replace(/\b(?:Webhook|JSON|CSV|URL|HTTP)\b/g, '').match(/[A-Za-z]{4,}/)?.[0];
}

function problemsIn(texts: string[]): string[] {
  const problems: string[] = [];
  for (const text of texts) {
    const code = text.match(CODE);
    if (code) problems.push(`enum code ${code[1] ?? code[2]} in 「${text.slice(0, 80)}」`);
    if (UUID.test(text)) problems.push(`UUID in 「${text.slice(0, 80)}」`);
    const key = text.match(KEY);
    if (key) problems.push(`untranslated key ${key[0]}`);
  }
  return [...new Set(problems)];
}

describeInBrowser('no screen shows an enum code, a UUID or an untranslated key, in Japanese or in English', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let versionId = '';

  /** A webhook receiver on 127.0.0.1 that always answers 500, so that the delivery log has a row with attempts in it. */
  const receiver = createServer((request, response) => {
    request.resume().on('end', () => response.writeHead(500, { 'content-type': 'text/plain' }).end('maintenance'));
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    t = await startTestApp({ demoData: true, env: { WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_TIMEOUT_MS: '2000' } });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
    versionId = (await t.gql(`query { policyTimeline(key: "myna.facilities") { id } }`)).data!.policyTimeline[0].id;
    // Something in every delivery screen: a webhook, and a publish that it is told of (and fails to take).
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    dataOf(
      await t.gql(
        `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }`,
        { input: { url, description: '公開ウェブサイト', eventTypes: ['PUBLISHED', 'WITHDRAWN', 'TOOK_EFFECT'] } },
        { as: 'admin' },
      ),
    );
    const w = workflow(t);
    const { policyInForce } = dataOf(await t.gql(`{ policyInForce(key: "myna.facilities") { content } }`));
    const content = structuredClone(policyInForce.content);
    const row = content.rows.find((r: { procedure: string }) => r.procedure === 'PARTICULARS_CHANGE');
    row.facilityTypes = [...new Set([...row.facilityTypes, 'RENEWAL_CENTER'])];
    const created = dataOf(
      await w.create({ policyKey: 'myna.facilities', effectiveFrom: '2027-01-04', effectiveThrough: '2027-03-31', content, summary: '記載事項変更を運転免許更新センターでも受け付ける(画面のテスト)' }, 'editor'),
    ).createPolicyVersion;
    dataOf(await w.submit(created.id, 'editor'));
    dataOf(await w.approve(created.id, 'approver'));
    dataOf(await w.publish(created.id, 'approver'));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('knows the English and the UTC instants it looks for in labels', () => {
    expect(['pagination navigation', 'Go to next page', '2026-10-01T00:00:00.000Z'].filter((label) => englishIn(label) || UTC_INSTANT.test(label))).toHaveLength(3);
    expect(['編集者 一郎 (editor)', 'Webhook 配信先', '2026-10-01T09:00:00.000+09:00', 'ページ送り'].filter((label) => englishIn(label) || UTC_INSTANT.test(label))).toEqual([]);
  });

  it('knows the codes it looks for', () => {
    expect(CODES).toEqual(expect.arrayContaining(['IN_REVIEW', 'TOOK_EFFECT', 'DELIVERED', 'APPROVER', 'TEST_CENTER', 'GYOSEI_ONLINE']));
    expect(problemsIn(['DRAFT', '状態: IN_REVIEW', '版 e62e1188-0c4b-4a51-9d43-3f1f0a6a8a10', 'resources.policies.fields.key', 'ra.action.save'])).toHaveLength(5);
    expect(problemsIn(['レビュー中', 'Publish', 'WEB予約・自動音声予約ダイヤル', 'myna.facilities', 'policy-cms 管理画面', 'https://example.org/hook'])).toEqual([]);
  });

  const SCREENS: { name: string; as: 'editor' | 'approver' | 'auditor' | 'admin'; path: () => string; ready: string; then?: (page: Page) => Promise<void> }[] = [
    { name: 'policy list', as: 'editor', path: () => '#/policies', ready: '.RaList-main' },
    { name: 'policy page', as: 'editor', path: () => '#/policies/myna.facilities/show', ready: '[data-testid="known-at-value"]' },
    { name: 'version list', as: 'editor', path: () => '#/versions', ready: '.RaList-main' },
    { name: 'version page', as: 'editor', path: () => `#/versions/${versionId}/show`, ready: '.RaShow-main' },
    { name: 'version form', as: 'editor', path: () => `#/versions/create?source=${encodeURIComponent(JSON.stringify({ policyKey: 'myna.facilities' }))}`, ready: 'form' },
    { name: 'review queue', as: 'approver', path: () => '#/reviews', ready: '[data-testid="review-queue-in-review"]' },
    { name: 'preview', as: 'editor', path: () => '#/preview', ready: '[data-testid="preview-date"]' },
    { name: 'calendar', as: 'editor', path: () => '#/calendar', ready: '[data-testid="calendar-table"], [data-testid="calendar-empty"]' },
    { name: 'audit list', as: 'auditor', path: () => '#/audit', ready: '.RaList-main' },
    {
      name: 'audit event',
      as: 'auditor',
      path: () => '#/audit',
      ready: '.RaList-main',
      then: async (page) => {
        await page.locator('#main-content tbody tr').first().click();
        await page.waitForURL((url) => /#\/audit\/[^/]+\/show/.test(url.hash));
        await page.locator('[data-testid="audit-occurred-at"]').waitFor();
      },
    },
    { name: 'change feed', as: 'editor', path: () => '#/changes', ready: '[data-testid="change-feed"], [data-testid="feed-empty"]' },
    { name: 'webhooks', as: 'admin', path: () => '#/webhooks', ready: '.RaList-main' },
    { name: 'delivery log', as: 'admin', path: () => '#/webhook-deliveries', ready: '#main-content tbody tr' },
    { name: 'users', as: 'admin', path: () => '#/users', ready: '.RaList-main' },
    { name: 'own password', as: 'editor', path: () => '#/account/password', ready: 'input[name="currentPassword"]' },
    {
      name: 'user page',
      as: 'admin',
      path: () => '#/users',
      ready: '.RaList-main',
      then: async (page) => {
        await page.locator('#main-content tbody tr').first().click();
        await page.waitForURL((url) => /#\/users\/[^/]+/.test(url.hash));
        await page.locator('form').waitFor();
      },
    },
  ];

  describe.each([['ja'], ['en']])('in %s', (locale) => {
    it.each(SCREENS.map((screen) => [screen.name, screen] as const))('the %s', async (_name, screen) => {
      await onPage(browser, `no-codes-${locale}-${screen.name}`, async (page) => {
        await page.addInitScript((chosen) => (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage.setItem('policy-cms.locale', chosen), locale);
        await login(page, baseUrl, screen.as);
        await page.goto(`${baseUrl}/admin/${screen.path()}`);
        await page.locator(screen.ready).first().waitFor();
        await screen.then?.(page);
        await page.locator('.MuiLinearProgress-root, .MuiCircularProgress-root, .RaLoading-root').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
        expect(problemsIn(await screenTexts(page))).toEqual([]);
        const labels = await attributeTexts(page);
        expect(problemsIn(labels)).toEqual([]);
        expect(labels.filter((label) => UTC_INSTANT.test(label))).toEqual([]);
        if (locale === 'ja') expect(labels.filter((label) => englishIn(label))).toEqual([]);
      });
    });
  });
});
