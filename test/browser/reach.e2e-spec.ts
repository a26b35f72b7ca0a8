import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { TestApp, startTestApp } from '../support/test-app';
import { workflow } from '../support/workflow-api';
import { chromiumPath, launchBrowser, login, onPage, submitLogin } from '../support/browser';

// Browser tests need Chromium; CI installs Debian's. Elsewhere without one they are reported as skipped, loudly.
if (!chromiumPath && process.env.CI) throw new Error('CI must run the browser tests: apt-get install chromium fonts-noto-cjk');
const describeInBrowser = chromiumPath ? describe : describe.skip;

const dataOf = <T = Record<string, any>>(result: { data?: T | null; errors?: unknown }): T => {
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
};
if (!chromiumPath) console.warn('browser tests skipped: no Chromium (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)');

/**
 * What the browser may fetch before the first screen, compressed as gzip. Issue 11 asked for 250 kB; the first load
 * was 305–313 kB while it mounted react-admin's shell for the login page. The login page is plain React now
 * (apps/admin/src/login/LoginScreen.tsx) and react-admin loads after the login: about 72 kB, almost all react-dom.
 * The budget leaves a few kB for the form to grow, and fails as soon as a library comes into the first load.
 */
const FIRST_LOAD_BUDGET = 80 * 1024;

/** What index.html makes the browser fetch at once: its module script, the modules it preloads, its stylesheets. */
function firstLoadFiles(indexHtml: string): string[] {
  return [...indexHtml.matchAll(/(?:src|href)="\/admin\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]);
}

describeInBrowser('reach: what the office gets over the wire, and the door it comes in by', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  const adminDir = () => process.env.POLICY_CMS_TEST_ADMIN_DIR!;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /**
   * A raw GET (node:http, which does not undo the compression as fetch does), so that the test sees the bytes that travel.
   * On a connection of its own: the build test blocks this process for longer than the server keeps an idle connection
   * open, so a kept-alive socket from before it is closed by the server unnoticed, and reusing it ended in ECONNRESET.
   */
  const get = (path: string, acceptEncoding: string) =>
    new Promise<{ status: number; header: (name: string) => string | null; body: Buffer }>((resolve, reject) => {
      request(`${baseUrl}${path}`, { agent: false, headers: { 'accept-encoding': acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            header: (name) => {
              const value = response.headers[name.toLowerCase()];
              return value === undefined ? null : String(value);
            },
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      })
        .on('error', reject)
        .end();
    });

  it('sends index.html and the hashed scripts compressed, the page never cached unchecked and the scripts cached for a year', async () => {
    const index = await get('/admin/', 'br, gzip');
    expect(index.status).toBe(200);
    expect(index.header('content-encoding')).toBe('br');
    expect(index.header('cache-control')).toBe('no-cache');
    expect(index.header('vary')).toMatch(/accept-encoding/i);
    const html = readFileSync(join(adminDir(), 'index.html'), 'utf8');
    const [entry] = firstLoadFiles(html);
    expect(entry).toMatch(/^assets\/index-.+\.js$/);

    const script = await get(`/admin/${entry}`, 'gzip, deflate, br');
    expect(script.status).toBe(200);
    expect(script.header('content-encoding')).toBe('br');
    expect(script.header('content-type')).toMatch(/javascript/);
    expect(script.header('cache-control')).toBe('public, max-age=31536000, immutable');
    const sent = script.body;
    const original = readFileSync(join(adminDir(), entry));
    // The same script, in fewer bytes.
    expect(brotliDecompressSync(sent).equals(original)).toBe(true);
    expect(sent.length).toBeLessThan(original.length / 2);

    // A browser that takes only gzip gets gzip; one that takes nothing gets the plain file.
    expect((await get(`/admin/${entry}`, 'gzip')).header('content-encoding')).toBe('gzip');
    const plain = await get(`/admin/${entry}`, 'identity');
    expect(plain.header('content-encoding')).toBeNull();
    expect(plain.body.equals(original)).toBe(true);
  });

  it(`keeps the first load of the production build (index.html and what it fetches at once) under ${FIRST_LOAD_BUDGET / 1024} kB gzip`, () => {
    // The browser tests' own build runs under jest's NODE_ENV=test, i.e. React's development build: measure what ships.
    const outDir = join(__dirname, `../../tmp/reach-build-${process.pid}`);
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'apps/admin/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
      cwd: join(__dirname, '../..'),
      env: { ...process.env, NODE_ENV: 'production' },
    });
    try {
      const html = readFileSync(join(outDir, 'index.html'), 'utf8');
      const sizes = ['index.html', ...firstLoadFiles(html)].map((file) => {
        // What travels to a browser that takes gzip: the .gz twin; a file under 256 bytes is sent as it is.
        const gz = join(outDir, `${file}.gz`);
        return { file, bytes: existsSync(gz) ? statSync(gz).size : statSync(join(outDir, file)).size };
      });
      const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0);
      if (total >= FIRST_LOAD_BUDGET) console.log(`first load ${total} bytes:\n${sizes.map(({ file, bytes }) => `${file} ${bytes}`).join('\n')}`);
      expect(sizes.some(({ file }) => /jsx-dev-runtime/.test(file))).toBe(false);
      expect(total).toBeGreaterThan(50 * 1024); // react-dom itself: a sum this small would mean the page was not measured
      expect(total).toBeLessThan(FIRST_LOAD_BUDGET);
      // Neither MUI nor react-admin is in it: they come with the app, after the login.
      const withLibraries = sizes.filter(({ file }) => file.endsWith('.js') && /\bMui[A-Z]|\bRaLayout\b/.test(readFileSync(join(outDir, file), 'utf8')));
      expect(withLibraries.map(({ file }) => file)).toEqual([]);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('has a favicon: no request of the login page or the policy list ends in 404', async () => {
    const icon = await get('/admin/favicon.svg', 'identity');
    expect(icon.status).toBe(200);
    expect(icon.header('content-type')).toMatch(/image\/svg\+xml/);
    expect((await get('/favicon.ico', 'identity')).header('location')).toBe('/admin/favicon.svg');
    await onPage(browser, 'reach-no-404', async (page) => {
      const missing: string[] = [];
      page.on('response', (response) => {
        if (response.status() === 404) missing.push(response.url());
      });
      await page.goto(`${baseUrl}/admin/#/login`);
      await page.locator('input[name="username"]').waitFor();
      expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/admin/favicon.svg');
      await login(page, baseUrl, 'editor');
      await page.locator('.RaList-main, [data-testid="policy-cards"]').first().waitFor();
      expect(missing).toEqual([]);
    });
  });

  it('names the organisation on the login page, in Japanese and in English, and says why a login failed in that language', async () => {
    await onPage(browser, 'reach-login', async (page) => {
      await page.goto(`${baseUrl}/admin/#/login`);
      await page.getByText('警視庁 運転免許本部 免許管理第一係').waitFor();
      await page.getByRole('heading', { name: 'policy-cms 管理画面' }).waitFor();
      await page.screenshot({ path: 'tmp/shots/j-login-ja.png' });
      await submitLogin(page, baseUrl, 'editor', 'not-the-password');
      await page.getByRole('alert').getByText('認証に失敗しました。入力を確認してください').waitFor();
      expect(page.url()).toContain('#/login');

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByText('Tokyo Metropolitan Police Department, Driver Licensing Division').waitFor();
      await page.getByRole('heading', { name: 'policy-cms administration' }).waitFor();
      await page.locator('input[name="username"]').fill('editor');
      await page.locator('input[name="password"]').fill('wrong-again');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').getByText(/Authentication failed/).waitFor();
      await page.screenshot({ path: 'tmp/shots/j-login-en.png' });
      // Back to Japanese for whoever uses this browser next.
      await page.getByRole('button', { name: '日本語' }).click();
      await page.getByText('警視庁 運転免許本部 免許管理第一係').waitFor();
    });
  });

  it('brings the small login screen back on logout, opens the app at once for a session, and in the language chosen at the door', async () => {
    await onPage(browser, 'reach-logout', async (page) => {
      // Where the person was going without a session: the login screen, then there.
      await page.goto(`${baseUrl}/admin/#/calendar`);
      await page.locator('input[name="username"]').waitFor();
      expect(page.url()).toContain('#/login');
      await page.locator('input[name="username"]').fill('editor');
      await page.locator('input[name="password"]').fill('policy-cms-demo');
      await page.locator('button[type="submit"]').click();
      await page.getByRole('heading', { level: 1, name: '変更予定カレンダー' }).waitFor();
      expect(page.url()).toContain('#/calendar');

      // A session opens the app without the login screen.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: '変更予定カレンダー' }).waitFor();
      expect(await page.locator('input[name="password"]').count()).toBe(0);

      // react-admin's logout brings back the small login screen, which fetches nothing more.
      await page.getByRole('button', { name: /編集者/ }).click();
      await page.getByRole('menuitem', { name: 'ログアウト' }).click();
      await page.locator('input[name="username"]').waitFor();
      expect(page.url()).toContain('#/login');
      await page.getByRole('heading', { name: 'policy-cms 管理画面' }).waitFor();
      expect(await page.locator('.RaLayout-appFrame').count()).toBe(0);

      // English at the door: the app opens in English, with its catalogue fetched only now.
      const english: string[] = [];
      page.on('request', (request) => {
        if (/catalogue\.en-/.test(request.url())) english.push(request.url());
      });
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('input[name="username"]').fill('editor');
      await page.locator('input[name="password"]').fill('policy-cms-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('menuitem', { name: 'Upcoming changes' }).waitFor();
      expect(english).toHaveLength(1);
      // Back to Japanese for whoever uses this browser next.
      await page.getByRole('button', { name: /English/ }).first().click();
      await page.getByRole('menuitem', { name: '日本語' }).click();
      await page.getByRole('menuitem', { name: '変更予定カレンダー' }).waitFor();
    });
  });

  describe('what an office expects', () => {
    /** A published change on a day the demo has none, through the API as an editor and an approver would make it. */
    const publishFacilitiesChange = async (effectiveFrom: string, summary: string) => {
      const w = workflow(t);
      const { policyTimeline } = dataOf<{ policyTimeline: { content: { rows: { procedure: string; facilityTypes: string[] }[] } }[] }>(
        await t.gql(`query { policyTimeline(key: "myna.facilities") { content } }`),
      );
      const last = policyTimeline[policyTimeline.length - 1].content;
      const content = { ...last, rows: last.rows.map((row) => (row.procedure === 'PARTICULARS_CHANGE' ? { ...row, facilityTypes: ['TEST_CENTER'] } : row)) };
      const { createPolicyVersion: draft } = dataOf(await w.create({ policyKey: 'myna.facilities', effectiveFrom, content, summary }, 'editor'));
      dataOf(await w.submit(draft.id, 'editor'));
      dataOf(await w.approve(draft.id, 'approver'));
      return dataOf(await w.publish(draft.id, 'approver')).publishPolicyVersion as { id: string; number: number };
    };

    it('shows on a calendar what takes effect on which day across all policies, and what changes on a chosen day', async () => {
      const { policies } = dataOf<{ policies: { key: string; title: string }[] }>(await t.gql(`{ policies { key title } }`));
      const title = policies.find((policy) => policy.key === 'myna.facilities')!.title;
      const summary = '運転免許試験場のみで記載事項変更(カレンダーの確認)';
      const published = await publishFacilitiesChange('2027-06-15', summary);
      const { changesBetween } = dataOf<{ changesBetween: { effectiveFrom: string }[] }>(
        await t.gql(`query($from: Date!, $through: Date!) { changesBetween(from: $from, through: $through) { effectiveFrom } }`, {
          from: new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date()),
          through: '2027-06-15',
        }),
      );

      await onPage(browser, 'reach-calendar', async (page) => {
        await login(page, baseUrl, 'editor');
        await page.getByRole('menuitem', { name: '変更予定カレンダー' }).click();
        await page.getByRole('heading', { level: 1, name: '変更予定カレンダー' }).waitFor();
        const rows = page.getByTestId('calendar-change');
        await rows.first().waitFor();
        // Every change the API knows up to the new one is on the calendar, in date order.
        const days = await rows.evaluateAll((found) => found.map((row) => row.getAttribute('data-day')));
        expect(days.slice(0, changesBetween.length)).toEqual(changesBetween.map((change) => change.effectiveFrom).sort());
        const ours = page.locator('[data-testid="calendar-change"][data-day="2027-06-15"]');
        await expect(ours.innerText()).resolves.toContain(title);
        await expect(ours.innerText()).resolves.toContain(`第${published.number}版`);
        await expect(ours.innerText()).resolves.toContain(summary);
        await page.getByText('令和9年6月15日').first().waitFor();
        await page.screenshot({ path: 'tmp/shots/j-calendar.png', fullPage: true });

        // What changes on 2027-06-15: that change only; on the day after: nothing, said in words.
        await page.getByTestId('calendar-day').fill('2027-06-15');
        await page.locator('[data-testid="calendar-change"]').first().waitFor();
        await expect(page.locator('[data-testid="calendar-change"]:not([data-day="2027-06-15"])').count()).resolves.toBe(0);
        await page.getByTestId('calendar-day').fill('2027-06-16');
        await page.getByTestId('calendar-empty').getByText('この日に効力を生じる変更はありません。').waitFor();
        await page.getByRole('button', { name: '1年分を表示' }).click();
        await ours.getByRole('link', { name: `第${published.number}版` }).click();
        await page.waitForURL((url) => url.hash === `#/versions/${published.id}/show`);
      });
    });

    it('counts on the レビュー待ち menu item the versions waiting for review or publication', async () => {
      const waiting = async () =>
        dataOf<{ policyVersions: { totalCount: number } }>(
          await t.gql(`{ policyVersions(filter: { status: [IN_REVIEW, APPROVED] }, first: 1) { totalCount } }`, {}, { as: 'approver' }),
        ).policyVersions.totalCount;
      const w = workflow(t);
      const { policyTimeline } = dataOf<{ policyTimeline: { content: unknown }[] }>(await t.gql(`query { policyTimeline(key: "myna.facilities") { content } }`));
      const { createPolicyVersion: draft } = dataOf(
        await w.create({ policyKey: 'myna.facilities', effectiveFrom: '2027-09-01', content: policyTimeline[0].content, summary: 'バッジの確認' }, 'editor'),
      );
      dataOf(await w.submit(draft.id, 'editor'));
      const count = await waiting();
      expect(count).toBeGreaterThan(0);

      await onPage(browser, 'reach-badge', async (page) => {
        await login(page, baseUrl, 'approver');
        const item = page.getByRole('menuitem', { name: /レビュー待ち/ });
        await item.getByTestId('review-badge').getByText(String(count), { exact: true }).waitFor();
        // A screen reader hears what the number counts.
        await item.getByText(`レビュー待ち ${count}件`).waitFor({ state: 'attached' });
        await page.screenshot({ path: 'tmp/shots/j-badge.png' });
      });
    });
  });

  describe('accessibility (axe-core, WCAG 2.1 A and AA) at 1440×900', () => {
    const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

    /** Runs axe in the page (page.evaluate is not bound by the page's CSP) and keeps the serious and critical findings. */
    const seriousViolations = async (page: Page): Promise<string[]> => {
      await page.evaluate(AXE);
      const violations = await page.evaluate(
        () =>
          (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> } }).axe
            .run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
            .then((result) => result.violations),
      );
      return violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
    };

    let versionId = '';
    beforeAll(async () => {
      const { policyTimeline } = dataOf<{ policyTimeline: { id: string }[] }>(await t.gql(`query { policyTimeline(key: "myna.facilities") { id } }`));
      versionId = policyTimeline[0].id;
    });

    /** Each screen: who looks at it, where, and what on it says it has loaded. */
    const SCREENS: { name: string; as: 'editor' | 'approver' | 'auditor' | 'admin'; path: () => string; ready: string }[] = [
      { name: 'policy list', as: 'editor', path: () => '#/policies', ready: '.RaList-main' },
      { name: 'policy page', as: 'editor', path: () => '#/policies/myna.facilities/show', ready: '[data-testid="known-at-value"]' },
      { name: 'version page', as: 'editor', path: () => `#/versions/${versionId}/show`, ready: '.RaShow-main' },
      { name: 'version form', as: 'editor', path: () => `#/versions/create?source=${encodeURIComponent(JSON.stringify({ policyKey: 'myna.facilities' }))}`, ready: 'form' },
      { name: 'review queue', as: 'approver', path: () => '#/reviews', ready: '[data-testid="review-queue-in-review"]' },
      { name: 'preview', as: 'editor', path: () => '#/preview', ready: '[data-testid="preview-date"]' },
      { name: 'audit list', as: 'auditor', path: () => '#/audit', ready: '.RaList-main' },
      { name: 'change feed', as: 'editor', path: () => '#/changes', ready: '[data-testid="change-feed"], [data-testid="feed-empty"]' },
      // With nothing in them yet, these two lists show their own empty state instead of the list.
      { name: 'webhooks', as: 'admin', path: () => '#/webhooks', ready: '.RaList-main, [data-testid="webhooks-empty"]' },
      { name: 'delivery log', as: 'admin', path: () => '#/webhook-deliveries', ready: '.RaList-main, [data-testid="deliveries-empty"]' },
      { name: 'calendar', as: 'editor', path: () => '#/calendar', ready: '[data-testid="calendar-table"], [data-testid="calendar-empty"]' },
    ];

    it('has no serious or critical violation on the login page', async () => {
      await onPage(browser, 'axe-login', async (page) => {
        await page.setViewportSize({ width: 1440, height: 900 });
        await page.goto(`${baseUrl}/admin/#/login`);
        await page.locator('input[name="username"]').waitFor();
        expect(await seriousViolations(page)).toEqual([]);
      });
    });

    it.each(SCREENS.map((screen) => [screen.name, screen] as const))('has no serious or critical violation on the %s', async (_name, screen) => {
      await onPage(browser, `axe-${screen.name}`, async (page) => {
        await page.setViewportSize({ width: 1440, height: 900 });
        await login(page, baseUrl, screen.as);
        await page.goto(`${baseUrl}/admin/${screen.path()}`);
        await page.locator(screen.ready).first().waitFor();
        await page.locator('.MuiLinearProgress-root, .MuiCircularProgress-root, .RaLoading-root').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
        expect(await seriousViolations(page)).toEqual([]);
      });
    });
  });
});
