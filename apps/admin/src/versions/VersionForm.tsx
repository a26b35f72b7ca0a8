import { useEffect, useState } from 'react';
import { Alert, Box, CircularProgress, Divider, Stack, Typography } from '@mui/material';
import {
  AutocompleteInput,
  ReferenceInput,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
  required,
  useDataProvider,
  useNotify,
  type RaRecord,
  type Validator,
} from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { compareDates, isCalendarDate } from '@policy-cms/temporal';
import type { PolicyCmsDataProvider } from '../dataProvider/dataProvider';
import { CalendarDateInput, isBeforeTodayInTokyo, tokyoToday } from '../common/dates';
import { FACILITY_TYPES, PROCEDURES, fill, versionTexts as T } from '../i18n/messages-versions';
import { coverageSentence, coveredSegments } from './coverage';
import { ContentEditor } from './editors/ContentEditor';
import { CONTENT_JSON, parseContentJson } from './editors/JsonContentEditor';
import { isStructuredKind } from './editors/types';
import { usePolicy, useTimeline } from './hooks';

/** The statuses whose versions can still be edited; editing an approved one sends it back to DRAFT. */
export const EDITABLE_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED'];

// ---------------------------------------------------------------------------------------------------------------
// Validation and the save transform

const throughNotBeforeFrom: Validator = (value: unknown, all: Record<string, unknown>) =>
  isCalendarDate(value) && isCalendarDate(all.effectiveFrom) && compareDates(value, all.effectiveFrom) < 0 ? T.dates.throughBeforeFrom : undefined;

/** The reason is required exactly when effectiveFrom is before today in Tokyo (a retroactive correction). */
const reasonWhenRetroactive: Validator = (value: unknown, all: Record<string, unknown>) =>
  isBeforeTodayInTokyo(all.effectiveFrom) && (typeof value !== 'string' || value.trim() === '') ? T.form.reasonRequired : undefined;

/**
 * What is sent: the JSON editor's text parsed back into `content` for kinds without their own editor, and the
 * reason only for a retroactive correction.
 */
export function toSaved(data: RaRecord) {
  const { [CONTENT_JSON]: json, ...rest } = data as RaRecord & { contentJson?: string };
  const kind = typeof rest.policyKind === 'string' ? rest.policyKind : undefined;
  const content = !isStructuredKind(kind) && typeof json === 'string' ? parseContentJson(json) : rest.content;
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
      notify(T.form.conflict, { type: 'error', autoHideDuration: null, multiLine: true });
      return;
    }
    if (e?.body?.errors && Object.keys(e.body.errors).length > 0) return; // the form notifies and marks the fields
    notify(fill(T.form.saveFailed, { message: e?.message ?? String(error) }), { type: 'error', multiLine: true });
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Starting content

/** Empty content of a kind, for a policy that has no published version yet. */
export function emptyContent(kind: string | undefined): unknown {
  switch (kind) {
    case 'facility-matrix':
      return {
        columns: FACILITY_TYPES.map((facilityType) => ({ facilityType, label: T.facilityType[facilityType], locations: [], notes: [] })),
        rows: PROCEDURES.map((procedure) => ({ procedure, label: T.procedure[procedure], facilityTypes: [], cellNotes: [], notes: [] })),
        notes: [],
      };
    case 'fee-table':
      return { items: [{ code: 'item-1', label: T.fees.newItemLabel, amount: { basis: 'UNIFORM', yen: 0 }, sourceGrade: 'OFFICIAL', notes: [] }], notes: [] };
    case 'card-renewal-carry-over':
      return { carriedOver: false, conditions: [], exclusions: [], advice: [], reRecordingFeeYen: null, notes: [] };
    case 'notice':
      return { title: '', body: '' };
    default:
      return {};
  }
}

/**
 * On create: when the policy is chosen (or preset from ?source=), loads the content of the version in force today in
 * Tokyo, so an editor changes one cell rather than retyping everything. Falls back to the latest published version,
 * then to empty content.
 */
const StartingContent = ({ kind }: { kind: string | undefined }) => {
  const policyKey = useWatch({ name: 'policyKey' }) as string | undefined;
  const { setValue } = useFormContext();
  const dataProvider = useDataProvider<PolicyCmsDataProvider>();
  const [note, setNote] = useState<{ key: string; text: string | null }>({ key: '', text: null });
  useEffect(() => {
    if (!policyKey || !kind) return;
    let live = true;
    setNote({ key: policyKey, text: null });
    (async () => {
      const today = tokyoToday();
      let version = await dataProvider.inForce(policyKey).catch(() => null);
      let text: string;
      if (version) {
        text = fill(T.form.startedFrom, { today, number: String(version.number) });
      } else {
        const segments = await dataProvider.timeline(policyKey).catch(() => []);
        const last = segments[segments.length - 1];
        version = last ? await dataProvider.inForce(policyKey, String(last.effectiveFrom)).catch(() => null) : null;
        text = version ? fill(T.form.startedFromLatest, { number: String(version.number), from: String(version.effectiveFrom) }) : T.form.startedEmpty;
      }
      if (!live) return;
      setValue(CONTENT_JSON, undefined);
      setValue('content', structuredClone(version?.content ?? emptyContent(kind)));
      setNote({ key: policyKey, text });
    })();
    return () => {
      live = false;
    };
  }, [policyKey, kind, dataProvider, setValue]);
  if (!policyKey) return <Alert severity="info">{T.form.choosePolicy}</Alert>;
  if (note.key !== policyKey || note.text === null) {
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <CircularProgress size={16} />
        <Typography variant="body2">{T.form.loadingContent}</Typography>
      </Stack>
    );
  }
  return (
    <Alert severity="info" data-testid="starting-content">
      {note.text}
    </Alert>
  );
};

// ---------------------------------------------------------------------------------------------------------------
// Warnings

/** The plain warning for a retroactive correction, and the reason it then needs. */
const RetroactiveReason = () => {
  const from = useWatch({ name: 'effectiveFrom' });
  if (!isBeforeTodayInTokyo(from)) return null;
  return (
    <Box sx={{ width: '100%' }}>
      <Alert severity="warning" data-testid="retroactive-warning" sx={{ mb: 1 }}>
        {T.form.retroactiveWarning}
      </Alert>
      <TextInput source="reason" label={T.fields.reason} multiline minRows={2} fullWidth validate={reasonWhenRetroactive} isRequired />
    </Box>
  );
};

/** Which days of which published version this one will cover, computed from the policy's current timeline. */
const CoverageWarning = ({ policyKey }: { policyKey: string | undefined }) => {
  const from = useWatch({ name: 'effectiveFrom' });
  const through = useWatch({ name: 'effectiveThrough' });
  const segments = useTimeline(policyKey);
  if (!policyKey || !isCalendarDate(from)) return null;
  if (segments === undefined) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="coverage-loading">
        {T.form.coverageLoading}
      </Typography>
    );
  }
  const covered = coveredSegments(segments, from, through);
  if (covered === null) return null;
  return (
    <Alert severity={covered.length ? 'warning' : 'info'} data-testid="coverage-warning" sx={{ width: '100%', boxSizing: 'border-box' }}>
      {covered.length === 0
        ? T.form.coverageNone
        : covered.map((c) => (
            <div key={c.segment.id} data-testid="coverage-line" data-version={c.segment.number}>
              {coverageSentence(c)}
            </div>
          ))}
    </Alert>
  );
};

// ---------------------------------------------------------------------------------------------------------------
// The form

const FormToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

const PolicyChoice = () => (
  <ReferenceInput source="policyKey" reference="policies" sort={{ field: 'key', order: 'ASC' }} perPage={200}>
    <AutocompleteInput
      label={T.fields.policyKey}
      optionText={(p: { key: string; title: string }) => `${p.title}(${p.key})`}
      optionValue="key"
      validate={required(T.form.required)}
      sx={{ minWidth: 480 }}
    />
  </ReferenceInput>
);

/** The fields below the policy: range, warnings, summary, content and coverage. */
const VersionFields = ({ mode, kind, policyKey }: { mode: 'create' | 'edit'; kind: string | undefined; policyKey: string | undefined }) => (
  <Stack spacing={2} sx={{ width: '100%' }}>
    {mode === 'create' && <StartingContent kind={kind} />}
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={3}>
      <CalendarDateInput source="effectiveFrom" label={T.fields.effectiveFromInput} validate={required(T.form.required)} />
      <CalendarDateInput
        source="effectiveThrough"
        label={T.fields.effectiveThroughInput}
        validate={throughNotBeforeFrom}
        emptyText={T.dates.openEnded}
      />
    </Stack>
    <RetroactiveReason />
    <TextInput
      source="summary"
      label={T.fields.summary}
      helperText={T.fields.summaryHelp}
      multiline
      minRows={2}
      fullWidth
      validate={required(T.form.required)}
    />
    <Divider />
    {kind ? <ContentEditor kind={kind} /> : null}
    <Divider />
    <CoverageWarning policyKey={policyKey} />
  </Stack>
);

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

export const VersionCreateForm = () => (
  <SimpleForm toolbar={<FormToolbar />} sx={{ maxWidth: 1280 }}>
    <PolicyChoice />
    <CreateFields />
  </SimpleForm>
);

export const VersionEditForm = ({ record }: { record: RaRecord }) => {
  const kind = String(record.policyKind);
  const defaultValues = {
    reason: record.retroactiveReason ?? '',
    ...(isStructuredKind(kind) ? {} : { [CONTENT_JSON]: JSON.stringify(record.content ?? {}, null, 2) }),
  };
  return (
    <SimpleForm toolbar={<FormToolbar />} defaultValues={defaultValues} sx={{ maxWidth: 1280 }}>
      <VersionFields mode="edit" kind={kind} policyKey={String(record.policyKey)} />
    </SimpleForm>
  );
};
