import polyglotI18nProvider from 'ra-i18n-polyglot';
import japaneseMessages from './ra-japanese';
import { appMessages } from './messages';
import { englishIfLoaded, loadEnglish } from './english';
import { LOCALE_KEY, storedLocale } from '../login/locale-store';
import { LOCALES } from '../login/texts';

const japanese = { ...japaneseMessages, ...appMessages };

/**
 * Japanese first; English is one click away in the app bar (react-admin shows the switch for two locales) and on the
 * login screen. The English catalogue is a chunk of its own (catalogue.en.ts), fetched when English is chosen: the app
 * opens in English only once main.tsx has loaded it, and a switch to English waits for it (polyglot takes a promise).
 */
export const i18nProvider = polyglotI18nProvider(
  (locale) => {
    localStorage.setItem(LOCALE_KEY, locale);
    // Screen readers read the page in the language <html lang> names: it follows the switch in the app bar too.
    document.documentElement.lang = locale === 'en' ? 'en' : 'ja';
    if (locale !== 'en') return japanese;
    return englishIfLoaded()?.catalogue ?? loadEnglish().then(({ catalogue }) => catalogue);
  },
  storedLocale() === 'en' && englishIfLoaded() ? 'en' : 'ja',
  [...LOCALES],
  { allowMissing: true },
);
