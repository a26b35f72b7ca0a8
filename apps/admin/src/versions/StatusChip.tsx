import { Chip, Stack, Tooltip, Typography, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { VersionStatus } from '../i18n/messages-versions';
import { CalendarRangeText, exactTokyoInstant, formatInstant } from '../common/dates';
import { DemoFlagBadges } from '../common/DemoFlagBadges';

const COLORS: Record<VersionStatus, ChipProps['color']> = {
  DRAFT: 'default',
  IN_REVIEW: 'warning',
  APPROVED: 'info',
  PUBLISHED: 'success',
  REJECTED: 'error',
  WITHDRAWN: 'default',
};

export type PublicState = 'IN_FORCE' | 'SCHEDULED' | 'PARTLY_IN_EFFECT' | 'ENDED' | 'SUPERSEDED' | 'WITHDRAWN';

const PUBLIC_COLORS: Record<PublicState, ChipProps['color']> = {
  IN_FORCE: 'success',
  SCHEDULED: 'info',
  PARTLY_IN_EFFECT: 'warning',
  ENDED: 'default',
  SUPERSEDED: 'default',
  WITHDRAWN: 'default',
};

/** Days a version really applies, from the API's `inEffect`. */
export interface EffectiveSpan {
  effectiveFrom: string;
  effectiveThrough: string | null;
}

/**
 * A version's state as a coloured chip. Once published, what a reader of the public rules gets matters more than the
 * workflow step: the chip then says the public state the API derives from the ledger (公開中 / 予定 / 一部のみ有効 /
 * 適用終了 / 後の版で置換 / 取下げ), read from `publicState` or, when not given, from the record in context.
 */
export const StatusChip = ({
  status,
  publicState,
  size = 'small',
}: {
  status: string;
  publicState?: string | null;
  size?: ChipProps['size'];
}) => {
  const translate = useTranslate();
  const record = useRecordContext();
  const state = (publicState ?? (record?.status === status ? record?.publicState : null)) as PublicState | null | undefined;
  if (state && PUBLIC_COLORS[state]) {
    return (
      <Tooltip title={translate(`versions.publicStateHelp.${state}`)}>
        <Chip
          size={size}
          label={translate(`versions.publicState.${state}`)}
          color={PUBLIC_COLORS[state]}
          variant={state === 'SUPERSEDED' || state === 'WITHDRAWN' ? 'outlined' : 'filled'}
          data-testid="status-chip"
          data-status={status}
          data-public-state={state}
        />
      </Tooltip>
    );
  }
  return (
    <Chip
      size={size}
      label={translate(`versions.status.${status}`, { _: status })}
      color={COLORS[status as VersionStatus] ?? 'default'}
      variant={status === 'WITHDRAWN' ? 'outlined' : 'filled'}
      data-testid="status-chip"
      data-status={status}
    />
  );
};

export const StatusChipField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext();
  return record ? <StatusChip status={String(record.status)} publicState={record.publicState as string | null} /> : null;
};

/**
 * What is not from a source, said precisely (架空の内容 / 記録日は推定), for the version in context: the same badge as
 * the policy screens, the review queue and the preview.
 */
export const DemoBadges = ({ size = 'small' }: { size?: ChipProps['size'] }) => {
  const record = useRecordContext();
  return record ? <DemoFlagBadges flags={record} size={size} /> : null;
};

/** The days a version really applies: its ledger spans, one line each (ISO and 和暦). */
export const InEffectText = ({ spans }: { spans: readonly EffectiveSpan[] }) => (
  <Stack spacing={0.25}>
    {spans.map((span) => (
      <CalendarRangeText key={span.effectiveFrom} from={span.effectiveFrom} through={span.effectiveThrough} />
    ))}
  </Stack>
);

/**
 * The public standing of the version in context, for its page: state and what it means, the days it really applies
 * (shorter than its own range when a later version took some), and the instant the public record first said it.
 * Nothing for a version never published.
 */
export const PublicStanding = () => {
  const translate = useTranslate();
  const record = useRecordContext();
  if (!record?.publicState) return null;
  const state = record.publicState as PublicState;
  const spans = (record.inEffect ?? []) as EffectiveSpan[];
  return (
    <Stack spacing={0.75} data-testid="public-standing" data-public-state={state}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
        <StatusChip status={String(record.status)} publicState={state} />
        <Typography variant="body2">{translate(`versions.publicStateHelp.${state}`)}</Typography>
      </Stack>
      {spans.length > 0 && (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={{ xs: 0.5, sm: 2 }}>
          <Typography variant="body2" color="text.secondary" sx={{ minWidth: 140 }}>
            {translate('versions.listColumns.inEffectHelp')}
          </Typography>
          <div data-testid="public-standing-in-effect">
            <InEffectText spans={spans} />
          </div>
        </Stack>
      )}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={{ xs: 0.5, sm: 2 }}>
        <Typography variant="body2" color="text.secondary" sx={{ minWidth: 140 }}>
          {translate('versions.recordedAtDetail.label')}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="body2" data-testid="public-standing-recorded-at" title={record.recordedAt ? exactTokyoInstant(String(record.recordedAt)) : ''}>
            {record.recordedAt ? formatInstant(String(record.recordedAt)) : translate('versions.recordedAtDetail.none')}
          </Typography>
          {record.recordDateAssumed && !record.inventedContent && (
            <Typography variant="caption" color="text.secondary">
              {translate('versions.badges.recordDateAssumed')}
            </Typography>
          )}
        </Stack>
      </Stack>
    </Stack>
  );
};
