import type { Browser, Page } from 'playwright-core';
import { TestApp, startTestApp } from '../support/test-app';
import { chromiumPath, launchBrowser, login, onPage, submitLogin } from '../support/browser';

// Browser tests need Chromium; CI installs Debian's. Elsewhere without one they are reported as skipped, loudly.
if (!chromiumPath && process.env.CI) throw new Error('CI must run the browser tests: apt-get install chromium fonts-noto-cjk');
const describeInBrowser = chromiumPath ? describe : describe.skip;
if (!chromiumPath) console.warn('browser tests skipped: no Chromium (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)');

const DEMO_PASSWORD = 'policy-cms-demo';
/** What the login page says to a refused login (ra.auth.sign_in_error in Japanese, login/texts.ts). */
const SIGN_IN_REFUSED = '認証に失敗しました';

/**
 * Staff accounts as an administrator and as everyone manage them in the admin UI: deactivation and reactivation,
 * a password reset by an administrator, and a change of one's own password from the user menu. Every check is what
 * a person sees: words on the screen, the login page's answer, a page that opens or sends back to the login.
 */
describeInBrowser('staff accounts in the admin UI', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

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

  /** Errors the page throws fail the test that caused them. */
  const problems: string[] = [];
  const onWatchedPage = (name: string, steps: (page: Page) => Promise<void>) =>
    onPage(browser, name, async (page) => {
      page.on('pageerror', (error) => problems.push(`${name}: ${error.message}`));
      await steps(page);
    });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  /** The GraphQL mutations a page sends, by name: a form refused on its fields must send none. */
  const watchMutations = (page: Page) => {
    const sent: string[] = [];
    page.on('request', (request) => {
      const body = request.method() === 'POST' && request.url().endsWith('/graphql') ? (request.postData() ?? '') : '';
      for (const name of ['deactivateUser', 'reactivateUser', 'resetPassword', 'changePassword']) if (body.includes(`${name}(`)) sent.push(name);
    });
    return sent;
  };

  /** Logs in on the login page and tells what the person sees: the app (true) or the login page's refusal (false). */
  const logsIn = async (username: string, password: string): Promise<boolean> => {
    let admitted = false;
    await onWatchedPage(`login-${username}`, async (page) => {
      await submitLogin(page, baseUrl, username, password);
      const refusal = page.locator('[role="alert"]', { hasText: SIGN_IN_REFUSED });
      const app = page.locator('#react-admin-title');
      await Promise.race([refusal.waitFor(), app.waitFor()]);
      admitted = await app.isVisible();
      if (!admitted) expect(page.url()).toContain('#/login');
    });
    return admitted;
  };

  const userPage = async (page: Page, username: 'admin' | 'editor2' | 'approver2') => {
    await page.goto(`${baseUrl}/admin/#/users/${await t.userId(username)}`);
    // The edit page's own state: the list's may still be on screen for a moment.
    await page.locator('.RaEdit-main').getByTestId('account-state').waitFor();
  };

  /**
   * Waits until the user list shows a person's row with this state in its 状態 column (the list may first show what
   * it had cached, then what the server says).
   */
  const seeStateInList = async (page: Page, displayName: string, state: '有効' | '利用停止中') => {
    await page.goto(`${baseUrl}/admin/#/users`);
    const row = page.locator('#main-content tbody tr', { hasText: displayName });
    await row.getByTestId('account-state').filter({ hasText: new RegExp(`^${state}$`) }).waitFor();
  };

  /** Sends the change-password form and waits for the server's answer. */
  const sendChangePassword = async (page: Page) => {
    const answered = page.waitForResponse((response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes('changePassword('));
    await page.getByTestId('change-password-submit').click();
    await answered;
  };

  it('lets an administrator deactivate an account: the list says 利用停止中, the person is logged out and cannot log in; reactivated, they can', async () => {
    await onWatchedPage('accounts-editor2-session', async (editorPage) => {
      // editor2 is at work when the account is deactivated.
      await login(editorPage, baseUrl, 'editor2');
      await editorPage.locator('.RaList-main').waitFor();

      await onWatchedPage('accounts-deactivate', async (page) => {
        const sent = watchMutations(page);
        await login(page, baseUrl, 'admin');
        await page.goto(`${baseUrl}/admin/#/users`);
        await page.getByRole('columnheader', { name: '状態' }).waitFor();
        await seeStateInList(page, '編集者 二郎', '有効');
        // The state is in words: no row shows the API's flag.
        expect(await page.locator('#main-content tbody').innerText()).not.toMatch(/\b(true|false)\b/);

        await userPage(page, 'editor2');
        await page.getByTestId('user-deactivate').click();
        const dialog = page.getByRole('dialog');
        await expect(dialog.innerText()).resolves.toMatch(/編集者 二郎さんの利用を停止しますか/);
        // It says what happens to the person: logged out at the next request, no login until reactivated.
        await expect(dialog.innerText()).resolves.toMatch(/次の操作の時点でログアウト/);
        await expect(dialog.innerText()).resolves.toMatch(/「利用を再開」するまでログインできなく/);
        // Cancelling sends nothing.
        await dialog.getByRole('button', { name: 'キャンセル' }).click();
        await dialog.waitFor({ state: 'detached' });
        expect(sent).toEqual([]);

        await page.getByTestId('user-deactivate').click();
        await page.getByRole('dialog').getByRole('button', { name: '利用を停止' }).click();
        await page.getByText('編集者 二郎さんの利用を停止しました').waitFor();
        await page.locator('.RaEdit-main [data-testid="account-state"]', { hasText: '利用停止中' }).waitFor();
        await page.getByTestId('user-reactivate').waitFor();
        await seeStateInList(page, '編集者 二郎', '利用停止中');
      });

      // editor2's next request ends the session: the app goes back to the login page.
      await editorPage.goto(`${baseUrl}/admin/#/versions`);
      await editorPage.waitForURL((url) => url.hash.includes('login'));
    });

    await expect(logsIn('editor2', DEMO_PASSWORD)).resolves.toBe(false);

    await onWatchedPage('accounts-reactivate', async (page) => {
      await login(page, baseUrl, 'admin');
      await userPage(page, 'editor2');
      await page.getByTestId('user-reactivate').click();
      await page.getByText('編集者 二郎さんの利用を再開しました').waitFor();
      await page.locator('.RaEdit-main [data-testid="account-state"]', { hasText: '有効' }).waitFor();
      await seeStateInList(page, '編集者 二郎', '有効');
    });

    await expect(logsIn('editor2', DEMO_PASSWORD)).resolves.toBe(true);
  });

  it('offers no 利用を停止 on the administrator’s own account, and says why', async () => {
    await onWatchedPage('accounts-own', async (page) => {
      await login(page, baseUrl, 'admin');
      await userPage(page, 'admin');
      await page.getByTestId('own-account-note').waitFor();
      expect(await page.getByTestId('user-deactivate').count()).toBe(0);
      expect(await page.getByTestId('user-reset-password').count()).toBe(0);
      // Their own password is changed where the current one is asked for.
      await page.getByTestId('user-change-own-password').click();
      await page.waitForURL((url) => url.hash.includes('/account/password'));
    });
  });

  it('lets an administrator reset a password: too short or unconfirmed is refused on the field, then the person logs in with the new one only', async () => {
    const NEW = 'approver2-reset-2026';
    await onWatchedPage('accounts-reset', async (page) => {
      const sent = watchMutations(page);
      await login(page, baseUrl, 'admin');
      await userPage(page, 'approver2');
      await page.getByTestId('user-reset-password').click();
      const dialog = page.getByTestId('reset-password-dialog');
      await expect(dialog.innerText()).resolves.toMatch(/承認者 次子さんのパスワードを再設定/);
      const fresh = dialog.locator('input[name="newPassword"]');
      const confirmation = dialog.locator('input[name="confirmPassword"]');
      // The rule is said on the field before anything is typed.
      await dialog.getByText('12文字以上', { exact: true }).waitFor();

      await fresh.fill('short-pw');
      await confirmation.fill('short-pw');
      await page.getByTestId('reset-password-confirm').click();
      await dialog.getByText('12文字以上にしてください').waitFor();

      await fresh.fill(NEW);
      await confirmation.fill(`${NEW}x`);
      await page.getByTestId('reset-password-confirm').click();
      await dialog.getByText('新しいパスワードと一致しません').waitFor();
      expect(sent).toEqual([]);

      await confirmation.fill(NEW);
      await page.getByTestId('reset-password-confirm').click();
      await dialog.waitFor({ state: 'detached' });
      const done = page.getByText(/パスワードを再設定しました/);
      await done.waitFor();
      // It tells the administrator that the person's sessions ended and that the new password is theirs now.
      await expect(done.innerText()).resolves.toMatch(/承認者 次子さんのログイン中のセッションは終了しました.*新しいパスワード/);
      expect(sent).toEqual(['resetPassword']);
    });

    await expect(logsIn('approver2', DEMO_PASSWORD)).resolves.toBe(false);
    await expect(logsIn('approver2', NEW)).resolves.toBe(true);
  });

  it('lets a person change their own password from the user menu: they stay logged in, other sessions end, the old password no longer works', async () => {
    const NEW = 'auditor-own-new-2026';
    await onWatchedPage('accounts-auditor-other-tab', async (otherTab) => {
      // The same person, logged in in another tab (sessions are per tab).
      await login(otherTab, baseUrl, 'auditor');
      await otherTab.locator('.RaList-main').waitFor();

      await onWatchedPage('accounts-change-own', async (page) => {
        const sent = watchMutations(page);
        await login(page, baseUrl, 'auditor');
        await page.getByRole('button', { name: '監査担当 (auditor)' }).click();
        await page.getByRole('menuitem', { name: 'パスワードの変更' }).click();
        await page.waitForURL((url) => url.hash.includes('/account/password'));
        await page.locator('#react-admin-title', { hasText: 'パスワードの変更' }).waitFor();
        const current = page.locator('input[name="currentPassword"]');
        const fresh = page.locator('input[name="newPassword"]');
        const confirmation = page.locator('input[name="confirmPassword"]');
        const submit = page.getByTestId('change-password-submit');

        // Refused on the fields, before anything is sent: too short, then not confirmed.
        await current.fill(DEMO_PASSWORD);
        await fresh.fill('too-short');
        await confirmation.fill('too-short');
        await submit.click();
        await page.getByText('12文字以上にしてください').waitFor();
        await fresh.fill(NEW);
        await confirmation.fill('auditor-own-new-2025');
        await submit.click();
        await page.getByText('新しいパスワードと一致しません').waitFor();
        expect(sent).toEqual([]);

        // A wrong current password: the server's refusal, on the current password's field, in words.
        await current.fill('not-my-password');
        await confirmation.fill(NEW);
        await submit.click();
        await page.getByText('現在のパスワードが正しくありません').waitFor();
        expect(page.url()).toContain('/account/password');

        await current.fill(DEMO_PASSWORD);
        await submit.click();
        await page.getByText(/パスワードを変更しました/).waitFor();
        await page.waitForURL((url) => !url.hash.includes('/account/password'));
        expect(sent).toEqual(['changePassword', 'changePassword']);

        // Still logged in: the audit trail opens, with data from the server (the new token works).
        await page.goto(`${baseUrl}/admin/#/audit`);
        await page.locator('#main-content tbody tr').first().waitFor();
        expect(page.url()).not.toContain('login');
      });

      // The other tab's token stopped working: its next request goes back to the login page.
      await otherTab.goto(`${baseUrl}/admin/#/versions`);
      await otherTab.waitForURL((url) => url.hash.includes('login'));
    });

    await expect(logsIn('auditor', DEMO_PASSWORD)).resolves.toBe(false);
    await expect(logsIn('auditor', NEW)).resolves.toBe(true);
  });

  it('says in words, above the form, that password checks are paused after repeated wrong current passwords', async () => {
    await onWatchedPage('accounts-rate-limited', async (page) => {
      await login(page, baseUrl, 'approver');
      await page.goto(`${baseUrl}/admin/#/account/password`);
      await page.locator('input[name="currentPassword"]').fill('not-my-password');
      await page.locator('input[name="newPassword"]').fill('approver-new-password');
      await page.locator('input[name="confirmPassword"]').fill('approver-new-password');
      // Five wrong attempts per person and address are answered; the sixth is refused until the window ends.
      for (let attempt = 1; attempt <= 5; attempt++) {
        await sendChangePassword(page);
        await page.getByText('現在のパスワードが正しくありません').waitFor();
        await page.locator('input[name="currentPassword"]').fill(`not-my-password-${attempt}`);
      }
      await sendChangePassword(page);
      const problem = page.getByTestId('change-password-problem');
      await expect(problem.innerText()).resolves.toMatch(/一時的に受け付けられません。15分ほど待って/);
      expect(await problem.innerText()).not.toMatch(/RATE_LIMITED|too many/i);
    });
  });
});
