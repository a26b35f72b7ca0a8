import { Chip, Stack, Tooltip, Typography } from '@mui/material';
import {
  CreateButton,
  DataTable,
  List,
  ReferenceInput,
  SelectInput,
  TopToolbar,
  useListContext,
  useRecordContext,
} from 'react-admin';
import { may } from '../authProvider';
import { CalendarDateField, InstantField } from '../common/dates';
import { STATUS_CHOICES, versionTexts as T } from '../i18n/messages-versions';
import { StatusChipField } from './StatusChip';

const filters = [
  <ReferenceInput key="policyKey" source="policyKey" reference="policies" alwaysOn sort={{ field: 'key', order: 'ASC' }} perPage={200}>
    <SelectInput
      label={T.fields.policyKey}
      optionText={(p: { key: string; title: string }) => `${p.title}(${p.key})`}
      optionValue="key"
      sx={{ minWidth: 320 }}
    />
  </ReferenceInput>,
  <SelectInput key="status" source="status" label={T.fields.status} choices={STATUS_CHOICES} alwaysOn sx={{ minWidth: 160 }} />,
];

/** "New version" keeps the policy of the current filter as the preset. */
const ListActions = () => {
  const { filterValues } = useListContext();
  const policyKey = filterValues?.policyKey as string | undefined;
  return (
    <TopToolbar>
      {may('edit') && (
        <CreateButton
          label={T.title.create}
          to={policyKey ? { pathname: '/versions/create', search: `?source=${encodeURIComponent(JSON.stringify({ policyKey }))}` } : '/versions/create'}
        />
      )}
    </TopToolbar>
  );
};

const PolicyKeyCell = () => {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <Typography variant="body2" sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
        {String(record.policyKey)}
      </Typography>
      {record.demo && (
        <Tooltip title={T.badges.demo}>
          <Chip size="small" label="デモ" color="secondary" variant="outlined" />
        </Tooltip>
      )}
    </Stack>
  );
};

const NumberCell = () => {
  const record = useRecordContext();
  return record ? <Typography variant="body2">#{String(record.number)}</Typography> : null;
};

const SummaryCell = () => {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'flex-start' }}>
      {record.retroactive && record.status !== 'PUBLISHED' && record.status !== 'WITHDRAWN' && (
        <Chip size="small" color="warning" label={T.badges.retroactive} />
      )}
      <Typography
        variant="body2"
        title={String(record.summary ?? '')}
        sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', maxWidth: 520 }}
      >
        {String(record.summary ?? '')}
      </Typography>
    </Stack>
  );
};

/** Versions in every status; filter by policy and status, sort by the server's sort fields, click to open. */
export const VersionList = () => (
  <List
    title={T.title.list}
    filters={filters}
    actions={<ListActions />}
    sort={{ field: 'updatedAt', order: 'DESC' }}
    perPage={25}
    exporter={false}
  >
    <DataTable rowClick="show" bulkActionButtons={false} sx={{ '& .MuiTableCell-head': { whiteSpace: 'nowrap' } }}>
      <DataTable.Col source="policyKey" label={T.fields.policyKey} field={PolicyKeyCell} />
      <DataTable.Col source="number" label={T.fields.number} disableSort field={NumberCell} />
      <DataTable.Col source="status" label={T.fields.status} field={StatusChipField} />
      <DataTable.Col source="effectiveFrom" label={T.fields.effectiveFrom}>
        <CalendarDateField source="effectiveFrom" />
      </DataTable.Col>
      <DataTable.Col source="effectiveThrough" label={T.fields.effectiveThrough} disableSort>
        <CalendarDateField source="effectiveThrough" emptyText={T.dates.openEnded} />
      </DataTable.Col>
      <DataTable.Col source="summary" label={T.fields.summary} disableSort field={SummaryCell} />
      <DataTable.Col source="updatedAt" label={T.fields.updatedAt}>
        <InstantField source="updatedAt" />
      </DataTable.Col>
    </DataTable>
  </List>
);
