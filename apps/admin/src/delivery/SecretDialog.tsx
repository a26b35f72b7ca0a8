import { useRef, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, InputAdornment, TextField, Typography } from '@mui/material';
import CopyIcon from '@mui/icons-material/ContentCopy';
import { useTranslate } from 'react-admin';

/**
 * Shows a signing secret once. The secret is only in this dialog's props: the parent drops it on close, and it never
 * passes through react-admin's data layer, so no cache, store or history entry keeps it. It has no onClose: Escape or a
 * click beside it does not lose the secret before it was copied; only the button closes it.
 */
export const SecretDialog = ({ secret, onClose }: { secret: string | null; onClose: () => void }) => {
  const translate = useTranslate();
  const input = useRef<HTMLInputElement | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure origin, a denied permission): select the text so that Ctrl+C works.
      input.current?.select();
      setCopied('failed');
    }
  };
  const close = () => {
    setCopied(null);
    onClose();
  };
  return (
    <Dialog open={!!secret} fullWidth maxWidth="sm" data-testid="secret-dialog" aria-labelledby="secret-dialog-title">
      <DialogTitle id="secret-dialog-title">{translate('delivery.secret.title')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="secret-warning">
          {translate('delivery.secret.warning')}
        </Alert>
        <TextField
          value={secret ?? ''}
          fullWidth
          inputRef={input}
          onFocus={(event) => event.target.select()}
          slotProps={{
            htmlInput: { readOnly: true, 'data-testid': 'secret-value', 'aria-label': translate('delivery.secret.title'), spellCheck: false },
            input: {
              sx: { fontFamily: 'monospace' },
              endAdornment: (
                <InputAdornment position="end">
                  <Button startIcon={<CopyIcon />} onClick={copy} data-testid="secret-copy">
                    {translate('delivery.secret.copy')}
                  </Button>
                </InputAdornment>
              ),
            },
          }}
        />
        <Typography variant="body2" sx={{ mt: 1, minHeight: '1.5em', color: copied === 'failed' ? 'error.main' : 'success.dark' }} role="status">
          {copied === 'yes' ? translate('delivery.secret.copied') : copied === 'failed' ? translate('delivery.secret.copyFailed') : ''}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('delivery.secret.help')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={close} data-testid="secret-close">
          {translate('delivery.secret.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
