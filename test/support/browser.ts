import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';

/** Chromium from the system (Debian's `chromium` package): browser tests never download a browser of their own. */
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const chromiumPath = CANDIDATES.find((path): path is string => !!path && existsSync(path));

export const ARTIFACTS = join(__dirname, '../../test-artifacts');

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error('no Chromium found: apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // This machine's network is closed: background services would only fail and slow the start.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser context in Japanese, in Tokyo's zone, with a page ready at `baseUrl`. */
export async function newPage(browser: Browser, timezoneId = 'Asia/Tokyo'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/**
 * Runs `steps` on a fresh page and, when they fail, keeps a full-page screenshot in test-artifacts/ before the
 * error goes on to jest, so a failure in CI can be looked at.
 */
export async function onPage(browser: Browser, name: string, steps: (page: Page) => Promise<void>): Promise<void> {
  const { context, page } = await newPage(browser);
  try {
    await steps(page);
  } catch (error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${name.replace(/[^\w-]+/g, '_')}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

/** Fills and sends the login form, as a person would. */
export async function submitLogin(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/#/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

/** Logs in and waits until the app has left the login page. */
export async function login(page: Page, baseUrl: string, username: string, password = 'policy-cms-demo'): Promise<void> {
  await submitLogin(page, baseUrl, username, password);
  await page.waitForURL((url) => !url.hash.includes('login'));
}
