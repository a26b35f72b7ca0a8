import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import japaneseMessages from './ra-japanese';
import { appMessages, appMessagesEn } from './messages';

const LOCALE_KEY = 'policy-cms.locale';
const catalogues = {
  ja: { ...japaneseMessages, ...appMessages },
  en: { ...englishMessages, ...appMessagesEn },
};

/** Japanese first; English is one click away in the app bar (react-admin shows the switch for two locales). */
export const i18nProvider = polyglotI18nProvider(
  (locale) => {
    localStorage.setItem(LOCALE_KEY, locale);
    return catalogues[locale === 'en' ? 'en' : 'ja'];
  },
  localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'ja',
  [
    { locale: 'ja', name: '日本語' },
    { locale: 'en', name: 'English' },
  ],
  { allowMissing: true },
);
