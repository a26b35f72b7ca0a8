import { useEffect, useState, type ReactNode } from 'react';
import { Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ImpactState } from './ImpactSection';
import { MAX_NOTE_LENGTH } from '@policy-cms/contract';
import { ImpactSentences } from './ImpactSection';

export type ReasonMode = 'none' | 'optional' | 'required';

export interface StepDialogProps {
  open: boolean;
  /** The workflow step: names the title (`review.confirm.<step>`) and the confirm button (`review.actions.<step>`). */
  step: string;
  help?: ReactNode;
  /** The impact summary to show (approve, publish, withdraw); omitted for steps that change no public answer. */
  impact?: ImpactState;
  reason: ReasonMode;
  /** Label of the reason field when it is required (e.g. 差戻しの理由). */
  reasonLabel?: string;
  initialReason?: string | null;
  busy?: boolean;
  onCancel: () => void;
  onConfirm: (reason: string | null) => void;
}

/**
 * Every workflow step asks first. The dialog says in words what the step will do to the public answers (the same
 * sentences as the version page), asks for a reason where one is needed, and confirms with the step's own name
 * (`data-testid="confirm-step"`), so nothing is published, approved or withdrawn by a stray click.
 */
export const StepDialog = ({ open, step, help, impact, reason: reasonMode, reasonLabel, initialReason, busy, onCancel, onConfirm }: StepDialogProps) => {
  const translate = useTranslate();
  const [reason, setReason] = useState(initialReason ?? '');
  useEffect(() => {
    if (open) setReason(initialReason ?? '');
  }, [open, initialReason]);
  const trimmed = reason.trim();
  const missingReason = reasonMode === 'required' && !trimmed;
  // The API's bound on a reason, said on the field as it is typed (a longer one came back in the API's English).
  const tooLong = trimmed.length > MAX_NOTE_LENGTH;
  const waiting = impact?.state === 'loading';
  return (
    <Dialog open={open} onClose={busy ? undefined : onCancel} fullWidth maxWidth="sm" data-testid="step-dialog" data-step={step} aria-labelledby="step-dialog-title">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!missingReason && !tooLong && !busy) onConfirm(trimmed || null);
        }}
      >
        <DialogTitle id="step-dialog-title">{translate(`review.confirm.${step}`)}</DialogTitle>
        <DialogContent>
          {help && <DialogContentText sx={{ mb: 2 }}>{help}</DialogContentText>}
          {impact && impact.state !== 'none' && (
            <Box sx={{ mb: 2 }} data-testid="step-dialog-summary">
              <Typography variant="subtitle2" sx={{ mb: 1 }}>
                {translate('review.confirm.summary')}
              </Typography>
              {impact.state === 'ready' && <ImpactSentences impact={impact.impact} testId="step-dialog-statement" />}
              {impact.state === 'loading' && (
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  <CircularProgress size={16} />
                  <Typography variant="body2">{translate('review.confirm.loadingSummary')}</Typography>
                </Stack>
              )}
              {impact.state === 'error' && (
                <Typography variant="body2" color="error">
                  {translate('review.impact.failed')}: {impact.message}
                </Typography>
              )}
            </Box>
          )}
          {reasonMode !== 'none' && (
            <TextField
              name="reason"
              label={reasonMode === 'required' ? (reasonLabel ?? translate('review.reasonDialog.reason')) : translate('review.confirm.reasonOptional')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              required={reasonMode === 'required'}
              autoFocus
              fullWidth
              multiline
              minRows={3}
              error={tooLong}
              helperText={
                tooLong
                  ? translate('review.reasonDialog.reasonTooLong', { max: MAX_NOTE_LENGTH, count: trimmed.length })
                  : missingReason
                    ? translate('review.reasonDialog.reasonRequired')
                    : ' '
              }
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel} disabled={busy}>
            {translate('review.reasonDialog.cancel')}
          </Button>
          <Button type="submit" variant="contained" data-testid="confirm-step" disabled={missingReason || tooLong || busy || waiting} autoFocus={reasonMode === 'none'}>
            {translate(`review.actions.${step}`)}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
