import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { TranslationMessages } from 'react-admin';

/**
 * For the unit tests of code that words things: react-admin's own translate (ra-i18n-polyglot) over one catalogue, as
 * the screens use it, plural forms ('%{count} event |||| %{count} events') and `_` defaults included.
 */
export function testTranslator(catalogue: object, locale: 'ja' | 'en') {
  const provider = polyglotI18nProvider(() => catalogue as TranslationMessages, locale, [{ locale, name: locale }], { allowMissing: true });
  return (key: string, options: Record<string, unknown> = {}) => provider.translate(key, options);
}
