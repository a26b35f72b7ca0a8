import { Chip, Stack, Typography } from '@mui/material';
import { CreateButton, DataTable, List, TopToolbar, useTranslate, type RaRecord } from 'react-admin';
import { EventTypeChip, InstantText, WebhookState, usePolicyTitles } from './labels';
import type { Webhook } from './types';
import { OpenableRowsBody } from '../common/OpenableRows';
import { ONE_CELL_ROWS, usePhone } from '../common/usePhone';
import { AppPagination } from '../common/Pagination';

const Actions = () => {
  const translate = useTranslate();
  return (
    <TopToolbar>
      <CreateButton label={translate('delivery.webhooks.create')} />
    </TopToolbar>
  );
};

const Empty = () => {
  const translate = useTranslate();
  return (
    <Stack spacing={2} sx={{ p: 4, alignItems: 'flex-start' }} data-testid="webhooks-empty">
      <Typography>{translate('delivery.webhooks.empty')}</Typography>
      <CreateButton label={translate('delivery.webhooks.create')} variant="contained" />
    </Stack>
  );
};

/** すべてのポリシー, or the chosen policies' titles. */
const PolicyScope = ({ webhook, titles }: { webhook: Webhook; titles: Map<string, string> }) => {
  const translate = useTranslate();
  if (!webhook.policyKeys) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('delivery.allPolicies')}
      </Typography>
    );
  }
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {webhook.policyKeys.map((key) => (
        <Chip key={key} size="small" label={titles.get(key) ?? ''} data-policy-key={key} />
      ))}
    </Stack>
  );
};

/**
 * On a phone, one cell per subscription says what the desk's seven columns say: where, what, for which policies,
 * and how it is going (the table scrolled sideways, with its state and failures off the screen).
 */
const PhoneWebhookCell = ({ webhook, titles }: { webhook: Webhook; titles: Map<string, string> }) => {
  const translate = useTranslate();
  const field = (name: string) => translate(`resources.webhooks.fields.${name}`);
  return (
    <Stack spacing={0.75}>
      <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="webhook-url">
        {webhook.url}
      </Typography>
      {webhook.description && <Typography variant="body2">{webhook.description}</Typography>}
      <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <WebhookState webhook={webhook} />
        <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }} color={webhook.failedDeliveries > 0 ? 'error' : 'text.primary'} data-testid="webhook-counts">
          {field('counts')}: {translate('delivery.webhooks.counts', { pending: webhook.pendingDeliveries, failed: webhook.failedDeliveries })}
        </Typography>
      </Stack>
      <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {webhook.eventTypes.map((type) => (
          <EventTypeChip key={type} type={type} />
        ))}
      </Stack>
      <PolicyScope webhook={webhook} titles={titles} />
      <Typography variant="caption" color="text.secondary">
        {field('lastDeliveredAt')}: <InstantText value={webhook.lastDeliveredAt} />
      </Typography>
    </Stack>
  );
};

/** Webhook subscriptions (ADMIN only): where change events are sent, and how that is going. */
export const WebhookList = () => {
  const translate = useTranslate();
  const titles = usePolicyTitles();
  const phone = usePhone();
  return (
    <List
      pagination={<AppPagination />}
      resource="webhooks"
      title={translate('delivery.webhooks.title')}
      actions={<Actions />}
      empty={<Empty />}
      exporter={false}
      perPage={50}
      sort={{ field: 'createdAt', order: 'DESC' }}
    >
      {phone ? (
        <DataTable body={OpenableRowsBody} rowClick="edit" bulkActionButtons={false} sx={ONE_CELL_ROWS}>
          <DataTable.Col source="url" disableSort render={(record: RaRecord) => <PhoneWebhookCell webhook={record as Webhook} titles={titles} />} />
        </DataTable>
      ) : (
      <DataTable body={OpenableRowsBody} sx={{ '& th': { whiteSpace: 'nowrap' } }} rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col
          source="url"
          render={(record: RaRecord) => (
            <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all', minWidth: 200 }} data-testid="webhook-url">
              {String(record.url)}
            </Typography>
          )}
        />
        <DataTable.Col source="description" disableSort />
        <DataTable.Col
          source="eventTypes"
          disableSort
          render={(record: RaRecord) => (
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {(record as Webhook).eventTypes.map((type) => (
                <EventTypeChip key={type} type={type} />
              ))}
            </Stack>
          )}
        />
        <DataTable.Col source="policyKeys" disableSort render={(record: RaRecord) => <PolicyScope webhook={record as Webhook} titles={titles} />} />
        <DataTable.Col source="state" disableSort label={translate('resources.webhooks.fields.state')} render={(record: RaRecord) => <WebhookState webhook={record as Webhook} />} />
        <DataTable.Col
          source="counts"
          disableSort
          label={translate('resources.webhooks.fields.counts')}
          render={(record: RaRecord) => (
            <Typography
              variant="body2"
              sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
              color={(record as Webhook).failedDeliveries > 0 ? 'error' : 'text.primary'}
              data-testid="webhook-counts"
            >
              {translate('delivery.webhooks.counts', { pending: (record as Webhook).pendingDeliveries, failed: (record as Webhook).failedDeliveries })}
            </Typography>
          )}
        />
        <DataTable.Col source="lastDeliveredAt" render={(record: RaRecord) => <InstantText value={(record as Webhook).lastDeliveredAt} />} />
      </DataTable>
      )}
    </List>
  );
};
