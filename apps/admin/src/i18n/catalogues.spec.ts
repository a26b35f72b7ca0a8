import englishMessages from 'ra-language-english';
import japaneseMessages from './ra-japanese';
import { appMessages } from './messages';
import { appMessagesEn } from './messages.en';
import { LOGIN_TEXTS } from '../login/texts';

/*
 * The two catalogues the admin ships (i18n/ja.ts merges them the same way): every text exists in Japanese and in
 * English, says something, and takes the same %{placeholders} in both, so that no screen falls back to a raw key
 * or shows "%{count}" in one language only.
 */
const ja = { ...japaneseMessages, ...appMessages } as Record<string, unknown>;
const en = { ...englishMessages, ...appMessagesEn } as Record<string, unknown>;

/** 'app.menu.reviews' → its text, for every leaf of a nested catalogue. */
function leaves(tree: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const [leaf, text] of leaves(value as Record<string, unknown>, path)) found.set(leaf, text);
    else found.set(path, value);
  }
  return found;
}

const placeholders = (text: unknown) => [...new Set([...String(text).matchAll(/%\{(\w+)\}/g)].map((match) => match[1]))].sort().join();
/** polyglot's plural forms of a text ('%{count} event |||| %{count} events'); a text without them is its one form. */
const forms = (text: unknown) => String(text).split('||||');

describe('the admin UI catalogues', () => {
  const jaLeaves = leaves(ja);
  const enLeaves = leaves(en);
  // The app's own texts (react-admin's are under `ra.`): these must match key for key and placeholder for placeholder.
  const own = (key: string) => !key.startsWith('ra.');

  it('has every key of the app in Japanese and in English', () => {
    expect([...jaLeaves.keys()].filter((key) => own(key) && !enLeaves.has(key))).toEqual([]);
    expect([...enLeaves.keys()].filter((key) => own(key) && !jaLeaves.has(key))).toEqual([]);
    expect([...jaLeaves.keys()].filter(own).length).toBeGreaterThan(300); // an empty tree would pass the above
  });

  it('has every react-admin text in Japanese too (none falls back to English or to its key)', () => {
    // The guessers' texts are left out: they serve react-admin's scaffolding screens, which this app does not use.
    expect([...enLeaves.keys()].filter((key) => !own(key) && !key.startsWith('ra.guesser.') && !jaLeaves.has(key))).toEqual([]);
  });

  it('has a non-empty text for every key of the app in both languages', () => {
    const empty = (texts: Map<string, unknown>) =>
      [...texts].filter(([key, text]) => own(key) && (typeof text !== 'string' || text.trim() === '')).map(([key]) => key);
    expect(empty(jaLeaves)).toEqual([]);
    expect(empty(enLeaves)).toEqual([]);
  });

  it('takes the same placeholders in both languages, in every plural form', () => {
    const differing = [...jaLeaves]
      .filter(([key]) => own(key) && enLeaves.has(key))
      .filter(([key, text]) => [...forms(text), ...forms(enLeaves.get(key))].some((form) => placeholders(form) !== placeholders(forms(text)[0])))
      .map(([key, text]) => `${key}: ${forms(text).map(placeholders).join(' | ')} / ${forms(enLeaves.get(key)).map(placeholders).join(' | ')}`);
    expect(differing).toEqual([]);
  });

  it('writes English in English: no kana or kanji in the app\'s English texts (〇 and ‐ are the table\'s marks)', () => {
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    expect([...enLeaves].filter(([key, text]) => own(key) && japanese.test(String(text))).map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('counts in English in singular and plural, never "item(s)"', () => {
    const english = [...enLeaves].filter(([key]) => own(key)).map(([key, text]) => [key, String(text)] as const);
    expect(english.filter(([, text]) => /\w\(s\)/.test(text)).map(([key]) => key)).toEqual([]);
    // polyglot's English rule has two forms: one, and every other number.
    expect(english.filter(([, text]) => text.includes('||||') && forms(text).length !== 2).map(([key]) => key)).toEqual([]);
  });

  // The app's own login words (title, language, the rate limit) are taken from login/texts.ts by the catalogues;
  // react-admin's are copies, which must not drift from the catalogues the app uses after the login.
  it('gives the small login screen (login/texts.ts) react-admin\'s own words, in both languages', () => {
    for (const [texts, catalogue] of [[LOGIN_TEXTS.ja, jaLeaves], [LOGIN_TEXTS.en, enLeaves]] as const) {
      expect(texts.username).toBe(catalogue.get('ra.auth.username'));
      expect(texts.password).toBe(catalogue.get('ra.auth.password'));
      expect(texts.signIn).toBe(catalogue.get('ra.auth.sign_in'));
      for (const [key, text] of Object.entries(texts.failures)) expect([key, text]).toEqual([key, catalogue.get(key)]);
    }
  });
});
