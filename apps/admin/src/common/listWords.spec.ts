/// <reference types="jest" />
import { joinListWords } from './listWords';

describe(joinListWords.name, () => {
  it('runs short words together, in each language’s way', () => {
    expect(joinListWords(['運転免許試験場', '運転免許更新センター'], 'ja')).toBe('運転免許試験場、運転免許更新センター');
    expect(joinListWords(['Test centre', 'Renewal centre'], 'en')).toBe('Test centre, Renewal centre');
  });

  it('puts sentences one per line, never 「。、」', () => {
    const notes = ['講習手数料は別途必要です。', '経由更新の手数料は掲載していません。'];
    expect(joinListWords(notes, 'ja')).toBe('講習手数料は別途必要です。\n経由更新の手数料は掲載していません。');
    expect(joinListWords(notes, 'ja')).not.toContain('。、');
  });
});
