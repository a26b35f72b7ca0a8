import { PasswordInput, useTranslate } from 'react-admin';
import { confirmationError, currentPasswordError, newPasswordError } from './passwords';

// Labels are catalogue keys: these inputs also stand on a page outside any resource, where react-admin would
// otherwise name them after their source in English.

/** The current password, for a change of one's own. */
export const CurrentPasswordInput = () => (
  <PasswordInput source="currentPassword" label="review.users.password.current" validate={currentPasswordError} autoComplete="current-password" fullWidth />
);

/** The new password, its length said on the field before anything is sent, and its confirmation. */
export const NewPasswordInputs = () => {
  const translate = useTranslate();
  return (
    <>
      <PasswordInput
        source="newPassword"
        label="review.users.password.new"
        validate={newPasswordError}
        helperText={translate('review.users.passwordHelp')}
        autoComplete="new-password"
        fullWidth
      />
      <PasswordInput
        source="confirmPassword"
        label="review.users.password.confirm"
        validate={confirmationError}
        helperText={translate('review.users.password.confirmHelp')}
        autoComplete="new-password"
        fullWidth
      />
    </>
  );
};
