import { Create, PasswordInput, SelectArrayInput, SimpleForm, TextInput, required, useCreate, useNotify, useRedirect, useTranslate } from 'react-admin';
import { roleChoices } from './roles';
import { accountErrorKey, accountFieldErrors } from './errors';
import { newPasswordError } from './passwords';

const USERNAME = /^[a-z0-9][a-z0-9._-]*$/i;
// Validators and notifications answer with keys of the catalogue: react-admin shows them in the chosen language.
const validateUsername = [required(), (value: string) => (value && !USERNAME.test(value) ? 'review.users.usernameCharacters' : undefined)];
const validateRoles = [required(), (value: string[]) => (Array.isArray(value) && value.length === 0 ? 'review.users.rolesRequired' : undefined)];

/**
 * The form, saving by itself rather than through <Create>: the server's refusals (a username taken, a field it
 * refuses) go on their fields in words, where react-admin would show the API's English message.
 */
const UserCreateForm = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [create] = useCreate();
  const save = async (values: Record<string, unknown>) => {
    try {
      await create('users', { data: values }, { returnPromise: true });
    } catch (error) {
      const key = accountErrorKey(error);
      notify(key, { type: 'error', autoHideDuration: 10_000 });
      // A taken username is a CONFLICT, with no field named: it belongs on the username's field all the same.
      return key === 'review.users.errors.usernameTaken' ? { username: key } : accountFieldErrors(error);
    }
    notify('review.users.created', { type: 'success' });
    redirect('list', 'users');
    return undefined;
  };
  return (
    <SimpleForm defaultValues={{ roles: [] }} onSubmit={save}>
      <TextInput source="username" validate={validateUsername} autoComplete="off" />
      <TextInput source="displayName" validate={required()} />
      <PasswordInput
        source="password"
        validate={newPasswordError}
        helperText={translate('review.users.passwordHelp')}
        autoComplete="new-password"
      />
      <SelectArrayInput source="roles" choices={roleChoices} validate={validateRoles} />
    </SimpleForm>
  );
};

/** A new staff account: username, display name, initial password (12+ characters) and roles. */
export const UserCreate = () => (
  <Create resource="users">
    <UserCreateForm />
  </Create>
);
