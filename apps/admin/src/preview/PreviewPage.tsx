import { useEffect, useState, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  FormControlLabel,
  LinearProgress,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { Title, useDataProvider, useGetList, useLocaleState, useTranslate } from 'react-admin';
import { isCalendarDate, todayInTokyo } from '@policy-cms/temporal';
import type { PolicyCmsDataProvider } from '../dataProvider/dataProvider';
import { effectiveRangeText } from '../reviews/format';
import { TypedDateField, useDateWords } from '../common/dates';
import { DemoFlagBadges, type DemoFlags } from '../common/DemoFlagBadges';
import { fetchVersionFlags, type VersionFlags } from '../policies/policyData';
import {
  CarryOverView,
  FacilitiesView,
  FeesView,
  NoticeView,
  OneStopView,
  OnlineLectureView,
  RawView,
  ReservationView,
} from './RuleViews';

/** One rule of the previewed rule book (dataProvider.preview). */
interface PreviewRule {
  policyKey: string;
  pending: boolean;
  effectiveFrom: string;
  effectiveThrough: string | null;
  version: { id: string; number: number; content: unknown; summary: string; policyKind?: string } & DemoFlags;
}

/** A `datetime-local` value (Tokyo wall time) as an ISO instant with an explicit +09:00 offset. */
export function knownAtInstant(local: string): string | null {
  if (!local) return null;
  const withSeconds = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00` : local;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(withSeconds) ? `${withSeconds}+09:00` : null;
}

/** The demo's fee tables and notices in the order a reader looks for them; other policies follow by key. */
const KEY_ORDER = [
  'fees.renewal',
  'fees.new-license',
  'fees.lecture',
  'fees.recording',
  'fees.reissue',
  'fees.addition',
  'offices.closure',
  'myna.overview',
  'myna.holding-status',
  'myna.card-notes',
  'myna.overseas',
  'contact',
];
const keyRank = (key: string) => (KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : KEY_ORDER.length);

/** The order of the sections, as a reader of the public page meets them. */
const SECTIONS: { kinds: string[]; title: string }[] = [
  { kinds: ['facility-matrix'], title: 'review.preview.facilities' },
  { kinds: ['reservation-rules'], title: 'review.preview.reservation' },
  { kinds: ['fee-table'], title: 'review.preview.fees' },
  { kinds: ['card-renewal-carry-over'], title: 'review.preview.carryOver' },
  { kinds: ['online-lecture'], title: 'review.preview.onlineLecture' },
  { kinds: ['one-stop-service'], title: 'review.preview.oneStop' },
  { kinds: ['notice'], title: 'review.preview.notices' },
];

/**
 * /preview: the public rules on a date as a reader would see them, optionally as the record stood at an earlier
 * instant, optionally with approved but unpublished versions applied (marked 未公開).
 */
export const PreviewPage = () => {
  const translate = useTranslate();
  const dateWords = useDateWords();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<PolicyCmsDataProvider>();
  const [on, setOn] = useState<string>(() => todayInTokyo());
  const [knownAtLocal, setKnownAtLocal] = useState('');
  const [includePending, setIncludePending] = useState(false);
  // The answer with the question it answers, so that a changed question never shows the previous answer.
  const [answer, setAnswer] = useState<{ key: string; rules: PreviewRule[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const { data: policies } = useGetList('policies', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'key', order: 'ASC' }, filter: {} });
  const dateValid = isCalendarDate(on);
  const knownAt = knownAtInstant(knownAtLocal);
  const pending = includePending && !knownAt;
  const questionKey = JSON.stringify([on, pending, knownAt]);
  const rules = answer && answer.key === questionKey ? answer.rules : null;
  // The public rules as the record stood (knownAt) carry only `demo`: its split is read beside them, as on the policy page.
  const flags = useVersionFlags(!!rules?.some((rule) => rule.version.demo && rule.version.inventedContent === undefined));

  useEffect(() => {
    if (!dateValid) return;
    let cancelled = false;
    setLoading(true);
    setError(null);
    dataProvider
      .preview(on, pending, knownAt)
      .then(
        (result) => !cancelled && setAnswer({ key: questionKey, rules: result as unknown as PreviewRule[] }),
        (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
      )
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [dataProvider, on, dateValid, pending, knownAt, questionKey]);

  // Policies in their list order, each with its kind and title.
  const policyList = (policies ?? [])
    .map((p, index) => ({ key: String(p.id), kind: String(p.kind), title: String(p.title), index }))
    .sort((a, b) => keyRank(a.key) - keyRank(b.key) || a.index - b.index);
  const byKey = new Map((rules ?? []).map((rule) => [rule.policyKey, rule]));
  const kindOf = (rule: PreviewRule) => policyList.find((p) => p.key === rule.policyKey)?.kind ?? rule.version.policyKind ?? '';
  const titleOf = (key: string) => policyList.find((p) => p.key === key)?.title ?? key;
  const ordered = [
    ...policyList.filter((p) => byKey.has(p.key)).map((p) => byKey.get(p.key)!),
    ...(rules ?? []).filter((rule) => !policyList.some((p) => p.key === rule.policyKey)),
  ];

  const badges = (rule: PreviewRule): ReactNode => (
    <>
      {rule.pending && <Chip size="small" color="warning" label={translate('review.preview.pending')} data-testid={`pending-${rule.policyKey}`} />}
      <DemoFlagBadges flags={{ ...rule.version, ...flags?.get(rule.version.id) }} />
      <Typography variant="caption" color="text.secondary">
        {translate('versions.numberLabel', { number: String(rule.version.number) })}・{effectiveRangeText(rule.effectiveFrom, rule.effectiveThrough, locale)}
      </Typography>
    </>
  );

  return (
    <Box sx={{ mt: 1 }} data-testid="preview-page">
      <Title title={translate('review.preview.title')} />
      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-start' } }}>
            <TypedDateField
              label={translate('review.preview.date')}
              value={on}
              onChange={setOn}
              error={!dateValid}
              helperText={<span data-testid="preview-date-wareki">{dateValid ? dateWords(on) : translate('versions.dates.invalid')}</span>}
              testId="preview-date"
              sx={{ minWidth: 220 }}
            />
            <TextField
              type="datetime-local"
              label={translate('review.preview.knownAt')}
              value={knownAtLocal}
              onChange={(event) => setKnownAtLocal(event.target.value)}
              helperText={knownAt ? `${knownAt}` : translate('review.preview.knownAtHelp')}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'preview-known-at', step: 1 } }}
              sx={{ minWidth: 300 }}
            />
            <FormControlLabel
              sx={{ pt: 1, flexShrink: 0, '& .MuiFormControlLabel-label': { whiteSpace: 'nowrap' } }}
              control={
                <Switch
                  checked={pending}
                  disabled={!!knownAt}
                  onChange={(event) => setIncludePending(event.target.checked)}
                  slotProps={{ input: { 'data-testid': 'preview-include-pending' } as object }}
                />
              }
              label={
                <Box>
                  {translate('review.preview.includePending')}
                  {knownAt && (
                    <Typography variant="caption" component="div" color="text.secondary">
                      {translate('review.preview.includePendingDisabled')}
                    </Typography>
                  )}
                </Box>
              }
            />
          </Stack>
        </CardContent>
      </Card>
      {loading && <LinearProgress sx={{ mb: 1 }} />}
      {error && (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="preview-error">
          {translate('review.preview.failed')}: {error}
        </Alert>
      )}
      {rules && rules.length === 0 && <Alert severity="info">{translate('review.preview.nothing')}</Alert>}
      {rules && rules.length > 0 && (
        <Stack spacing={2}>
          {SECTIONS.map((section) => {
            const inSection = ordered.filter((rule) => section.kinds.includes(kindOf(rule)));
            if (inSection.length === 0) return null;
            return (
              <Card key={section.title} data-testid={`preview-section-${section.kinds[0]}`}>
                <CardContent>
                  <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
                    {translate(section.title)}
                  </Typography>
                  {section.kinds[0] === 'fee-table' ? (
                    <FeesView tables={inSection.map((rule) => ({ key: rule.policyKey, title: titleOf(rule.policyKey), badges: badges(rule), content: rule.version.content }))} />
                  ) : (
                    <Stack spacing={2}>
                      {inSection.map((rule) => (
                        <Box key={rule.policyKey} data-testid={`preview-rule-${rule.policyKey}`} data-pending={String(rule.pending)}>
                          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }} useFlexGap>
                            {(section.kinds[0] === 'notice' || inSection.length > 1) && <Typography variant="subtitle1">{titleOf(rule.policyKey)}</Typography>}
                            {badges(rule)}
                          </Stack>
                          <RuleBody kind={kindOf(rule)} content={rule.version.content} />
                        </Box>
                      ))}
                    </Stack>
                  )}
                </CardContent>
              </Card>
            );
          })}
          {(() => {
            const known = SECTIONS.flatMap((s) => s.kinds);
            const other = ordered.filter((rule) => !known.includes(kindOf(rule)));
            return other.length > 0 ? (
              <Card>
                <CardContent>
                  {other.map((rule) => (
                    <Box key={rule.policyKey} data-testid={`preview-rule-${rule.policyKey}`}>
                      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
                        <Typography variant="subtitle1">{titleOf(rule.policyKey)}</Typography>
                        {badges(rule)}
                      </Stack>
                      <RawView content={rule.version.content} />
                    </Box>
                  ))}
                </CardContent>
              </Card>
            ) : null;
          })()}
        </Stack>
      )}
    </Box>
  );
};

/** The split demo flags of published versions (id → flags), read once when a shown rule lacks them; null until then. */
function useVersionFlags(needed: boolean): Map<string, VersionFlags> | null {
  const [flags, setFlags] = useState<Map<string, VersionFlags> | null>(null);
  useEffect(() => {
    if (!needed || flags) return;
    let live = true;
    fetchVersionFlags().then(
      (map) => live && setFlags(map),
      () => live && setFlags(new Map()),
    );
    return () => {
      live = false;
    };
  }, [needed, flags]);
  return flags;
}

const RuleBody = ({ kind, content }: { kind: string; content: unknown }) => {
  switch (kind) {
    case 'facility-matrix':
      return <FacilitiesView content={content} />;
    case 'reservation-rules':
      return <ReservationView content={content} />;
    case 'card-renewal-carry-over':
      return <CarryOverView content={content} />;
    case 'online-lecture':
      return <OnlineLectureView content={content} />;
    case 'one-stop-service':
      return <OneStopView content={content} />;
    case 'notice':
      return <NoticeView content={content} />;
    default:
      return <RawView content={content} />;
  }
};
