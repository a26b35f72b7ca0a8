/// <reference types="jest" />
import { reviewMessages } from '../i18n/messages-review';
import { reviewMessagesEn } from '../i18n/messages-review.en';
import { testTranslator } from '../i18n/testTranslator';
import type { ImpactChange, ImpactVersion, VersionImpact } from './impactApi';
import { impactNaming, impactSentences } from './impactSummary';

const ja = testTranslator(reviewMessages, 'ja');
const en = testTranslator(reviewMessagesEn, 'en');
const wareki: Record<string, string> = { '2027-01-04': '令和9年1月4日', '2027-03-31': '令和9年3月31日', '2027-04-01': '令和9年4月1日', '2025-03-24': '令和7年3月24日' };
const jaDate = (date: string) => wareki[date] ?? date;
const inJapanese = impactNaming('ja');
const inEnglish = impactNaming('en');

const matrix = (particularsAt: string[]) => ({
  rows: [
    { procedure: 'RENEWAL', label: '免許更新', facilityTypes: ['TEST_CENTER'] },
    { procedure: 'PARTICULARS_CHANGE', label: '記載事項変更', facilityTypes: particularsAt },
  ],
});
const version = (id: string, number: number, effectiveFrom: string, content: Record<string, unknown>): ImpactVersion => ({
  id,
  number,
  status: 'PUBLISHED',
  effectiveFrom,
  effectiveThrough: null,
  summary: '',
  demo: false,
  content,
});
const v1 = version('v1', 1, '2025-03-24', matrix(['TEST_CENTER']));
const v2 = version('v2', 2, '2027-04-01', matrix(['TEST_CENTER', 'RENEWAL_CENTER']));
const draft = version('d', 3, '2027-01-04', matrix(['TEST_CENTER', 'RENEWAL_CENTER']));
const gained = { path: 'content.rows[procedure=PARTICULARS_CHANGE].facilityTypes', kind: 'changed', before: ['TEST_CENTER'], after: ['TEST_CENTER', 'RENEWAL_CENTER'] };
const change = (from: string, through: string | null, before: ImpactVersion | null, after: ImpactVersion | null, extra: Partial<ImpactChange> = {}): ImpactChange => ({
  effectiveFrom: from,
  effectiveThrough: through,
  before,
  after,
  beforeScheduled: false,
  sameContent: false,
  entries: [],
  ...extra,
});
const impact = (mode: VersionImpact['mode'], changes: ImpactChange[], extra: Partial<VersionImpact> = {}): VersionImpact => ({
  versionId: 'd',
  mode,
  today: '2026-12-01',
  before: [],
  after: [],
  changes,
  changesNothing: false,
  repeatsScheduled: [],
  ...extra,
});

describe(impactSentences.name, () => {
  it('names the procedure, the facility, the days and the version replaced, as the approver reads it', () => {
    const sentences = impactSentences(ja, jaDate, impact('PUBLISH', [change('2027-01-04', '2027-03-31', v1, draft, { entries: [gained] }), change('2027-04-01', null, v2, draft, { beforeScheduled: true, sameContent: true })]), inJapanese);
    expect(sentences).toEqual([
      '令和9年1月4日から令和9年3月31日まで、記載事項変更が運転免許更新センターでもできるようになります。現在有効な第1版をこの期間置き換えます。',
      '令和9年4月1日からは第2版と同じ内容です(変更なし)。',
    ]);
  });

  it('says plainly that a draft repeating a scheduled version changes nothing', () => {
    const repeat = impact('PUBLISH', [change('2027-04-01', null, v2, draft, { beforeScheduled: true, sameContent: true })], { changesNothing: true, repeatsScheduled: [v2] });
    expect(impactSentences(ja, jaDate, repeat, inJapanese)).toEqual(['この版は、予定されている第2版(令和9年4月1日から)と同じ内容です。', '公開しても、どの日の公開内容も変わりません。']);
    expect(impactSentences(en, (d) => d, repeat, inEnglish)).toEqual([
      'This version has the same content as the scheduled version 2 (from 2027-04-01).',
      'Publishing it changes no public answer on any day.',
    ]);
  });

  it('replacing a scheduled version says so, and other changes are counted', () => {
    const notes = [0, 1, 2, 3].map((i) => ({ path: `content.notes[${i}]`, kind: 'changed', before: 'a', after: 'b' }));
    expect(impactSentences(ja, jaDate, impact('PUBLISH', [change('2027-04-01', null, v2, draft, { beforeScheduled: true, entries: notes })]), inJapanese)).toEqual([
      '令和9年4月1日から、4項目が変わります。予定されていた第2版をこの期間置き換えます。',
    ]);
  });

  it('names a few other changes in the words of the content when it can', () => {
    const note = { path: 'content.rows[procedure=PARTICULARS_CHANGE].cellNotes[facilityType=RENEWAL_CENTER]', kind: 'removed', before: {} };
    expect(impactSentences(ja, jaDate, impact('PUBLISH', [change('2027-04-01', null, v2, draft, { beforeScheduled: true, entries: [note] })]), inJapanese)).toEqual([
      '令和9年4月1日から、記載事項変更 › 運転免許更新センターの注記が変わります。予定されていた第2版をこの期間置き換えます。',
    ]);
  });

  it('for a withdrawal, says what comes back into force on which days, or that nothing will be', () => {
    const lost = { ...gained, before: gained.after, after: gained.before };
    expect(impactSentences(ja, jaDate, impact('WITHDRAW', [change('2027-01-04', '2027-03-31', draft, v1, { entries: [lost] }), change('2027-04-01', null, draft, null)]), inJapanese)).toEqual([
      '令和9年1月4日から令和9年3月31日まで、第1版が再び有効になります。記載事項変更が運転免許更新センターではできなくなります。',
      '令和9年4月1日から、有効な版がなくなります(公開内容がなくなります)。',
    ]);
  });

  it('speaks English in English: the procedure and facility by the vocabulary, not by the content’s Japanese headings', () => {
    const lost = { ...gained, before: gained.after, after: gained.before };
    const sentences = impactSentences(en, (d) => d, impact('WITHDRAW', [change('2027-01-04', '2027-03-31', draft, v1, { entries: [lost] })]), inEnglish);
    expect(sentences).toEqual(['From 2027-01-04 to 2027-03-31, version 1 is in force again. “Change of recorded particulars” is no longer possible at licence renewal centre.']);
    expect(sentences.join('')).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff「」]/);
  });

  it('in English, names a procedure in the middle of a sentence in quotes, keeping its capital where it belongs', () => {
    const sentences = impactSentences(en, (d) => d, impact('PUBLISH', [change('2027-01-04', '2027-03-31', v1, draft, { entries: [gained] })]), inEnglish);
    expect(sentences[0]).toMatch(/^From 2027-01-04 to 2027-03-31, “Change of recorded particulars” also becomes possible at licence renewal centre\./);
    expect(sentences.join('')).not.toMatch(/, [A-Z]/);
  });

  it('counts in English in the singular for one and in the plural for more', () => {
    const notes = (count: number) =>
      ['RENEWAL_CENTER', 'TEST_CENTER', 'POLICE_STATION'].slice(0, count).map((facilityType) => ({
        path: `content.rows[procedure=PARTICULARS_CHANGE].cellNotes[facilityType=${facilityType}]`,
        kind: 'removed',
        before: {},
      }));
    const sentence = (count: number, naming = inEnglish) =>
      impactSentences(en, (d) => d, impact('PUBLISH', [change('2027-04-01', null, v1, draft, { entries: notes(count) })]), naming)[0];
    const counted = { ...inEnglish, field: undefined };
    expect(sentence(1, counted)).toContain('1 item changes.');
    expect(sentence(3, counted)).toContain('3 items change.');
    expect(sentence(1)).toContain('note at licence renewal centre changes.');
    expect(sentence(2)).toContain('note at driver licence test centre change.');
  });

  it('names a fee item by its own label, never by its code (renewal, lecture.excellent)', () => {
    const fees = (yen: number) => ({ items: [{ code: 'renewal', label: '更新手数料', amount: { basis: 'UNIFORM', yen } }] });
    const before = version('f1', 1, '2025-03-24', fees(2850));
    const after = version('f2', 2, '2027-04-01', fees(2900));
    const entries = [{ path: 'content.items[code=renewal].amount.yen', kind: 'changed', before: 2850, after: 2900 }];
    const [sentence] = impactSentences(ja, jaDate, impact('PUBLISH', [change('2027-04-01', null, before, after, { entries })]), inJapanese);
    expect(sentence).toContain('更新手数料 › ');
    expect(sentence).not.toContain('renewal');
    const [english] = impactSentences(en, (d) => d, impact('PUBLISH', [change('2027-04-01', null, before, after, { entries })]), inEnglish);
    expect(english).not.toContain('renewal ›');
  });

  it('a version on days with nothing in force is said to apply anew', () => {
    expect(impactSentences(ja, jaDate, impact('PUBLISH', [change('2027-01-04', null, null, draft)]), inJapanese)).toEqual(['令和9年1月4日から、この版が適用されます(これまで有効な版はありません)。']);
  });
});
