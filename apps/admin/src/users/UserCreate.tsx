import { Create, PasswordInput, SelectArrayInput, SimpleForm, TextInput, minLength, required, useNotify, useRedirect, useTranslate } from 'react-admin';
import { roleChoices } from './roles';
import { workflowErrorMessage } from '../reviews/errors';

const USERNAME = /^[a-z0-9][a-z0-9._-]*$/i;
// Validators and notifications answer with keys of the catalogue: react-admin shows them in the chosen language.
const validateUsername = [required(), (value: string) => (value && !USERNAME.test(value) ? 'review.users.usernameCharacters' : undefined)];
const validateRoles = [required(), (value: string[]) => (Array.isArray(value) && value.length === 0 ? 'review.users.rolesRequired' : undefined)];

/** A new staff account: username, display name, initial password (12+ characters) and roles. */
export const UserCreate = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      resource="users"
      mutationOptions={{
        onSuccess: () => {
          notify('review.users.created', { type: 'success' });
          redirect('list', 'users');
        },
        onError: (error: unknown) => notify(workflowErrorMessage(error, translate), { type: 'error' }),
      }}
    >
      <SimpleForm defaultValues={{ roles: [] }}>
        <TextInput source="username" validate={validateUsername} autoComplete="off" />
        <TextInput source="displayName" validate={required()} />
        <PasswordInput
          source="password"
          validate={[required(), minLength(12, 'review.users.passwordLength')]}
          helperText={translate('review.users.passwordHelp')}
          autoComplete="new-password"
        />
        <SelectArrayInput source="roles" choices={roleChoices} validate={validateRoles} />
      </SimpleForm>
    </Create>
  );
};
