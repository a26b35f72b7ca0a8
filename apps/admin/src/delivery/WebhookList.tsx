import { Chip, Stack, Typography } from '@mui/material';
import { CreateButton, DataTable, List, TopToolbar, useTranslate, type RaRecord } from 'react-admin';
import { EventTypeChip, InstantText, WebhookState, usePolicyTitles } from './labels';
import type { Webhook } from './types';
import { OpenableRowsBody } from '../common/OpenableRows';
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

/** Webhook subscriptions (ADMIN only): where change events are sent, and how that is going. */
export const WebhookList = () => {
  const translate = useTranslate();
  const titles = usePolicyTitles();
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
    </List>
  );
};
