import { Typography } from '@mui/material';
import {
  Edit,
  Labeled,
  SelectArrayInput,
  SimpleForm,
  TextField,
  Toolbar,
  SaveButton,
  required,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { roleChoices } from './roles';
import { workflowErrorMessage } from '../reviews/errors';

// Validators and notifications answer with keys of the catalogue: react-admin shows them in the chosen language.
const validateRoles = [required(), (value: string[]) => (Array.isArray(value) && value.length === 0 ? 'review.users.rolesRequired' : undefined)];

/** Only a save button: accounts are never deleted. */
const EditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

/** The page is titled with the person's name, never the account's id. */
const UserTitle = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  return <span data-testid="user-title">{record ? String(record.displayName) : translate('resources.users.name', { smart_count: 1 })}</span>;
};

/** Changes a user's roles (the only editable field). */
export const UserEdit = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Edit
      resource="users"
      title={<UserTitle />}
      mutationMode="pessimistic"
      mutationOptions={{
        onSuccess: () => {
          notify('review.users.rolesChanged', { type: 'success' });
          redirect('list', 'users');
        },
        onError: (error: unknown) => notify(workflowErrorMessage(error, translate), { type: 'error' }),
      }}
    >
      <SimpleForm toolbar={<EditToolbar />}>
        <Labeled>
          <TextField source="username" />
        </Labeled>
        <Labeled>
          <TextField source="displayName" />
        </Labeled>
        <Typography variant="body2" color="text.secondary">
          {translate('review.users.rolesOnly')}
        </Typography>
        <SelectArrayInput source="roles" choices={roleChoices} validate={validateRoles} />
      </SimpleForm>
    </Edit>
  );
};
