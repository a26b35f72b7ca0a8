import { Alert, Box, Card, CardContent, Chip, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, Title, useGetList, useTranslate, type RaRecord } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { currentUser } from '../authProvider';
import { DemoFlagBadges, demoFlagOf } from '../common/DemoFlagBadges';
import { openableRowProps } from '../common/OpenableRows';
import { CalendarRangeText } from '../common/dates';
import { tokyoDateTime } from './format';
import { countOptions } from '../i18n/count';

/** /reviews: versions waiting for an approver (IN_REVIEW), then approved ones waiting for publication (APPROVED). */
export const ReviewQueue = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 1 }}>
      <Title title={translate('review.queue.title')} />
      <Stack spacing={2}>
        <QueueSection status="IN_REVIEW" title={translate('review.queue.inReview')} testId="review-queue-in-review" />
        <QueueSection status="APPROVED" title={translate('review.queue.approved')} testId="review-queue-approved" />
      </Stack>
    </Box>
  );
};

const QueueSection = ({ status, title, testId }: { status: string; title: string; testId: string }) => {
  const translate = useTranslate();
  const { data, total, isPending, error } = useGetList('versions', {
    filter: { status: [status] },
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'updatedAt', order: 'ASC' },
  });
  const { data: policies } = useGetList('policies', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'key', order: 'ASC' }, filter: {} });
  const titles = new Map((policies ?? []).map((p) => [String(p.id), String(p.title)]));
  const me = currentUser();
  const navigate = useNavigate();

  return (
    <Card data-testid={testId}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="h6" component="h2">
            {title}
          </Typography>
          {total !== undefined && <Chip size="small" label={translate('review.queue.count', { count: total })} data-testid={`${testId}-count`} />}
        </Stack>
        {isPending && <LinearProgress />}
        {error && <Alert severity="error">{(error as Error).message}</Alert>}
        {!isPending && !error && (data ?? []).length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {translate('review.queue.empty')}
          </Typography>
        )}
        {(data ?? []).length > 0 && (
          // On a phone the table scrolls in its card, with columns wide enough to read (the summary ran one character
          // a line at 390 px, and the last columns were cut off by the card).
          <Box sx={{ overflowX: 'auto' }} data-testid={`${testId}-scroll`}>
            <Table size="small" sx={{ minWidth: 900 }}>
              <TableHead>
                <TableRow>
                  <TableCell sx={{ minWidth: 160 }}>{translate('review.queue.policy')}</TableCell>
                  <TableCell>{translate('review.queue.version')}</TableCell>
                  <TableCell>{translate('review.queue.submitter')}</TableCell>
                  <TableCell>{translate('review.queue.summary')}</TableCell>
                  <TableCell>{translate('review.queue.effective')}</TableCell>
                  <TableCell>{translate('review.queue.updatedAt')}</TableCell>
                  <TableCell>{translate('review.queue.waiting')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {(data ?? []).map((version: RaRecord) => {
                  const mine = !!me && ((version.authorIds as string[] | undefined) ?? []).map(String).includes(String(me.id));
                  return (
                    <TableRow
                      key={version.id}
                      hover
                      data-testid={`review-row-${version.id}`}
                      onClick={(event) => {
                        if (!(event.target as HTMLElement).closest('a')) navigate(`/versions/${version.id}/show`);
                      }}
                      {...openableRowProps}
                    >
                      <TableCell>
                        <Link to={`/versions/${version.id}/show`} data-testid={`review-link-${version.id}`}>
                          {titles.get(String(version.policyKey)) ?? version.policyKey}
                          <Typography variant="caption" component="span" sx={{ display: 'block' }}>
                            {version.policyKey}
                          </Typography>
                        </Link>
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        {translate('review.impact.version', { number: version.number })}
                        {version.retroactive && <Chip size="small" color="warning" label={translate('review.queue.retroactive')} sx={{ ml: 1 }} />}
                        {demoFlagOf(version) && (
                          <Box component="span" sx={{ ml: 1 }}>
                            <DemoFlagBadges flags={version} />
                          </Box>
                        )}
                        {mine && <Chip size="small" variant="outlined" color="info" label={translate('review.queue.ownDraft')} sx={{ ml: 1 }} />}
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }} data-testid="review-submitter">
                        {version.submitterName ?? '—'}
                      </TableCell>
                      <TableCell sx={{ minWidth: 200, maxWidth: 480 }}>
                        <Link to={`/versions/${version.id}/show`} sx={{ color: 'inherit' }}>
                          {version.summary}
                        </Link>
                      </TableCell>
                      <TableCell>
                        <CalendarRangeText from={version.effectiveFrom} through={version.effectiveThrough} stacked />
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{tokyoDateTime(version.updatedAt)}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }} data-testid="review-waiting">
                        {waitingText(translate, version.updatedAt)}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};

/**
 * How long a version has waited since its last step (submitting or approving it is its last change): in whole days,
 * or hours on the first day, so that the oldest request stands out.
 */
export function waitingText(translate: (key: string, options?: Record<string, unknown>) => string, since: string, now = Date.now()): string {
  const hours = Math.floor((now - new Date(since).getTime()) / 3_600_000);
  if (!Number.isFinite(hours) || hours < 1) return translate('review.queue.waitingUnderHour');
  if (hours < 24) return translate('review.queue.waitingHours', { count: hours });
  return translate('review.queue.waitingDays', countOptions(Math.floor(hours / 24)));
}
