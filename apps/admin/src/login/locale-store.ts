import type { Locale } from './texts';

// Where the chosen language is kept: the i18n provider's own key (i18n/ja.ts), and react-admin's store (RaStore.*,
// JSON), which react-admin's language switch reads and writes. Both are set, so the app opens in the language chosen here.
export const LOCALE_KEY = 'policy-cms.locale';
const RA_STORE_LOCALE = 'RaStore.locale';

export function storedLocale(): Locale {
  try {
    const fromStore = localStorage.getItem(RA_STORE_LOCALE);
    const chosen = fromStore ? (JSON.parse(fromStore) as unknown) : localStorage.getItem(LOCALE_KEY);
    return chosen === 'en' ? 'en' : 'ja';
  } catch {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'ja';
  }
}

export function storeLocale(locale: Locale): void {
  localStorage.setItem(LOCALE_KEY, locale);
  localStorage.setItem(RA_STORE_LOCALE, JSON.stringify(locale));
}
