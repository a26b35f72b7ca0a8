import { useEffect, useRef, useState, type ComponentProps, type FormEvent } from 'react';
import { logIn } from './session';
import { storeLocale, storedLocale } from './locale-store';
import { LOCALES, LOGIN_TEXTS, type Locale, type LoginFailure } from './texts';
import './login.css';

/**
 * The login screen, in plain React and a little CSS of its own (login.css): the first load carries neither
 * react-admin nor MUI; main.tsx loads the app once the login has succeeded. It names the organisation, lets a person
 * choose the language before logging in, and says why a login failed in that language, on the page itself
 * (role="alert"), with the focus back on the field to correct.
 */
export const LoginScreen = ({ onLoggedIn }: { onLoggedIn: () => void }) => {
  const [locale, setLocale] = useState<Locale>(storedLocale);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<LoginFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const usernameField = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  const texts = LOGIN_TEXTS[locale];

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    usernameField.current?.focus();
  }, []);

  const choose = (next: Locale) => {
    storeLocale(next);
    setLocale(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !username || !password) return;
    setBusy(true);
    setFailure(null);
    try {
      await logIn(username, password);
    } catch (error) {
      setFailure(failureOf(error));
      setBusy(false);
      // A refusal: the password to type again, selected; a limit or a lost connection: the same, nothing to lose.
      passwordField.current?.focus();
      passwordField.current?.select();
      return;
    }
    onLoggedIn();
  };

  return (
    <main className="pc-login" lang={locale}>
      <div className="pc-login__card">
        <p className="pc-login__organisation">{texts.organisation}</p>
        <h1 className="pc-login__title">{texts.title}</h1>
        <form className="pc-login__form" onSubmit={submit} noValidate aria-busy={busy}>
          <Field
            ref={usernameField}
            id="pc-login-username"
            label={texts.username}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
          <Field
            ref={passwordField}
            id="pc-login-password"
            label={texts.password}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={failure === 'ra.auth.sign_in_error' || undefined}
            aria-describedby={failure ? 'pc-login-failure' : undefined}
          />
          {failure && (
            <div role="alert" id="pc-login-failure" className="pc-login__alert">
              {texts.failures[failure]}
            </div>
          )}
          <button type="submit" className="pc-login__submit" disabled={busy || !username || !password}>
            {busy && <span className="pc-login__spinner" aria-hidden="true" />}
            {texts.signIn}
          </button>
        </form>
        <div className="pc-login__locales" role="group" aria-label={texts.language}>
          {LOCALES.map(({ locale: code, name }) => (
            <button key={code} type="button" lang={code} aria-pressed={code === locale} onClick={() => choose(code)}>
              {name}
            </button>
          ))}
        </div>
      </div>
    </main>
  );
};

/** A required field of the form: its label (marked required) above the input. */
const Field = ({ id, label, ...input }: { id: string; label: string } & ComponentProps<'input'>) => (
  <div className="pc-login__field">
    <label htmlFor={id}>
      {label}
      <span aria-hidden="true"> *</span>
    </label>
    <input id={id} required {...input} />
  </div>
);

/** The login throws catalogue keys; anything else (a failure of the script itself) is said in words too, never raw. */
function failureOf(error: unknown): LoginFailure {
  const message = (error as { message?: unknown })?.message;
  return message === 'app.auth.rate_limited' || message === 'ra.notification.http_error' ? message : 'ra.auth.sign_in_error';
}

/** What shows while the app's scripts load after the login, or for a stored session: a quiet line in the same frame. */
export const Loading = () => {
  const texts = LOGIN_TEXTS[storedLocale()];
  return (
    <main className="pc-login" aria-busy="true">
      <p className="pc-login__loading" role="status">
        <span className="pc-login__spinner pc-login__spinner--dark" aria-hidden="true" />
        {texts.loading}
      </p>
    </main>
  );
};
