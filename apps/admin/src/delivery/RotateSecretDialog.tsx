import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, FormLabel, Radio, RadioGroup } from '@mui/material';
import { useTranslate } from 'react-admin';
import { GRACE_CHOICES, type GraceChoice } from './types';

/** Asks how long the old secret keeps signing (すぐ無効 / 24時間 / 7日), then rotates. */
export const RotateSecretDialog = ({
  open,
  busy,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (graceSeconds: number) => void;
}) => {
  const translate = useTranslate();
  const [grace, setGrace] = useState<GraceChoice>('day');
  const seconds = GRACE_CHOICES.find((choice) => choice.id === grace)?.seconds ?? 86_400;
  return (
    <Dialog open={open} onClose={busy ? undefined : onCancel} fullWidth maxWidth="sm" data-testid="rotate-dialog" aria-labelledby="rotate-dialog-title">
      <DialogTitle id="rotate-dialog-title">{translate('delivery.rotate.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate('delivery.rotate.help')}</DialogContentText>
        <FormLabel id="rotate-grace-label">{translate('delivery.rotate.grace')}</FormLabel>
        <RadioGroup aria-labelledby="rotate-grace-label" value={grace} onChange={(event) => setGrace(event.target.value as GraceChoice)}>
          {GRACE_CHOICES.map((choice) => (
            <FormControlLabel
              key={choice.id}
              value={choice.id}
              control={<Radio />}
              label={translate(`delivery.rotate.graces.${choice.id}`)}
              data-testid={`grace-${choice.id}`}
            />
          ))}
        </RadioGroup>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={busy}>
          {translate('delivery.rotate.cancel')}
        </Button>
        <Button variant="contained" color="warning" onClick={() => onConfirm(seconds)} disabled={busy} data-testid="rotate-confirm">
          {translate('delivery.rotate.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
