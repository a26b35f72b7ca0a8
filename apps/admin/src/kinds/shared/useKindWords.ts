import { useMemo } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { contentFieldName, enumLabel, kindTitle, type ContentEnumName, type Locale } from '@policy-cms/kinds';
import { formErrorText } from './issues';

/** The admin's language as the kinds library knows it (Japanese unless English is chosen). */
export function useKindLocale(): Locale {
  const [locale] = useLocaleState();
  return locale === 'en' ? 'en' : 'ja';
}

/**
 * The words of the content in the chosen language, all from @policy-cms/kinds: enum values, field names, kind names
 * and content problems; `t` is react-admin's translate for the form's own texts (kinds.* in messages-kinds.ts).
 */
export function useKindWords() {
  const locale = useKindLocale();
  const translate = useTranslate();
  return useMemo(
    () => ({
      locale,
      t: (key: string, options?: Record<string, unknown>) => translate(`kinds.${key}`, options),
      label: (enumName: ContentEnumName, value: string) => enumLabel(enumName, value, locale),
      field: (path: string) => contentFieldName(path, locale) ?? path.split('.').pop() ?? path,
      kind: (kind: string) => kindTitle(kind, locale),
      /** Names in a run: 「WEB予約・自動音声予約ダイヤル」, 'Web, Automated voice line'. */
      list: (names: readonly string[]) => names.join(locale === 'en' ? ', ' : '・'),
      /** A word with an aside: 「予約制(WEB予約)」 in Japanese, 'Reservation required (Web)' in English. */
      aside: (main: string, aside: string) => (locale === 'en' ? `${main} (${aside})` : `${main}(${aside})`),
      error: (message: string | undefined, where: 'field' | 'list' = 'field') => (message ? formErrorText(message, locale, where) : undefined),
    }),
    [locale, translate],
  );
}

export type KindWords = ReturnType<typeof useKindWords>;
