/** Who runs this tool: shown on the login page so that staff know they are at the right door. */
export const ORGANISATION = { ja: '警視庁 運転免許本部 免許管理第一係', en: 'Tokyo Metropolitan Police Department, Driver Licensing Division, Licence Administration Section 1' };

export type Locale = 'ja' | 'en';

/** Why a login failed: the catalogue key of what the login screen says. */
export type LoginFailure = 'app.auth.rate_limited' | 'ra.auth.sign_in_error' | 'ra.notification.http_error';

/** What the login screen says, in one language. */
export interface LoginTexts {
  organisation: string;
  title: string;
  username: string;
  password: string;
  signIn: string;
  signingIn: string;
  language: string;
  loading: string;
  failures: Record<LoginFailure, string>;
}

/**
 * The login screen's words, in both languages, here so that the login screen loads neither catalogue nor
 * react-admin. The app's own catalogues take their title, language and rate-limit texts from here (messages.ts,
 * messages.en.ts, messages-office*.ts); react-admin's words (ra.auth.*, ra.notification.http_error) are copies of
 * ra-japanese.ts and ra-language-english, checked key for key in i18n/catalogues.spec.ts.
 */
export const LOGIN_TEXTS: Record<Locale, LoginTexts> = {
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
};

/** The languages offered, each named in itself. */
export const LOCALES: readonly { locale: Locale; name: string }[] = [
  { locale: 'ja', name: '日本語' },
  { locale: 'en', name: 'English' },
];
