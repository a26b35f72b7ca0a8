import { CONTENT_ENUMS, type ContentEnumName } from './enums';
import { ENUM_LABELS, KIND_TITLES, LOCALES, enumLabel, kindTitle } from './labels';
import { policyKinds } from './policy-kinds';

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
const enumNames = Object.keys(CONTENT_ENUMS) as ContentEnumName[];

describe('ENUM_LABELS', () => {
  it.each(enumNames)('words every value of %s in Japanese and in English, and nothing else', (name) => {
    const labels = ENUM_LABELS[name];
    expect(Object.keys(labels).sort()).toEqual([...CONTENT_ENUMS[name]].sort());
    for (const value of CONTENT_ENUMS[name]) {
      expect(labels[value].ja).toMatch(japanese);
      expect(labels[value].en).toMatch(/^[A-Z]/);
      expect(labels[value].en).not.toMatch(japanese);
      // A label that repeats the code would show the code on screen.
      expect([labels[value].ja, labels[value].en]).not.toContain(value);
    }
  });

  it('gives different values of one enum different words in each language', () => {
    for (const name of enumNames) {
      for (const locale of LOCALES) {
        const words = CONTENT_ENUMS[name].map((value) => ENUM_LABELS[name][value][locale]);
        expect(new Set(words).size).toBe(words.length);
      }
    }
  });
});

describe(enumLabel.name, () => {
  it('words a value in the chosen language, Japanese by default', () => {
    expect(enumLabel('reservationChannel', 'GYOSEI_ONLINE')).toBe('警視庁行政手続オンライン');
    expect(enumLabel('holdingStatus', 'BOTH', 'en')).toBe('Both, My Number licence and licence card');
  });

  it('shows a value no label knows as it is, rather than hiding stored content', () => {
    expect(enumLabel('procedure', 'SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });
});

describe('KIND_TITLES', () => {
  it('names every kind in both languages, the Japanese one being the API title', () => {
    for (const kind of policyKinds) {
      expect(KIND_TITLES[kind.name]?.ja).toBe(kind.title);
      expect(kindTitle(kind.name, 'en')).toMatch(/^[A-Z][^\u3040-\u30ff\u4e00-\u9fff]*$/);
    }
    expect(Object.keys(KIND_TITLES).sort()).toEqual(policyKinds.map((k) => k.name).sort());
  });
});
