import { Chip } from '@mui/material';
import { useTranslate, type RaRecord } from 'react-admin';

/** 有効 / 利用停止中 in words (the API's `active` flag is never shown as true/false). */
export const AccountState = ({ record }: { record: RaRecord | undefined }) => {
  const translate = useTranslate();
  if (!record) return null;
  const active = record.active !== false;
  return (
    <Chip
      size="small"
      variant={active ? 'outlined' : 'filled'}
      color={active ? 'success' : 'warning'}
      label={translate(active ? 'review.users.state.active' : 'review.users.state.inactive')}
      data-testid="account-state"
      data-active={String(active)}
    />
  );
};
