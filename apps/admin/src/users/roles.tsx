import { Chip, Stack } from '@mui/material';
import { useTranslate, type RaRecord } from 'react-admin';

export const ROLES = ['ADMIN', 'EDITOR', 'APPROVER', 'AUDITOR'] as const;

/** The catalogue key of a role's name: 管理者 in Japanese, Administrator in English. */
export const roleKey = (role: string) => `review.users.roles.${role}`;

/** Role choices for react-admin's inputs, which translate a choice's name: words in the chosen language, never codes. */
export const roleChoices = ROLES.map((id) => ({ id, name: roleKey(id) }));

export const RoleChips = ({ record }: { record: RaRecord }) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {((record.roles as string[] | undefined) ?? []).map((role) => (
        <Chip key={role} size="small" label={translate(roleKey(role), { _: role })} data-role={role} color={role === 'ADMIN' ? 'secondary' : 'default'} />
      ))}
    </Stack>
  );
};
