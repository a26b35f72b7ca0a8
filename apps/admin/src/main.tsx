import { StrictMode, Suspense, createContext, lazy, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Loading, LoginScreen } from './login/LoginScreen';
import { hasSession } from './login/session';
import { storedLocale } from './login/locale-store';

/**
 * The entry decides what the first screen is. Without a session in this tab: the small login screen (plain React,
 * login/), and react-admin's app only after the login has succeeded, with a dynamic import(). With a session: the
 * app at once. The first load of the login page is then React and the form, not react-admin's shell (see
 * test/browser/reach.e2e-spec.ts for its budget).
 */
const AdminApp = lazy(async () => {
  // A session in English opens in English: its catalogue (a chunk of its own) is loaded first, because the i18n
  // provider picks its first locale when App's modules are evaluated (i18n/ja.ts), and takes English only once it is
  // there. Loading both at once raced: the app could open in Japanese, and store Japanese as the choice.
  if (storedLocale() === 'en') await import('./i18n/english').then(({ loadEnglish }) => loadEnglish());
  const { App } = await import('./App');
  return { default: App };
});

/** react-admin's login page: the app went to #/login (a logout, an expired session), so the small login screen comes back. */
const BackToLogin = () => {
  const showLogin = useContext(ShowLogin);
  useEffect(() => showLogin(), [showLogin]);
  return null;
};
const ShowLogin = createContext<() => void>(() => undefined);

const LOGIN_HASH = '#/login';
const atLogin = () => /^#\/login(?:[/?]|$)/.test(location.hash);

function Root() {
  const [screen, setScreen] = useState<'login' | 'app'>(() => (hasSession() && !atLogin() ? 'app' : 'login'));
  // Where the person was going when the login screen came up, to go on there after the login.
  const next = useRef('/');

  const showLogin = useCallback(() => setScreen('login'), []);

  useEffect(() => {
    if (screen !== 'login') return;
    // The address says login while the form is shown (the tests and bookmarks rely on it); where it pointed is kept.
    if (!atLogin()) {
      next.current = location.hash.replace(/^#/, '') || '/';
      history.replaceState(history.state, '', LOGIN_HASH);
    }
    // Another address typed while the form is shown: with a session (another tab's login does not count: the session
    // is this tab's), go there; without one, remember it and stay.
    const onHashChange = () => {
      if (atLogin()) return;
      if (hasSession()) setScreen('app');
      else {
        next.current = location.hash.replace(/^#/, '') || '/';
        history.replaceState(history.state, '', LOGIN_HASH);
      }
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [screen]);

  const onLoggedIn = useCallback(() => {
    const target = next.current;
    next.current = '/';
    // Leave #/login first: react-admin would show its login page there (BackToLogin).
    location.hash = /^\/login(?:[/?]|$)/.test(target) ? '/' : target;
    setScreen('app');
  }, []);

  if (screen === 'login') return <LoginScreen onLoggedIn={onLoggedIn} />;
  return (
    <ShowLogin.Provider value={showLogin}>
      <Suspense fallback={<Loading />}>
        <AdminApp loginPage={BackToLogin} />
      </Suspense>
    </ShowLogin.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
