import { Alert, AlertTitle, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { formatInstant } from '../common/dates';
import { actorText } from '../audit/eventChanges';

type HistoryEvent = {
  action: string;
  actorName: string | null;
  actorDisplayName?: string | null;
  actorId?: string | null;
  occurredAt: string;
  reason: string | null;
};

/** The actions that move a version between workflow states; edits and creation do not. */
const STATE_ACTIONS = new Set([
  'policy_version.submit',
  'policy_version.recall',
  'policy_version.approve',
  'policy_version.reject',
  'policy_version.publish',
  'policy_version.withdraw',
]);

/** The step that put a draft where it is, when that step was a rejection or a taken-back submission. */
export function returnedBy(status: unknown, history: readonly HistoryEvent[] | undefined): HistoryEvent | null {
  if (status !== 'DRAFT') return null;
  const last = [...(history ?? [])].reverse().find((event) => STATE_ACTIONS.has(event.action));
  return last && (last.action === 'policy_version.reject' || last.action === 'policy_version.recall') ? last : null;
}

/**
 * At the top of the version page: a draft that an approver sent back says so, with the reason, who and when, until
 * it is submitted again (the reason used to sit at the bottom of the history, under a plain 下書き). A submission its
 * author took back says that too.
 */
export const RejectionBanner = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const event = returnedBy(record?.status, record?.history as HistoryEvent[] | undefined);
  if (!event) return null;
  const rejected = event.action === 'policy_version.reject';
  // The person by name (「承認者 花子」), as the history below names them; their username only if they are no longer a user.
  const who = { name: actorText(event, translate), at: formatInstant(event.occurredAt) };
  return (
    <Alert severity={rejected ? 'error' : 'info'} data-testid={rejected ? 'rejection-banner' : 'recall-banner'} role="status">
      <AlertTitle>{translate(rejected ? 'review.rejected.title' : 'review.recalled.title')}</AlertTitle>
      <Typography variant="body2">{translate(rejected ? 'review.rejected.by' : 'review.recalled.by', who)}</Typography>
      {event.reason && (
        <Typography variant="body2" sx={{ mt: 1, whiteSpace: 'pre-wrap' }} data-testid="returned-reason">
          <strong>{translate('review.rejected.reason')}:</strong> {event.reason}
        </Typography>
      )}
      {rejected && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {translate('review.rejected.next')}
        </Typography>
      )}
    </Alert>
  );
};
