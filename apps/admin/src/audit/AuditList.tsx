import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import VerifiedIcon from '@mui/icons-material/VerifiedUser';
import {
  DataTable,
  FilterButton,
  FunctionField,
  Link,
  List,
  ReferenceInput,
  SelectInput,
  TextInput,
  TopToolbar,
  useDataProvider,
  useListContext,
  useLocaleState,
  useNotify,
  useInput,
  useRecordContext,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { addDays, isCalendarDate, parseCalendarDate } from '@policy-cms/temporal';
import type { AuditVerificationResult, PolicyCmsDataProvider } from '../dataProvider/dataProvider';
import { TOKEN_KEY, graphql } from '../dataProvider/graphql-client';
import { AUDIT_ACTIONS } from '@policy-cms/contract';
import { tokyoDateTime } from '../reviews/format';
import { TypedDateField } from '../common/dates';
import { actorText, reasonText } from './eventChanges';
import { OpenableRowsBody } from '../common/OpenableRows';
import { AppPagination } from '../common/Pagination';
import { ONE_CELL_ROWS, usePhone } from '../common/usePhone';
import { countOptions } from '../i18n/count';
import { ACTOR_KIND_CHOICES, trailFilterOf } from './trailFilter';

/** What an audit action is called in the chosen language; an action the catalogue does not know, as it is. */
export function useActionLabel(): (action: string | null | undefined) => string {
  const translate = useTranslate();
  return (action) => (action ? translate(`auditWords.actions.${action}`, { _: action }) : '');
}

/** Every action the trail knows, as `policy_version.create`, for the filter (the shared table of @policy-cms/contract). */
const ACTIONS: readonly string[] = AUDIT_ACTIONS;

// Choices in words only: the codes stay in the URL and the export, not on the screen.
const TARGET_TYPE_CHOICES = ['policy_version', 'policy', 'user', 'webhook', 'webhook_delivery'].map((id) => ({ id, name: `auditWords.targetTypes.${id}` }));

interface AuditActorChoice {
  actorId: string;
  actorName: string | null;
  displayName: string | null;
}

/**
 * The choices of the filter by person: システム and callers who were not signed in, then everyone who acted in the
 * trail, named as people (「編集者 一郎(editor)」).
 */
function useActorChoices(): { id: string; name: string }[] {
  const translate = useTranslate();
  const [choices, setChoices] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    let live = true;
    graphql<{ auditActors: AuditActorChoice[] }>(`{ auditActors { actorId actorName displayName } }`).then(
      ({ auditActors }) =>
        live &&
        setChoices(
          [
            ...ACTOR_KIND_CHOICES.map((kind) => ({ id: kind, name: translate(`auditWords.actorKinds.${kind}`) })),
            ...auditActors.map((a) => ({
              id: a.actorId,
              name: a.displayName ? `${a.displayName}${a.actorName ? `(${a.actorName})` : ''}` : (a.actorName ?? a.actorId),
            })),
          ],
        ),
      () => live && setChoices([]),
    );
    return () => {
      live = false;
    };
  }, [translate]);
  return choices;
}

// The trail filters on instants; the form shows Tokyo calendar days. `from` is the first day (from 00:00 JST), `to` the
// last day (before 00:00 JST of the day after), so both days are included.
const dayStart = (day: string) => `${day}T00:00:00+09:00`;
const parseFrom = (value: string) => (isCalendarDate(value) ? dayStart(value) : null);
const parseTo = (value: string) => (isCalendarDate(value) ? dayStart(addDays(parseCalendarDate(value), 1)) : null);
const formatFrom = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : '');
const formatTo = (value: unknown) => (typeof value === 'string' && isCalendarDate(value.slice(0, 10)) ? addDays(parseCalendarDate(value.slice(0, 10)), -1) : '');

/**
 * A day of the filter, typed or picked like every date of the admin (TypedDateField): the trail is filtered once the
 * text names a day, or no longer when it is emptied; a text that names no day is said on the field and filters nothing.
 */
const DayFilterInput = ({ source, label, parse, format, testId }: { source: string; label: string; parse: (day: string) => string | null; format: (value: unknown) => string; testId: string; alwaysOn?: boolean }) => {
  const translate = useTranslate();
  const { field } = useInput({ source, parse, format });
  const [wrong, setWrong] = useState(false);
  return (
    <Box sx={{ mb: 0.5 }}>
      <TypedDateField
        name={source}
        label={label}
        value={typeof field.value === 'string' ? field.value : ''}
        onChange={(text) => {
          const day = text === '' || isCalendarDate(text);
          setWrong(!day);
          if (day) field.onChange(text);
        }}
        error={wrong}
        testId={testId}
        sx={{ width: { xs: '100%', sm: 200 } }}
      />
      {/* Said under the input by hand: react-admin's filter bar hides its inputs' helper texts. */}
      {wrong && (
        <Typography variant="caption" color="error" component="p" role="alert" sx={{ maxWidth: { sm: 200 }, mt: 0.5 }}>
          {translate('versions.dates.invalid')}
        </Typography>
      )}
    </Box>
  );
};

const useAuditFilters = () => {
  const translate = useTranslate();
  const people = useActorChoices();
  const actionLabel = useActionLabel();
  // The empty choice of each select says what it means: no narrowing.
  const all = translate('auditWords.filters.all');
  return [
    <SelectInput key="actorId" source="actorId" label={translate('auditWords.filters.person')} choices={people} emptyText={all} alwaysOn sx={{ minWidth: 200 }} />,
    <ReferenceInput key="policyKey" source="policyKey" reference="policies" alwaysOn sort={{ field: 'key', order: 'ASC' }} perPage={200}>
      <SelectInput label={translate('auditWords.filters.policy')} optionText="title" optionValue="key" emptyText={all} sx={{ minWidth: 240 }} />
    </ReferenceInput>,
    <SelectInput key="action" source="action" label={translate('review.audit.fields.action')} choices={ACTIONS.map((id) => ({ id, name: actionLabel(id) }))} emptyText={all} alwaysOn />,
    <SelectInput key="targetType" source="targetType" label={translate('review.audit.fields.targetType')} choices={TARGET_TYPE_CHOICES} emptyText={all} />,
    <DayFilterInput key="from" source="from" label={translate('review.audit.fields.from')} parse={parseFrom} format={formatFrom} testId="audit-filter-from" alwaysOn />,
    <DayFilterInput key="to" source="to" label={translate('review.audit.fields.to')} parse={parseTo} format={formatTo} testId="audit-filter-to" alwaysOn />,
    <TextInput key="targetId" source="targetId" label={translate('auditWords.filters.targetId')} />,
  ];
};

/**
 * Downloads `/audit/export?format=…` (with the list's filters) with the bearer token, as a file. The CSV is the one
 * for a spreadsheet: its header row in Japanese (the cells are the same as for programs).
 */
async function downloadExport(format: 'csv' | 'jsonl', filter: Record<string, unknown>, locale: string): Promise<void> {
  // The CSV for a spreadsheet names its columns in the reader's language; the cells are the same either way.
  const params = new URLSearchParams(format === 'csv' ? { format, headers: locale === 'en' ? 'en' : 'ja' } : { format });
  for (const [key, value] of Object.entries(trailFilterOf(filter))) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const token = sessionStorage.getItem(TOKEN_KEY);
  const response = await fetch(`/audit/export?${params}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    // The API answers in the contract's shape: its code says what went wrong; its English message is for programs.
    const body = (await response.json().catch(() => null)) as { errors?: { extensions?: { code?: string } }[] } | null;
    throw new ExportRefused(body?.errors?.[0]?.extensions?.code ?? `HTTP_${response.status}`);
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

class ExportRefused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Why an export failed, in words: a filter the export refused, no right to it, or the server. */
const EXPORT_FAILURES: Record<string, string> = {
  BAD_USER_INPUT: 'review.audit.exportBadInput',
  UNAUTHENTICATED: 'ra.notification.logged_out',
  FORBIDDEN: 'ra.notification.not_authorized',
  RATE_LIMITED: 'app.auth.rate_limited',
};

const ExportButtons = () => {
  const { filterValues } = useListContext();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const translate = useTranslate();
  const [busy, setBusy] = useState<string | null>(null);
  const run = (format: 'csv' | 'jsonl') => async () => {
    setBusy(format);
    try {
      await downloadExport(format, filterValues ?? {}, locale);
    } catch (error) {
      const key = error instanceof ExportRefused ? (EXPORT_FAILURES[error.code] ?? 'ra.notification.http_error') : 'ra.notification.http_error';
      notify(`${translate('review.audit.exportFailed')}: ${translate(key)}`, { type: 'error' });
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

// The three buttons wrap onto two lines on a phone rather than running off the screen's left edge.
const AuditActions = () => (
  <TopToolbar sx={{ flexWrap: 'wrap', justifyContent: 'flex-end', rowGap: 0.5 }}>
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
      {translate('review.audit.ok', countOptions(result.checked))}
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
        {translate('review.audit.problemCount', countOptions(result.problemCount))}
      </Typography>
      {/* Every problem the server listed (at most 100), each naming its event, ledger row or version. */}
      <Box component="ul" data-testid="audit-problems" sx={{ m: 0, pl: 2 }}>
        {result.problems.map((problem, index) => (
          <li key={index} data-code={problem.code}>
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

/** What the event is about, in words: 「<policy title> 第N版」 (a link to the version), 「ユーザー「<name>」」, …; never an id. */
export const AuditTarget = ({ record }: { record: RaRecord }) => {
  const translate = useTranslate();
  if (!record.targetType) return null;
  const id = String(record.targetId ?? '');
  const stop = (event: { stopPropagation: () => void }) => event.stopPropagation();
  if (record.targetType === 'policy_version') {
    const text = record.targetPolicyTitle
      ? translate('auditWords.target.version', { title: record.targetPolicyTitle, number: record.targetVersionNumber })
      : translate('auditWords.target.unknownVersion');
    return (
      <Link to={`/versions/${id}/show`} onClick={stop} data-testid="audit-target" data-target-type="policy_version">
        {text}
      </Link>
    );
  }
  if (record.targetType === 'policy') {
    return record.targetPolicyKey ? (
      <Link to={`/policies/${encodeURIComponent(record.targetPolicyKey)}/show`} onClick={stop} data-testid="audit-target" data-target-type="policy">
        {translate('auditWords.target.policy', { title: record.targetPolicyTitle })}
      </Link>
    ) : (
      <span data-testid="audit-target">{translate('auditWords.targetTypes.policy')}</span>
    );
  }
  if (record.targetType === 'user') {
    return (
      <span data-testid="audit-target" data-target-type="user">
        {record.targetUserName ? translate('auditWords.target.user', { name: record.targetUserName }) : translate('auditWords.target.unknownUser')}
      </span>
    );
  }
  const label = translate(`auditWords.targetTypes.${record.targetType}`, { _: translate('auditWords.targetTypes.policy_version') });
  return record.targetType === 'webhook' && id ? (
    <Link to={`/webhooks/${id}/show`} onClick={stop} data-testid="audit-target" data-target-type="webhook">
      {label}
    </Link>
  ) : (
    <span data-testid="audit-target" data-target-type={String(record.targetType)}>
      {label}
    </span>
  );
};

/**
 * On a phone, one cell per event says what the desk's six columns say: the action and its time, its target, who, and
 * why (the table scrolled sideways, with the target and the reason off the screen).
 */
const PhoneEventCell = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const actionLabel = useActionLabel();
  if (!record) return null;
  const reason = reasonText(record, translate);
  return (
    <Stack spacing={0.25}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', columnGap: 1, flexWrap: 'wrap' }}>
        <Typography variant="body2" sx={{ fontWeight: 500 }} data-action={record.action}>
          {actionLabel(record.action)}
        </Typography>
        <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
          #{String(record.id)}・{tokyoDateTime(record.occurredAt)}
        </Typography>
      </Stack>
      <Typography variant="body2" component="div">
        <AuditTarget record={record} />
      </Typography>
      <Typography variant="body2" color="text.secondary" data-testid="audit-actor">
        {actorText(record, translate)}
      </Typography>
      {reason && (
        <Typography variant="caption" color="text.secondary" sx={{ wordBreak: 'break-word' }}>
          {reason}
        </Typography>
      )}
    </Stack>
  );
};

/** The audit trail, newest first, with the chain's verification on top and CSV / JSON Lines export. */
export const AuditList = () => {
  const translate = useTranslate();
  const actionLabel = useActionLabel();
  const filters = useAuditFilters();
  const phone = usePhone();
  return (
    <>
      <AuditVerificationBox />
      <List
        pagination={<AppPagination />}
        resource="audit"
        filters={filters}
        actions={<AuditActions />}
        sort={{ field: 'occurredAt', order: 'DESC' }}
        perPage={50}
        exporter={false}
        // The two days keep to the top of the filter bar's row: a message under one no longer pushes the other down.
        sx={{ '& .filter-field[data-source="from"], & .filter-field[data-source="to"]': { alignSelf: 'flex-start', pt: 1 } }}
      >
        {phone ? (
          <DataTable body={OpenableRowsBody} rowClick="show" bulkActionButtons={false} sx={ONE_CELL_ROWS}>
            <DataTable.Col source="occurredAt" label={translate('review.audit.fields.event')} disableSort field={PhoneEventCell} />
          </DataTable>
        ) : (
        <DataTable
          body={OpenableRowsBody}
          rowClick="show"
          bulkActionButtons={false}
          sx={{
            '& .column-actorName, & .column-action': { minWidth: '7em' },
            '& .column-targetType': { minWidth: '12em' },
            '& .column-reason': { minWidth: '10em' },
          }}
        >
          <DataTable.Col source="id" label="#" disableSort />
          <DataTable.Col
            source="occurredAt"
            label={translate('review.audit.fields.occurredAt')}
            disableSort
            render={(record: RaRecord) => <span style={{ whiteSpace: 'nowrap' }}>{tokyoDateTime(record.occurredAt)}</span>}
          />
          <DataTable.Col
            source="actorName"
            label={translate('review.audit.fields.actorName')}
            disableSort
            render={(record: RaRecord) => <span data-testid="audit-actor">{actorText(record, translate)}</span>}
          />
          <DataTable.Col
            source="action"
            label={translate('review.audit.fields.action')}
            disableSort
            render={(record: RaRecord) => (
              <span data-action={record.action}>
                {actionLabel(record.action)}
              </span>
            )}
          />
          <DataTable.Col source="targetType" label={translate('review.audit.fields.target')} disableSort render={(record: RaRecord) => <AuditTarget record={record} />} />
          <DataTable.Col source="reason" label={translate('review.audit.fields.reason')} disableSort>
            <FunctionField render={(record: RaRecord) => reasonText(record, translate) ?? ''} />
          </DataTable.Col>
        </DataTable>
        )}
      </List>
    </>
  );
};
