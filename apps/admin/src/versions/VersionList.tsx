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
  useTranslate,
} from 'react-admin';
import { may } from '../authProvider';
import { CalendarDateField, CalendarDateText, InstantField, formatInstant } from '../common/dates';
import { STATUS_ORDER } from '../i18n/messages-versions';
import { useVersionTexts } from '../i18n/useTexts';
import { DemoBadges, StatusChipField, type EffectiveSpan } from './StatusChip';
import { OpenableRowsBody } from '../common/OpenableRows';
import { AppPagination } from '../common/Pagination';
import { usePhone } from '../common/usePhone';

// Labels and choices given as catalogue keys: react-admin translates them into the chosen language.
// A returned draft is a draft again (its return is in its history): no version is ever stored as REJECTED, so the
// filter does not offer a choice that can match nothing.
const STATUS_CHOICES = STATUS_ORDER.filter((id) => id !== 'REJECTED').map((id) => ({ id, name: `versions.status.${id}` }));
const filters = [
  <ReferenceInput key="policyKey" source="policyKey" reference="policies" alwaysOn sort={{ field: 'key', order: 'ASC' }} perPage={200}>
    <SelectInput
      label="versions.fields.policyKey"
      optionText={(p: { key: string; title: string }) => p.title}
      optionValue="key"
      sx={{ minWidth: 320 }}
    />
  </ReferenceInput>,
  <SelectInput key="status" source="status" label="versions.stepFilter" choices={STATUS_CHOICES} alwaysOn sx={{ minWidth: 200 }} />,
];

/** "New version" keeps the policy of the current filter as the preset. */
const ListActions = () => {
  const { filterValues } = useListContext();
  const policyKey = filterValues?.policyKey as string | undefined;
  return (
    <TopToolbar>
      {may('edit') && (
        <CreateButton
          label="versions.title.create"
          to={policyKey ? { pathname: '/versions/create', search: `?source=${encodeURIComponent(JSON.stringify({ policyKey }))}` } : '/versions/create'}
        />
      )}
    </TopToolbar>
  );
};

/** The policy's title leads; its key follows small, for those who know the keys. */
const PolicyCell = () => {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Stack spacing={0.25} sx={{ minWidth: 180 }}>
      <Typography variant="body2" sx={{ fontWeight: 500 }} data-testid="version-policy-title">
        {String(record.policyTitle ?? record.policyKey)}
      </Typography>
      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
          {String(record.policyKey)}
        </Typography>
        <DemoBadges />
      </Stack>
    </Stack>
  );
};

const NumberCell = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  return record ? (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {translate('versions.numberLabel', { number: String(record.number) })}
    </Typography>
  ) : null;
};

/**
 * 適用終了 as the public record has it: for a published version, the last day of the days it really applies (#1 of
 * the facility matrix ends 2027-03-31 when #2 starts 2027-04-01, although its own range is open-ended); 「—」 when it
 * applies on no day; for a version not published yet, the end of its own range.
 */
const EffectiveThroughCell = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  const spans = (record.inEffect ?? []) as EffectiveSpan[];
  if (record.publicState && spans.length === 0) {
    return (
      <Typography component="span" variant="body2" color="text.secondary" data-testid="effective-through" data-date="">
        —
      </Typography>
    );
  }
  const through = record.publicState ? spans[spans.length - 1].effectiveThrough : ((record.effectiveThrough as string | null) ?? null);
  return (
    <Tooltip title={record.coveredInPart ? translate('versions.coveredInPart') : ''}>
      <span data-testid="effective-through" data-date={through ?? ''}>
        <CalendarDateText value={through} emptyText={translate('versions.dates.openEnded')} />
      </span>
    </Tooltip>
  );
};

const RecordedAtCell = () => {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      {record.recordedAt ? formatInstant(String(record.recordedAt)) : '—'}
    </Typography>
  );
};

const SummaryCell = () => {
  const T = useVersionTexts();
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
        sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', maxWidth: 520, wordBreak: 'break-word' }}
      >
        {String(record.summary ?? '')}
      </Typography>
    </Stack>
  );
};

/**
 * On a phone, one cell says what the desk's columns say: the policy, then 第N版 and the days it applies, then its
 * key and badges (the table of eight columns scrolled sideways, with the dates off the screen).
 */
const PhoneVersionCell = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack spacing={0.25}>
      <Typography variant="body2" sx={{ fontWeight: 500 }} data-testid="version-policy-title">
        {String(record.policyTitle ?? record.policyKey)}
      </Typography>
      <Typography variant="body2" component="div" sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 1 }} data-testid="version-phone-range">
        <span style={{ whiteSpace: 'nowrap' }}>{translate('versions.numberLabel', { number: String(record.number) })}</span>
        <span style={{ whiteSpace: 'nowrap' }}>
          <CalendarDateText value={String(record.effectiveFrom)} />〜
        </span>
        <EffectiveThroughCell />
      </Typography>
      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
          {String(record.policyKey)}
        </Typography>
        <DemoBadges />
      </Stack>
    </Stack>
  );
};

/** Versions in every status; filter by policy and status, sort by the server's sort fields, click to open. */
export const VersionList = () => (
  <List
    pagination={<AppPagination />}
    title="versions.title.list"
    filters={filters}
    actions={<ListActions />}
    sort={{ field: 'updatedAt', order: 'DESC' }}
    perPage={25}
    exporter={false}
  >
    {usePhone() ? (
      <DataTable body={OpenableRowsBody} rowClick="show" bulkActionButtons={false} sx={{ '& .MuiTableCell-head': { whiteSpace: 'nowrap' } }}>
        <DataTable.Col source="policyKey" label="versions.listColumns.policy" field={PhoneVersionCell} />
        <DataTable.Col source="status" label="versions.listColumns.state" field={StatusChipField} />
      </DataTable>
    ) : (
    <DataTable body={OpenableRowsBody} rowClick="show" bulkActionButtons={false} sx={{ '& .MuiTableCell-head': { whiteSpace: 'nowrap' } }}>
      <DataTable.Col source="policyKey" label="versions.listColumns.policy" field={PolicyCell} />
      <DataTable.Col source="number" label="versions.listColumns.number" disableSort field={NumberCell} />
      <DataTable.Col source="status" label="versions.listColumns.state" field={StatusChipField} />
      <DataTable.Col source="effectiveFrom" label="versions.listColumns.effectiveFrom">
        <CalendarDateField source="effectiveFrom" />
      </DataTable.Col>
      <DataTable.Col source="effectiveThrough" label="versions.listColumns.effectiveThrough" disableSort field={EffectiveThroughCell} />
      <DataTable.Col source="summary" label="versions.fields.summary" disableSort field={SummaryCell} />
      <DataTable.Col source="recordedAt" label="versions.listColumns.recordedAt" disableSort field={RecordedAtCell} />
      <DataTable.Col source="updatedAt" label="versions.fields.updatedAt">
        <InstantField source="updatedAt" />
      </DataTable.Col>
    </DataTable>
    )}
  </List>
);
