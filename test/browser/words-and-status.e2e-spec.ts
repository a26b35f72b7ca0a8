import type { Browser, Page } from 'playwright-core';
import { TestApp, startTestApp } from '../support/test-app';
import { chromiumPath, launchBrowser, login, onPage } from '../support/browser';
import { dataOf } from '../support/policy-api';
import { workflow } from '../support/workflow-api';

if (!chromiumPath && process.env.CI) throw new Error('CI must run the browser tests: apt-get install chromium fonts-noto-cjk');
const describeInBrowser = chromiumPath ? describe : describe.skip;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const UUID_PREFIX = /\b[0-9a-f]{8}\b/;
const FACILITIES = 'マイナ一体化の手続可能施設';

/**
 * Issue 11, "words everywhere" and "status that tells the truth", as the section's staff see them in Japanese: titles
 * lead the lists, versions are 「<title> 第N版」, the public state comes from the record (公開中 / 予定 / 一部のみ有効 /
 * 後の版で置換), the autumn fix is a real rule with an assumed record date, the audit trail names policies, versions and
 * people and filters by them, an event's details are a table in words, and 記録時点 stays with its policy.
 * Today is the machine's today (the demo's 2027-04-01 rollout lies ahead).
 */
describeInBrowser('words and status in the admin UI', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let draftNumber: number;
  let draftId: string;
  let queuedId: string;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
    // A draft by the demo editor, rejected by the approver: the trail then holds events of named people.
    const w = workflow(t);
    const seed = (await t.sql(`SELECT v.content FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE p.key = 'myna.facilities' AND v.number = 1`))[0]
      .content;
    const created = dataOf(
      await w.create({ policyKey: 'myna.facilities', effectiveFrom: '2027-01-04', effectiveThrough: '2027-03-31', content: seed, summary: '表記の見直し(テスト)' }, 'editor'),
    ).createPolicyVersion;
    draftId = created.id;
    draftNumber = created.number;
    dataOf(await w.submit(draftId, 'editor'));
    dataOf(await w.reject(draftId, '出典を書いてください', 'approver'));
    // A draft of a real rule awaiting review, submitted by the demo editor. Its flags say what the demo's autumn fix
    // says (a real rule, its record date assumed): set behind the API's back, since a draft made through it has none.
    const renewal = (await t.sql(`SELECT v.content FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE p.key = 'myna.card-renewal' ORDER BY v.number DESC LIMIT 1`))[0]
      .content;
    queuedId = dataOf(
      await w.create({ policyKey: 'myna.card-renewal', effectiveFrom: '2027-02-01', content: renewal, summary: '引継ぎの案内文の見直し(キュー)' }, 'editor'),
    ).createPolicyVersion.id;
    dataOf(await w.submit(queuedId, 'editor'));
    await t.sql(`UPDATE policy_version SET demo = true, record_date_assumed = true WHERE id = $1`, [queuedId]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Waits until the list has reloaded: every cell of a column reads `text`. */
  const everyCell = (page: Page, testId: string, text: string) =>
    page.waitForFunction(
      ({ id, expected }) => {
        type Cell = { innerText: string };
        const doc = (globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<Cell> } }).document;
        const cells = Array.from(doc.querySelectorAll(`[data-testid="${id}"]`)).map((cell) => cell.innerText.trim());
        return cells.length > 0 && cells.every((cell) => cell === expected);
      },
      { id: testId, expected: text },
    );
  const appBarTitle = (page: Page) => page.locator('#react-admin-title').innerText();
  const mainText = (page: Page) => page.locator('main').innerText();

  it('leads the policy list with titles and names kinds in words', async () => {
    await onPage(browser, 'words-policy-list', async (page) => {
      await login(page, baseUrl, 'editor');
      await page.goto(`${baseUrl}/admin/#/policies`);
      await page.getByTestId('policy-title-myna.facilities').waitFor();
      const headers = await page.locator('thead th').allInnerTexts();
      expect(headers[0].trim()).toBe('名称');
      const row = page.locator('tbody tr', { has: page.getByTestId('policy-title-myna.facilities') });
      expect(await row.innerText()).toContain('手続可能施設');
      const text = await mainText(page);
      expect(text).not.toMatch(/fee-table|facility-matrix|card-renewal-carry-over|#\d/);
      // The autumn fix is real: in force today, badged only for its assumed record date.
      const renewal = page.locator('tbody tr', { has: page.getByTestId('policy-title-myna.card-renewal') });
      await expect(renewal.getByTestId('record-date-assumed-badge').first().isVisible()).resolves.toBe(true);
      expect(await renewal.getByTestId('demo-badge').count()).toBe(0);
      await page.screenshot({ path: 'tmp/shots/i-policy-list.png', fullPage: false });
    });
  });

  it('gives each version its public state and the real end of its days in force', async () => {
    await onPage(browser, 'words-version-list', async (page) => {
      await login(page, baseUrl, 'editor');
      await page.goto(`${baseUrl}/admin/#/versions?filter=${encodeURIComponent(JSON.stringify({ policyKey: 'myna.facilities' }))}&sort=effectiveFrom&order=ASC`);
      await page.getByTestId('version-policy-title').first().waitFor();
      const rowOf = (n: number) => page.locator('tbody tr', { hasText: `第${n}版` });
      await expect(rowOf(1).getByTestId('status-chip').innerText()).resolves.toBe('公開中');
      await expect(rowOf(1).getByTestId('effective-through').getAttribute('data-date')).resolves.toBe('2027-03-31');
      await expect(rowOf(2).getByTestId('status-chip').innerText()).resolves.toBe('予定');
      expect(await rowOf(2).innerText()).toContain('架空の内容');
      await expect(rowOf(draftNumber).getByTestId('status-chip').innerText()).resolves.toBe('下書き');
      const text = await mainText(page);
      expect(text).toContain(FACILITIES);
      expect(text).not.toMatch(/myna\.facilities #|#\d/);
      await page.screenshot({ path: 'tmp/shots/i-version-list.png', fullPage: false });

      await page.goto(`${baseUrl}/admin/#/versions?filter=${encodeURIComponent(JSON.stringify({ policyKey: 'myna.card-renewal' }))}&sort=effectiveFrom&order=ASC`);
      // The previous list has a 第2版 too: wait until the rows are the card-renewal policy's, and only read those.
      const renewalRowOf = (n: number) => rowOf(n).filter({ hasText: 'myna.card-renewal' });
      await renewalRowOf(2).waitFor();
      await page.locator('tbody tr', { hasText: 'myna.facilities' }).first().waitFor({ state: 'detached' });
      await expect(renewalRowOf(1).getByTestId('status-chip').innerText()).resolves.toBe('適用終了');
      await expect(renewalRowOf(1).getByTestId('effective-through').getAttribute('data-date')).resolves.toBe('2025-08-31');
      await expect(renewalRowOf(2).getByTestId('record-date-assumed-badge').innerText()).resolves.toBe('記録日は推定');
      expect(await renewalRowOf(2).getByTestId('demo-badge').count()).toBe(0);
    });
  });

  it('names an ended part of the timeline as published, not as in force, on the policy page', async () => {
    await onPage(browser, 'words-policy-timeline', async (page) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await login(page, baseUrl, 'editor');
      await page.goto(`${baseUrl}/admin/#/policies/fees.renewal/show`);
      // 第1版 ended on 2025-03-23, when 第2版 took over: a published part of the timeline, not one in force.
      const ended = page.getByTestId('timeline-row-1');
      await ended.waitFor();
      expect(await ended.innerText()).toContain('公開');
      expect(await ended.innerText()).not.toContain('公開中');
    });
  });

  it('says the same in English', async () => {
    await onPage(browser, 'words-english', async (page) => {
      await page.addInitScript(`localStorage.setItem('policy-cms.locale', 'en')`);
      await login(page, baseUrl, 'editor');
      await page.goto(`${baseUrl}/admin/#/versions?filter=${encodeURIComponent(JSON.stringify({ policyKey: 'myna.facilities' }))}&sort=effectiveFrom&order=ASC`);
      await page.getByTestId('version-policy-title').first().waitFor();
      const rowOf = (n: number) => page.locator('tbody tr', { hasText: `Version ${n}` }).first();
      await expect(rowOf(1).getByTestId('status-chip').innerText()).resolves.toBe('In force');
      await expect(rowOf(2).getByTestId('status-chip').innerText()).resolves.toBe('Scheduled');
      expect(await rowOf(2).getByTestId('demo-badge').innerText()).toBe('Invented content');
      const headers = (await page.locator('thead th').allInnerTexts()).map((h) => h.trim());
      expect(headers).toEqual(expect.arrayContaining(['Policy', 'Version', 'Status', 'Effective through', 'Recorded at']));
    });
  });

  it('names a version in the app bar, shows its real record instant, and draws the facility table once', async () => {
    const [{ id: first }] = await t.sql(`SELECT v.id FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE p.key = 'myna.facilities' AND v.number = 1`);
    const [{ id: rollout }] = await t.sql(`SELECT v.id FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE p.key = 'myna.facilities' AND v.number = 2`);
    await onPage(browser, 'words-version-page', async (page) => {
      await login(page, baseUrl, 'approver');
      await page.goto(`${baseUrl}/admin/#/versions/${first}/show`);
      await page.getByTestId('public-standing').waitFor();
      await expect(appBarTitle(page)).resolves.toBe(`${FACILITIES} 第1版`);
      await expect(page.getByTestId('public-standing').getAttribute('data-public-state')).resolves.toBe('IN_FORCE');
      // 2025-03-24 09:00 in Tokyo, when the seed page said it; not the day the demo data was loaded.
      expect(await page.getByTestId('public-standing-recorded-at').innerText()).toMatch(/2025.03.24.*09:00/);
      expect(await page.getByTestId('public-standing-in-effect').innerText()).toContain('2027-03-31');
      // Its history gives the day the demo data was loaded: the page says which of the two dates is which.
      expect(await page.getByTestId('history-demo-loaded').innerText()).toContain('実際に読み込んだ日時');
      const visibleTables = async () => {
        const tables = await page.locator('table[aria-label="手続可能施設"]').all();
        return (await Promise.all(tables.map((table) => table.isVisible()))).filter(Boolean).length;
      };
      await page.getByTestId('version-content').waitFor();
      // The review section (what a withdrawal would change) loads after the page and draws the table itself.
      const slotTable = page.getByTestId('workflow-slot').locator('table[aria-label="手続可能施設"]').first();
      await slotTable.waitFor({ timeout: 10_000 }).catch(() => undefined);
      if (await slotTable.isVisible()) await page.locator('[data-testid="version-content"][data-folded="true"]').waitFor();
      expect(await visibleTables()).toBe(1);
      await page.screenshot({ path: 'tmp/shots/i-version-page.png', fullPage: true });

      await page.goto(`${baseUrl}/admin/#/versions/${rollout}/show`);
      await page.getByTestId('public-standing').waitFor();
      await expect(appBarTitle(page)).resolves.toBe(`${FACILITIES} 第2版`);
      await page.locator('[data-testid="version-content"][data-folded="true"]').waitFor();
      expect(await page.getByTestId('version-content').locator('table').first().isVisible()).toBe(false);
      expect(await page.getByTestId('demo-badge').innerText()).toBe('架空の内容');
    });
  });

  it('names policies, versions and people in the audit trail, filters by person and policy, and tells an event in words', async () => {
    await onPage(browser, 'words-audit', async (page) => {
      await login(page, baseUrl, 'auditor');
      await page.goto(`${baseUrl}/admin/#/audit`);
      await page.getByTestId('audit-target').first().waitFor();
      const table = page.locator('main table').last();
      const text = await table.innerText();
      expect(text).toContain(`${FACILITIES} 第${draftNumber}版`);
      expect(text).toContain('編集者 一郎');
      expect(text).toContain('承認者 花子');
      expect(text).not.toMatch(UUID);
      expect(text).not.toMatch(/ポリシーの版 [0-9a-f]{8}|ユーザー [0-9a-f]{8}|policy_version/);

      // The action filter's choices are words, without their codes.
      await page.getByRole('combobox', { name: '操作' }).click();
      const options = await page.getByRole('option').allInnerTexts();
      expect(options).toContain('公開');
      expect(options.join('\n')).not.toMatch(/policy_version|auth\./);
      await page.keyboard.press('Escape');

      // The system itself is a choice, before the people (the demo load and the first administrator are its events),
      // and so are callers who were not signed in.
      await page.getByRole('combobox', { name: '実行者' }).click();
      expect(await page.getByRole('option').allInnerTexts()).toEqual(expect.arrayContaining(['システム', 'ログインしていない利用者(ログイン失敗)']));
      await page.getByRole('option', { name: 'システム', exact: true }).click();
      await page.waitForURL((url) => decodeURIComponent(url.hash).includes('"actorId":"SYSTEM"'));
      await everyCell(page, 'audit-actor', 'システム');
      expect(new Set(await page.getByTestId('audit-actor').allInnerTexts())).toEqual(new Set(['システム']));

      // By person: only the editor's events.
      await page.getByRole('combobox', { name: '実行者' }).click();
      await page.getByRole('option', { name: /編集者 一郎/ }).click();
      await page.waitForURL((url) => decodeURIComponent(url.hash).includes('actorId'));
      await everyCell(page, 'audit-actor', '編集者 一郎');
      const actors = await page.getByTestId('audit-actor').allInnerTexts();
      expect(actors.length).toBeGreaterThan(0);
      expect(new Set(actors)).toEqual(new Set(['編集者 一郎']));

      // By policy: the editor's events about the facility matrix are the draft's.
      await page.getByRole('combobox', { name: 'ポリシー' }).click();
      await page.getByRole('option', { name: FACILITIES, exact: true }).click();
      await page.waitForURL((url) => decodeURIComponent(url.hash).includes('policyKey'));
      await everyCell(page, 'audit-target', `${FACILITIES} 第${draftNumber}版`);
      const targets = await page.getByTestId('audit-target').allInnerTexts();
      expect(targets.length).toBeGreaterThanOrEqual(2);
      expect(new Set(targets)).toEqual(new Set([`${FACILITIES} 第${draftNumber}版`]));
      await page.screenshot({ path: 'tmp/shots/i-audit-list.png', fullPage: false });

      // The creation, in words: fields named as the form names them, facility types as words, no JSON shown.
      await page.locator('tbody tr', { hasText: '版の作成' }).first().click();
      await page.getByTestId('audit-changes').waitFor();
      const detail = await page.locator('main').innerText();
      expect(detail).toContain(`${FACILITIES} 第${draftNumber}版`);
      expect(detail).toContain('編集者 一郎');
      expect(detail).toContain('手続できる施設');
      expect(detail).toContain('運転免許試験場');
      expect(detail).toContain('適用開始日');
      expect(detail).not.toMatch(/TEST_CENTER|RENEWAL_CENTER|facilityTypes|"content"|policy_version/);
      expect(detail).not.toMatch(UUID);
      await page.screenshot({ path: 'tmp/shots/i-audit-event.png', fullPage: true });

      // The days of the filter are typed as the office writes them (they were the browser's native inputs) and
      // filter from 00:00 in Tokyo.
      await page.goto(`${baseUrl}/admin/#/audit`);
      await page.getByTestId('audit-target').first().waitFor();
      await page.getByTestId('audit-filter-from').fill('令和８年１２月１日');
      await page.waitForURL((url) => decodeURIComponent(url.hash).includes('"from":"2026-12-01T00:00:00+09:00"'));
      await page.getByTestId('audit-filter-to').fill('2026/2/30');
      await page.getByText('日付として読めません').first().waitFor();
      expect(decodeURIComponent(page.url())).not.toContain('"to"');
      await page.screenshot({ path: 'tmp/shots/i-audit-filter-days.png' });

      // An end day before the start day is said in Japanese, not in the API's English.
      const reversed = { from: '2026-12-05T00:00:00+09:00', to: '2026-12-02T00:00:00+09:00' };
      await page.goto(`${baseUrl}/admin/#/audit?filter=${encodeURIComponent(JSON.stringify(reversed))}`);
      await page.getByText('終了日が開始日より前です。期間を選び直してください。').waitFor();
      expect(await page.locator('body').innerText()).not.toContain('to must be later');
    });
  });

  it("exports the trail it shows as a CSV for a spreadsheet: the list's filter, a BOM, Japanese column names, Tokyo times", async () => {
    await onPage(browser, 'words-audit-csv', async (page) => {
      await login(page, baseUrl, 'auditor');
      await page.goto(`${baseUrl}/admin/#/audit`);
      await page.getByTestId('audit-target').first().waitFor();
      await page.getByRole('combobox', { name: 'ポリシー' }).click();
      await page.getByRole('option', { name: FACILITIES, exact: true }).click();
      await page.waitForURL((url) => decodeURIComponent(url.hash).includes('policyKey'));
      // The list shows the filter's events before the export is asked for (the address changes a moment earlier).
      await page.waitForFunction((title) => {
        const cells = Array.from((globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ innerText: string }> } }).document.querySelectorAll('[data-testid="audit-target"]'));
        return cells.length > 0 && cells.every((cell) => cell.innerText.includes(title));
      }, FACILITIES);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-csv').click()]);
      const text = await new Promise<string>((done, fail) => {
        void download.createReadStream().then((stream) => {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
          stream.on('error', fail);
        }, fail);
      });
      const [header, ...rows] = text.split('\r\n').filter((line) => line !== '');
      // Excel in Japanese reads the file as UTF-8 only with the BOM; a person reads the columns' Japanese names.
      expect(header.startsWith('\uFEFF番号,日時(日本時間),')).toBe(true);
      expect(header).not.toMatch(/occurred_at|actor_name|prev_hash/);
      const columns = header.replace('\uFEFF', '').split(',');
      const policy = columns.indexOf('対象ポリシー(現在)');
      const time = columns.indexOf('日時(日本時間)');
      expect(rows.length).toBeGreaterThanOrEqual(2);
      // Only the policy the list was filtered by, at Tokyo times (the cells hold no comma here: titles and times).
      for (const row of rows) {
        const cells = row.split(',');
        expect(cells[time]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+09:00$/);
        expect(row).toContain(FACILITIES);
      }
      expect(policy).toBeGreaterThan(0);
    });
  });

  it('names the audit actions in English once English is chosen in the app bar, and says so in <html lang>', async () => {
    await onPage(browser, 'words-audit-english', async (page) => {
      await login(page, baseUrl, 'auditor');
      await page.goto(`${baseUrl}/admin/#/audit`);
      await page.getByTestId('audit-target').first().waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe('ja');
      await page.getByRole('button', { name: '日本語' }).click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await page.getByRole('combobox', { name: 'Action' }).waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe('en');
      const table = await page.locator('main table').last().innerText();
      expect(table).toContain('Version created');
      // Names of people and policies are data, in Japanese; the actions are words of the app.
      expect(table).not.toMatch(/版の作成|レビューに提出|差戻し|ユーザー作成/);
      await page.getByRole('combobox', { name: 'Action' }).click();
      const options = await page.getByRole('option').allInnerTexts();
      expect(options).toContain('Published');
      expect(options.join('\n')).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]|policy_version|auth\./);
      await page.keyboard.press('Escape');
      await page.getByRole('listbox').waitFor({ state: 'detached' });
      // The action's cell: the row's middle is its target's link, to the version.
      await page.locator('tbody tr').getByText('Version created', { exact: true }).first().click();
      await page.getByTestId('audit-action').waitFor();
      await expect(page.getByTestId('audit-action').innerText()).resolves.toBe('Version created');
    });
  });

  it('titles a user’s page with the person’s name', async () => {
    const editorId = await t.userId('editor');
    await onPage(browser, 'words-user', async (page) => {
      await login(page, baseUrl, 'admin');
      await page.goto(`${baseUrl}/admin/#/users/${editorId}`);
      await page.locator('#react-admin-title', { hasText: '編集者 一郎' }).waitFor();
      await expect(appBarTitle(page)).resolves.toBe('編集者 一郎');
      expect(await appBarTitle(page)).not.toMatch(UUID_PREFIX);
    });
  });

  it('keeps 記録時点 in the address of its policy: another policy shows the current record, a link or Back shows the time asked', async () => {
    // The address changes a moment after the input: wait for the page to show the record time asked.
    const knownAtShown = (page: Page, instant: string) => page.locator(`[data-testid="known-at-value"][data-known-at="${instant}"]`).waitFor();
    await onPage(browser, 'words-known-at', async (page) => {
      await login(page, baseUrl, 'editor');
      await page.goto(`${baseUrl}/admin/#/policies/myna.card-renewal/show`);
      await page.getByTestId('known-at-input').fill('2025-05-01T12:00');
      await knownAtShown(page, '2025-05-01T12:00:00+09:00');
      await page.goto(`${baseUrl}/admin/#/policies/myna.facilities/show`);
      await page.getByTestId('policy-title').filter({ hasText: FACILITIES }).waitFor();
      await expect(page.getByTestId('known-at-input').inputValue()).resolves.toBe('');
      await knownAtShown(page, '');
      // Back on the first policy, its address still holds the record time it was left at; the other policy's never did.
      await page.goBack();
      await page.getByTestId('policy-title').filter({ hasText: 'マイナンバーカード更新時' }).waitFor();
      expect(page.url()).toContain('/policies/myna.card-renewal/show?knownAt=2025-05-01T12%3A00');
      await knownAtShown(page, '2025-05-01T12:00:00+09:00');
      // A link to a past record shows it: the address is what an administrator sends a colleague.
      await page.goto(`${baseUrl}/admin/#/policies/myna.facilities/show?knownAt=2025-03-24T09:30`);
      await page.getByTestId('policy-title').filter({ hasText: FACILITIES }).waitFor();
      await expect(page.getByTestId('known-at-input').inputValue()).resolves.toBe('2025-03-24T09:30');
      await knownAtShown(page, '2025-03-24T09:30:00+09:00');
      // 現在に戻す clears it from the address too.
      await page.getByTestId('known-at-reset').click();
      await knownAtShown(page, '');
      expect(page.url()).not.toContain('knownAt');
    });
  });

  /** Presses Tab until a row of the list's body has the focus (a row opens on Enter); returns what the row shows. */
  const tabToFirstRow = async (page: Page) => {
    for (let presses = 0; presses < 80; presses++) {
      await page.keyboard.press('Tab');
      const row = await page.evaluate(() => {
        type El = { tagName: string; closest(selector: string): unknown; innerText: string; getAttribute(name: string): string | null };
        const active = (globalThis as unknown as { document: { activeElement: El | null } }).document.activeElement;
        if (!active || active.tagName !== 'TR' || !active.closest('tbody')) return null;
        const style = (globalThis as unknown as { getComputedStyle(el: El): { outlineStyle: string; outlineWidth: string } }).getComputedStyle(active);
        return { text: active.innerText, tabIndex: active.getAttribute('tabindex'), outline: `${style.outlineStyle} ${style.outlineWidth}` };
      });
      if (row) return row;
    }
    throw new Error('no row of the list took the focus after 80 presses of Tab');
  };

  it('opens a row of the policy list and of the audit trail with Enter, reached with Tab and shown with a focus ring', async () => {
    await onPage(browser, 'words-keyboard-policies', async (page) => {
      await login(page, baseUrl, 'editor');
      await page.goto(`${baseUrl}/admin/#/policies`);
      await page.getByTestId('policy-title-myna.facilities').waitFor();
      const row = await tabToFirstRow(page);
      expect(row.tabIndex).toBe('0');
      expect(row.outline).toBe('solid 3px');
      await page.screenshot({ path: 'tmp/shots/k-policy-row-focus.png' });
      const { policies } = dataOf<{ policies: { key: string; title: string }[] }>(await t.gql(`{ policies { key title } }`));
      // The row's policy: the longest title it shows (one title may be part of another).
      const focused = policies.filter((policy) => row.text.includes(policy.title)).sort((x, y) => y.title.length - x.title.length)[0];
      expect(focused).toBeDefined();
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.hash === `#/policies/${focused.key}/show`);
      await page.getByTestId('policy-title').filter({ hasText: focused.title }).waitFor();
    });
    await onPage(browser, 'words-keyboard-audit', async (page) => {
      await login(page, baseUrl, 'auditor');
      await page.goto(`${baseUrl}/admin/#/audit`);
      await page.getByTestId('audit-target').first().waitFor();
      const row = await tabToFirstRow(page);
      expect(row.outline).toBe('solid 3px');
      // The newest event leads the trail: its number is the row's first cell.
      const id = row.text.trim().split(/\s/)[0];
      expect(id).toMatch(/^\d+$/);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.hash === `#/audit/${id}/show`);
      await page.getByTestId('audit-occurred-at').waitFor();
    });
  });

  it('shows the version list, the audit trail and the change feed on a 390 px phone with their dates and states on the screen', async () => {
    type Box = { scrollWidth: number; clientWidth: number; parentElement: Box | null };
    /** Every table that is wider than the box it is in: the part past the box is off the screen. */
    const overflowing = (page: Page) =>
      page.locator('main table').evaluateAll((tables) =>
        (tables as unknown as Box[]).filter((table) => table.parentElement && table.scrollWidth > table.parentElement.clientWidth + 1).length,
      );
    const onScreen = async (page: Page, text: string) => {
      const box = (await page.locator('main').getByText(text).first().boundingBox())!;
      return box.x >= 0 && box.x + box.width <= 390;
    };
    await onPage(browser, 'words-phone-lists', async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await login(page, baseUrl, 'admin');
      // The versions: the scheduled rollout's state, number and first day, beside its title.
      await page.goto(`${baseUrl}/admin/#/versions?filter=${encodeURIComponent(JSON.stringify({ policyKey: 'myna.facilities' }))}`);
      await page.getByTestId('version-phone-range').first().waitFor();
      expect(await overflowing(page)).toBe(0);
      for (const text of ['予定', '2027-04-01', '第2版']) expect([text, await onScreen(page, text)]).toEqual([text, true]);
      await page.screenshot({ path: 'tmp/shots/k-versions-390.png' });

      // The audit trail: each event's action, target, person and time.
      await page.goto(`${baseUrl}/admin/#/audit`);
      await page.getByTestId('audit-target').first().waitFor();
      expect(await overflowing(page)).toBe(0);
      const event = page.locator('main tbody tr', { hasText: `${FACILITIES} 第${draftNumber}版` }).first();
      const [eventBox, targetBox] = [(await event.boundingBox())!, (await event.getByTestId('audit-target').boundingBox())!];
      expect(eventBox.x + eventBox.width).toBeLessThanOrEqual(390);
      expect(targetBox.x + targetBox.width).toBeLessThanOrEqual(390);
      expect(await event.innerText()).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
      // The export buttons stay on the screen.
      for (const id of ['audit-export-csv', 'audit-export-jsonl']) {
        const box = (await page.getByTestId(id).boundingBox())!;
        expect([id, box.x >= 0 && box.x + box.width <= 390]).toEqual([id, true]);
      }
      await page.screenshot({ path: 'tmp/shots/k-audit-390.png' });

      // The change feed: each event's range on the screen.
      await page.goto(`${baseUrl}/admin/#/changes`);
      await page.getByTestId('feed-row').first().waitFor();
      expect(await overflowing(page)).toBe(0);
      expect(await onScreen(page, '適用期間')).toBe(true);
      await page.screenshot({ path: 'tmp/shots/k-changes-390.png' });
    });
  });

  it('gives a diff, an audit event and the preview\'s fees the width of a 390 px phone, not a few characters a line', async () => {
    const [{ id: lectureFees }] = await t.sql(`SELECT v.id FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE p.key = 'fees.lecture' AND v.number = 2`);
    const [{ id: created }] = await t.sql(`SELECT id FROM audit_event WHERE action = 'policy_version.create' AND target_id = $1`, [draftId]);
    const widths = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((el) => Math.round((el as unknown as { getBoundingClientRect(): { width: number } }).getBoundingClientRect().width)));
    await onPage(browser, 'words-phone-details', async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await login(page, baseUrl, 'admin');
      // What withdrawing the lecture fees' #2 would change: each change a block at the screen's width (four
      // columns once shared 350 px and wrapped 「変更」 and the fees' names a few characters a line).
      await page.goto(`${baseUrl}/admin/#/versions/${lectureFees}/show`);
      await page.getByTestId('diff-row').first().waitFor({ timeout: 30_000 });
      const rows = await widths(page, '[data-testid="diff-row"] > td');
      expect(rows.length).toBeGreaterThan(0);
      expect(Math.min(...rows)).toBeGreaterThanOrEqual(300);
      expect(await page.getByTestId('diff-row').first().innerText()).toContain('変更前');
      await page.screenshot({ path: 'tmp/shots/k-diff-390.png' });
      // Its timeline fits the screen, this version's bar and its name whole (it was 520 px wide, cut at the edge).
      const subject = page.locator('[data-testid="impact-lane-before"] [data-testid="impact-bar"][data-subject="true"]');
      const bar = (await subject.boundingBox())!;
      expect(bar.x + bar.width).toBeLessThanOrEqual(390);
      expect(await subject.evaluate((el) => (el as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth <= (el as unknown as { clientWidth: number }).clientWidth)).toBe(true);

      // An audit event's changes: each cell on its own line, named by its column.
      await page.goto(`${baseUrl}/admin/#/audit/${created}/show`);
      await page.getByTestId('audit-change-row').first().waitFor();
      expect(Math.min(...(await widths(page, '[data-testid="audit-change-row"] > td')))).toBeGreaterThanOrEqual(300);
      await page.screenshot({ path: 'tmp/shots/k-audit-event-390.png' });

      // The preview's renewal fee: each holding status's amount on a line of its own, 2,850円 unbroken.
      await page.goto(`${baseUrl}/admin/#/preview`);
      const fee = page.getByTestId('preview-fee-fees.renewal-renewal');
      await fee.waitFor({ timeout: 30_000 });
      const amount = fee.locator('[data-holding="LICENSE_ONLY"]');
      expect(await amount.innerText()).toBe('2,850円');
      const box = (await amount.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(box.height).toBeLessThan(30);
      expect(await fee.innerText()).toContain('運転免許証のみ');
    });
  });

  it('fits the policy list, a policy page and a version page on a 390 px phone, without sideways scrolling', async () => {
    const [{ id: first }] = await t.sql(`SELECT v.id FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE p.key = 'myna.facilities' AND v.number = 1`);
    const scrollWidth = (page: Page) =>
      page.evaluate(() => (globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } } }).document.scrollingElement.scrollWidth);
    await onPage(browser, 'words-phone', async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await login(page, baseUrl, 'editor');
      await page.goto(`${baseUrl}/admin/#/policies`);
      const card = page.getByTestId('policy-card-myna.facilities');
      await card.waitFor();
      // Today (before the demo's 2027-04-01 rollout) the first version is in force and the rollout is next.
      const current = card.getByTestId('policy-current-myna.facilities');
      const next = card.getByTestId('policy-next-myna.facilities');
      await current.locator('text=第1版').waitFor();
      await expect(card.getByTestId('policy-title-myna.facilities').isVisible()).resolves.toBe(true);
      await expect(card.getByText('現在の版').isVisible()).resolves.toBe(true);
      await expect(card.getByText('次の予定変更').isVisible()).resolves.toBe(true);
      await expect(current.isVisible()).resolves.toBe(true);
      await expect(next.isVisible()).resolves.toBe(true);
      expect(await current.innerText()).toContain('2025-03-24');
      expect(await next.innerText()).toContain('2027-04-01');
      expect(await next.innerText()).toContain('第2版');
      // Nothing in the card runs into anything else.
      const [a, b] = [(await current.boundingBox())!, (await next.boundingBox())!];
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart).toBe(true);
      for (const part of [current, next]) {
        expect(await part.evaluate((el) => (el as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth <= (el as unknown as { clientWidth: number }).clientWidth)).toBe(true);
      }
      await page.screenshot({ path: 'tmp/shots/k-policy-list-390.png' });
      await card.screenshot({ path: 'tmp/shots/k-policy-card-390.png' });
      expect(await scrollWidth(page)).toBeLessThanOrEqual(390);

      // The card opens the policy page, which fits too.
      await card.getByTestId('policy-title-myna.facilities').click();
      await page.waitForURL((url) => url.hash === '#/policies/myna.facilities/show');
      await page.getByTestId('timeline-segments').waitFor();
      await page.screenshot({ path: 'tmp/shots/k-policy-page-390.png', fullPage: true });
      expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
      // The timeline scrolls in its box and opens with today in view; its lane labels stay in view beside the
      // bars, and each fits its lane (the range wraps after 〜, not inside a date).
      const chart = page.getByTestId('timeline-scroll');
      const [chartBox, todayBox, labelsBox] = [
        (await chart.boundingBox())!,
        (await page.getByTestId('timeline-today').boundingBox())!,
        (await page.getByTestId('timeline-labels').boundingBox())!,
      ];
      expect(await chart.evaluate((el) => (el as unknown as { scrollLeft: number }).scrollLeft)).toBeGreaterThan(0);
      expect(todayBox.x).toBeGreaterThan(labelsBox.x + labelsBox.width);
      expect(todayBox.x).toBeLessThan(chartBox.x + chartBox.width);
      expect(labelsBox.x).toBeGreaterThanOrEqual(chartBox.x);
      for (const number of [1, 2]) {
        const lane = page.getByTestId(`timeline-label-${number}`);
        expect(await lane.evaluate((el) => (el as unknown as { scrollHeight: number }).scrollHeight <= (el as unknown as { clientHeight: number }).clientHeight)).toBe(true);
        expect(await lane.innerText()).toMatch(/\d{4}-\d{2}-\d{2}〜\n?(\d{4}-\d{2}-\d{2}|無期限)/);
      }
      await chart.screenshot({ path: 'tmp/shots/k-policy-timeline-390.png' });
      // A title longer than the app bar ends in … where the bar has room for it, and does not run under its buttons.
      const title = page.locator('#react-admin-title > *').first();
      await title.getByText('マイナ一体化の手続可能施設').waitFor();
      const cut = await title.evaluate((el) => {
        const box = el as unknown as { scrollWidth: number; clientWidth: number; ownerDocument: { defaultView: { getComputedStyle(e: unknown): { textOverflow: string } } } };
        return { overflows: box.scrollWidth > box.clientWidth, ellipsis: box.ownerDocument.defaultView.getComputedStyle(el).textOverflow };
      });
      expect(cut).toEqual({ overflows: true, ellipsis: 'ellipsis' });
      const [titleBox, languageBox] = [(await title.boundingBox())!, (await page.locator('button[aria-controls="simple-menu"]').first().boundingBox())!];
      expect(titleBox.x + titleBox.width).toBeLessThanOrEqual(languageBox.x);

      await page.goto(`${baseUrl}/admin/#/versions/${first}/show`);
      await page.getByTestId('public-standing').waitFor();
      await page.getByTestId('workflow-history').waitFor();
      await page.locator('.MuiLinearProgress-root, .MuiCircularProgress-root').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      await page.screenshot({ path: 'tmp/shots/k-version-page-390.png', fullPage: true });
      expect(await scrollWidth(page)).toBeLessThanOrEqual(390);

      // The version list: its table scrolls in its own card, the page does not.
      await page.goto(`${baseUrl}/admin/#/versions`);
      await page.getByTestId('version-policy-title').first().waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    });
  });

  it('never scrolls the whole page sideways at 1440 px: the fee form, and the lists in English', async () => {
    const scrollWidth = (page: Page) =>
      page.evaluate(() => (globalThis as unknown as { document: { scrollingElement: { scrollWidth: number } } }).document.scrollingElement.scrollWidth);
    await onPage(browser, 'words-wide', async (page) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await login(page, baseUrl, 'editor');
      await page.goto(`${baseUrl}/admin/#/versions/create?source=${encodeURIComponent(JSON.stringify({ policyKey: 'fees.renewal' }))}`);
      await page.getByTestId('fee-add-item').waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(1440);
      await page.getByRole('button', { name: '日本語' }).click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      for (const [hash, ready] of [
        ['#/versions', 'version-policy-title'],
        ['#/policies', 'policy-title-myna.facilities'],
      ]) {
        await page.goto(`${baseUrl}/admin/${hash}`);
        await page.getByTestId(ready).first().waitFor();
        await page.getByText('Version 1').first().waitFor();
        expect({ hash, fits: (await scrollWidth(page)) <= 1440 }).toEqual({ hash, fits: true });
      }
      await page.screenshot({ path: 'tmp/shots/k-versions-en-1440.png' });
    });
  });

  it('names who submitted each version in the review queue and who returned a draft, by their names', async () => {
    await onPage(browser, 'words-review-people', async (page) => {
      await login(page, baseUrl, 'approver');
      await page.goto(`${baseUrl}/admin/#/reviews`);
      const row = page.getByTestId(`review-row-${queuedId}`);
      await row.waitFor();
      await expect(row.getByTestId('review-submitter').innerText()).resolves.toBe('編集者 一郎');
      const header = await page.getByTestId('review-queue-in-review').locator('thead').innerText();
      expect(header).toContain('提出者');
      // A real rule whose record date is assumed is not called fictional: the words of the policy page.
      await expect(row.getByTestId('record-date-assumed-badge').innerText()).resolves.toBe('記録日は推定');
      expect(await row.getByTestId('demo-badge').count()).toBe(0);
      expect(await row.innerText()).not.toMatch(/デモ|架空|editor/);
      await page.screenshot({ path: 'tmp/shots/k-review-queue.png' });
      // On a phone the queue's table scrolls in its card; the page does not, and the summary keeps a readable width.
      await page.setViewportSize({ width: 390, height: 844 });
      const widths = await page.evaluate(() => {
        const doc = (globalThis as unknown as { document: { scrollingElement: { scrollWidth: number }; querySelector(s: string): { scrollWidth: number; clientWidth: number } | null } }).document;
        const box = doc.querySelector('[data-testid="review-queue-in-review-scroll"]')!;
        return { page: doc.scrollingElement.scrollWidth, scrolls: box.scrollWidth > box.clientWidth };
      });
      expect(widths).toEqual({ page: 390, scrolls: true });
      const summary = (await row.locator('td').nth(3).boundingBox())!;
      expect(summary.width).toBeGreaterThanOrEqual(200);
      await page.screenshot({ path: 'tmp/shots/k-review-queue-390.png' });
      await page.setViewportSize({ width: 1400, height: 1000 });
      // The queue's rows open with Enter too.
      await row.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.hash === `#/versions/${queuedId}/show`);
    });
    await onPage(browser, 'words-returned-by', async (page) => {
      await login(page, baseUrl, 'editor');
      await page.goto(`${baseUrl}/admin/#/versions/${draftId}/show`);
      const banner = page.getByTestId('rejection-banner');
      await banner.waitFor();
      const text = await banner.innerText();
      expect(text).toContain('承認者 花子が');
      expect(text).toContain('出典を書いてください');
      expect(text).not.toContain('approver');
    });
  });

  it('says in the preview what the policy page says of versions not wholly from sources, as the record stands and as it stood', async () => {
    await onPage(browser, 'words-preview-flags', async (page) => {
      await login(page, baseUrl, 'editor');
      await page.goto(`${baseUrl}/admin/#/preview`);
      const renewal = page.getByTestId('preview-rule-myna.card-renewal');
      // The autumn fix is in force today: a real rule, its record date assumed.
      await expect(renewal.getByTestId('record-date-assumed-badge').innerText()).resolves.toBe('記録日は推定');
      expect(await renewal.getByTestId('demo-badge').count()).toBe(0);
      const text = await page.getByTestId('preview-page').innerText();
      expect(text).not.toContain('デモ用の架空データ');
      expect(text).not.toContain('架空の内容'); // nothing in force today is invented
      await page.screenshot({ path: 'tmp/shots/k-preview-today.png' });

      // On the rollout day the invented rollout applies, and says so.
      await page.getByTestId('preview-date').fill('2027-04-01');
      const facilities = page.locator('[data-testid="preview-rule-myna.facilities"]');
      await expect(facilities.getByTestId('demo-badge').innerText()).resolves.toBe('架空の内容');

      // As the record stood a minute ago (the public rules, which carry only `demo`): the same words.
      const minuteAgo = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'short' })
        .format(new Date(Date.now() - 60_000))
        .replace(' ', 'T');
      await page.getByTestId('preview-date').fill(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date()));
      await page.getByTestId('preview-known-at').fill(minuteAgo);
      await expect(renewal.getByTestId('record-date-assumed-badge').innerText()).resolves.toBe('記録日は推定');
      expect(await renewal.getByTestId('demo-badge').count()).toBe(0);
    });
  });
});
