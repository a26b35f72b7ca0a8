import { useEffect, useState, type ReactNode } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  help?: ReactNode;
  /** Pre-filled text, e.g. the retroactive reason recorded with the version. */
  initialReason?: string | null;
  busy?: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}

/** Asks for a reason; the input is `name="reason"` and the confirm button `data-testid="confirm-reason"`. */
export const ReasonDialog = ({ open, title, help, initialReason, busy, onCancel, onConfirm }: ReasonDialogProps) => {
  const translate = useTranslate();
  const [reason, setReason] = useState(initialReason ?? '');
  useEffect(() => {
    if (open) setReason(initialReason ?? '');
  }, [open, initialReason]);
  const trimmed = reason.trim();
  return (
    <Dialog open={open} onClose={busy ? undefined : onCancel} fullWidth maxWidth="sm" data-testid="reason-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (trimmed && !busy) onConfirm(trimmed);
        }}
      >
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          {help && <DialogContentText sx={{ mb: 2 }}>{help}</DialogContentText>}
          <TextField
            name="reason"
            label={translate('review.reasonDialog.reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required
            autoFocus
            fullWidth
            multiline
            minRows={3}
            helperText={trimmed ? ' ' : translate('review.reasonDialog.reasonRequired')}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel} disabled={busy}>
            {translate('review.reasonDialog.cancel')}
          </Button>
          <Button type="submit" variant="contained" data-testid="confirm-reason" disabled={!trimmed || busy}>
            {translate('review.reasonDialog.confirm')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
