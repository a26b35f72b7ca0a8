import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, CircularProgress, Divider, Stack, Typography } from '@mui/material';
import {
  AutocompleteInput,
  ReferenceInput,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
  maxLength,
  required,
  useDataProvider,
  useNotify,
  useTranslate,
  type RaRecord,
  type Validator,
} from 'react-admin';
import { useFormContext, useFormState, useWatch } from 'react-hook-form';
import { MAX_NOTE_LENGTH } from '@policy-cms/contract';
import { compareDates, isCalendarDate } from '@policy-cms/temporal';
import type { PolicyCmsDataProvider } from '../dataProvider/dataProvider';
import { CalendarDateInput, isBeforeTodayInTokyo, tokyoToday } from '../common/dates';
import { UnsavedChangesReporter } from '../common/unsavedChanges';
import { kindUi } from '../kinds/registry';
import { collectErrors, contentVerdicts } from '../kinds/shared/formHelpers';
import { coverageSentence, coveredSegments } from './coverage';
import { useVersionTexts } from '../i18n/useTexts';
import { ContentEditor } from './editors/ContentEditor';
import { CONTENT_JSON, parseContentJson } from './editors/JsonContentEditor';
import { usePolicy, useTimeline } from './hooks';

/** The statuses whose versions can still be edited; editing an approved one sends it back to DRAFT. */
export const EDITABLE_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED'];

// ---------------------------------------------------------------------------------------------------------------
// Validation and the save transform

const throughNotBeforeFrom: Validator = (value: unknown, all: Record<string, unknown>) =>
  isCalendarDate(value) && isCalendarDate(all.effectiveFrom) && compareDates(value, all.effectiveFrom) < 0 ? 'versions.dates.throughBeforeFrom' : undefined;

const notBlank: Validator = (value: unknown) => (typeof value === 'string' && value.length > 0 && value.trim() === '' ? 'versions.form.blank' : undefined);

/** The change note: required, not only spaces, and within the API's bound, said on the field before any save. */
const summaryRules = [required(), notBlank, maxLength(MAX_NOTE_LENGTH)];

/** The reason is required exactly when effectiveFrom is before today in Tokyo (a retroactive correction). */
const reasonWhenRetroactive: Validator = (value: unknown, all: Record<string, unknown>) =>
  isBeforeTodayInTokyo(all.effectiveFrom) && (typeof value !== 'string' || value.trim() === '') ? 'versions.form.reasonRequired' : undefined;

/**
 * What is sent: the JSON editor's text parsed back into `content` for kinds without their own editor, and the
 * reason only for a retroactive correction.
 */
export function toSaved(data: RaRecord) {
  const { [CONTENT_JSON]: json, ...rest } = data as RaRecord & { contentJson?: string };
  const kind = typeof rest.policyKind === 'string' ? rest.policyKind : undefined;
  const content = !kindUi(kind) && typeof json === 'string' ? parseContentJson(json) : rest.content;
  return {
    ...rest,
    content,
    effectiveThrough: rest.effectiveThrough || null,
    reason: isBeforeTodayInTokyo(rest.effectiveFrom) ? rest.reason : null,
  };
}

/** Notifies what a failed save means: a stale revision (CONFLICT) clearly; field errors are shown on the fields. */
export function useSaveErrorHandler() {
  const notify = useNotify();
  return (error: unknown) => {
    const e = error as { status?: number; message?: string; body?: { code?: string; errors?: Record<string, string> } };
    if (e?.status === 409 || e?.body?.code === 'CONFLICT') {
      notify('versions.form.conflict', { type: 'error', autoHideDuration: null, multiLine: true });
      return;
    }
    // An update that changes nothing is refused on the whole input, which no field of the form stands for.
    if (e?.body?.errors && 'input' in e.body.errors) {
      notify('versions.form.unchanged', { type: 'warning', multiLine: true });
      return;
    }
    if (e?.body?.errors && Object.keys(e.body.errors).length > 0) return; // the form notifies and marks the fields
    notify('versions.form.saveFailed', { type: 'error', multiLine: true, messageArgs: { message: e?.message ?? String(error) } });
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Starting content

/** Empty content of a kind, for a policy that has no published version yet (kinds/registry.tsx). */
export function emptyContent(kind: string | undefined): unknown {
  return kindUi(kind)?.empty() ?? {};
}

/** The version a new one starts from, and what the form says about it (a message key and its values). */
interface StartingPoint {
  policyKey: string;
  number: number | null;
  content: unknown;
  text: [string, Record<string, string>];
}

/**
 * The version in force on `day` (scheduled ones included), else the latest published one, else none. Both `inForce`
 * questions are public reads as of now.
 */
async function startingPoint(dataProvider: PolicyCmsDataProvider, policyKey: string, day: string, kind: string): Promise<StartingPoint> {
  const today = tokyoToday();
  let version = await dataProvider.inForce(policyKey, day).catch(() => null);
  let text: [string, Record<string, string>];
  if (version) {
    text = day === today ? ['versions.form.startedFrom', { today, number: String(version.number) }] : ['versions.form.startedFromDay', { day, number: String(version.number) }];
  } else {
    const segments = await dataProvider.timeline(policyKey).catch(() => []);
    const last = segments[segments.length - 1];
    version = last ? await dataProvider.inForce(policyKey, String(last.effectiveFrom)).catch(() => null) : null;
    text = version
      ? ['versions.form.startedFromLatest', { day, number: String(version.number), from: String(version.effectiveFrom) }]
      : ['versions.form.startedEmpty', {}];
  }
  return { policyKey, number: version ? Number(version.number) : null, content: version?.content ?? emptyContent(kind), text };
}

/**
 * On create: when the policy is chosen (or preset from ?source=), loads the content of the version in force on the
 * new version's first day (today until a start date is given), so an editor changes one cell rather than retyping
 * everything, and a version starting after a scheduled one starts from it instead of undoing it. A new start date
 * that falls under another version reloads the content while it is untouched; once edited, the form says which
 * version the day falls under, what saving would undo, and offers to start again from it.
 */
const StartingContent = ({ kind }: { kind: string | undefined }) => {
  const policyKey = useWatch({ name: 'policyKey' }) as string | undefined;
  const from = useWatch({ name: 'effectiveFrom' }) as unknown;
  const content = useWatch({ name: 'content' }) as unknown;
  const { setValue } = useFormContext();
  const dataProvider = useDataProvider<PolicyCmsDataProvider>();
  const translate = useTranslate();
  const day = isCalendarDate(from) ? from : tokyoToday();
  // What was loaded (with its content as loaded, to tell an edited form from an untouched one), and what the chosen
  // day would load instead when that differs and the form was edited.
  const [started, setStarted] = useState<(StartingPoint & { loaded: string }) | null>(null);
  const [instead, setInstead] = useState<StartingPoint | null>(null);
  const startedRef = useRef(started);
  startedRef.current = started;
  const contentRef = useRef(content);
  contentRef.current = content;

  const load = useCallback(
    (point: StartingPoint) => {
      const copy = structuredClone(point.content);
      setValue(CONTENT_JSON, undefined);
      setValue('content', copy);
      setStarted({ ...point, loaded: JSON.stringify(copy) });
      setInstead(null);
    },
    [setValue],
  );

  useEffect(() => {
    if (!policyKey || !kind) return;
    let live = true;
    (async () => {
      const point = await startingPoint(dataProvider, policyKey, day, kind);
      if (!live) return;
      const previous = startedRef.current;
      if (previous?.policyKey === policyKey && previous.number === point.number) {
        setInstead(null);
        return;
      }
      const untouched = previous?.policyKey !== policyKey || JSON.stringify(contentRef.current) === previous.loaded;
      if (untouched) load(point);
      else setInstead(point);
    })();
    return () => {
      live = false;
    };
  }, [policyKey, kind, day, dataProvider, load]);

  if (!policyKey) return <Alert severity="info">{translate('versions.form.choosePolicy')}</Alert>;
  if (started?.policyKey !== policyKey) {
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <CircularProgress size={16} />
        <Typography variant="body2">{translate('versions.form.loadingContent')}</Typography>
      </Stack>
    );
  }
  return (
    <Stack spacing={1}>
      <Alert severity="info" data-testid="starting-content">
        {translate(...started.text)}
      </Alert>
      {instead && (
        <Alert
          severity="warning"
          data-testid="starting-content-differs"
          action={
            <Button color="inherit" size="small" onClick={() => load(instead)} data-testid="starting-content-reload">
              {translate('versions.form.startAgainFrom', { number: String(instead.number ?? '') })}
            </Button>
          }
        >
          {instead.number === null
            ? translate('versions.form.dayUnderNone', { day })
            : translate('versions.form.dayUnderOther', { day, number: String(instead.number), started: String(started.number ?? '') })}
        </Alert>
      )}
    </Stack>
  );
};

// ---------------------------------------------------------------------------------------------------------------
// Warnings

/** The plain warning for a retroactive correction, and the reason it then needs. */
const RetroactiveReason = () => {
  const translate = useTranslate();
  const from = useWatch({ name: 'effectiveFrom' });
  if (!isBeforeTodayInTokyo(from)) return null;
  return (
    <Box sx={{ width: '100%' }}>
      <Alert severity="warning" data-testid="retroactive-warning" sx={{ mb: 1 }}>
        {translate('versions.form.retroactiveWarning')}
      </Alert>
      <TextInput source="reason" label="versions.fields.reason" multiline minRows={2} fullWidth validate={[reasonWhenRetroactive, maxLength(MAX_NOTE_LENGTH)]} isRequired />
    </Box>
  );
};

/** Which days of which published version this one will cover, computed from the policy's current timeline. */
const CoverageWarning = ({ policyKey }: { policyKey: string | undefined }) => {
  const translate = useTranslate();
  const T = useVersionTexts();
  const from = useWatch({ name: 'effectiveFrom' });
  const through = useWatch({ name: 'effectiveThrough' });
  const segments = useTimeline(policyKey);
  if (!policyKey || !isCalendarDate(from)) return null;
  if (segments === undefined) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="coverage-loading">
        {translate('versions.form.coverageLoading')}
      </Typography>
    );
  }
  const covered = coveredSegments(segments, from, through);
  if (covered === null) return null;
  return (
    <Alert severity={covered.length ? 'warning' : 'info'} data-testid="coverage-warning" sx={{ width: '100%', boxSizing: 'border-box' }}>
      {covered.length === 0
        ? translate('versions.form.coverageNone')
        : covered.map((c) => (
            <div key={c.segment.id} data-testid="coverage-line" data-version={c.segment.number}>
              {coverageSentence(c, T)}
            </div>
          ))}
    </Alert>
  );
};

// ---------------------------------------------------------------------------------------------------------------
// The form

/**
 * Every problem of the content is said at the first save, with the summary's and the dates': the content's check from
 * @policy-cms/kinds (the one the API runs) is run as the save is pressed, and its verdicts go on their fields before
 * the form checks its own inputs. Without it the form refused a blank summary first, and only the next save brought
 * the content's problems back from the server, one round each.
 *
 * Such verdicts, and the server's, stand on their fields until the next save, which asks again. The content's inputs
 * are not registered fields, so react-hook-form would keep an error through a correction made elsewhere (the online
 * lecture's driver classes ticked back on left its durations' errors) and refuse every save.
 */
const FormToolbar = () => {
  const { clearErrors, getValues, setError } = useFormContext();
  const { errors } = useFormState();
  const checkContent = () => {
    for (const { path } of collectErrors(errors, 'content').filter(({ path }) => verdict(errors, path))) clearErrors(path);
    const kind = getValues('policyKind') as unknown;
    // A kind without a form is edited as JSON text, which the server reads and checks.
    if (typeof kind !== 'string' || !kindUi(kind)) return;
    for (const issue of contentVerdicts(kind, getValues('content'))) setError(issue.path, { type: CONTENT_CHECK, message: issue.message });
  };
  return (
    <Toolbar>
      <SaveButton onClick={checkContent} />
    </Toolbar>
  );
};

/** The type of an error set by the content's check at save (react-admin marks the server's answers 'server'). */
const CONTENT_CHECK = 'content';

/** Whether the error at a path is a verdict of a save (the content's check or the server's answer), not of an input. */
function verdict(errors: unknown, path: string): boolean {
  const node = path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], errors);
  const type = (node as { type?: string } | undefined)?.type;
  return type === 'server' || type === CONTENT_CHECK;
}

const PolicyChoice = () => (
  <ReferenceInput source="policyKey" reference="policies" sort={{ field: 'key', order: 'ASC' }} perPage={200}>
    <AutocompleteInput
      label="versions.fields.policyKey"
      optionText={(p: { key: string; title: string }) => `${p.title}(${p.key})`}
      optionValue="key"
      validate={required()}
      // Wide enough for a long title with its key on a desk; within the screen on a phone.
      sx={{ width: { xs: '100%', sm: 'auto' }, minWidth: { sm: 480 } }}
    />
  </ReferenceInput>
);

/** The fields below the policy: range, warnings, summary, content and coverage. */
const VersionFields = ({ mode, kind, policyKey }: { mode: 'create' | 'edit'; kind: string | undefined; policyKey: string | undefined }) => {
  const translate = useTranslate();
  return (
  <Stack spacing={2} sx={{ width: '100%' }}>
    {mode === 'create' && <StartingContent kind={kind} />}
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={3}>
      <CalendarDateInput source="effectiveFrom" label={translate('versions.fields.effectiveFromInput')} validate={required()} />
      <CalendarDateInput
        source="effectiveThrough"
        label={translate('versions.fields.effectiveThroughInput')}
        validate={throughNotBeforeFrom}
        emptyText={translate('versions.dates.openEnded')}
      />
    </Stack>
    <RetroactiveReason />
    <TextInput
      source="summary"
      label="versions.fields.summary"
      helperText="versions.fields.summaryHelp"
      multiline
      minRows={2}
      fullWidth
      validate={summaryRules}
    />
    <Divider />
    {kind ? <ContentEditor kind={kind} /> : null}
    <Divider />
    <CoverageWarning policyKey={policyKey} />
  </Stack>
  );
};

/** On create the policy is chosen in the form; its kind decides the content editor. */
const CreateFields = () => {
  const policyKey = useWatch({ name: 'policyKey' }) as string | undefined;
  const policy = usePolicy(policyKey);
  const { setValue } = useFormContext();
  // The kind rides along in the form values so the save transform knows how the content was edited.
  useEffect(() => {
    if (policy?.kind) setValue('policyKind', policy.kind);
  }, [policy?.kind, setValue]);
  return <VersionFields mode="create" kind={policy?.key === policyKey ? policy?.kind : undefined} policyKey={policyKey} />;
};

// warnWhenUnsavedChanges: leaving a half-filled form (a link, Back, closing the tab) asks first instead of losing it.
export const VersionCreateForm = () => (
  <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges sx={{ maxWidth: 1280 }}>
    <UnsavedChangesReporter />
    <PolicyChoice />
    <CreateFields />
  </SimpleForm>
);

export const VersionEditForm = ({ record }: { record: RaRecord }) => {
  const kind = String(record.policyKind);
  const defaultValues = {
    reason: record.retroactiveReason ?? '',
    ...(kindUi(kind) ? {} : { [CONTENT_JSON]: JSON.stringify(record.content ?? {}, null, 2) }),
  };
  return (
    <SimpleForm toolbar={<FormToolbar />} defaultValues={defaultValues} warnWhenUnsavedChanges sx={{ maxWidth: 1280 }}>
      <UnsavedChangesReporter />
      <VersionFields mode="edit" kind={kind} policyKey={String(record.policyKey)} />
    </SimpleForm>
  );
};
