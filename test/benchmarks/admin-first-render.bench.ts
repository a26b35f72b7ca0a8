/**
 * Time to first render of the policy list in headless Chromium: from navigation to the first policy row on screen,
 * logged in, on the production build served by the API (embedded PostgreSQL with the demo data).
 *
 *   npm run build && npm run bench:admin-render
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiProcess } from '../support/api-process';
import { launchBrowser, newPage } from '../support/browser';

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
    const { login } = ((await response.json()) as { data: { login: { token: string; user: unknown } } }).data;
    const timings: number[] = [];
    for (let run = 0; run < runs; run++) {
      const { context, page } = await newPage(browser);
      await context.addInitScript(
        // Runs in the page, where sessionStorage exists; the test's own types know no DOM.
        ([token, user]) => {
          const storage = (globalThis as unknown as { sessionStorage: { setItem(key: string, value: string): void } }).sessionStorage;
          storage.setItem('policy-cms.token', token);
          storage.setItem('policy-cms.user', user);
        },
        [login.token, JSON.stringify(login.user)],
      );
      const started = performance.now();
      await page.goto(`${api.baseUrl}/admin/#/policies`);
      await page.getByText('myna.facilities').first().waitFor({ state: 'visible' });
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
