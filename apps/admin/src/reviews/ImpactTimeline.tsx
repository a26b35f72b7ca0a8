import { Box, Stack, Typography } from '@mui/material';
import { addDays, daysBetween, maxDate, minDate, parseCalendarDate, type CalendarDate } from '@policy-cms/temporal';
import { useTranslate } from 'react-admin';
import { useEraOf } from '../common/dates';
import { usePhone } from '../common/usePhone';
import type { ImpactSegment, VersionImpact } from './impactApi';

/*
 * The public timeline before and after, on one calendar axis: lane 「現在」 above, lane 「公開後」 (or 「取下げ後」) below,
 * and the runs of days that change shaded across both, so the approver sees at a glance which days this version takes
 * from which version. Plain boxes placed in percent of the axis, like the policy page's timeline.
 */

const LABEL_WIDTH = 96;
/** On a phone: a narrower label column, so that the lanes keep most of the 350 px. */
const PHONE_LABEL_WIDTH = 76;
const LANE_HEIGHT = 34;
const AXIS_HEIGHT = 30;

interface Axis {
  start: CalendarDate;
  end: CalendarDate;
  days: number;
}

const firstOfMonth = (d: CalendarDate) => parseCalendarDate(`${d.slice(0, 7)}-01`);

/** From the month of the earliest start (or today) to a year past today or past the last day that changes. */
export function impactAxis(impact: VersionImpact): Axis {
  const today = parseCalendarDate(impact.today);
  const segments = [...impact.before, ...impact.after];
  const starts = segments.map((s) => parseCalendarDate(s.effectiveFrom));
  const ends = segments.flatMap((s) => (s.effectiveThrough ? [addDays(parseCalendarDate(s.effectiveThrough), 1)] : []));
  const first = minDate(today, ...starts);
  const lastStart = maxDate(today, ...starts);
  const start = firstOfMonth(first);
  const end = maxDate(addDays(today, 365), addDays(lastStart, 180), ...ends.map((e) => addDays(e, 30)));
  return { start, end, days: Math.max(1, daysBetween(start, end)) };
}

const at = (axis: Axis, d: string) => (Math.min(Math.max(daysBetween(axis.start, parseCalendarDate(d)), 0), axis.days) / axis.days) * 100;
const endOf = (axis: Axis, through: string | null) => (through ? at(axis, addDays(parseCalendarDate(through), 1)) : 100);

function yearTicks(axis: Axis, eraOf: (value: unknown) => string | null, withEra: boolean): { date: CalendarDate; left: number; label: string }[] {
  const ticks = [];
  for (let y = Number(axis.start.slice(0, 4)) + 1; y <= Number(axis.end.slice(0, 4)); y++) {
    const date = parseCalendarDate(`${String(y).padStart(4, '0')}-01-01`);
    const era = withEra ? (/^(.+?年)/.exec(eraOf(date) ?? '')?.[1] ?? '') : '';
    ticks.push({ date, left: at(axis, date), label: era ? `${y} ${era}` : String(y) });
  }
  return ticks;
}

const Lane = ({ label, segments, subjectId, axis, testId, labelWidth }: { label: string; segments: ImpactSegment[]; subjectId: string; axis: Axis; testId: string; labelWidth: number }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'flex', height: LANE_HEIGHT, alignItems: 'center' }} data-testid={testId}>
      <Typography variant="body2" sx={{ width: labelWidth, flexShrink: 0, fontWeight: 600, pr: 1 }}>
        {label}
      </Typography>
      <Box sx={{ position: 'relative', flex: 1, height: LANE_HEIGHT - 10 }}>
        {segments.map((segment) => {
          const left = at(axis, segment.effectiveFrom);
          const width = Math.max(endOf(axis, segment.effectiveThrough) - left, 0.4);
          const subject = segment.versionId === subjectId;
          const name = translate('review.impact.version', { number: segment.number });
          return (
            <Box
              key={`${segment.versionId}-${segment.effectiveFrom}`}
              data-testid="impact-bar"
              data-version={segment.number}
              data-subject={subject ? 'true' : 'false'}
              data-from={segment.effectiveFrom}
              data-through={segment.effectiveThrough ?? ''}
              title={`${name} ${segment.effectiveFrom}〜${segment.effectiveThrough ?? ''}`}
              sx={{
                position: 'absolute',
                left: `${left}%`,
                width: `${width}%`,
                top: 0,
                bottom: 0,
                borderRadius: 0.75,
                bgcolor: subject ? 'primary.main' : 'grey.700',
                border: 1,
                borderColor: 'background.paper',
                color: 'common.white',
                overflow: 'hidden',
                display: 'flex',
                alignItems: 'center',
                px: 0.75,
              }}
            >
              <Typography variant="caption" sx={{ whiteSpace: 'nowrap', fontWeight: 700, lineHeight: 1 }}>
                {subject ? translate('review.impact.withNote', { version: name, note: translate('review.impact.thisVersion') }) : name}
              </Typography>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
};

export const ImpactTimeline = ({ impact }: { impact: VersionImpact }) => {
  const translate = useTranslate();
  const eraOf = useEraOf();
  const axis = impactAxis(impact);
  const afterLabel = translate(impact.mode === 'PUBLISH' ? 'review.impact.lanes.afterPublish' : 'review.impact.lanes.afterWithdraw');
  const todayLeft = at(axis, impact.today);
  // On a phone the chart fits the screen (it was 520 px wide in a box that hid its right end, this version's bar
  // included), and its years are written without their era, which ran into each other.
  const phone = usePhone();
  const labelWidth = phone ? PHONE_LABEL_WIDTH : LABEL_WIDTH;
  return (
    <Box data-testid="impact-timeline" role="group" aria-label={translate('review.impact.timelineLabel', { after: afterLabel })}>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', mb: 1, rowGap: 0.5 }}>
        <Legend color="primary.main" label={translate('review.impact.legend.subject')} />
        <Legend color="grey.700" label={translate('review.impact.legend.other')} />
        <Legend color="rgba(255, 160, 0, 0.35)" label={translate('review.impact.legend.changed')} />
      </Stack>
      <Box sx={{ overflowX: 'auto' }}>
        <Box sx={{ minWidth: phone ? 0 : 520, position: 'relative' }}>
          {/* The axis and the shading of the changed runs span both lanes. */}
          <Box sx={{ position: 'absolute', left: labelWidth, right: 0, top: 0, bottom: 0, pointerEvents: 'none' }}>
            {impact.changes.map((change) => {
              const left = at(axis, change.effectiveFrom);
              return (
                <Box
                  key={change.effectiveFrom}
                  data-testid="impact-band"
                  sx={{ position: 'absolute', top: AXIS_HEIGHT, bottom: 0, left: `${left}%`, width: `${endOf(axis, change.effectiveThrough) - left}%`, bgcolor: 'rgba(255, 160, 0, 0.35)' }}
                />
              );
            })}
            {yearTicks(axis, eraOf, !phone).map((tick) => (
              <Box key={tick.date} sx={{ position: 'absolute', left: `${tick.left}%`, top: 0, bottom: 0, borderLeft: 1, borderColor: 'grey.400' }}>
                <Typography variant="caption" sx={{ position: 'absolute', top: 2, left: 4, whiteSpace: 'nowrap' }}>
                  {tick.label}
                </Typography>
              </Box>
            ))}
            <Box sx={{ position: 'absolute', left: `${todayLeft}%`, top: AXIS_HEIGHT - 6, bottom: 0, borderLeft: 2, borderColor: 'error.main' }} />
          </Box>
          <Box sx={{ height: AXIS_HEIGHT }} />
          <Lane label={translate('review.impact.lanes.now')} segments={impact.before} subjectId={impact.versionId} axis={axis} testId="impact-lane-before" labelWidth={labelWidth} />
          <Lane label={afterLabel} segments={impact.after} subjectId={impact.versionId} axis={axis} testId="impact-lane-after" labelWidth={labelWidth} />
        </Box>
      </Box>
    </Box>
  );
};

const Legend = ({ color, label }: { color: string; label: string }) => (
  <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
    <Box sx={{ width: 20, height: 12, borderRadius: 0.5, bgcolor: color }} />
    <Typography variant="body2">{label}</Typography>
  </Stack>
);
