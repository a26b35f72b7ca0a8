import { Chip, Stack } from '@mui/material';
import type { RaRecord } from 'react-admin';
import { ROLE_CHOICES } from '../i18n/messages-review';

export const roleLabel = (role: string) => ROLE_CHOICES.find((choice) => choice.id === role)?.name ?? role;

/** Mutable copy of the role choices for react-admin's inputs: their names, never the codes. */
export const roleChoices = ROLE_CHOICES.map((choice) => ({ ...choice }));

export const RoleChips = ({ record }: { record: RaRecord }) => (
  <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
    {((record.roles as string[] | undefined) ?? []).map((role) => (
      <Chip key={role} size="small" label={roleLabel(role)} data-role={role} color={role === 'ADMIN' ? 'secondary' : 'default'} />
    ))}
  </Stack>
);
