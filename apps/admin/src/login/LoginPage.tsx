import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, CircularProgress, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useLocaleState, useLocales, useLogin, useTranslate } from 'react-admin';

/** Who runs this tool: shown on the login page so that staff know they are at the right door. */
export const ORGANISATION = { ja: '警視庁 運転免許本部 免許管理第一係', en: 'Tokyo Metropolitan Police Department, Driver Licensing Division, Licence Administration Section 1' };

/**
 * The login page, written with plain MUI fields rather than react-admin's form: the first load then carries no form
 * library (react-hook-form loads with the first screen that edits). It names the organisation, lets a person choose
 * the language before logging in, and says why a login failed in that language, on the page itself (role="alert").
 */
export const LoginPage = () => {
  const translate = useTranslate();
  const login = useLogin();
  const [locale, setLocale] = useLocaleState();
  const locales = useLocales();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ username, password });
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  };

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'grey.100', p: 2 }}>
      <Card sx={{ width: '100%', maxWidth: 420 }}>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Typography variant="body2" component="p" sx={{ color: 'text.secondary' }}>
            {locale === 'en' ? ORGANISATION.en : ORGANISATION.ja}
          </Typography>
          <Typography variant="h5" component="h1">
            {translate('app.title')}
          </Typography>
          <Box component="form" onSubmit={submit} noValidate sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
            <TextField
              label={translate('ra.auth.username')}
              name="username"
              autoComplete="username"
              autoFocus
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
            <TextField
              label={translate('ra.auth.password')}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            {error && <Alert severity="error">{translate(error)}</Alert>}
            <Button type="submit" variant="contained" disabled={busy || !username || !password} startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}>
              {translate('ra.auth.sign_in')}
            </Button>
          </Box>
          {locales.length > 1 && (
            <ToggleButtonGroup
              exclusive
              size="small"
              value={locale}
              onChange={(_event, next: string | null) => next && setLocale(next)}
              aria-label={translate('app.office.login.language')}
              sx={{ alignSelf: 'flex-end' }}
            >
              {locales.map(({ locale: code, name }) => (
                <ToggleButton key={code} value={code} lang={code}>
                  {name}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};

/** The authProvider throws translation keys; anything else (a network failure) is said in words too, never raw. */
function messageOf(failure: unknown): string {
  const message = (failure as { message?: unknown })?.message;
  return typeof message === 'string' && /^(app|ra)\./.test(message) ? message : 'ra.auth.sign_in_error';
}
