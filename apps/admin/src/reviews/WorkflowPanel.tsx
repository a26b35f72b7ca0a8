import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import SendIcon from '@mui/icons-material/Send';
import CheckIcon from '@mui/icons-material/CheckCircle';
import UndoIcon from '@mui/icons-material/Undo';
import PublishIcon from '@mui/icons-material/Publish';
import BlockIcon from '@mui/icons-material/Block';
import { useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate, type RaRecord } from 'react-admin';
import type { PolicyCmsDataProvider } from '../dataProvider/dataProvider';
import { currentUser, may } from '../authProvider';
import { ReasonDialog } from './ReasonDialog';
import { VersionDiff } from './VersionDiff';
import { workflowErrorMessage } from './errors';

export type WorkflowStep = 'submit' | 'approve' | 'reject' | 'publish' | 'withdraw';

/** The steps the current user may take on a version (the server checks again; this only decides what is shown). */
export function availableSteps(record: RaRecord, user = currentUser()): WorkflowStep[] {
  if (!user) return [];
  const isAuthor = ((record.authorIds as string[] | undefined) ?? []).map(String).includes(String(user.id));
  const reviewer = may('review', user) && !isAuthor;
  const steps: WorkflowStep[] = [];
  if (record.status === 'DRAFT' && may('edit', user)) steps.push('submit');
  if (record.status === 'IN_REVIEW' && reviewer) steps.push('approve');
  if ((record.status === 'IN_REVIEW' || record.status === 'APPROVED') && reviewer) steps.push('reject');
  if (record.status === 'APPROVED' && reviewer) steps.push('publish');
  if (record.status === 'PUBLISHED' && may('review', user)) steps.push('withdraw');
  return steps;
}

const ICONS: Record<WorkflowStep, typeof SendIcon> = {
  submit: SendIcon,
  approve: CheckIcon,
  reject: UndoIcon,
  publish: PublishIcon,
  withdraw: BlockIcon,
};

const COLORS: Record<WorkflowStep, 'primary' | 'success' | 'warning' | 'error'> = {
  submit: 'primary',
  approve: 'success',
  reject: 'warning',
  publish: 'primary',
  withdraw: 'error',
};

/**
 * Inside the version Show: the workflow steps the current user may take on the version (buttons
 * `data-testid="action-<step>"`, a reason dialog for reject, withdraw and a retroactive publish), and the version
 * compared with the one in force today.
 */
export const WorkflowPanel = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<PolicyCmsDataProvider>();
  const [busy, setBusy] = useState<WorkflowStep | null>(null);
  const [asking, setAsking] = useState<WorkflowStep | null>(null);

  if (!record) return null;
  const user = currentUser();
  const steps = availableSteps(record, user);
  const isAuthor = !!user && ((record.authorIds as string[] | undefined) ?? []).map(String).includes(String(user.id));
  const needsReason = (step: WorkflowStep) => step === 'reject' || step === 'withdraw' || (step === 'publish' && !!record.retroactive);

  const run = async (step: WorkflowStep, reason?: string) => {
    setBusy(step);
    try {
      await dataProvider.workflowStep(step, record.id, reason ?? null);
      setAsking(null);
      notify(translate(`review.done.${step}`), { type: 'success' });
      refresh();
    } catch (error) {
      notify(workflowErrorMessage(error, translate), { type: 'error', autoHideDuration: 10000 });
      // A conflict means the version changed under us: show the current state.
      if ((error as { status?: number }).status === 409) refresh();
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card variant="outlined" data-testid="workflow-panel" sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          {translate('review.panel.title')}
        </Typography>
        {record.retroactive && ['DRAFT', 'IN_REVIEW', 'APPROVED'].includes(String(record.status)) && (
          <Alert severity="warning" sx={{ mb: 2 }} data-testid="retroactive-warning">
            {translate('review.panel.retroactive')}
          </Alert>
        )}
        {isAuthor && may('review', user) && ['IN_REVIEW', 'APPROVED'].includes(String(record.status)) && (
          <Alert severity="info" sx={{ mb: 2 }} data-testid="author-note">
            {translate('review.panel.authorNote')}
          </Alert>
        )}
        {steps.length > 0 ? (
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {steps.map((step) => {
              const Icon = ICONS[step];
              return (
                <Button
                  key={step}
                  data-testid={`action-${step}`}
                  variant={step === 'reject' || step === 'withdraw' ? 'outlined' : 'contained'}
                  color={COLORS[step]}
                  startIcon={<Icon />}
                  disabled={busy !== null}
                  onClick={() => (needsReason(step) ? setAsking(step) : run(step))}
                >
                  {translate(`review.actions.${step}`)}
                </Button>
              );
            })}
          </Stack>
        ) : (
          <Typography variant="body2" color="text.secondary" data-testid="no-actions">
            {translate('review.panel.noActions')}
          </Typography>
        )}
        <ReasonDialog
          open={asking !== null}
          title={asking ? translate(`review.reasonDialog.${asking}`) : ''}
          help={asking === 'publish' ? translate('review.reasonDialog.publishHelp') : undefined}
          initialReason={asking === 'publish' ? (record.retroactiveReason as string | null) : null}
          busy={busy !== null}
          onCancel={() => setAsking(null)}
          onConfirm={(reason) => asking && run(asking, reason)}
        />
        <Divider sx={{ my: 2 }} />
        <Box>
          <VersionDiff record={record} />
        </Box>
      </CardContent>
    </Card>
  );
};
