import type { LoginFailure } from './session';

/** Who runs this tool: shown on the login page so that staff know they are at the right door. */
export const ORGANISATION = { ja: '警視庁 運転免許本部 免許管理第一係', en: 'Tokyo Metropolitan Police Department, Driver Licensing Division, Licence Administration Section 1' };

export type Locale = 'ja' | 'en';

/**
 * The login screen's words, in both languages. They are the catalogues' own (ra-japanese, ra-language-english and
 * messages.ts, checked key for key in i18n/catalogues.spec.ts), copied here so that the login screen loads neither
 * catalogue nor react-admin.
 */
export const LOGIN_TEXTS = {
  ja: {
    organisation: ORGANISATION.ja,
    title: 'policy-cms 管理画面',
    username: 'ユーザー名',
    password: 'パスワード',
    signIn: 'ログイン',
    signingIn: 'ログインしています…',
    language: '表示言語',
    loading: '読み込み中…',
    failures: {
      'ra.auth.sign_in_error': '認証に失敗しました。入力を確認してください',
      'ra.notification.http_error': '通信エラーが発生しました',
      'app.auth.rate_limited': 'ログインの失敗が続いたため、一時的にログインできません。15分ほど待ってから、もう一度お試しください。',
    },
  },
  en: {
    organisation: ORGANISATION.en,
    title: 'policy-cms administration',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    language: 'Language',
    loading: 'Loading…',
    failures: {
      'ra.auth.sign_in_error': 'Authentication failed, please retry',
      'ra.notification.http_error': 'Server communication error',
      'app.auth.rate_limited': 'Too many failed logins: logging in is paused for a while. Wait about 15 minutes and try again.',
    },
  },
} as const satisfies Record<Locale, { failures: Record<LoginFailure, string> } & Record<string, unknown>>;

/** The languages offered, each named in itself. */
export const LOCALES: readonly { locale: Locale; name: string }[] = [
  { locale: 'ja', name: '日本語' },
  { locale: 'en', name: 'English' },
];

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
