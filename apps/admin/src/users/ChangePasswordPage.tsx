import { useState } from 'react';
import { Alert, Box, Card, CardActions, CardContent, Typography } from '@mui/material';
import KeyIcon from '@mui/icons-material/Key';
import { Form, SaveButton, Title, useDataProvider, useNotify, useRedirect, useTranslate } from 'react-admin';
import type { PolicyCmsDataProvider } from '../dataProvider/dataProvider';
import { accountErrorKey, accountFieldErrors } from './errors';
import { CurrentPasswordInput, NewPasswordInputs } from './PasswordInputs';

/** The fields of this form the server may name; a refusal of another goes above the form. */
const FIELDS = ['currentPassword', 'newPassword'];

/**
 * パスワードの変更, for every signed-in person (the user menu's item). The data provider keeps the new token the
 * answer carries, so this tab stays logged in while every other session of the account ends.
 */
export const ChangePasswordPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const dataProvider = useDataProvider<PolicyCmsDataProvider>();
  // A refusal that belongs to no field (the attempts' limit, a lost connection) stays on the page until the next try.
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (values: Record<string, unknown>) => {
    setProblem(null);
    try {
      await dataProvider.changePassword(String(values.currentPassword), String(values.newPassword));
    } catch (error) {
      const fields = Object.fromEntries(Object.entries(accountFieldErrors(error)).filter(([field]) => FIELDS.includes(field)));
      if (Object.keys(fields).length) return fields;
      setProblem(accountErrorKey(error));
      return undefined;
    }
    notify('review.users.changePassword.done', { type: 'success', autoHideDuration: 10_000 });
    redirect('/');
    return undefined;
  };

  return (
    <Box sx={{ mt: { xs: 1, sm: 2 }, maxWidth: 600 }}>
      <Title title={translate('review.users.changePassword.title')} />
      <Card>
        <Form defaultValues={{ currentPassword: '', newPassword: '', confirmPassword: '' }} onSubmit={submit}>
          <CardContent>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {translate('review.users.changePassword.help')}
            </Typography>
            {problem && (
              <Alert severity="error" sx={{ mb: 2 }} data-testid="change-password-problem">
                {translate(problem)}
              </Alert>
            )}
            <CurrentPasswordInput />
            <NewPasswordInputs />
          </CardContent>
          <CardActions sx={{ px: 2, pb: 2 }}>
            <SaveButton label="review.users.changePassword.submit" icon={<KeyIcon />} data-testid="change-password-submit" />
          </CardActions>
        </Form>
      </Card>
    </Box>
  );
};
