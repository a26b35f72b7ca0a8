import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button as MuiButton,
  Chip,
  CircularProgress,
  Divider,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField as MuiTextField,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { Link, useSearchParams } from 'react-router-dom';
import { ListButton, Show, TopToolbar, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { kindTitle } from '@policy-cms/kinds';
import { todayInTokyo } from '@policy-cms/temporal';
import { CalendarRangeText, formatInstant } from '../common/dates';
import { NextChangeDay } from '../delivery/NextChangeDay';
import { PolicyVersionLinks } from './PolicyList';
import {
  fetchFirstRecorded,
  fetchTimeline,
  fetchVersionFlags,
  knownAtFromLocalInput,
  nowAsLocalInput,
  segmentKind,
  type TimelineSegment,
  type VersionFlags,
} from './policyData';
import { SegmentBadges } from './SegmentBadges';
import { KIND_COLORS, TimelineChart } from './TimelineChart';
import { fill } from '../i18n/messages-versions';
import { usePolicyTexts } from '../i18n/useTexts';

const PolicyTitle = () => {
  const T = usePolicyTexts();
  const record = useRecordContext();
  return <span>{record ? String(record.title) : T.show.title}</span>;
};

const ShowActions = () => {
  const T = usePolicyTexts();
  return (
    <TopToolbar>
      <ListButton label={T.show.back} />
    </TopToolbar>
  );
};

interface TimelineState {
  key: string;
  knownAt: string | null;
  segments: TimelineSegment[] | null;
  error: string | null;
}

/** The timeline as known at `knownAt` (null = now); refetched when either changes, late answers dropped. */
function useTimelineAt(policyKey: string | undefined, knownAt: string | null) {
  const [state, setState] = useState<TimelineState | null>(null);
  useEffect(() => {
    if (!policyKey) return;
    let live = true;
    fetchTimeline(policyKey, knownAt).then(
      (segments) => live && setState({ key: policyKey, knownAt, segments, error: null }),
      (error: unknown) => live && setState({ key: policyKey, knownAt, segments: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [policyKey, knownAt]);
  const current = state && state.key === policyKey && state.knownAt === knownAt ? state : null;
  // While a new instant loads, keep showing the previous picture (dimmed) rather than flashing empty.
  return { current, previous: state, loading: !current };
}

/** When each version was first recorded; an empty map (fall back to segments' recordedAt) if the ledger can't be read. */
function useFirstRecorded(policyKey: string | undefined) {
  const [map, setMap] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    if (!policyKey) return;
    let live = true;
    fetchFirstRecorded(policyKey).then(
      (m) => live && setMap(m),
      () => live && setMap(new Map()),
    );
    return () => {
      live = false;
    };
  }, [policyKey]);
  return map;
}

const KnownAtControl = ({ value, onChange }: { value: string; onChange: (value: string) => void }) => {
  const T = usePolicyTexts();
  const asked = knownAtFromLocalInput(value);
  const knownAt = asked && Date.parse(asked) <= Date.now() ? asked : null;
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
      <MuiTextField
        type="datetime-local"
        label={T.show.knownAt}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        size="small"
        sx={{ width: 260 }}
        helperText={T.show.knownAtHelp}
        slotProps={{
          inputLabel: { shrink: true },
          htmlInput: { 'data-testid': 'known-at-input', max: nowAsLocalInput(), min: '2000-01-01T00:00', step: 60 },
        }}
      />
      <Stack spacing={0.5} sx={{ alignSelf: { sm: 'flex-start' }, pt: { sm: 1 } }}>
        <Typography variant="body2" data-testid="known-at-value" data-known-at={knownAt ?? ''}>
          {/* In Tokyo wall time, as every instant on the screens (2024/06/01 12:00:00); the exact instant is in the address. */}
          {knownAt ? fill(T.show.asKnownAt, { when: formatInstant(knownAt) }) : T.show.asKnownNow}
        </Typography>
        {value && (
          <MuiButton size="small" onClick={() => onChange('')} sx={{ alignSelf: 'flex-start' }} data-testid="known-at-reset">
            {T.show.knownAtNow}
          </MuiButton>
        )}
      </Stack>
    </Stack>
  );
};

/** The split demo flags of a policy's versions (id → flags); empty until read, or when they cannot be. */
function useVersionFlags(policyKey: string | undefined) {
  const [flags, setFlags] = useState<Map<string, VersionFlags>>(new Map());
  useEffect(() => {
    if (!policyKey) return;
    let live = true;
    fetchVersionFlags(policyKey).then(
      (m) => live && setFlags(m),
      () => live && setFlags(new Map()),
    );
    return () => {
      live = false;
    };
  }, [policyKey]);
  return flags;
}

const SegmentTable = ({
  segments,
  firstRecorded,
  flags,
}: {
  segments: TimelineSegment[];
  firstRecorded: Map<string, string>;
  flags: Map<string, VersionFlags>;
}) => {
  const T = usePolicyTexts();
  const today = todayInTokyo();
  const translate = useTranslate();
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  if (narrow) return <SegmentStack segments={segments} firstRecorded={firstRecorded} flags={flags} />;
  return (
    <TableContainer>
      <Table size="small" data-testid="timeline-segments">
        <TableHead>
          <TableRow>
            <TableCell>{T.columns.number}</TableCell>
            <TableCell>{T.columns.kind}</TableCell>
            <TableCell>{T.columns.range}</TableCell>
            <TableCell>{T.columns.summary}</TableCell>
            <TableCell>{T.columns.recordedAt}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {segments.map((segment, index) => {
            const kind = segmentKind(segment, today, firstRecorded.get(segment.id));
            return (
              <TableRow key={`${segment.id}-${index}`} data-testid={`timeline-row-${segment.number}`} data-kind={kind}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    <Link to={`/versions/${encodeURIComponent(segment.id)}/show`} style={{ fontWeight: 700 }}>
                      {translate('versions.numberLabel', { number: String(segment.number) })}
                    </Link>
                    <SegmentBadges segment={segment} flags={flags.get(segment.id)} />
                  </Stack>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
                    <Box sx={{ width: 12, height: 12, borderRadius: 0.5, bgcolor: KIND_COLORS[kind] }} />
                    <Typography variant="body2">{T.kinds[kind]}</Typography>
                  </Stack>
                </TableCell>
                <TableCell>
                  <CalendarRangeText from={segment.effectiveFrom} through={segment.effectiveThrough} />
                </TableCell>
                <TableCell sx={{ maxWidth: 480, minWidth: 240 }}>
                  <Typography variant="body2">{segment.summary}</Typography>
                </TableCell>
                {/* When the record first said this version: a later version cutting the segment short re-records the
                    segment, which is not when anyone learnt of the rule. */}
                <TableCell sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-testid={`timeline-recorded-${segment.number}`}>
                  {formatInstant(firstRecorded.get(segment.id) ?? segment.recordedAt)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
};

/** The same segments, one block each, for a phone: the table's five columns would not fit beside each other. */
const SegmentStack = ({
  segments,
  firstRecorded,
  flags,
}: {
  segments: TimelineSegment[];
  firstRecorded: Map<string, string>;
  flags: Map<string, VersionFlags>;
}) => {
  const T = usePolicyTexts();
  const today = todayInTokyo();
  const translate = useTranslate();
  const label = (text: string) => (
    <Typography variant="caption" color="text.secondary" component="div">
      {text}
    </Typography>
  );
  return (
    <Stack component="ul" spacing={1.5} divider={<Divider component="li" aria-hidden />} sx={{ listStyle: 'none', m: 0, p: 0 }} data-testid="timeline-segments">
      {segments.map((segment, index) => {
        const kind = segmentKind(segment, today, firstRecorded.get(segment.id));
        return (
          <Stack component="li" key={`${segment.id}-${index}`} spacing={0.75} data-testid={`timeline-row-${segment.number}`} data-kind={kind}>
            <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Link to={`/versions/${encodeURIComponent(segment.id)}/show`} style={{ fontWeight: 700 }}>
                {translate('versions.numberLabel', { number: String(segment.number) })}
              </Link>
              <SegmentBadges segment={segment} flags={flags.get(segment.id)} />
              <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
                <Box sx={{ width: 12, height: 12, borderRadius: 0.5, bgcolor: KIND_COLORS[kind] }} />
                <Typography variant="body2">{T.kinds[kind]}</Typography>
              </Stack>
            </Stack>
            <Box>
              {label(T.columns.range)}
              <CalendarRangeText from={segment.effectiveFrom} through={segment.effectiveThrough} />
            </Box>
            <Box>
              {label(T.columns.summary)}
              <Typography variant="body2">{segment.summary}</Typography>
            </Box>
            <Box>
              {label(T.columns.recordedAt)}
              <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`timeline-recorded-${segment.number}`}>
                {formatInstant(firstRecorded.get(segment.id) ?? segment.recordedAt)}
              </Typography>
            </Box>
          </Stack>
        );
      })}
    </Stack>
  );
};

const PolicyOverview = () => {
  const T = usePolicyTexts();
  const record = useRecordContext();
  const key = record ? String(record.key) : undefined;
  // The record time asked is in the page's address (…/show?knownAt=2025-03-24T09:00), so a link or a reload shows the
  // same past record, and another policy's page starts from now. Replaced, not pushed: Back leaves the page.
  const [params, setParams] = useSearchParams();
  const localKnownAt = params.get('knownAt') ?? '';
  const setLocalKnownAt = (value: string) => setParams(value ? { knownAt: value } : {}, { replace: true });
  const asked = knownAtFromLocalInput(localKnownAt);
  // The record ends at now: a later instant is not sent (the API refuses it); the current record shows instead.
  const future = !!asked && Date.parse(asked) > Date.now();
  const knownAt = future ? null : asked;
  const { current, previous, loading } = useTimelineAt(key, knownAt);
  const firstRecorded = useFirstRecorded(key);
  const flags = useVersionFlags(key);
  const [locale] = useLocaleState();
  if (!record || !key) return null;
  const today = todayInTokyo();
  const shown = current ?? (previous?.key === key ? previous : null);
  return (
    <Stack spacing={2.5}>
      <Box>
        <Typography variant="h5" component="h1" data-testid="policy-title">
          {String(record.title)}
        </Typography>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', mt: 0.5, rowGap: 1 }}>
          <Typography variant="body2" sx={{ fontFamily: 'monospace' }} data-testid="policy-key">
            {key}
          </Typography>
          <Chip size="small" variant="outlined" label={kindTitle(String(record.kind), locale === 'en' ? 'en' : 'ja')} data-testid="policy-kind" data-kind={String(record.kind)} />
          <Typography variant="body2" color="text.secondary" data-testid="policy-section">
            {String(record.section)}
          </Typography>
        </Stack>
        <Box sx={{ mt: 1 }}>
          <NextChangeDay policyKey={key} />
        </Box>
      </Box>
      <Divider />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2">
          {T.show.timeline}
        </Typography>
        {loading && <CircularProgress size={18} data-testid="timeline-loading" />}
      </Stack>
      <KnownAtControl value={localKnownAt} onChange={setLocalKnownAt} />
      {future && (
        <Alert severity="warning" data-testid="known-at-future">
          {T.show.knownAtFuture}
        </Alert>
      )}
      {current?.error && (
        <Alert severity="error" data-testid="timeline-error">
          {T.show.loadError}: {current.error}
        </Alert>
      )}
      {shown?.segments && (
        <Box sx={{ opacity: loading ? 0.5 : 1, transition: 'opacity 120ms' }} aria-busy={loading}>
          <TimelineChart
            // The chart's stripes mean invented content: a real rule whose record date is assumed is not striped.
            segments={shown.segments.map((segment) => ({ ...segment, demo: flags.get(segment.id)?.inventedContent ?? segment.demo }))}
            today={today}
            firstRecorded={firstRecorded}
          />
        </Box>
      )}
      <Typography variant="h6" component="h2">
        {T.show.segments}
      </Typography>
      {shown?.segments && <SegmentTable segments={shown.segments} firstRecorded={firstRecorded} flags={flags} />}
      <PolicyVersionLinks policyKey={key} testIdPrefix="policy-show" />
    </Stack>
  );
};

/**
 * One policy's page state, started afresh for each policy: an instant chosen for 「記録時点」 on one policy is not
 * carried to another one reached by Back or by its URL (react-admin keeps the same component across records).
 */
const PolicyOverviewOfRecord = () => {
  const record = useRecordContext();
  return <PolicyOverview key={record ? String(record.key) : ''} />;
};

/** /policies/<key>/show: the policy, its timeline as known at a chosen instant, and links to its versions. */
export const PolicyShow = () => (
  <Show title={<PolicyTitle />} actions={<ShowActions />}>
    <Box sx={{ p: 2 }}>
      <PolicyOverviewOfRecord />
    </Box>
  </Show>
);
