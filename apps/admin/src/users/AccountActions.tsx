import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import BlockIcon from '@mui/icons-material/Block';
import KeyIcon from '@mui/icons-material/Key';
import LockResetIcon from '@mui/icons-material/LockReset';
import RestoreIcon from '@mui/icons-material/SettingsBackupRestore';
import { Link } from 'react-router-dom';
import { Confirm, Form, SaveButton, useDataProvider, useGetIdentity, useNotify, useRecordContext, useRefresh, useTranslate, type RaRecord } from 'react-admin';
import type { PolicyCmsDataProvider } from '../dataProvider/dataProvider';
import { accountErrorKey, accountFieldErrors } from './errors';
import { NewPasswordInputs } from './PasswordInputs';

/** The signed-in administrator's own account: the API refuses to deactivate it, and a reset would log them out. */
function useIsOwnAccount(record: RaRecord | undefined): boolean {
  const { identity } = useGetIdentity();
  return !!record && !!identity && String(identity.id) === String(record.id);
}

/** 利用を停止, after a confirmation that says what it does to the person; 利用を再開 for a deactivated account. */
export const ActiveToggleButton = () => {
  const record = useRecordContext();
  const own = useIsOwnAccount(record);
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<PolicyCmsDataProvider>();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!record || own) return null;
  const name = String(record.displayName);
  const run = async (step: 'deactivate' | 'reactivate') => {
    setBusy(true);
    try {
      await (step === 'deactivate' ? dataProvider.deactivateUser(record.id) : dataProvider.reactivateUser(record.id));
      notify(translate(`review.users.${step}.done`, { name }), { type: 'success' });
      refresh();
    } catch (error) {
      notify(accountErrorKey(error), { type: 'error', autoHideDuration: 10_000 });
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  if (record.active === false) {
    return (
      <Button size="small" startIcon={<RestoreIcon />} onClick={() => void run('reactivate')} disabled={busy} data-testid="user-reactivate">
        {translate('review.users.reactivate.button')}
      </Button>
    );
  }
  return (
    <>
      <Button size="small" color="warning" startIcon={<BlockIcon />} onClick={() => setAsking(true)} disabled={busy} data-testid="user-deactivate">
        {translate('review.users.deactivate.button')}
      </Button>
      <Confirm
        isOpen={asking}
        loading={busy}
        title={translate('review.users.deactivate.title', { name })}
        content={translate('review.users.deactivate.content', { name })}
        confirm={translate('review.users.deactivate.button')}
        confirmColor="warning"
        onConfirm={() => void run('deactivate')}
        onClose={() => setAsking(false)}
      />
    </>
  );
};

/**
 * パスワードを再設定: a dialog with the new password and its confirmation. For one's own account the button leads to
 * パスワードの変更 instead, which asks for the current password and keeps this tab logged in.
 */
export const ResetPasswordButton = () => {
  const record = useRecordContext();
  const own = useIsOwnAccount(record);
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (!record) return null;
  if (own) {
    return (
      <Button size="small" startIcon={<KeyIcon />} component={Link} to="/account/password" data-testid="user-change-own-password">
        {translate('review.users.changePassword.menu')}
      </Button>
    );
  }
  return (
    <>
      <Button size="small" startIcon={<LockResetIcon />} onClick={() => setOpen(true)} data-testid="user-reset-password">
        {translate('review.users.reset.button')}
      </Button>
      {/* Mounted only while open: the passwords typed are dropped with the dialog. */}
      {open && <ResetPasswordDialog record={record} onClose={() => setOpen(false)} />}
    </>
  );
};

const ResetPasswordDialog = ({ record, onClose }: { record: RaRecord; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<PolicyCmsDataProvider>();
  const name = String(record.displayName);
  const submit = async (values: Record<string, unknown>) => {
    try {
      await dataProvider.resetPassword(record.id, String(values.newPassword));
    } catch (error) {
      const fields = accountFieldErrors(error);
      if (fields.newPassword) return { newPassword: fields.newPassword };
      notify(accountErrorKey(error), { type: 'error', autoHideDuration: 10_000 });
      return undefined;
    }
    notify(translate('review.users.reset.done', { name }), { type: 'success', autoHideDuration: 10_000 });
    onClose();
    return undefined;
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="reset-password-title" data-testid="reset-password-dialog">
      {/* Its own record (none): the form must not carry the account's fields into the call. */}
      <Form record={{}} defaultValues={{ newPassword: '', confirmPassword: '' }} onSubmit={submit}>
        <DialogTitle id="reset-password-title">{translate('review.users.reset.title', { name })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('review.users.reset.help', { name })}</DialogContentText>
          <NewPasswordInputs />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('review.users.password.cancel')}</Button>
          <SaveButton label="review.users.reset.confirm" icon={<LockResetIcon />} data-testid="reset-password-confirm" />
        </DialogActions>
      </Form>
    </Dialog>
  );
};
