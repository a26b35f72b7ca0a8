import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TestApp, startTestApp } from '../support/test-app';
import { chromiumPath, launchBrowser, login, onPage } from '../support/browser';
import { dataOf, policyInForce } from '../support/policy-api';

/** What the page functions below read of the browser's document (the tests compile without the DOM's types). */
type InPage = { document: { activeElement: { getAttribute(name: string): string | null } | null; documentElement: { scrollWidth: number } } };

// Every kind is edited through its own form, numbers are read as a Japanese office types them, refused input says
// what is wrong on its field in the chosen language, and a half-filled form is not lost by a stray click.

if (!chromiumPath && process.env.CI) throw new Error('CI must run the browser tests: apt-get install chromium fonts-noto-cjk');
const describeInBrowser = chromiumPath ? describe : describe.skip;
if (!chromiumPath) console.warn('browser tests skipped: no Chromium (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)');

const FROM = '2027-06-01';
const SHOTS = join(__dirname, '../../tmp/shots');

describeInBrowser('the content forms of every kind', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const field = (page: Page, path: string) => page.getByTestId(`content-input-${path}`);
  /** The helper text under an input: MUI ties it to the input with aria-describedby. */
  const helperOf = async (page: Page, path: string) => {
    const id = await field(page, path).getAttribute('aria-describedby');
    return id ? page.locator(`[id="${id}"]`).innerText() : '';
  };

  const openCreateForm = async (page: Page, policyKey: string) => {
    await page.goto(`${baseUrl}/admin/#/versions/create?source=${encodeURIComponent(JSON.stringify({ policyKey }))}`);
    // Generous: the content in force is loaded after the form appears, and this machine may be busy.
    await page.getByTestId('starting-content').waitFor({ timeout: 45_000 });
  };

  const fillRangeAndSummary = async (page: Page, summary: string) => {
    await page.locator('input[name="effectiveFrom"]').fill(FROM);
    await page.locator('[name="summary"]').fill(summary);
  };

  /** Saves the form and returns the stored content of the new version. */
  const saveAndRead = async (page: Page): Promise<any> => {
    await page.locator('button[type="submit"]').first().click();
    await page.waitForURL(/#\/versions\/[0-9a-f-]{36}\/show/, { timeout: 45_000 });
    const id = /versions\/([0-9a-f-]{36})/.exec(page.url())![1];
    const [row] = await t.sql(`SELECT content FROM policy_version WHERE id = $1`, [id]);
    return row.content;
  };

  const versionCount = async () => Number((await t.sql(`SELECT count(*) AS n FROM policy_version`))[0].n);

  it('saves a fee typed in full-width digits as the number it says', async () => {
    await onPage(browser, 'g-fee-full-width', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'fees.renewal');
      await field(page, 'content.items.0.amount.byHoldingStatus.LICENSE_ONLY').fill('２９００');
      await fillRangeAndSummary(page, '更新手数料の改定(テスト)');
      const content = await saveAndRead(page);
      expect(content.items[0].amount).toEqual({ basis: 'BY_HOLDING_STATUS', byHoldingStatus: { LICENSE_ONLY: 2900, MYNA_ONLY: 2100, BOTH: 2950 } });
    });
  });

  it('keeps a mistyped fee as typed, with its error, instead of the old amount (「30o0」 once became 28500)', async () => {
    await onPage(browser, 'g-fee-typo', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'fees.renewal');
      const amount = field(page, 'content.items.0.amount.byHoldingStatus.LICENSE_ONLY');
      await expect(amount.inputValue()).resolves.toBe('2850');
      await amount.fill('');
      // Typed key by key, as a person types: the refused text stays, and the next key goes on from it.
      await amount.pressSequentially('30o0');
      await expect(amount.inputValue()).resolves.toBe('30o0');
      expect(await helperOf(page, 'content.items.0.amount.byHoldingStatus.LICENSE_ONLY')).toContain('免許証のみ');
      await amount.pressSequentially('x');
      await expect(amount.inputValue()).resolves.toBe('30o0x');
      await page.screenshot({ path: join(SHOTS, 'g-fee-typo.png') });
      // Corrected, it is saved as the number it now says.
      await amount.fill('');
      await amount.pressSequentially('3000');
      await fillRangeAndSummary(page, '更新手数料の誤入力と訂正(テスト)');
      const content = await saveAndRead(page);
      expect(content.items[0].amount.byHoldingStatus.LICENSE_ONLY).toBe(3000);
    });
  });

  it('lets a correction made elsewhere clear the server’s refusal: the next save asks again (the form once stayed stuck)', async () => {
    await onPage(browser, 'g-lecture-stale-errors', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'myna.online-lecture');
      const general = page.locator('input[name="content.eligibleDriverClasses.GENERAL"]');
      // A duration for a driver class no longer eligible: the server refuses it, on the duration's class.
      await general.uncheck();
      await fillRangeAndSummary(page, 'オンライン講習の対象の見直し(テスト)');
      await page.locator('button[type="submit"]').first().click();
      const duration = page.locator('[data-testid="object-content.durations.1"]');
      await duration.getByText('対象となる運転者区分に含まれていません').waitFor();
      // Corrected where the mistake was made (the class ticked back on), not on the duration: the save goes through.
      await general.check();
      const content = await saveAndRead(page);
      expect(content.eligibleDriverClasses).toEqual(['EXCELLENT', 'GENERAL']);
      expect(content.durations.map((d: { driverClass: string }) => d.driverClass)).toEqual(['EXCELLENT', 'GENERAL']);
    });
  });

  it("says every problem at the first save, the change note's and the content's together, without asking the server", async () => {
    await onPage(browser, 'g-one-round', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'myna.online-lecture');
      const saves: string[] = [];
      page.on('request', (request) => {
        if (/createPolicyVersion/.test(request.postData() ?? '')) saves.push(request.url());
      });
      // A blank change note, and a duration for a driver class no longer eligible: once, the form refused the note
      // first, and only the next save brought the duration's problem back from the server.
      await page.locator('input[name="content.eligibleDriverClasses.GENERAL"]').uncheck();
      await page.locator('input[name="effectiveFrom"]').fill(FROM);
      await page.locator('button[type="submit"]').first().click();
      const summaryHelp = page.locator('[name="summary"]').locator('xpath=ancestor::div[contains(@class, "MuiFormControl-root")][1]').locator('.MuiFormHelperText-root');
      await expect(summaryHelp.innerText()).resolves.toBe('必須');
      await page.locator('[data-testid="object-content.durations.1"]').getByText('対象となる運転者区分に含まれていません').waitFor();
      expect(await page.getByTestId('content-errors').innerText()).toContain('対象となる運転者区分に含まれていません');
      expect(saves).toEqual([]);
      // Both corrected, the next save goes through.
      await page.locator('[data-testid="object-content.durations.1"] button[aria-label$="削除"]').click();
      await page.locator('[name="summary"]').fill('一般運転者を対象外に(テスト)');
      const content = await saveAndRead(page);
      expect(content.durations).toEqual([{ driverClass: 'EXCELLENT', minutes: 30 }]);
      expect(saves).toHaveLength(1);
    });
  });

  it('reads the birthday date as the office writes it (令和, slashes, full-width) and refuses a day its era does not have', async () => {
    await onPage(browser, 'g-lecture-birthday', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'myna.online-lecture');
      const date = field(page, 'content.birthdayRule.renewalBirthdayOnOrAfter');
      const wareki = page.getByTestId('content-wareki-content.birthdayRule.renewalBirthdayOnOrAfter');
      await date.fill('２０２５／４／１');
      await date.blur();
      expect(await date.inputValue()).toBe('2025-04-01');
      expect(await wareki.innerText()).toBe('令和7年4月1日');
      // 令和 began on 2019-05-01: 平成31年5月1日 names no day, and is not rolled into one.
      const before = await versionCount();
      await date.fill('平成31年5月1日');
      await fillRangeAndSummary(page, '誕生日の条件(テスト)');
      await page.locator('button[type="submit"]').first().click();
      expect(await helperOf(page, 'content.birthdayRule.renewalBirthdayOnOrAfter')).toBe('対象となる更新時の誕生日(この日以降): その元号にはない日付です(改元の前後を確かめてください)');
      expect(await wareki.innerText()).toBe('');
      expect(await date.inputValue()).toBe('平成31年5月1日');
      expect(await versionCount()).toBe(before);
      await date.fill('令和7年8月31日');
      const content = await saveAndRead(page);
      expect(content.birthdayRule.renewalBirthdayOnOrAfter).toBe('2025-08-31');
    });
  });

  it('reads the effective dates as the office types them, whatever the browser\'s language, or from the calendar button', async () => {
    await onPage(browser, 'g-effective-dates-typed', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'contact');
      const from = page.locator('input[name="effectiveFrom"]');
      const through = page.locator('input[name="effectiveThrough"]');
      // Not a native date input: one set to English showed mm/dd/yyyy and took no 和暦.
      expect(await from.getAttribute('type')).toBe('text');
      await from.fill('令和９年６月１日');
      await from.blur();
      expect(await from.inputValue()).toBe('2027-06-01');
      expect(await page.getByTestId('wareki-effectiveFrom').innerText()).toBe('令和9年6月1日');
      // A day the calendar does not have stays as typed, refused on its field, and nothing is saved.
      const before = await versionCount();
      await through.fill('2027/2/30');
      await page.locator('[name="summary"]').fill('日付の入力(テスト)');
      await page.locator('button[type="submit"]').first().click();
      const throughHelp = through.locator('xpath=ancestor::div[contains(@class, "MuiFormControl-root")][1]').locator('.MuiFormHelperText-root');
      await expect(throughHelp.innerText()).resolves.toContain('日付として読めません');
      expect(await through.inputValue()).toBe('2027/2/30');
      expect(await versionCount()).toBe(before);
      // The calendar button's day (the browser's own picker) becomes the text.
      expect(await page.getByTestId('date-input-effectiveThrough-pick').getAttribute('aria-label')).toContain('カレンダーから選ぶ');
      await through.locator('xpath=ancestor::div[contains(@class, "MuiInputBase-root")][1]').locator('input[type="date"]').fill('2028-03-31');
      expect(await through.inputValue()).toBe('2028-03-31');
      expect(await page.getByTestId('wareki-effectiveThrough').innerText()).toBe('令和10年3月31日');
      await page.locator('button[type="submit"]').first().click();
      await page.waitForURL(/#\/versions\/[0-9a-f-]{36}\/show/, { timeout: 45_000 });
      const id = /versions\/([0-9a-f-]{36})/.exec(page.url())![1];
      const [row] = await t.sql(`SELECT lower(effective)::text AS "from", (upper(effective) - 1)::text AS through FROM policy_version WHERE id = $1`, [id]);
      expect(row).toEqual({ from: '2027-06-01', through: '2028-03-31' });
    });
  });

  it('refuses a negative fee on its field in Japanese, naming the field, and saves nothing', async () => {
    await onPage(browser, 'g-fee-negative', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'fees.renewal');
      const before = await versionCount();
      await field(page, 'content.items.0.amount.byHoldingStatus.MYNA_ONLY').fill('-100');
      await fillRangeAndSummary(page, '負の手数料(テスト)');
      await page.locator('button[type="submit"]').first().click();
      expect(await helperOf(page, 'content.items.0.amount.byHoldingStatus.MYNA_ONLY')).toBe('マイナ免許証のみの金額にマイナスの値は入力できません(0以上の整数)');
      await page.screenshot({ path: join(SHOTS, 'g-fee-negative.png'), fullPage: true });
      const text = await page.locator('body').innerText();
      expect(text).not.toMatch(/content\.|byHoldingStatus|MYNA_ONLY/);
      expect(page.url()).toContain('#/versions/create');
      expect(await versionCount()).toBe(before);
    });
  });

  it('starts a new fee item with no amount, to be filled in, instead of 一律 0円', async () => {
    await onPage(browser, 'g-fee-new-item', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'fees.renewal');
      await page.getByTestId('fee-add-item').click();
      const yen = field(page, 'content.items.1.amount.yen');
      expect(await yen.inputValue()).toBe('');
      await fillRangeAndSummary(page, '項目の追加(テスト)');
      await field(page, 'content.items.1.label').fill('経由更新手数料');
      const before = await versionCount();
      await page.locator('button[type="submit"]').first().click();
      expect(await helperOf(page, 'content.items.1.amount.yen')).toBe('金額(円)を入力してください');
      expect(await versionCount()).toBe(before);

      await yen.fill('２５５０');
      const content = await saveAndRead(page);
      expect(content.items[1]).toMatchObject({ label: '経由更新手数料', amount: { basis: 'UNIFORM', yen: 2550 } });
    });
  });

  it("shows the server's refusal on the field in Japanese, with the value in words and no path", async () => {
    await onPage(browser, 'g-server-error', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'fees.renewal');
      await page.getByTestId('fee-add-item').click();
      await field(page, 'content.items.1.label').fill('重複した項目');
      await field(page, 'content.items.1.code').fill('renewal');
      await field(page, 'content.items.1.amount.yen').fill('100');
      await fillRangeAndSummary(page, '重複(テスト)');
      await page.locator('button[type="submit"]').first().click();
      await page.getByTestId('content-errors').waitFor();
      expect(await helperOf(page, 'content.items.1.code')).toBe('項目コード「renewal」が重複しています');
      expect(await page.getByTestId('content-errors').innerText()).toContain('手数料の項目 2 › 項目コード「renewal」が重複しています');
      const text = await page.locator('body').innerText();
      expect(text).not.toMatch(/content\.|Duplicate|input\./);
    });
  });

  it('shows a long item code whole, wrapped in its input, and keeps it on one line', async () => {
    await onPage(browser, 'g-long-code', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'fees.renewal');
      await page.getByTestId('fee-add-item').click();
      const code = field(page, 'content.items.1.code');
      await code.fill('renewal.with-a-rather-long-item-code-for-the-lecture');
      await code.press('End');
      await code.press('Enter');
      await code.pressSequentially('-2');
      expect(await code.inputValue()).toBe('renewal.with-a-rather-long-item-code-for-the-lecture-2');
      // Nothing is cut at the input's edge: the text fits its width, on as many lines as it needs.
      type Box = { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
      const fits = await code.evaluate((input) => (input as unknown as Box).scrollWidth <= (input as unknown as Box).clientWidth && (input as unknown as Box).scrollHeight <= (input as unknown as Box).clientHeight + 1);
      expect(fits).toBe(true);
    });
  });

  it('says on the change note field, in Japanese and before any save, that it is blank or too long', async () => {
    const before = await versionCount();
    await onPage(browser, 'g-summary-rules', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'fees.renewal');
      await page.locator('input[name="effectiveFrom"]').fill(FROM);
      const summary = page.locator('[name="summary"]');
      const summaryHelp = page.locator('[name="summary"]').locator('xpath=ancestor::div[contains(@class, "MuiFormControl-root")][1]').locator('.MuiFormHelperText-root');
      await summary.fill('   ');
      await page.locator('button[type="submit"]').first().click();
      await expect(summaryHelp.innerText()).resolves.toBe('空白だけでなく、文字を入力してください');
      await summary.fill('あ'.repeat(2001));
      await page.locator('button[type="submit"]').first().click();
      await expect(summaryHelp.innerText()).resolves.toBe('2000文字以下である必要があります');
      expect(await page.locator('body').innerText()).not.toMatch(/change note|at most/);
    });
    expect(await versionCount()).toBe(before);
  }, 120_000);

  /** One edit per kind, made through its form, and what the stored content must then say. */
  const KIND_EDITS: [string, string, (page: Page) => Promise<void>, (content: any) => void, string, ((viewText: string) => void)?][] = [
    [
      'facility-matrix',
      'myna.facilities',
      async (page) => page.getByTestId('cell-PARTICULARS_CHANGE-RENEWAL_CENTER').check(),
      (c) => expect(c.rows.find((r: any) => r.procedure === 'PARTICULARS_CHANGE').facilityTypes).toContain('RENEWAL_CENTER'),
      'facility-matrix-view',
    ],
    [
      'reservation-rules',
      'myna.reservation',
      async (page) => {
        await page.locator('input[name="content.rules.0.channels.VOICE"]').uncheck();
        await field(page, 'content.ageWaiver.fromAge').fill('７５');
      },
      (c) => {
        expect(c.rules[0].channels).toEqual(['WEB']);
        expect(c.ageWaiver.fromAge).toBe(75);
      },
      'preview-reservation',
      // The age itself is shown, not only the sentence that still says the old one.
      (text) => expect(text).toContain('予約不要となる年齢: 75歳以上'),
    ],
    [
      'online-lecture',
      'myna.online-lecture',
      async (page) => {
        await page.locator('input[name="content.eligibleDriverClasses.GENERAL"]').uncheck();
        await page.locator('[data-testid="object-content.durations.1"] button[aria-label$="削除"]').click();
        await field(page, 'content.durations.0.minutes').fill('４５');
      },
      (c) => {
        expect(c.eligibleDriverClasses).toEqual(['EXCELLENT']);
        expect(c.durations).toEqual([{ driverClass: 'EXCELLENT', minutes: 45 }]);
      },
      'preview-online-lecture',
      (text) => {
        // The birthday rule's date is shown; a note is under 注記, not one more bullet under 対象外となる場合.
        expect(text).toContain('対象となる更新時の誕生日(この日以降): 2025-03-24');
        expect(text.indexOf('対象外となる場合')).toBeLessThan(text.indexOf('注記'));
        expect(text.indexOf('注記')).toBeLessThan(text.indexOf('都合の良い時間'));
      },
    ],
    [
      'one-stop-service',
      'myna.one-stop',
      async (page) => {
        await page.getByTestId('list-add-content.preparation').click();
        await page.getByTestId('list-item-content.preparation.1').fill('本人確認書類');
        await page.locator('input[name="content.eligibleHoldingStatuses.BOTH"]').check();
      },
      (c) => {
        expect(c.preparation[1]).toBe('本人確認書類');
        expect(c.eligibleHoldingStatuses).toEqual(['MYNA_ONLY', 'BOTH']);
      },
      'preview-one-stop',
      (text) => {
        // 本籍's note is a note about that change, not a thing to bring; the general notes are under 注記.
        const notes = text.indexOf('注記');
        expect(notes).toBeGreaterThan(text.indexOf('対象外となる場合'));
        expect(text.indexOf('本籍: 本籍については')).toBeGreaterThan(notes);
        expect(text.indexOf('警察への届出は不要')).toBeGreaterThan(notes);
      },
    ],
    [
      'card-renewal-carry-over',
      'myna.card-renewal',
      async (page) => field(page, 'content.reRecordingFeeYen').fill('１，６００'),
      (c) => expect(c.reRecordingFeeYen).toBe(1600),
      'carry-over-view',
    ],
    [
      'notice',
      'contact',
      async (page) => field(page, 'content.title').fill('お問い合わせ先(改)'),
      (c) => expect(c.title).toBe('お問い合わせ先(改)'),
      'notice-view',
    ],
  ];

  // Every row with its six values: jest takes a test function with more parameters than the row for a done callback.
  it.each(KIND_EDITS.map(([kind, key, edit, check, view, viewCheck]) => [kind, key, edit, check, view, viewCheck ?? null] as const))(
    'edits %s (%s) through its form, in words without codes, and saves what the form shows',
    async (kind, policyKey, edit, check, viewTestId, viewCheck) => {
      await onPage(browser, `g-kind-${kind}`, async (page) => {
        await login(page, baseUrl, 'editor');
        await openCreateForm(page, policyKey);
        const editor = page.getByTestId('content-editor');
        await editor.waitFor();
        expect(await page.getByTestId('json-editor').count()).toBe(0);
        expect(await editor.innerText()).not.toMatch(
          /\b(WEB|VOICE|GYOSEI_ONLINE|EXCELLENT|GENERAL|VIOLATOR|MYNA_ONLY|LICENSE_ONLY|BOTH|ADDRESS|RENEWAL|TEST_CENTER|OFFICIAL|UNIFORM)\b/,
        );
        await edit(page);
        await page.screenshot({ path: join(SHOTS, `g-form-${kind}.png`), fullPage: true });
        await fillRangeAndSummary(page, `${kind}(テスト)`);
        check(await saveAndRead(page));
        // The version page shows the saved content with the kind's own view, in words, not as JSON.
        await page.getByTestId(viewTestId).first().waitFor();
        expect(await page.getByTestId('json-view').count()).toBe(0);
        viewCheck?.(await page.getByTestId(viewTestId).first().innerText());
        await page.screenshot({ path: join(SHOTS, `g-show-${kind}.png`), fullPage: true });
      });
    },
    120_000,
  );

  // ---------------------------------------------------------------------------------------------------------------
  // The facility matrix: rows and columns are added, edited, moved and removed in the form, never as JSON.

  /** The content of a saved version, as the API answers it to its editor. */
  const savedContent = async (page: Page): Promise<any> => {
    await page.locator('button[type="submit"]').first().click();
    await page.waitForURL(/#\/versions\/[0-9a-f-]{36}\/show/, { timeout: 45_000 });
    const id = /versions\/([0-9a-f-]{36})/.exec(page.url())![1];
    return dataOf(await t.gql(`query($id: ID!) { policyVersion(id: $id) { content } }`, { id }, { as: 'editor' })).policyVersion.content;
  };

  /** Picks an entry of an MUI select by the words it shows, and returns every choice it offered. */
  const pickFrom = async (page: Page, dialogTestId: string, words: string): Promise<string[]> => {
    await page.getByTestId(dialogTestId).getByRole('combobox').click();
    const options = page.getByRole('listbox').getByRole('option');
    await options.first().waitFor();
    const offered = (await options.allInnerTexts()).map((text) => text.trim());
    await options.filter({ hasText: words }).first().click();
    return offered;
  };

  /** The demo's facility table less its 運転免許更新センター column, and a route handler that answers policyInForce with it. */
  const withoutRenewalCentre = async () => {
    const start = structuredClone((await policyInForce(t, 'myna.facilities'))!.content);
    start.columns = start.columns.filter((c: any) => c.facilityType !== 'RENEWAL_CENTER');
    for (const row of start.rows) {
      row.facilityTypes = row.facilityTypes.filter((f: string) => f !== 'RENEWAL_CENTER');
      row.cellNotes = row.cellNotes.filter((n: any) => n.facilityType !== 'RENEWAL_CENTER');
    }
    const startWithout = async (route: import('playwright-core').Route) => {
      if (!/policyInForce\(/.test(route.request().postData() ?? '')) return route.continue();
      const response = await route.fetch();
      const json = await response.json();
      if (json.data?.policyInForce) json.data.policyInForce.content = start;
      await route.fulfill({ response, json });
    };
    return { start, startWithout };
  };

  it('adds a column, marks a cell in it with a note, renames a row and removes a row, and saves exactly that', async () => {
    // The demo table shows all four facility types: the form starts here from it without 運転免許更新センター, as a
    // table from before that column existed would be.
    const { start, startWithout } = await withoutRenewalCentre();
    await onPage(browser, 'g-matrix-edit', async (page) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.route('**/graphql', startWithout);
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'myna.facilities');
      const editor = page.getByTestId('facility-matrix-editor');
      await editor.waitFor();
      expect(await page.getByTestId('matrix-column-RENEWAL_CENTER').count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, 'g-matrix-1440.png'), fullPage: true });

      // 1. A column, chosen by its words among the facility types not yet shown; its heading comes prefilled.
      await page.getByRole('button', { name: '施設の列を追加' }).click();
      const offered = await pickFrom(page, 'matrix-add-column-dialog', '運転免許更新センター');
      expect(offered).toEqual(['運転免許更新センター']);
      expect(await page.getByTestId('matrix-add-column-dialog-label').inputValue()).toBe('運転免許更新センター');
      await page.screenshot({ path: join(SHOTS, 'g-matrix-add-column.png') });
      await page.getByTestId('matrix-add-column-dialog-confirm').click();
      await page.getByTestId('matrix-column-RENEWAL_CENTER').waitFor();

      // 2. 〇 in it, and a ※ note on that cell.
      await page.getByRole('checkbox', { name: '「記載事項変更」×「運転免許更新センター」' }).check();
      await page.getByRole('button', { name: '「記載事項変更」×「運転免許更新センター」に注記を追加' }).click();
      await page.getByTestId('matrix-cell-note-text').fill('神田・新宿の両センターで受け付けます。');
      await page.screenshot({ path: join(SHOTS, 'g-matrix-cell-note.png') });
      await page.getByTestId('matrix-cell-note-save').click();
      await expect(page.getByTestId('cell-note-PARTICULARS_CHANGE-RENEWAL_CENTER').getAttribute('aria-label')).resolves.toBe(
        '「記載事項変更」×「運転免許更新センター」の注記を編集',
      );

      // 3. A row's heading renamed in its dialog.
      await page.getByRole('button', { name: '「再交付(遺失・き損等)」の行の見出し・注記を編集' }).click();
      const rowDialog = page.getByTestId('matrix-edit-row');
      await expect(rowDialog.innerText()).resolves.toContain('同時に行う手続: 再交付(遺失・き損等)');
      await rowDialog.getByLabel('行の見出し').fill('再交付(遺失・き損・盗難等)');
      await page.screenshot({ path: join(SHOTS, 'g-matrix-edit-row.png') });
      await page.getByTestId('matrix-edit-row-close').click();
      await expect(page.getByTestId('row-label-REISSUE').innerText()).resolves.toBe('再交付(遺失・き損・盗難等)');

      // 4. A row removed, after a confirmation that names it.
      await page.getByRole('button', { name: '「失効(再取得)」の行を削除' }).click();
      await expect(page.getByTestId('matrix-confirm').innerText()).resolves.toContain('「失効(再取得)」の行を削除します');
      await page.getByTestId('matrix-confirm-remove').click();
      expect(await page.getByTestId('matrix-row-REACQUISITION').count()).toBe(0);

      expect(await editor.innerText()).not.toMatch(/\b(RENEWAL_CENTER|PARTICULARS_CHANGE|REACQUISITION|REISSUE|TEST_CENTER)\b/);
      await page.screenshot({ path: join(SHOTS, 'g-matrix-edited-1440.png'), fullPage: true });
      await fillRangeAndSummary(page, '手続可能施設の編集(テスト)');
      const saved = await savedContent(page);

      const expected = structuredClone(start);
      expected.columns.push({ facilityType: 'RENEWAL_CENTER', label: '運転免許更新センター', locations: [], notes: [] });
      const row = (procedure: string) => expected.rows.find((r: any) => r.procedure === procedure);
      row('PARTICULARS_CHANGE').facilityTypes = ['TEST_CENTER', 'RENEWAL_CENTER'];
      row('PARTICULARS_CHANGE').cellNotes = [{ facilityType: 'RENEWAL_CENTER', note: '神田・新宿の両センターで受け付けます。' }];
      row('REISSUE').label = '再交付(遺失・き損・盗難等)';
      expected.rows = expected.rows.filter((r: any) => r.procedure !== 'REACQUISITION');
      expect(saved).toEqual(expected);
    });
  }, 120_000);

  it('starts a new version from the one in force on its first day, so that it does not undo a scheduled one', async () => {
    // The demo's facilities: 第1版 today, 第2版 scheduled from 2027-04-01 (記載事項変更 also at the renewal centres).
    const scheduled = (await policyInForce(t, 'myna.facilities', '2027-05-01'))!;
    expect(scheduled.number).toBe(2);
    await onPage(browser, 'g-start-from-day', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'myna.facilities');
      await expect(page.getByTestId('starting-content').innerText()).resolves.toContain('本日');
      await page.locator('input[name="effectiveFrom"]').fill('2027-05-01');
      await page.getByTestId('starting-content').filter({ hasText: '適用開始日(2027-05-01)に適用される第2版の内容から作成しています' }).waitFor();
      await page.screenshot({ path: join(SHOTS, 'g-start-from-day.png'), fullPage: true });
      await page.locator('[name="summary"]').fill('第2版の後の版(テスト)');
      expect(await saveAndRead(page)).toEqual(scheduled.content);
    });
  }, 120_000);

  it('says, once the content is edited, which version a new start date falls under and what saving would undo, and starts again from it on request', async () => {
    await onPage(browser, 'g-start-differs', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'myna.facilities');
      await page.locator('input[name="effectiveFrom"]').fill('2027-05-01');
      await page.getByTestId('starting-content').filter({ hasText: '第2版' }).waitFor();
      await page.getByRole('button', { name: '「失効(再取得)」の行を削除' }).click();
      await page.getByTestId('matrix-confirm-remove').click();
      expect(await page.getByTestId('matrix-row-REACQUISITION').count()).toBe(0);

      await page.locator('input[name="effectiveFrom"]').fill('2027-01-04');
      const differs = page.getByTestId('starting-content-differs');
      await differs.waitFor();
      await expect(differs.innerText()).resolves.toContain(
        '適用開始日 2027-01-04 には第1版が適用されます。入力中の内容は第2版から作成したものなので、第1版との違いはすべてこの版の変更として公開されます。',
      );
      // The edit is kept until the editor chooses.
      expect(await page.getByTestId('matrix-row-REACQUISITION').count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, 'g-start-differs.png'), fullPage: true });
      await page.getByTestId('starting-content-reload').click();
      await differs.waitFor({ state: 'detached' });
      await expect(page.getByTestId('starting-content').innerText()).resolves.toContain('適用開始日(2027-01-04)に適用される第1版');
      expect(await page.getByTestId('matrix-row-REACQUISITION').count()).toBe(1);
    });
  }, 120_000);

  it("removes a column with every row's 〇 cells and notes in it, after saying how many go, and nothing else", async () => {
    const seed = (await policyInForce(t, 'myna.facilities'))!.content;
    await onPage(browser, 'g-matrix-remove-column', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'myna.facilities');
      await page.getByTestId('facility-matrix-editor').waitFor();
      // A note in the column first, so that the notes are seen to go with it.
      await page.getByRole('button', { name: '「免許更新(通常・期間前)」×「指定外警察署」に注記を追加' }).click();
      await page.getByTestId('matrix-cell-note-text').fill('消える注記');
      await page.getByTestId('matrix-cell-note-save').click();

      const remove = page.getByRole('button', { name: '「指定外警察署」の列を削除' });
      await remove.click();
      const confirm = page.getByTestId('matrix-confirm');
      await expect(confirm.innerText()).resolves.toContain('「指定外警察署」の列を削除します。各行にあるこの列の 〇 1件');
      await confirm.getByRole('button', { name: 'キャンセル' }).click();
      expect(await page.getByTestId('matrix-column-OTHER_STATION').count()).toBe(1);

      await remove.click();
      await page.getByTestId('matrix-confirm-remove').click();
      expect(await page.getByTestId('matrix-column-OTHER_STATION').count()).toBe(0);
      expect(await page.locator('[data-testid^="cell-"][data-testid$="-OTHER_STATION"]').count()).toBe(0);
      await fillRangeAndSummary(page, '指定外警察署の列を削除(テスト)');
      const saved = await savedContent(page);

      const expected = structuredClone(seed);
      expected.columns = expected.columns.filter((c: any) => c.facilityType !== 'OTHER_STATION');
      expected.rows.find((r: any) => r.procedure === 'DRIVING_HISTORY_CERTIFICATE').facilityTypes = ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION'];
      expect(saved).toEqual(expected);
      expect(JSON.stringify(saved)).not.toContain('OTHER_STATION');
    });
  }, 120_000);

  it('draws the saved table on the version page with the columns the form left: the added one, renamed and moved, and not the removed one', async () => {
    // As in the test above, the form starts from a table without 運転免許更新センター, so that it can be added.
    const { startWithout } = await withoutRenewalCentre();
    await onPage(browser, 'g-matrix-shown', async (page) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.route('**/graphql', startWithout);
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'myna.facilities');
      await page.getByTestId('facility-matrix-editor').waitFor();
      // The version page compares with the version really in force.
      await page.unroute('**/graphql', startWithout);

      await page.getByRole('button', { name: '施設の列を追加' }).click();
      await pickFrom(page, 'matrix-add-column-dialog', '運転免許更新センター');
      await page.getByTestId('matrix-add-column-dialog-label').fill('運転免許更新センター(神田・新宿)');
      await page.getByTestId('matrix-add-column-dialog-confirm').click();
      await page.getByRole('button', { name: '「指定外警察署」の列を削除' }).click();
      await page.getByTestId('matrix-confirm-remove').click();
      await page.getByRole('button', { name: '「運転免許更新センター(神田・新宿)」の列を左へ移動' }).click();
      await page.getByRole('checkbox', { name: '「記載事項変更」×「運転免許更新センター(神田・新宿)」' }).check();
      await page.getByRole('button', { name: '「記載事項変更」×「運転免許更新センター(神田・新宿)」に注記を追加' }).click();
      await page.getByTestId('matrix-cell-note-text').fill('神田・新宿の両センターで受け付けます。');
      await page.getByTestId('matrix-cell-note-save').click();
      await fillRangeAndSummary(page, '更新センターの列を追加し指定外警察署の列を削除(テスト)');
      await page.locator('button[type="submit"]').first().click();
      await page.waitForURL(/#\/versions\/[0-9a-f-]{36}\/show/, { timeout: 45_000 });

      // The version's own table, unfolded.
      const content = page.getByTestId('version-content');
      // The review section above draws the comparison once it has loaded; the version's own table then folds.
      await page.getByTestId('diff-matrix-after').first().waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="version-content"][data-folded="true"]').waitFor();
      await content.locator('summary').click();
      const view = page.getByTestId('facility-matrix-view');
      await view.waitFor();
      const headings = async (table: import('playwright-core').Locator) =>
        (await table.locator('thead th').allInnerTexts()).map((text) => text.split('\n')[0].trim());
      await expect(headings(view)).resolves.toEqual(['同時に行う手続', '運転免許試験場', '運転免許更新センター(神田・新宿)', '指定警察署']);
      expect(await view.getByTestId('matrix-heading-OTHER_STATION').count()).toBe(0);
      expect(await view.locator('[data-testid$="-OTHER_STATION"]').count()).toBe(0);
      // A heading names its column's facilities; the added column's marked cell carries its ※ note, listed below.
      await expect(view.getByTestId('matrix-heading-TEST_CENTER').innerText()).resolves.toContain('府中運転免許試験場 ほか2か所');
      const cell = view.getByTestId('matrix-cell-PARTICULARS_CHANGE-RENEWAL_CENTER');
      await expect(cell.getAttribute('data-value')).resolves.toBe('〇');
      const mark = /※(\d+)/.exec(await cell.innerText())?.[1];
      expect(mark).toBeDefined();
      await expect(page.getByTestId('facility-matrix-view-notes').innerText()).resolves.toContain(`※${mark} 神田・新宿の両センターで受け付けます。`);
      await expect(page.getByTestId('facility-matrix-view-notes').innerText()).resolves.toContain('運転免許試験場: 施設名は二次資料によります。');
      await page.screenshot({ path: join(SHOTS, 'g-matrix-shown.png'), fullPage: true });

      // The comparison with the version in force: the removed column is marked in the old table and gone from the new.
      const before = page.getByTestId('diff-matrix-before').first();
      const after = page.getByTestId('diff-matrix-after').first();
      await expect(before.getByTestId('matrix-heading-OTHER_STATION').getAttribute('data-changed')).resolves.toBe('true');
      expect(await after.getByTestId('matrix-heading-OTHER_STATION').count()).toBe(0);
      await expect(headings(after)).resolves.toEqual(['同時に行う手続', '運転免許試験場', '運転免許更新センター(神田・新宿)', '指定警察署']);
      expect(await view.innerText()).not.toMatch(/\b(RENEWAL_CENTER|OTHER_STATION|PARTICULARS_CHANGE|TEST_CENTER)\b/);

      // In English the same columns, named by the vocabulary.
      await page.evaluate(`localStorage.setItem('policy-cms.locale', 'en')`);
      await page.reload();
      // The review section above draws the comparison once it has loaded; the version's own table then folds.
      await page.getByTestId('diff-matrix-after').first().waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="version-content"][data-folded="true"]').waitFor();
      await content.locator('summary').click();
      await expect(headings(view)).resolves.toEqual(['Procedure done at the same time', 'Driver licence test centre', 'Licence renewal centre', 'Designated police station']);
    });
  }, 120_000);

  it("shows the server's refusal of a column on that column, and a row's on that row", async () => {
    await onPage(browser, 'g-matrix-errors', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'myna.facilities');
      await page.getByTestId('facility-matrix-editor').waitFor();
      await page.getByRole('button', { name: '「指定警察署」の列の見出し・施設名・注記を編集' }).click();
      await page.getByTestId('matrix-edit-column').getByLabel('列の見出し').fill('');
      await page.getByTestId('matrix-edit-column-close').click();
      await page.getByRole('button', { name: '「併記」の行の見出し・注記を編集' }).click();
      await page.getByTestId('matrix-edit-row').getByLabel('行の見出し').fill(' ');
      await page.getByTestId('matrix-edit-row-close').click();
      const before = await versionCount();
      await fillRangeAndSummary(page, '見出しなし(テスト)');
      await page.locator('button[type="submit"]').first().click();
      const columnError = page.getByTestId('column-error-DESIGNATED_STATION');
      await columnError.waitFor();
      expect(await columnError.innerText()).toContain('列の見出し');
      expect(await page.getByTestId('row-error-ADDITION').innerText()).toContain('行の見出し');
      expect(await page.getByTestId('column-error-TEST_CENTER').count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, 'g-matrix-errors.png'), fullPage: true });
      expect(await versionCount()).toBe(before);
    });
  }, 120_000);

  it('moves rows and columns from the keyboard, keeping the focus on the arrow, and saves the new order', async () => {
    const seed = (await policyInForce(t, 'myna.facilities'))!.content;
    await onPage(browser, 'g-matrix-keyboard', async (page) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'myna.facilities');
      const editor = page.getByTestId('facility-matrix-editor');
      await editor.waitFor();
      /** The aria-label of the focused control, once it is `label` (or whatever it is after 2 s). */
      const focused = async (label: string) => {
        await page
          .waitForFunction((l) => (globalThis as unknown as InPage).document.activeElement?.getAttribute('aria-label') === l, label, { timeout: 2_000 })
          .catch(() => undefined);
        return page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.getAttribute('aria-label'));
      };

      await page.getByRole('button', { name: '「保有状況変更のみ」の行を上へ移動' }).focus();
      await page.keyboard.press('Enter');
      // At the top the up arrow is off, so the focus stays in the row, on its down arrow.
      expect(await focused('「保有状況変更のみ」の行を下へ移動')).toBe('「保有状況変更のみ」の行を下へ移動');
      await page.getByRole('button', { name: '「指定外警察署」の列を左へ移動' }).focus();
      await page.keyboard.press('Enter');
      expect(await focused('「指定外警察署」の列を左へ移動')).toBe('「指定外警察署」の列を左へ移動');
      await page.keyboard.press('Enter');
      expect(await focused('「指定外警察署」の列を左へ移動')).toBe('「指定外警察署」の列を左へ移動');
      await page.keyboard.press('Tab');
      expect(await focused('「指定外警察署」の列を右へ移動')).toBe('「指定外警察署」の列を右へ移動');
      await page.keyboard.press('Tab');
      expect(await focused('「指定外警察署」の列の見出し・施設名・注記を編集')).toBe('「指定外警察署」の列の見出し・施設名・注記を編集');
      const headers = await editor.locator('thead th[data-facility-type]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-facility-type')));
      expect(headers).toEqual(['TEST_CENTER', 'OTHER_STATION', 'RENEWAL_CENTER', 'DESIGNATED_STATION']);
      await editor.screenshot({ path: join(SHOTS, 'g-matrix-editor-1440.png') });

      await fillRangeAndSummary(page, '並べ替え(テスト)');
      const saved = await savedContent(page);
      const column = (f: string) => seed.columns.find((c: any) => c.facilityType === f);
      const row = (p: string) => seed.rows.find((r: any) => r.procedure === p);
      expect(saved).toEqual({
        ...seed,
        columns: ['TEST_CENTER', 'OTHER_STATION', 'RENEWAL_CENTER', 'DESIGNATED_STATION'].map(column),
        rows: [row('HOLDING_STATUS_CHANGE'), row('RENEWAL'), ...seed.rows.slice(2)],
      });
    });
  }, 120_000);

  it('keeps the matrix form inside a 390 px wide page: the grid scrolls in its own box', async () => {
    await onPage(browser, 'g-matrix-phone', async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'myna.facilities');
      await page.getByTestId('facility-matrix-editor').waitFor();
      await page.screenshot({ path: join(SHOTS, 'g-matrix-390.png'), fullPage: true });
      expect(await page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const grid = page.getByTestId('facility-matrix-editor').locator('.MuiTableContainer-root');
      expect(await grid.evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
      await page.getByRole('button', { name: '「運転免許試験場」の列の見出し・施設名・注記を編集' }).click();
      await page.screenshot({ path: join(SHOTS, 'g-matrix-390-column.png') });
    });
  }, 120_000);

  it('asks before leaving a form with unsaved changes, and keeps them when the answer is to stay', async () => {
    await onPage(browser, 'g-unsaved-guard', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'myna.overview');
      await page.locator('[name="summary"]').fill('書きかけの変更');
      const asked = page.waitForEvent('dialog');
      await page.locator('a[href="#/policies"]').first().click();
      const dialog = await asked;
      expect(dialog.message()).toMatch(/保存されていません/);
      await dialog.dismiss();
      await page.waitForTimeout(200);
      expect(page.url()).toContain('#/versions/create');
      expect(await page.locator('[name="summary"]').inputValue()).toBe('書きかけの変更');

      // A change of language re-renders the whole app, which emptied the form without a word: it asks first, and
      // the answer to stay keeps the form as it was, in Japanese.
      const language = page.locator('header button[aria-controls="simple-menu"]');
      await language.click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      const confirm = page.getByRole('dialog');
      await confirm.getByText('言語を切り替えますか?').waitFor();
      expect(await confirm.innerText()).toContain('保存していない入力内容は失われます');
      await confirm.getByRole('button', { name: 'キャンセル' }).click();
      await confirm.waitFor({ state: 'hidden' });
      expect(await page.locator('[name="summary"]').inputValue()).toBe('書きかけの変更');
      expect(await language.innerText()).toContain('日本語');
      // Saying yes switches, as asked.
      await language.click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '切り替える' }).click();
      await page.locator('header').getByText('English').waitFor();
    });
  });

  it('switches language at once where no form holds unsaved changes', async () => {
    await onPage(browser, 'g-language-plain', async (page) => {
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'myna.overview');
      const language = page.locator('header button[aria-controls="simple-menu"]');
      await language.click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await page.locator('header').getByText('English').waitFor();
      expect(await page.getByRole('dialog').count()).toBe(0);
    });
  });

  it('shows the form and its refusals in English when English is chosen', async () => {
    await onPage(browser, 'g-english', async (page) => {
      await page.addInitScript(`localStorage.setItem('policy-cms.locale', 'en')`);
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'fees.renewal');
      const editor = page.getByTestId('content-editor');
      await editor.getByText('Add a fee item').waitFor();
      const text = await editor.innerText();
      expect(text).toContain('Licence card only');
      expect(text).toContain('Item name');
      expect(text).not.toContain('手数料の項目を追加');
      expect(text).not.toContain('保有状況');
      await field(page, 'content.items.0.amount.byHoldingStatus.BOTH').fill('-100');
      expect(await helperOf(page, 'content.items.0.amount.byHoldingStatus.BOTH')).toBe('Amount, both cards must not be negative');
      // The amount's unit is a word of the chosen language too.
      const unit = await page.locator('[name="content.items.0.amount.byHoldingStatus.BOTH"]').locator('xpath=..').innerText();
      expect(unit).toContain('yen');
      expect(unit).not.toContain('円');
      await page.screenshot({ path: join(SHOTS, 'g-english.png'), fullPage: true });
    });
  });
  it('edits a kind without its own form as JSON, with the help, the schema and the refusals in English when English is chosen', async () => {
    await onPage(browser, 'g-json-english', async (page) => {
      await page.addInitScript(`localStorage.setItem('policy-cms.locale', 'en')`);
      // A kind added in code before its form: the お問い合わせ先 notice is answered as one, with the notice's schema.
      await page.route('**/graphql', async (route) => {
        const body = route.request().postData() ?? '';
        const policies = /\{\s*policies\s*\{/.test(body);
        const kinds = /\{\s*policyKinds\s*\{/.test(body);
        if (!policies && !kinds) return route.continue();
        const response = await route.fetch();
        const json = await response.json();
        if (policies) for (const policy of json.data.policies) if (policy.key === 'contact') policy.kind = 'future-kind';
        if (kinds) {
          const notice = json.data.policyKinds.find((kind: { name: string }) => kind.name === 'notice');
          json.data.policyKinds.push({ ...notice, name: 'future-kind', title: 'A kind without its own form' });
        }
        await route.fulfill({ response, json });
      });
      await login(page, baseUrl, 'editor');
      await openCreateForm(page, 'contact');
      const editor = page.getByTestId('json-editor');
      await editor.waitFor();
      await expect(editor.getByTestId('json-editor-help').innerText()).resolves.toBe(
        'This kind has no dedicated editor. Edit it as JSON; syntax and schema are checked on save.',
      );
      const headers = (await editor.getByTestId('json-schema-help').locator('thead th').allInnerTexts()).map((text) => text.trim());
      expect(headers).toEqual(['Field', 'Type', 'Required', 'Description']);
      await expect(editor.locator('label').first().innerText()).resolves.toContain('Content (JSON)');
      const json = editor.locator('textarea[name="contentJson"]');
      /** Waits until the error under the JSON text says `text`. */
      const refusal = async (text: RegExp) => page.locator(`[id="${await json.getAttribute('aria-describedby')}"]`).filter({ hasText: text }).waitFor();
      await fillRangeAndSummary(page, 'JSON (test)');

      await json.fill('{ "title": ');
      await page.locator('button[type="submit"]').first().click();
      await refusal(/^The JSON is not well formed \(near line 1, column \d+\)$/);
      await json.fill('{}');
      await page.locator('button[type="submit"]').first().click();
      await refusal(/^Does not match the schema: content: The required field "title" is missing/);
      expect(await editor.innerText()).not.toMatch(/この種類|スキーマ|必須|項目|説明|構文/);
      await page.screenshot({ path: join(SHOTS, 'g-json-english.png'), fullPage: true });
    });
  });
});
