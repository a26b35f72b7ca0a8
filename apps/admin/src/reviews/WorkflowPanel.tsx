import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import SendIcon from '@mui/icons-material/Send';
import CheckIcon from '@mui/icons-material/CheckCircle';
import UndoIcon from '@mui/icons-material/Undo';
import ReplyIcon from '@mui/icons-material/Reply';
import PublishIcon from '@mui/icons-material/Publish';
import BlockIcon from '@mui/icons-material/Block';
import { useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate, type RaRecord } from 'react-admin';
import type { PolicyCmsDataProvider } from '../dataProvider/dataProvider';
import { currentUser, may } from '../authProvider';
import { StepDialog, type ReasonMode } from './StepDialog';
import { VersionDiff } from './VersionDiff';
import { ImpactSection, useVersionImpact } from './ImpactSection';
import { recallVersion } from './impactApi';
import { workflowErrorMessage } from './errors';

export type WorkflowStep = 'submit' | 'recall' | 'approve' | 'reject' | 'publish' | 'withdraw';

/** Who sent the version to review last, from its history (the server checks the same on recallPolicyVersion). */
export function lastSubmitterId(record: RaRecord): string | null {
  const history = (record.history as { action: string; actorId: string | null }[] | undefined) ?? [];
  return [...history].reverse().find((event) => event.action === 'policy_version.submit')?.actorId ?? null;
}

/** The steps the current user may take on a version (the server checks again; this only decides what is shown). */
export function availableSteps(record: RaRecord, user = currentUser()): WorkflowStep[] {
  if (!user) return [];
  const isAuthor = ((record.authorIds as string[] | undefined) ?? []).map(String).includes(String(user.id));
  const reviewer = may('review', user) && !isAuthor;
  const steps: WorkflowStep[] = [];
  if (record.status === 'DRAFT' && may('edit', user)) steps.push('submit');
  if (record.status === 'IN_REVIEW' && may('edit', user) && (isAuthor || lastSubmitterId(record) === String(user.id))) steps.push('recall');
  if (record.status === 'IN_REVIEW' && reviewer) steps.push('approve');
  if ((record.status === 'IN_REVIEW' || record.status === 'APPROVED') && reviewer) steps.push('reject');
  if (record.status === 'APPROVED' && reviewer) steps.push('publish');
  if (record.status === 'PUBLISHED' && may('review', user)) steps.push('withdraw');
  return steps;
}

const ICONS: Record<WorkflowStep, typeof SendIcon> = {
  submit: SendIcon,
  recall: ReplyIcon,
  approve: CheckIcon,
  reject: UndoIcon,
  publish: PublishIcon,
  withdraw: BlockIcon,
};

const COLORS: Record<WorkflowStep, 'primary' | 'success' | 'warning' | 'error'> = {
  submit: 'primary',
  recall: 'primary',
  approve: 'success',
  reject: 'warning',
  publish: 'primary',
  withdraw: 'error',
};

/** Steps that change what the public is told: their confirmation shows the impact in words. */
const SHOWS_IMPACT: ReadonlySet<WorkflowStep> = new Set(['approve', 'publish', 'withdraw']);

/**
 * Inside the version Show: the workflow steps the current user may take on the version (buttons
 * `data-testid="action-<step>"`; every step but submit asks first in a <StepDialog />, with the impact summary for
 * approve, publish and withdraw and a reason where one is needed), and what publishing (or withdrawing) the version
 * would change, day by day, against the versions it would replace.
 */
export const WorkflowPanel = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<PolicyCmsDataProvider>();
  const [busy, setBusy] = useState<WorkflowStep | null>(null);
  const [asking, setAsking] = useState<WorkflowStep | null>(null);
  const impact = useVersionImpact(record, !!record && availableSteps(record).includes('withdraw'));

  if (!record) return null;
  const user = currentUser();
  const steps = availableSteps(record, user);
  const isAuthor = !!user && ((record.authorIds as string[] | undefined) ?? []).map(String).includes(String(user.id));
  const reasonMode = (step: WorkflowStep): ReasonMode =>
    step === 'reject' || step === 'withdraw' || (step === 'publish' && !!record.retroactive) ? 'required' : step === 'recall' ? 'optional' : 'none';

  const run = async (step: WorkflowStep, reason?: string | null) => {
    setBusy(step);
    try {
      if (step === 'recall') await recallVersion(record.id, reason ?? null);
      else await dataProvider.workflowStep(step, record.id, reason ?? null);
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
                  onClick={() => (step === 'submit' ? run(step) : setAsking(step))}
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
        {asking && (
          <StepDialog
            open
            step={asking}
            help={stepHelp(asking, !!record.retroactive, translate)}
            impact={SHOWS_IMPACT.has(asking) ? impact : undefined}
            reason={reasonMode(asking)}
            reasonLabel={asking === 'reject' || asking === 'withdraw' || asking === 'publish' ? translate(`review.reasonDialog.${asking}`) : undefined}
            initialReason={asking === 'publish' ? (record.retroactiveReason as string | null) : null}
            busy={busy !== null}
            onCancel={() => setAsking(null)}
            onConfirm={(reason) => run(asking, reason)}
          />
        )}
        <Divider sx={{ my: 2 }} />
        <Box>{impact.state === 'none' ? <VersionDiff record={record} /> : <ImpactSection record={record} impact={impact} />}</Box>
      </CardContent>
    </Card>
  );
};

function stepHelp(step: WorkflowStep, retroactive: boolean, translate: (key: string) => string): string | undefined {
  if (step === 'publish' && retroactive) return `${translate('review.confirm.publishHelp')} ${translate('review.reasonDialog.publishHelp')}`;
  // Every step that asks first says what it does next (a rejection: back to draft, its reason shown to the author).
  return translate(`review.confirm.${step}Help`);
}
