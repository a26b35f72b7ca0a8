import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, CircularProgress, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import VerifiedIcon from '@mui/icons-material/VerifiedUser';
import {
  DataTable,
  FilterButton,
  FunctionField,
  Link,
  List,
  SelectInput,
  TextInput,
  TopToolbar,
  useDataProvider,
  useListContext,
  useNotify,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { addDays, isCalendarDate, parseCalendarDate } from '@policy-cms/temporal';
import type { AuditVerificationResult, PolicyCmsDataProvider } from '../dataProvider/dataProvider';
import { TOKEN_KEY } from '../dataProvider/graphql-client';
import { AUDIT_ACTION_LABELS } from '../i18n/messages-review';
import { tokyoDateTime } from '../reviews/format';

export const actionLabel = (action: string | null | undefined) => (action ? (AUDIT_ACTION_LABELS[action] ?? action) : '');

const ACTION_CHOICES = Object.entries(AUDIT_ACTION_LABELS).map(([id, name]) => ({ id, name: `${name} (${id})` }));
const TARGET_TYPE_CHOICES = [
  { id: 'policy_version', name: 'ポリシーの版 (policy_version)' },
  { id: 'user', name: 'ユーザー (user)' },
];

// The trail filters on instants; the form shows Tokyo calendar days. `from` is the first day (from 00:00 JST), `to` the
// last day (before 00:00 JST of the day after), so both days are included.
const dayStart = (day: string) => `${day}T00:00:00+09:00`;
const parseFrom = (value: string) => (isCalendarDate(value) ? dayStart(value) : null);
const parseTo = (value: string) => (isCalendarDate(value) ? dayStart(addDays(parseCalendarDate(value), 1)) : null);
const formatFrom = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : '');
const formatTo = (value: unknown) => (typeof value === 'string' && isCalendarDate(value.slice(0, 10)) ? addDays(parseCalendarDate(value.slice(0, 10)), -1) : '');

const useAuditFilters = () => {
  const translate = useTranslate();
  return [
    <SelectInput key="action" source="action" label={translate('review.audit.fields.action')} choices={ACTION_CHOICES} alwaysOn />,
    <SelectInput key="targetType" source="targetType" label={translate('review.audit.fields.targetType')} choices={TARGET_TYPE_CHOICES} alwaysOn />,
    <TextInput
      key="from"
      source="from"
      type="date"
      label={translate('review.audit.fields.from')}
      parse={parseFrom}
      format={formatFrom}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'audit-filter-from' } }}
      alwaysOn
    />,
    <TextInput
      key="to"
      source="to"
      type="date"
      label={translate('review.audit.fields.to')}
      parse={parseTo}
      format={formatTo}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'audit-filter-to' } }}
      alwaysOn
    />,
    <TextInput key="targetId" source="targetId" label={translate('review.audit.fields.targetId')} />,
    <TextInput key="actorId" source="actorId" label={translate('review.audit.fields.actorId')} />,
  ];
};

/** Downloads `/audit/export?format=…` (with the list's filters) with the bearer token, as a file. */
async function downloadExport(format: 'csv' | 'jsonl', filter: Record<string, unknown>): Promise<void> {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const token = sessionStorage.getItem(TOKEN_KEY);
  const response = await fetch(`/audit/export?${params}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const body = await response.text().catch(() => '');
    throw new Error(`HTTP ${response.status} ${body}`.trim());
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `audit-trail.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const ExportButtons = () => {
  const { filterValues } = useListContext();
  const notify = useNotify();
  const translate = useTranslate();
  const [busy, setBusy] = useState<string | null>(null);
  const run = (format: 'csv' | 'jsonl') => async () => {
    setBusy(format);
    try {
      await downloadExport(format, filterValues ?? {});
    } catch (error) {
      notify(`${translate('review.audit.exportFailed')}: ${(error as Error).message}`, { type: 'error' });
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      {(['csv', 'jsonl'] as const).map((format) => (
        <Button
          key={format}
          size="small"
          startIcon={busy === format ? <CircularProgress size={14} /> : <DownloadIcon />}
          onClick={run(format)}
          disabled={busy !== null}
          data-testid={`audit-export-${format}`}
        >
          {translate(format === 'csv' ? 'review.audit.exportCsv' : 'review.audit.exportJsonl')}
        </Button>
      ))}
    </>
  );
};

const AuditActions = () => (
  <TopToolbar>
    <FilterButton />
    <ExportButtons />
  </TopToolbar>
);

type Verification = AuditVerificationResult;

/** The result of recomputing the whole hash chain. */
export const AuditVerificationBox = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<PolicyCmsDataProvider>();
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const verify = useCallback(() => {
    setLoading(true);
    setError(null);
    dataProvider
      .verifyAuditTrail()
      .then(setResult, (e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setLoading(false));
  }, [dataProvider]);
  useEffect(verify, [verify]);

  const reverify = (
    <Button color="inherit" size="small" onClick={verify} disabled={loading}>
      {translate('review.audit.reverify')}
    </Button>
  );
  if (loading && !result) {
    return (
      <Alert severity="info" icon={<CircularProgress size={18} />} data-testid="audit-verification" data-state="loading" sx={{ mt: 1 }}>
        {translate('review.audit.verifying')}
      </Alert>
    );
  }
  if (error) {
    return (
      <Alert severity="error" data-testid="audit-verification" data-state="error" action={reverify} sx={{ mt: 1 }}>
        {translate('review.audit.verifyFailed')}: {error}
      </Alert>
    );
  }
  if (!result) return null;
  return result.ok ? (
    <Alert severity="success" icon={<VerifiedIcon />} data-testid="audit-verification" data-state="ok" action={reverify} sx={{ mt: 1 }}>
      {translate('review.audit.ok', { count: result.checked })}
    </Alert>
  ) : (
    <Alert severity="error" data-testid="audit-verification" data-state="broken" data-broken-id={result.firstBrokenId ?? ''} action={reverify} sx={{ mt: 1 }}>
      <Typography variant="body2" sx={{ fontWeight: 'bold' }}>
        {translate('review.audit.broken', { id: result.firstBrokenId ?? '?' })}
      </Typography>
      {result.firstBrokenId && (
        <Link to={`/audit/${result.firstBrokenId}/show`}>
          #{result.firstBrokenId}
        </Link>
      )}
      <Typography variant="body2" sx={{ mt: 1 }}>
        {translate('review.audit.problemCount', { count: result.problemCount })}
      </Typography>
      {/* Every problem the server listed (at most 100), each naming its event, ledger row or version. */}
      <Box component="ul" data-testid="audit-problems" sx={{ m: 0, pl: 2 }}>
        {result.problems.map((problem, index) => (
          <li key={index} data-code={problem.code} title={problem.message}>
            {translate(`review.audit.problems.${problem.code}`, { _: problem.code })}
            {problem.eventId && (
              <>
                {' '}
                <Link to={`/audit/${problem.eventId}/show`}>#{problem.eventId}</Link>
              </>
            )}
            {problem.ledgerRowId && ` (${translate('review.audit.ledgerRow')} ${problem.ledgerRowId})`}
            {problem.versionId && (
              <>
                {' '}({translate('review.audit.version')} <Link to={`/versions/${problem.versionId}/show`}>{problem.versionId.slice(0, 8)}</Link>)
              </>
            )}
          </li>
        ))}
      </Box>
    </Alert>
  );
};

const AUDIT_TARGET_LABELS: Record<string, string> = {
  policy_version: 'ポリシーの版',
  user: 'ユーザー',
  webhook: 'Webhook 配信先',
  webhook_delivery: '配信',
};

export const AuditTarget = ({ record }: { record: RaRecord }) => {
  if (!record.targetType) return null;
  const label = AUDIT_TARGET_LABELS[record.targetType] ?? record.targetType;
  const id = String(record.targetId ?? '');
  return (
    <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
      {label}{' '}
      {(record.targetType === 'policy_version' || record.targetType === 'webhook') && id ? (
        <Link to={record.targetType === 'webhook' ? `/webhooks/${id}/show` : `/versions/${id}/show`} onClick={(event: { stopPropagation: () => void }) => event.stopPropagation()} title={id}>
          {id.slice(0, 8)}
        </Link>
      ) : (
        <span title={id}>{id.slice(0, 8)}</span>
      )}
    </Box>
  );
};

/** The audit trail, newest first, with the chain's verification on top and CSV / JSON Lines export. */
export const AuditList = () => {
  const translate = useTranslate();
  const filters = useAuditFilters();
  return (
    <>
      <AuditVerificationBox />
      <List resource="audit" filters={filters} actions={<AuditActions />} sort={{ field: 'occurredAt', order: 'DESC' }} perPage={50} exporter={false}>
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="id" label="#" disableSort />
          <DataTable.Col
            source="occurredAt"
            label={translate('review.audit.fields.occurredAt')}
            disableSort
            render={(record: RaRecord) => <span style={{ whiteSpace: 'nowrap' }}>{tokyoDateTime(record.occurredAt)}</span>}
          />
          <DataTable.Col source="actorName" label={translate('review.audit.fields.actorName')} disableSort />
          <DataTable.Col
            source="action"
            label={translate('review.audit.fields.action')}
            disableSort
            render={(record: RaRecord) => (
              <span title={record.action} data-action={record.action}>
                {actionLabel(record.action)}
              </span>
            )}
          />
          <DataTable.Col source="targetType" label={translate('review.audit.fields.target')} disableSort render={(record: RaRecord) => <AuditTarget record={record} />} />
          <DataTable.Col source="reason" label={translate('review.audit.fields.reason')} disableSort>
            <FunctionField render={(record: RaRecord) => record.reason ?? ''} />
          </DataTable.Col>
        </DataTable>
      </List>
    </>
  );
};
