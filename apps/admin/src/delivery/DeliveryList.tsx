import { Box, Stack, Typography } from '@mui/material';
import { DataTable, List, ReferenceInput, SelectInput, TopToolbar, FilterButton, useTranslate, type RaRecord } from 'react-admin';
import { DeliveryStatusChip, EventSummary, InstantText, ResponseText, usePolicyTitles } from './labels';
import { RedeliverButton } from './RedeliverButton';
import { CHANGE_EVENT_TYPES, DELIVERY_STATUSES, type WebhookDelivery } from './types';
import { OpenableRowsBody } from '../common/OpenableRows';
import { ONE_CELL_ROWS, usePhone } from '../common/usePhone';
import { AppPagination } from '../common/Pagination';

const useFilters = () => {
  const translate = useTranslate();
  return [
    <ReferenceInput key="webhookId" source="webhookId" reference="webhooks" alwaysOn perPage={200}>
      <SelectInput
        label={translate('resources.webhook-deliveries.fields.webhookId')}
        optionText={(webhook: { url: string; description: string }) => (webhook.description ? `${webhook.description}(${webhook.url})` : webhook.url)}
        sx={{ minWidth: 320 }}
      />
    </ReferenceInput>,
    <SelectInput
      key="status"
      source="status"
      label={translate('resources.webhook-deliveries.fields.status')}
      choices={DELIVERY_STATUSES.map((status) => ({ id: status, name: translate(`delivery.status.${status}`) }))}
      alwaysOn
      sx={{ minWidth: 160 }}
    />,
    <SelectInput
      key="eventType"
      source="eventType"
      label={translate('resources.webhook-deliveries.fields.eventType')}
      choices={CHANGE_EVENT_TYPES.map((type) => ({ id: type, name: translate(`delivery.eventTypes.${type}`) }))}
      alwaysOn
      sx={{ minWidth: 160 }}
    />,
  ];
};

const Actions = () => (
  <TopToolbar>
    <FilterButton />
  </TopToolbar>
);

const Empty = () => {
  const translate = useTranslate();
  return (
    <Typography sx={{ p: 4 }} data-testid="deliveries-empty">
      {translate('delivery.deliveries.empty')}
    </Typography>
  );
};

/**
 * On a phone, one cell per delivery: its state and time, the event, where it went, its attempts and last answer,
 * and 再送 (the desk's nine columns scrolled sideways, with the state and the answer off the screen).
 */
const PhoneDeliveryCell = ({ delivery, titles }: { delivery: WebhookDelivery; titles: Map<string, string> }) => {
  const translate = useTranslate();
  const field = (name: string) => translate(`resources.webhook-deliveries.fields.${name}`);
  return (
    <Stack spacing={0.75}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
        <DeliveryStatusChip status={delivery.status} />
        <Typography variant="caption" color="text.secondary">
          <InstantText value={delivery.createdAt} />
        </Typography>
      </Stack>
      <EventSummary event={delivery.event} titles={titles} />
      <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
        {delivery.webhookUrl}
      </Typography>
      <Typography variant="body2" component="div">
        {field('attempts')}: {delivery.attempts}
        {delivery.nextAttemptAt && (
          <>
            {' ・ '}
            {field('nextAttemptAt')}: <InstantText value={delivery.nextAttemptAt} />
          </>
        )}
      </Typography>
      <ResponseText statusCode={delivery.lastStatusCode} error={delivery.lastError} />
      <Box>
        <RedeliverButton delivery={delivery} />
      </Box>
    </Stack>
  );
};

/** 配信ログ: one row per (event, subscription), newest first, with the last answer and a 再送 button. */
export const DeliveryList = () => {
  const translate = useTranslate();
  const titles = usePolicyTitles();
  const filters = useFilters();
  const phone = usePhone();
  return (
    <List
      pagination={<AppPagination />}
      resource="webhook-deliveries"
      title={translate('delivery.deliveries.title')}
      filters={filters}
      actions={<Actions />}
      exporter={false}
      perPage={25}
      sort={{ field: 'createdAt', order: 'DESC' }}
      empty={<Empty />}
      // Deliveries move on their own (the workers retry them): the log keeps itself current.
      queryOptions={{ refetchInterval: 4000 }}
    >
      {phone ? (
        <DataTable body={OpenableRowsBody} rowClick="show" bulkActionButtons={false} sx={ONE_CELL_ROWS}>
          <DataTable.Col source="createdAt" disableSort render={(record: RaRecord) => <PhoneDeliveryCell delivery={record as WebhookDelivery} titles={titles} />} />
        </DataTable>
      ) : (
      <DataTable body={OpenableRowsBody} sx={{ '& th': { whiteSpace: 'nowrap' } }} rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="createdAt" disableSort render={(record: RaRecord) => <InstantText value={record.createdAt} />} />
        <DataTable.Col source="event" disableSort render={(record: RaRecord) => <EventSummary event={(record as WebhookDelivery).event} titles={titles} />} />
        <DataTable.Col
          source="webhookUrl"
          disableSort
          render={(record: RaRecord) => (
            <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all', maxWidth: 280 }}>
              {String(record.webhookUrl)}
            </Typography>
          )}
        />
        <DataTable.Col source="status" disableSort render={(record: RaRecord) => <DeliveryStatusChip status={(record as WebhookDelivery).status} />} />
        <DataTable.Col source="attempts" disableSort align="right" />
        <DataTable.Col
          source="nextAttemptAt"
          disableSort
          render={(record: RaRecord) => (record.nextAttemptAt ? <InstantText value={record.nextAttemptAt} /> : null)}
        />
        <DataTable.Col
          source="lastResponse"
          disableSort
          label={translate('resources.webhook-deliveries.fields.lastResponse')}
          render={(record: RaRecord) => <ResponseText statusCode={(record as WebhookDelivery).lastStatusCode} error={(record as WebhookDelivery).lastError} />}
        />
        <DataTable.Col source="redeliver" disableSort label="" render={(record: RaRecord) => <RedeliverButton delivery={record as WebhookDelivery} />} />
      </DataTable>
      )}
    </List>
  );
};
