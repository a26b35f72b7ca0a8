import polyglotI18nProvider from 'ra-i18n-polyglot';
import japaneseMessages from '@bicstone/ra-language-japanese';
import { appMessages } from './messages';

/** Japanese first: react-admin's own messages from the community translation, ours from ./messages. */
export const i18nProvider = polyglotI18nProvider(() => ({ ...japaneseMessages, ...appMessages }), 'ja', [{ locale: 'ja', name: '日本語' }], {
  allowMissing: true,
});
