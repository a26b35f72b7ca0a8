import { Typography } from '@mui/material';
import {
  Edit,
  Labeled,
  ListButton,
  SelectArrayInput,
  SimpleForm,
  TextField,
  Toolbar,
  TopToolbar,
  SaveButton,
  required,
  useGetIdentity,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
  useUpdate,
} from 'react-admin';
import { roleChoices } from './roles';
import { AccountState } from './AccountState';
import { ActiveToggleButton, ResetPasswordButton } from './AccountActions';
import { accountErrorKey, accountFieldErrors } from './errors';

// Validators and notifications answer with keys of the catalogue: react-admin shows them in the chosen language.
const validateRoles = [required(), (value: string[]) => (Array.isArray(value) && value.length === 0 ? 'review.users.rolesRequired' : undefined)];

/** Only a save button: accounts are never deleted (they are deactivated, above the form). */
const EditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

/** What else can be done to the account: 利用を停止 / 利用を再開 and パスワードを再設定. */
const EditActions = () => (
  <TopToolbar sx={{ flexWrap: 'wrap' }}>
    <ListButton />
    <ActiveToggleButton />
    <ResetPasswordButton />
  </TopToolbar>
);

/** The page is titled with the person's name, never the account's id. */
const UserTitle = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  return <span data-testid="user-title">{record ? String(record.displayName) : translate('resources.users.name', { smart_count: 1 })}</span>;
};

/** Why one's own account has no 利用を停止 (the API refuses it), said where the button would be looked for. */
const OwnAccountNote = () => {
  const record = useRecordContext();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!record || !identity || String(identity.id) !== String(record.id)) return null;
  return (
    <Typography variant="body2" color="text.secondary" data-testid="own-account-note">
      {translate('review.users.deactivate.own')}
    </Typography>
  );
};

/** The roles' form; a refusal (one's own ADMIN role, the last administrator) is said on the field in words. */
const UserEditForm = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [update] = useUpdate();
  if (!record) return null;
  const save = async (values: Record<string, unknown>) => {
    try {
      await update('users', { id: record.id, data: { roles: values.roles }, previousData: record }, { mutationMode: 'pessimistic', returnPromise: true });
    } catch (error) {
      notify(accountErrorKey(error), { type: 'error', autoHideDuration: 10_000 });
      return accountFieldErrors(error);
    }
    notify('review.users.rolesChanged', { type: 'success' });
    redirect('list', 'users');
    return undefined;
  };
  return (
    <SimpleForm toolbar={<EditToolbar />} onSubmit={save}>
      <Labeled>
        <TextField source="username" />
      </Labeled>
      <Labeled>
        <TextField source="displayName" />
      </Labeled>
      <Labeled source="active">
        <AccountState record={record} />
      </Labeled>
      <OwnAccountNote />
      <Typography variant="body2" color="text.secondary">
        {translate('review.users.rolesOnly')}
      </Typography>
      <SelectArrayInput source="roles" choices={roleChoices} validate={validateRoles} />
    </SimpleForm>
  );
};

/** A user's roles, whether the account may log in, and a new password set by an administrator. */
export const UserEdit = () => (
  <Edit resource="users" title={<UserTitle />} mutationMode="pessimistic" actions={<EditActions />}>
    <UserEditForm />
  </Edit>
);
