import { Box, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { Labeled, ListButton, Show, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { DeliveryStatusChip, EventSummary, InstantText, ResponseText, usePolicyTitles } from './labels';
import { RedeliverButton } from './RedeliverButton';
import type { WebhookDelivery } from './types';

const ShowActions = () => {
  const delivery = useRecordContext<WebhookDelivery>();
  const translate = useTranslate();
  return (
    <TopToolbar>
      <ListButton label={translate('delivery.deliveries.back')} />
      {delivery && <RedeliverButton delivery={delivery} />}
    </TopToolbar>
  );
};

/** Every attempt, oldest first: time, 所要時間, the answer, and what the receiver said (abridged). */
const AttemptLog = ({ delivery }: { delivery: WebhookDelivery }) => {
  const translate = useTranslate();
  if (delivery.attemptLog.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('delivery.deliveries.noAttempts')}
      </Typography>
    );
  }
  return (
    <TableContainer>
      <Table size="small" data-testid="attempt-log">
        <TableHead>
          <TableRow>
            <TableCell>#</TableCell>
            <TableCell>{translate('delivery.deliveries.attemptedAt')}</TableCell>
            <TableCell align="right">{translate('delivery.deliveries.durationMs')}</TableCell>
            <TableCell>{translate('delivery.deliveries.statusCode')}</TableCell>
            <TableCell>{translate('delivery.deliveries.responseExcerpt')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {delivery.attemptLog.map((attempt, index) => (
            <TableRow key={`${attempt.attemptedAt}-${index}`} data-testid="attempt-row">
              <TableCell>{index + 1}</TableCell>
              <TableCell>
                <InstantText value={attempt.attemptedAt} />
              </TableCell>
              <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {translate('delivery.deliveries.ms', { ms: attempt.durationMs })}
              </TableCell>
              <TableCell>
                <ResponseText statusCode={attempt.statusCode} error={attempt.error} />
              </TableCell>
              <TableCell sx={{ maxWidth: 520 }}>
                <Typography
                  component="pre"
                  variant="body2"
                  sx={{ m: 0, fontFamily: 'monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 160, overflow: 'auto' }}
                >
                  {attempt.responseExcerpt ?? ''}
                </Typography>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};

const DeliveryDetail = () => {
  const delivery = useRecordContext<WebhookDelivery>();
  const translate = useTranslate();
  const titles = usePolicyTitles();
  if (!delivery) return null;
  const field = (name: string) => translate(`resources.webhook-deliveries.fields.${name}`);
  return (
    <Stack spacing={2.5} sx={{ p: 2 }}>
      <Labeled label={field('event')}>
        <EventSummary event={delivery.event} titles={titles} />
      </Labeled>
      <Labeled label={field('webhookUrl')}>
        <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
          {delivery.webhookUrl}
        </Typography>
      </Labeled>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={4}>
        <Labeled label={field('status')}>
          <Box>
            <DeliveryStatusChip status={delivery.status} />
          </Box>
        </Labeled>
        <Labeled label={field('attempts')}>
          <Typography variant="body2" data-testid="delivery-attempts">
            {delivery.attempts}
          </Typography>
        </Labeled>
        <Labeled label={field('createdAt')}>
          <InstantText value={delivery.createdAt} />
        </Labeled>
        {delivery.status === 'PENDING' && (
          <Labeled label={field('nextAttemptAt')}>
            <InstantText value={delivery.nextAttemptAt} />
          </Labeled>
        )}
        {delivery.completedAt && (
          <Labeled label={field('completedAt')}>
            <InstantText value={delivery.completedAt} />
          </Labeled>
        )}
        <Labeled label={field('lastResponse')}>
          <ResponseText statusCode={delivery.lastStatusCode} error={delivery.lastError} />
        </Labeled>
      </Stack>
      <Typography variant="h6" component="h2">
        {translate('delivery.deliveries.attemptLog')}
      </Typography>
      <AttemptLog delivery={delivery} />
    </Stack>
  );
};

const ShowTitle = () => {
  const translate = useTranslate();
  return <span>{translate('delivery.deliveries.title')}</span>;
};

/** One delivery and its attempt log. */
export const DeliveryShow = () => (
  <Show resource="webhook-deliveries" actions={<ShowActions />} title={<ShowTitle />} queryOptions={{ refetchInterval: 4000 }}>
    <DeliveryDetail />
  </Show>
);
