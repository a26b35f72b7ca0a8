import { LOCALES } from './labels';
import { VALIDATION_MESSAGES, VALIDATION_REASONS, describeIssue } from './validation-messages';
import { validatePolicyContent } from './validate-policy-content';

describe('VALIDATION_MESSAGES', () => {
  it('words every reason in Japanese and in English', () => {
    expect(Object.keys(VALIDATION_MESSAGES).sort()).toEqual([...VALIDATION_REASONS].sort());
    for (const reason of VALIDATION_REASONS) {
      for (const locale of LOCALES) expect(VALIDATION_MESSAGES[reason][locale].length).toBeGreaterThan(5);
      expect(VALIDATION_MESSAGES[reason].ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(VALIDATION_MESSAGES[reason].en).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });
});

describe(describeIssue.name, () => {
  it('names the field in Japanese on the field, without any path', () => {
    const text = describeIssue({ path: 'content.items[0].amount.yen', reason: 'AMOUNT_NEGATIVE' });
    expect(text).toBe('金額(円)にマイナスの値は入力できません(0以上の整数)');
  });

  it('words an enum value by its label, in the chosen language', () => {
    const issue = { path: 'content.rows[9].procedure', reason: 'DUPLICATE', params: { what: 'procedure', value: 'RENEWAL' } };
    expect(describeIssue(issue)).toBe('同時に行う手続「免許更新(通常・期間前)」が重複しています');
    expect(describeIssue(issue, 'en')).toBe('Duplicate procedure "RENEWAL"');
  });

  it('places a problem that does not name its field when it is listed away from the fields', () => {
    expect(describeIssue({ path: 'content.rules[0].channels', reason: 'CHANNEL_REQUIRED' }, 'ja', 'list')).toBe(
      '手続ごとの予約方法 1 › 予約方法: 予約が必要な場合は、予約方法を1つ以上選んでください',
    );
  });

  it('falls back to a generic wording for a reason it does not know', () => {
    expect(describeIssue({ path: 'content.title', reason: 'SOMETHING_ELSE' })).toBe('表題の値が正しくありません');
  });

  it('words every issue the API reports in Japanese without an English word or a path', () => {
    const result = validatePolicyContent('fee-table', { items: [{ code: 'Bad Code', label: ' ', amount: { basis: 'UNIFORM', yen: -5 }, sourceGrade: 'X', notes: [] }], notes: [] });
    if (result.ok) throw new Error('expected the content to be refused');
    const texts = result.issues.map((issue) => describeIssue(issue, 'ja', 'list'));
    expect(texts).toHaveLength(4);
    for (const text of texts) {
      expect(text).toMatch(/^手数料の項目 1 › /);
      expect(text).not.toMatch(/content|items|amount|\[\d\]/);
    }
  });
});
