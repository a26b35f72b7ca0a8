import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TestApp, startTestApp } from '../support/test-app';
import { chromiumPath, launchBrowser, login, onPage } from '../support/browser';
import { dataOf } from '../support/policy-api';
import { tickingClock, workflow } from '../support/workflow-api';

if (!chromiumPath && process.env.CI) throw new Error('CI must run the browser tests: apt-get install chromium fonts-noto-cjk');
const describeInBrowser = chromiumPath ? describe : describe.skip;
if (!chromiumPath) console.warn('browser tests skipped: no Chromium (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)');

const SHOTS = join(__dirname, '../../tmp/shots');
/** The API's clock, and the browser's too (the session's expiry is judged on it): today is 2026-12-01 in Tokyo. */
const clock = tickingClock('2026-12-01T10:00:00+09:00');
/** Like onPage, with the page's own clock set to the API's. */
const onClockedPage = (browser: Browser, name: string, steps: (page: Page) => Promise<void>) =>
  onPage(browser, name, async (page) => {
    await page.clock.install({ time: clock.now() });
    await steps(page);
  });

/**
 * The review that shows the truth, and the safety nets (issue 11), walked in Japanese on the demo data with today
 * 2026-12-01 in Tokyo: myna.facilities #1 is in force, the demo's #2 (記載事項変更 also at the renewal centres) is
 * scheduled from 2027-04-01.
 */
describeInBrowser('review truth and safety nets in a real Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let w: ReturnType<typeof workflow>;
  let current: Record<string, any>;
  let scheduled: Record<string, any>;
  /** The draft that repeats the scheduled #2, from the first case. */
  let repeatId = '';

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
    w = workflow(t);
    [current, scheduled] = dataOf(await t.gql(`{ policyTimeline(key: "myna.facilities") { id number content } }`)).policyTimeline;
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A facilities draft by the demo editor, submitted for review. */
  const submittedDraft = async (effectiveFrom: string, content: Record<string, unknown>, summary: string): Promise<string> => {
    const { id } = dataOf(await w.create({ policyKey: 'myna.facilities', effectiveFrom, content, summary }, 'editor')).createPolicyVersion;
    dataOf(await w.submit(id, 'editor'));
    return id;
  };
  const withRenewalCentreParticulars = (content: Record<string, any>) => ({
    ...content,
    rows: content.rows.map((row: Record<string, any>) =>
      row.procedure === 'PARTICULARS_CHANGE' ? { ...row, facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER'] } : row,
    ),
  });
  const openVersion = async (page: Page, id: string) => {
    await page.goto(`${baseUrl}/admin/#/versions/${id}/show`);
    await page.getByTestId('workflow-panel').waitFor();
  };
  const statusOf = async (id: string) => (await t.sql(`SELECT status FROM policy_version WHERE id = $1`, [id]))[0].status;
  /** Clicks a workflow step and returns its confirmation dialog once its summary (if any) has loaded. */
  const askFor = async (page: Page, step: string) => {
    await page.getByTestId(`action-${step}`).click();
    const dialog = page.getByTestId('step-dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('data-step')).toBe(step);
    return dialog;
  };

  it('says that a draft repeating the scheduled 2027-04-01 rollout changes nothing, on the page and when approving', async () => {
    const id = await submittedDraft('2027-04-01', scheduled.content, '2027-04-01 から記載事項変更を更新センターでも(予定と同じ)');
    repeatId = id;
    await onClockedPage(browser, 'review-truth-repeat', async (page) => {
      await login(page, baseUrl, 'approver');
      await openVersion(page, id);
      const statement = page.getByTestId('impact-statement');
      await statement.waitFor();
      expect(await statement.getAttribute('data-changes-nothing')).toBe('true');
      expect(await statement.innerText()).toContain('この版は、予定されている第2版(令和9年4月1日から)と同じ内容です。');
      expect(await statement.innerText()).toContain('公開しても、どの日の公開内容も変わりません。');
      // The picture: #2 holds 2027-04-01 now, this version would hold it afterwards; #1 keeps its days in both.
      const nowBars = page.getByTestId('impact-lane-before').getByTestId('impact-bar');
      const afterBars = page.getByTestId('impact-lane-after').getByTestId('impact-bar');
      expect(await nowBars.evaluateAll((bars) => bars.map((b) => `${b.dataset.version}:${b.dataset.from}`))).toEqual(['1:2025-03-24', '2:2027-04-01']);
      expect(await afterBars.evaluateAll((bars) => bars.map((b) => `${b.dataset.subject}:${b.dataset.from}`))).toEqual(['false:2025-03-24', 'true:2027-04-01']);
      expect(await page.getByTestId('impact-change').getAttribute('data-same')).toBe('true');
      // Nothing on the page claims a changed cell: the diff is against the scheduled #2, not against today's #1.
      expect(await page.getByText(/変更されたセル/).count()).toBe(0);
      await page.getByTestId('impact-section').screenshot({ path: join(SHOTS, 'h-repeat-impact.png') });

      const dialog = await askFor(page, 'approve');
      await dialog.getByTestId('step-dialog-statement').waitFor();
      expect(await dialog.getByTestId('step-dialog-statement').innerText()).toContain('公開しても、どの日の公開内容も変わりません。');
      await dialog.screenshot({ path: join(SHOTS, 'h-repeat-approve-dialog.png') });
      // Cancelling changes nothing.
      await dialog.getByRole('button', { name: 'キャンセル' }).click();
      await dialog.waitFor({ state: 'detached' });
    });
    expect(await statusOf(id)).toBe('IN_REVIEW');
  });

  it('says the same in English when English is chosen', async () => {
    await onClockedPage(browser, 'review-truth-english', async (page) => {
      await page.addInitScript(`localStorage.setItem('policy-cms.locale', 'en')`);
      await login(page, baseUrl, 'approver');
      await openVersion(page, repeatId);
      const statement = page.getByTestId('impact-statement');
      await statement.waitFor();
      expect(await statement.innerText()).toContain('This version has the same content as the scheduled version 2 (from 2027-04-01).');
      expect(await statement.innerText()).toContain('Publishing it changes no public answer on any day.');
      const dialog = await askFor(page, 'approve');
      expect(await dialog.innerText()).toContain('Approve this version?');
    });
  });

  it('in English, says a change in English words and dates, with no 和暦 and none of the content’s Japanese headings', async () => {
    await onClockedPage(browser, 'review-truth-english-words', async (page) => {
      await page.addInitScript(`localStorage.setItem('policy-cms.locale', 'en')`);
      await login(page, baseUrl, 'approver');
      await openVersion(page, scheduled.id);
      const section = page.getByTestId('impact-section');
      await page.getByTestId('impact-statement').waitFor();
      expect(await section.getAttribute('data-mode')).toBe('WITHDRAW');
      expect(await page.getByTestId('impact-statement').innerText()).toContain(
        'From 2027-04-01, version 1 is in force again. “Change of recorded particulars” is no longer possible at licence renewal centre',
      );
      expect(await page.getByTestId('impact-change').first().locator('h4').innerText()).toBe('From 2027-04-01: version 2 (this version) → version 1');
      // The screen's own words: no 和暦 (the year axis, the dates), no 「」; content such as the notes may be Japanese.
      expect(await section.locator('h4, [data-testid="impact-statement"], [data-testid="impact-timeline"]').allInnerTexts()).not.toContainEqual(expect.stringMatching(/令和|平成|「|記載事項変更/));
      expect(await page.locator('[data-testid="effective-range"]').first().innerText()).not.toMatch(/令和/);
      expect(await page.getByText('Policy', { exact: true }).first().locator('..').innerText()).toContain('Facilities');
    });
  });

  it('shows what withdrawing a published version would change only to those who may withdraw it; others see what it changes', async () => {
    await onClockedPage(browser, 'review-truth-withdraw-panel', async (page) => {
      await login(page, baseUrl, 'auditor');
      await openVersion(page, scheduled.id);
      await page.locator('[data-testid="version-diff"][data-state="ready"]').waitFor();
      expect(await page.getByTestId('impact-section').count()).toBe(0);
      expect(await page.getByText('取り下げた場合の影響').count()).toBe(0);
      // The comparison with the version in force today: the renewal centre's 記載事項変更 is what #2 adds.
      expect(await page.getByTestId('diff-cell-PARTICULARS_CHANGE-RENEWAL_CENTER').first().getAttribute('data-changed')).toBe('true');
    });
  });

  it('approves, publishes and withdraws a rollout only after a confirmation that says what happens on which days', async () => {
    const id = await submittedDraft('2027-01-04', withRenewalCentreParticulars(current.content), '2027-01-04 から記載事項変更を更新センターでも');
    const firstRun = '令和9年1月4日から令和9年3月31日まで、記載事項変更が運転免許更新センターでもできるようになります。現在有効な第1版をこの期間置き換えます。';
    await onClockedPage(browser, 'review-truth-confirmations', async (page) => {
      await login(page, baseUrl, 'approver');
      await openVersion(page, id);
      await page.getByTestId('impact-statement').waitFor();
      const statement = await page.getByTestId('impact-statement').innerText();
      expect(statement).toContain(firstRun);
      // From 2027-04-01 it is compared with the scheduled #2, which it would also replace.
      expect(statement).toContain('令和9年4月1日から、');
      expect(statement).toContain('予定されていた第2版をこの期間置き換えます。');
      expect(await page.getByTestId('impact-change').count()).toBe(2);
      expect(await page.getByTestId('diff-cell-PARTICULARS_CHANGE-RENEWAL_CENTER').first().getAttribute('data-changed')).toBe('true');
      await page.screenshot({ path: join(SHOTS, 'h-rollout-page.png'), fullPage: true });

      let dialog = await askFor(page, 'approve');
      await dialog.getByTestId('step-dialog-statement').waitFor();
      expect(await dialog.getByTestId('step-dialog-statement').innerText()).toContain(firstRun);
      await dialog.getByTestId('confirm-step').click();
      await page.getByTestId('action-publish').waitFor();
      expect(await statusOf(id)).toBe('APPROVED');

      dialog = await askFor(page, 'publish');
      await dialog.getByTestId('step-dialog-statement').waitFor();
      expect(await dialog.getByTestId('step-dialog-statement').innerText()).toContain(firstRun);
      await dialog.screenshot({ path: join(SHOTS, 'h-publish-dialog.png') });
      await dialog.getByTestId('confirm-step').click();
      await page.getByTestId('action-withdraw').waitFor();
      expect(await statusOf(id)).toBe('PUBLISHED');

      dialog = await askFor(page, 'withdraw');
      await dialog.getByTestId('step-dialog-statement').waitFor();
      const withdrawal = await dialog.getByTestId('step-dialog-statement').innerText();
      expect(withdrawal).toContain('令和9年1月4日から令和9年3月31日まで、第1版が再び有効になります。');
      expect(withdrawal).toContain('令和9年4月1日から、第2版が再び有効になります。');
      await dialog.screenshot({ path: join(SHOTS, 'h-withdraw-dialog.png') });
      // A withdrawal needs a reason: the button waits for one.
      expect(await dialog.getByTestId('confirm-step').isDisabled()).toBe(true);
      await dialog.locator('textarea[name="reason"]').fill('テストのための取下げ');
      await dialog.getByTestId('confirm-step').click();
      await page.getByTestId('no-actions').waitFor();
    });
    expect(await statusOf(id)).toBe('WITHDRAWN');
  }, 240_000); // three steps through the UI: slow on a shared two-core machine, not a measure of speed

  it('says before a rejection what it does, requires its reason, and shows that reason at the top to the author', async () => {
    const id = await submittedDraft('2027-05-01', withRenewalCentreParticulars(scheduled.content), '差戻しの例');
    await onClockedPage(browser, 'review-truth-reject', async (page) => {
      await login(page, baseUrl, 'approver');
      await openVersion(page, id);
      const dialog = await askFor(page, 'reject');
      const said = await dialog.innerText();
      expect(said).toContain('この版を差し戻しますか?');
      // What happens next: back to draft, the reason shown to its author, nothing public changes.
      expect(said).toContain('下書きに戻ります');
      expect(said).toContain('作成者には版の画面の上部に理由が表示され');
      expect(said).toContain('公開中の内容は変わりません');
      // No reason, no rejection: the button waits for one.
      expect(await dialog.getByTestId('confirm-step').isDisabled()).toBe(true);
      // A reason past the API's bound is said on the field, in Japanese, before anything is sent.
      await dialog.locator('textarea[name="reason"]').fill('あ'.repeat(2001));
      expect(await dialog.innerText()).toContain('理由は2000文字以内にしてください(いま2001文字)');
      expect(await dialog.getByTestId('confirm-step').isDisabled()).toBe(true);
      await dialog.locator('textarea[name="reason"]').fill('出典(通達の日付)を変更内容に追記してください');
      await dialog.getByTestId('confirm-step').click();
      await page.getByTestId('rejection-banner').waitFor();
    });
    expect(await statusOf(id)).toBe('DRAFT');
    await onClockedPage(browser, 'review-truth-rejected', async (page) => {
      await login(page, baseUrl, 'editor');
      await openVersion(page, id);
      const banner = page.getByTestId('rejection-banner');
      await banner.waitFor();
      const text = await banner.innerText();
      expect(text).toContain('この版は差し戻されました');
      expect(text).toContain('出典(通達の日付)を変更内容に追記してください');
      // Who, by name: the approver's display name, not their username.
      expect(text).toContain('承認者 花子');
      expect(text).not.toContain('approver');
      // It comes before everything else on the page.
      const [bannerTop, panelTop] = await Promise.all([banner.boundingBox(), page.getByTestId('workflow-panel').boundingBox()]);
      expect(bannerTop!.y).toBeLessThan(panelTop!.y);
      await page.screenshot({ path: join(SHOTS, 'h-rejected-banner.png') });
    });
  });

  it('lets the submitter take a submission back to the draft', async () => {
    const id = await submittedDraft('2027-06-01', withRenewalCentreParticulars(scheduled.content), '取り消す提出');
    await onClockedPage(browser, 'review-truth-recall', async (page) => {
      await login(page, baseUrl, 'editor');
      await openVersion(page, id);
      // The editor cannot approve it, but can take it back.
      expect(await page.getByTestId('action-approve').count()).toBe(0);
      const dialog = await askFor(page, 'recall');
      expect(await dialog.innerText()).toContain('提出を取り消しますか?');
      await dialog.locator('textarea[name="reason"]').fill('適用開始日を見直します');
      await dialog.getByTestId('confirm-step').click();
      await page.getByTestId('recall-banner').waitFor();
      expect(await page.getByTestId('recall-banner').innerText()).toContain('適用開始日を見直します');
      await page.getByTestId('action-submit').waitFor();
    });
    expect(await statusOf(id)).toBe('DRAFT');
    const [event] = await t.sql(`SELECT actor_name, reason FROM audit_event WHERE target_id = $1 AND action = 'policy_version.recall'`, [id]);
    expect(event).toEqual({ actor_name: 'editor', reason: '適用開始日を見直します' });
  });
});
