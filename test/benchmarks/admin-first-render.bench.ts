/**
 * The admin UI's first load in headless Chromium, on the production build served by the API (embedded PostgreSQL
 * with the demo data):
 *  - the bytes of every script and stylesheet the browser fetches before the first screen shows, for the login page
 *    and for the policy list of a logged-in editor, as they travel to a browser that takes only gzip;
 *  - the time from navigation to the first policy row on screen.
 *
 *   npm run build && npm run bench:admin-render [runs]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { startApiProcess } from '../support/api-process';
import { launchBrowser, newPage } from '../support/browser';

interface Login {
  token: string;
  user: unknown;
}

/** Puts the login's token where the admin keeps it, before any script of the page runs. */
async function asLoggedIn(page: Page, login: Login): Promise<void> {
  await page.context().addInitScript(
    // Runs in the page, where sessionStorage exists; the bench's own types know no DOM.
    ([token, user]) => {
      const storage = (globalThis as unknown as { sessionStorage: { setItem(key: string, value: string): void } }).sessionStorage;
      storage.setItem('policy-cms.token', token);
      storage.setItem('policy-cms.user', user);
    },
    [login.token, JSON.stringify(login.user)],
  );
}

interface Fetched {
  path: string;
  type: string;
  encoding: string;
  bytes: number;
}

/**
 * Every script and stylesheet the page asked for before `shown` resolved, with the size of its body as it travelled
 * (compressed), in a fresh context that accepts only gzip, so nothing comes from a cache and brotli does not flatter.
 */
async function firstLoad(browser: Browser, url: string, prepare: (page: Page) => Promise<void>, shown: (page: Page) => Promise<void>): Promise<Fetched[]> {
  const { context, page } = await newPage(browser);
  try {
    await context.setExtraHTTPHeaders({ 'accept-encoding': 'gzip' });
    await prepare(page);
    const asked: Request[] = [];
    let open = true;
    page.on('request', (request) => {
      if (open && ['script', 'stylesheet'].includes(request.resourceType())) asked.push(request);
    });
    await page.goto(url);
    await shown(page);
    open = false;
    return await Promise.all(
      asked.map(async (request) => {
        const response = await request.response();
        await response?.finished();
        const sizes = await request.sizes();
        return {
          path: new URL(request.url()).pathname,
          type: request.resourceType(),
          encoding: (await response?.headerValue('content-encoding')) ?? 'identity',
          bytes: sizes.responseBodySize,
        };
      }),
    );
  } finally {
    await context.close();
  }
}

function report(title: string, fetched: Fetched[]): void {
  const total = fetched.reduce((sum, file) => sum + file.bytes, 0);
  console.log(`${title}: ${fetched.length} files, ${(total / 1024).toFixed(1)} kB (${total} bytes)`);
  for (const file of [...fetched].sort((a, b) => b.bytes - a.bytes)) {
    console.log(`  ${(file.bytes / 1024).toFixed(1).padStart(7)} kB  ${file.encoding.padEnd(8)} ${file.path}`);
  }
}

async function main(runs: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'policy-cms-render-'));
  const api = await startApiProcess({ DATA_DIR: dataDir, ADMIN_DIR: 'dist/admin' });
  const browser = await launchBrowser();
  try {
    const response = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(username: "editor", password: "policy-cms-demo") { token user { id username displayName roles } } }' }),
    });
    const { login } = ((await response.json()) as { data: { login: Login } }).data;
    const firstPolicyRow = (page: Page) => page.getByText('myna.facilities').first().waitFor({ state: 'visible' });

    console.log('first load, scripts and stylesheets fetched before the screen shows (Accept-Encoding: gzip, no cache):');
    report(
      'login page',
      await firstLoad(browser, `${api.baseUrl}/admin/#/login`, async () => undefined, (page) => page.locator('input[name="password"]').waitFor({ state: 'visible' })),
    );
    report('policy list, logged in', await firstLoad(browser, `${api.baseUrl}/admin/#/policies`, (page) => asLoggedIn(page, login), firstPolicyRow));

    const timings: number[] = [];
    for (let run = 0; run < runs; run++) {
      const { context, page } = await newPage(browser);
      await asLoggedIn(page, login);
      const started = performance.now();
      await page.goto(`${api.baseUrl}/admin/#/policies`);
      await firstPolicyRow(page);
      timings.push(performance.now() - started);
      await context.close();
    }
    timings.sort((a, b) => a - b);
    console.log(`first render of the policy list, ${runs} runs (fresh context each, so no cache):`);
    console.log(`  median ${timings[Math.floor(runs / 2)].toFixed(0)} ms, min ${timings[0].toFixed(0)} ms, max ${timings[runs - 1].toFixed(0)} ms`);
  } finally {
    await browser.close();
    api.child.kill('SIGTERM');
    await api.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main(Number(process.argv[2] ?? 7)).catch((error) => {
  console.error(error);
  process.exit(1);
});
