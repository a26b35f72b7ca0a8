import { Box, Chip, Stack, Tooltip, Typography, useMediaQuery, type Theme } from '@mui/material';
import { useLayoutEffect, useRef } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { addDays, compareDates, daysBetween, maxDate, minDate, parseCalendarDate, type CalendarDate } from '@policy-cms/temporal';
import { formatInstant, useEraOf, useIsoWithEra } from '../common/dates';
import { segmentKind, type SegmentKind, type TimelineSegment } from './policyData';
import { fill } from '../i18n/messages-versions';
import { usePolicyTexts } from '../i18n/useTexts';
import type { PolicyTexts } from '../i18n/messages-policies';

/*
 * A policy's timeline drawn along a calendar axis: one lane per segment, its bar from the segment's first day to the
 * day after its last (open-ended bars run to the axis' end and fade out), a vertical line for today in Tokyo.
 * Plain boxes positioned in percent of the axis, so it follows the page's width without measuring anything.
 */

export const KIND_COLORS: Record<SegmentKind, string> = {
  published: 'success.main',
  scheduled: 'info.main',
  retroactive: 'warning.main',
};

const DEMO_STRIPES = 'repeating-linear-gradient(135deg, rgba(255,255,255,0.38) 0 5px, transparent 5px 11px)';
/** The lane labels' column: narrower on a phone, where its range wraps, so that the chart keeps room for its bars. */
const LABEL_WIDTH = { xs: 132, sm: 210 };
/** A lane's height; on a phone its label's range takes two lines. */
const LANE_HEIGHT = { wide: 40, narrow: 50 };
const BAR_HEIGHT = 24;
const AXIS_HEIGHT = 58;
/** Below this width the chart scrolls sideways in its box. */
const CHART_MIN_WIDTH = 640;

interface Axis {
  start: CalendarDate;
  end: CalendarDate;
  days: number;
}

function firstOfMonth(d: CalendarDate): CalendarDate {
  return parseCalendarDate(`${d.slice(0, 7)}-01`);
}

function nextMonth(d: CalendarDate): CalendarDate {
  const [y, m] = d.split('-').map(Number) as [number, number];
  return parseCalendarDate(m === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-01`);
}

/**
 * From the first of the month of the earliest start (or today) to the first of the month after the latest of: a bit
 * after the last start, the last finite end, and today + 1 year when the timeline is open-ended.
 */
export function axisFor(segments: readonly TimelineSegment[], today: CalendarDate): Axis {
  const starts = segments.map((s) => s.effectiveFrom);
  const ends = segments.flatMap((s) => (s.effectiveThrough ? [addDays(s.effectiveThrough, 1)] : []));
  const first = minDate(today, ...starts);
  const lastStart = maxDate(today, ...starts);
  const span = daysBetween(first, lastStart);
  const openEnded = segments.length === 0 || segments.some((s) => !s.effectiveThrough);
  const end = maxDate(addDays(lastStart, Math.max(90, Math.round(span * 0.1))), addDays(today, 30), ...ends, ...(openEnded ? [addDays(today, 365)] : []));
  const start = firstOfMonth(first);
  const axisEnd = nextMonth(end);
  return { start, end: axisEnd, days: Math.max(1, daysBetween(start, axisEnd)) };
}

const at = (axis: Axis, d: CalendarDate) => (Math.min(Math.max(daysBetween(axis.start, d), 0), axis.days) / axis.days) * 100;

interface Tick {
  date: CalendarDate;
  left: number;
  year: boolean;
  /** Show the year (and era year) above the tick. */
  yearLabel: boolean;
  label: string | null;
}

/** A month's short name in the chosen language: 6月, Jun. */
const monthNames = (locale: string) => {
  const format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ja-JP', { month: 'short', timeZone: 'UTC' });
  return (month: number) => format.format(Date.UTC(2001, month - 1, 15));
};

function ticksFor(axis: Axis, monthName: (month: number) => string): Tick[] {
  const months = Math.round(axis.days / 30.44);
  const every = months <= 18 ? 1 : months <= 40 ? 3 : months <= 80 ? 6 : 0;
  const ticks: Tick[] = [];
  if (months > 240) {
    // Long spans: years only.
    for (let y = Number(axis.start.slice(0, 4)) + 1; y <= Number(axis.end.slice(0, 4)); y++) {
      const date = parseCalendarDate(`${String(y).padStart(4, '0')}-01-01`);
      if (compareDates(date, axis.end) <= 0) ticks.push({ date, left: at(axis, date), year: true, yearLabel: true, label: null });
    }
    return ticks;
  }
  for (let d = axis.start; compareDates(d, axis.end) <= 0; d = nextMonth(d)) {
    const month = Number(d.slice(5, 7));
    const year = month === 1;
    ticks.push({ date: d, left: at(axis, d), year, yearLabel: year, label: !year && every > 0 && (month - 1) % every === 0 ? monthName(month) : null });
  }
  // The axis' own first year is named at its start unless a new year's tick follows too closely.
  const firstYear = ticks.find((t) => t.year);
  if (ticks[0] && !ticks[0].year && (!firstYear || firstYear.left > 14)) ticks[0].yearLabel = true;
  return ticks;
}

/** '2025' with its era year, e.g. '令和7年' (nothing in English). */
function eraYear(year: string, eraOf: (value: unknown) => string | null): string {
  return /^(.+?年)/.exec(eraOf(`${year}-01-01`) ?? '')?.[1] ?? '';
}

export const KindLegend = () => {
  const T = usePolicyTexts();
  return (
    <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', alignItems: 'center', rowGap: 1 }} data-testid="timeline-legend">
      {(Object.keys(KIND_COLORS) as SegmentKind[]).map((kind) => (
        <Stack key={kind} direction="row" spacing={0.75} sx={{ alignItems: 'center' }} data-kind={kind}>
          <Box sx={{ width: 22, height: 12, borderRadius: 0.5, bgcolor: KIND_COLORS[kind] }} />
          <Typography variant="body2">{T.kinds[kind]}</Typography>
        </Stack>
      ))}
      <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
        <Box sx={{ width: 22, height: 12, borderRadius: 0.5, bgcolor: 'grey.600', backgroundImage: DEMO_STRIPES }} />
        <Typography variant="body2">{T.demo}</Typography>
      </Stack>
      <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
        <Box sx={{ width: 2, height: 16, bgcolor: 'error.main' }} />
        <Typography variant="body2">{T.timeline.todayInTokyo}</Typography>
      </Stack>
    </Stack>
  );
};

const rangeText = (T: PolicyTexts, s: TimelineSegment) => `${s.effectiveFrom}〜${s.effectiveThrough ?? T.openEnded}`;

/** 「第3版」 / "Version 3". */
const useVersionNumber = () => {
  const translate = useTranslate();
  return (segment: TimelineSegment) => translate('versions.numberLabel', { number: String(segment.number) });
};

const SegmentTooltip = ({ segment, kind, firstRecordedAt }: { segment: TimelineSegment; kind: SegmentKind; firstRecordedAt?: string }) => {
  const T = usePolicyTexts();
  const versionNumber = useVersionNumber();
  const isoWithWareki = useIsoWithEra();
  return (
    <Box sx={{ maxWidth: 360 }}>
      <Typography variant="subtitle2">
        {fill(T.timeline.versionKind, { version: versionNumber(segment), kind: T.kinds[kind] })}
        {segment.demo ? ` [${T.demo}]` : ''}
      </Typography>
      <Typography variant="body2">
        {isoWithWareki(segment.effectiveFrom)} 〜 {segment.effectiveThrough ? isoWithWareki(segment.effectiveThrough) : T.openEnded}
      </Typography>
      {segment.versionEffectiveFrom !== segment.effectiveFrom && (
        <Typography variant="caption" component="div">
          {fill(T.timeline.versionFrom, { date: isoWithWareki(segment.versionEffectiveFrom) })}
        </Typography>
      )}
      {segment.recordedAt && (
        <Typography variant="caption" component="div">
          {T.recordedAt}: {formatInstant(segment.recordedAt)}
          {firstRecordedAt && firstRecordedAt !== segment.recordedAt ? fill(T.timeline.firstRecorded, { when: formatInstant(firstRecordedAt) }) : ''}
        </Typography>
      )}
      {segment.summary && (
        <Typography variant="caption" component="div" sx={{ mt: 0.5, opacity: 0.9 }}>
          {segment.summary.length > 140 ? `${segment.summary.slice(0, 140)}…` : segment.summary}
        </Typography>
      )}
    </Box>
  );
};

export interface TimelineChartProps {
  segments: readonly TimelineSegment[];
  today: CalendarDate;
  /** version id → when the version was first recorded (decides 遡及訂正); the segment's recordedAt when missing. */
  firstRecorded?: ReadonlyMap<string, string>;
}

export const TimelineChart = ({ segments, today, firstRecorded }: TimelineChartProps) => {
  const T = usePolicyTexts();
  const eraOf = useEraOf();
  const [locale] = useLocaleState();
  const versionNumber = useVersionNumber();
  const axis = axisFor(segments, today);
  const ticks = ticksFor(axis, monthNames(locale));
  const todayLeft = at(axis, today);
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const laneHeight = narrow ? LANE_HEIGHT.narrow : LANE_HEIGHT.wide;
  const height = AXIS_HEIGHT + Math.max(segments.length, 1) * laneHeight;
  // Where the chart is wider than its box (a phone), it opens with today in view, a third of the way in.
  const scroller = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const box = scroller.current;
    const lanes = box?.querySelector<HTMLElement>('[data-testid="timeline-lanes"]');
    // Only where the chart is narrower than its least width: a tick's label sticking out at the end is not that.
    if (!box || !lanes || box.clientWidth >= CHART_MIN_WIDTH) return;
    const labels = box.scrollWidth - lanes.offsetWidth;
    const visible = box.clientWidth - labels;
    box.scrollLeft = Math.max(0, (lanes.offsetWidth * todayLeft) / 100 - visible / 3);
  }, [todayLeft, narrow, segments.length]);
  return (
    <Box data-testid="timeline-chart" data-axis-start={axis.start} data-axis-end={axis.end} role="figure" aria-label={T.show.timeline}>
      <KindLegend />
      <Box ref={scroller} data-testid="timeline-scroll" sx={{ overflowX: 'auto', mt: 1.5 }}>
        <Box sx={{ display: 'flex', minWidth: CHART_MIN_WIDTH }}>
          {/* Lane labels: they stay in view while the chart scrolls sideways (a phone) */}
          <Box
            data-testid="timeline-labels"
            sx={{ width: LABEL_WIDTH, flexShrink: 0, pr: { xs: 1, sm: 1.5 }, position: 'sticky', left: 0, zIndex: 2, bgcolor: 'background.paper' }}
          >
            <Box sx={{ height: AXIS_HEIGHT }} />
            {segments.map((segment, index) => (
              <Stack key={`${segment.id}-${index}`} sx={{ height: laneHeight, justifyContent: 'center' }} data-testid={`timeline-label-${segment.number}`}>
                <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
                  <Typography variant="body2" sx={{ fontWeight: 700, fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
                    {versionNumber(segment)}
                  </Typography>
                  {segment.demo && <Chip size="small" color="secondary" variant="outlined" label={T.demo} sx={{ height: 18, fontSize: 11 }} />}
                </Stack>
                <Typography
                  variant="caption"
                  color="text.secondary"
                  sx={{ whiteSpace: { xs: 'normal', sm: 'nowrap' }, fontVariantNumeric: 'tabular-nums', lineHeight: 1.2 }}
                >
                  {/* Where it wraps (a phone), after 〜, never inside a date */}
                  <Box component="span" sx={{ whiteSpace: 'nowrap' }}>{segment.effectiveFrom}〜</Box>
                  <Box component="span" sx={{ whiteSpace: 'nowrap' }}>{segment.effectiveThrough ?? T.openEnded}</Box>
                </Typography>
              </Stack>
            ))}
            {segments.length === 0 && <Box sx={{ height: laneHeight }} />}
          </Box>
          {/* Axis, lanes and today's line share one positioned box */}
          <Box
            data-testid="timeline-lanes"
            // A year's label near the end is cut at the axis' end rather than widening the chart.
            sx={{ position: 'relative', flex: 1, height, borderLeft: 1, borderColor: 'divider', overflowX: 'clip', overflowClipMargin: '4px' }}
          >
            {ticks.map((tick) => (
              <Box key={tick.date} sx={{ position: 'absolute', left: `${tick.left}%`, top: 22, bottom: 0, pointerEvents: 'none' }}>
                <Box sx={{ position: 'absolute', top: tick.year ? 0 : 18, bottom: 0, borderLeft: 1, borderColor: tick.year ? 'grey.400' : 'grey.200' }} />
                {tick.yearLabel && (
                  <Typography variant="caption" sx={{ position: 'absolute', top: -2, left: 4, whiteSpace: 'nowrap', fontWeight: 600, lineHeight: 1.2 }}>
                    {tick.date.slice(0, 4)}
                    <Box component="span" sx={{ color: 'text.secondary', fontWeight: 400, ml: 0.5 }}>
                      {eraYear(tick.date.slice(0, 4), eraOf)}
                    </Box>
                  </Typography>
                )}
                {tick.label && (
                  <Typography variant="caption" color="text.secondary" sx={{ position: 'absolute', top: 16, left: 3, whiteSpace: 'nowrap', fontSize: 11 }}>
                    {tick.label}
                  </Typography>
                )}
              </Box>
            ))}
            <Box sx={{ position: 'absolute', left: 0, right: 0, top: AXIS_HEIGHT - 1, borderTop: 1, borderColor: 'divider' }} />
            {segments.map((segment, index) => {
              const kind = segmentKind(segment, today, firstRecorded?.get(segment.id));
              const left = at(axis, segment.effectiveFrom);
              const right = segment.effectiveThrough ? at(axis, addDays(segment.effectiveThrough, 1)) : 100;
              const open = !segment.effectiveThrough;
              return (
                <Tooltip
                  key={`${segment.id}-${index}`}
                  title={<SegmentTooltip segment={segment} kind={kind} firstRecordedAt={firstRecorded?.get(segment.id)} />}
                  placement="top"
                  arrow
                >
                  <Box
                    data-testid={`timeline-bar-${segment.number}`}
                    data-segment={index}
                    data-kind={kind}
                    data-demo={segment.demo ? 'true' : 'false'}
                    data-from={segment.effectiveFrom}
                    data-through={segment.effectiveThrough ?? ''}
                    role="img"
                    aria-label={`${versionNumber(segment)} ${T.kinds[kind]}${segment.demo ? ` ${T.demo}` : ''} ${rangeText(T, segment)}`}
                    tabIndex={0}
                    sx={{
                      position: 'absolute',
                      left: `${left}%`,
                      width: `${Math.max(right - left, 0)}%`,
                      minWidth: 6,
                      top: AXIS_HEIGHT + index * laneHeight + (laneHeight - BAR_HEIGHT) / 2,
                      height: BAR_HEIGHT,
                      bgcolor: KIND_COLORS[kind],
                      backgroundImage: segment.demo ? DEMO_STRIPES : undefined,
                      borderRadius: open ? '4px 0 0 4px' : 1,
                      maskImage: open ? 'linear-gradient(to right, #000 calc(100% - 36px), rgba(0,0,0,0.15))' : undefined,
                      color: 'common.white',
                      display: 'flex',
                      alignItems: 'center',
                      px: 0.75,
                      overflow: 'hidden',
                      whiteSpace: 'nowrap',
                      fontSize: 12,
                      fontWeight: 600,
                      cursor: 'default',
                      boxSizing: 'border-box',
                      '&:focus-visible': { outline: 2, outlineColor: 'primary.main', outlineOffset: 2 },
                    }}
                  >
                    {versionNumber(segment)}
                    {segment.demo ? ` ${T.demo}` : ''}
                    <Box component="span" sx={{ fontWeight: 400, ml: 1, opacity: 0.95 }}>
                      {rangeText(T, segment)}
                    </Box>
                  </Box>
                </Tooltip>
              );
            })}
            {segments.length === 0 && (
              <Typography variant="body2" color="text.secondary" sx={{ position: 'absolute', top: AXIS_HEIGHT + 10, left: 12 }}>
                {T.show.empty}
              </Typography>
            )}
            <Box
              data-testid="timeline-today"
              data-date={today}
              sx={{ position: 'absolute', left: `${todayLeft}%`, top: 0, bottom: 0, width: 0, borderLeft: 2, borderColor: 'error.main', zIndex: 1, pointerEvents: 'none' }}
            >
              <Typography
                variant="caption"
                sx={{
                  position: 'absolute',
                  top: 0,
                  ...(todayLeft > 75 ? { right: 4 } : { left: 4 }),
                  px: 0.5,
                  bgcolor: 'error.main',
                  color: 'common.white',
                  borderRadius: 0.5,
                  whiteSpace: 'nowrap',
                  lineHeight: 1.5,
                  fontSize: 11,
                }}
              >
                {T.today} {today}
              </Typography>
            </Box>
          </Box>
        </Box>
      </Box>
    </Box>
  );
};
