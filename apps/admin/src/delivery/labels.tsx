import { useMemo } from 'react';
import { Box, Chip, Stack, Tooltip, Typography, type ChipProps } from '@mui/material';
import { Link } from 'react-router-dom';
import { useGetList, useTranslate } from 'react-admin';
import { formatInstant } from '../common/dates';
import { attemptErrorKey } from './errors';
import type { ChangeEvent, ChangeEventType, Webhook, WebhookDeliveryStatus } from './types';

/** Policy key → title, from the policies list react-admin already caches (one request for every screen). */
export function usePolicyTitles(): Map<string, string> {
  const { data } = useGetList<{ id: string; key: string; title: string }>('policies', {
    pagination: { page: 1, perPage: 1000 },
    sort: { field: 'title', order: 'ASC' },
  });
  return useMemo(() => new Map((data ?? []).map((policy) => [String(policy.key ?? policy.id), String(policy.title)])), [data]);
}

/** A policy by its title; the key only while the titles load or for a policy the list no longer has. */
export const PolicyName = ({ policyKey, titles }: { policyKey: string; titles: Map<string, string> }) => (
  <Typography component="span" variant="body2" data-policy-key={policyKey}>
    {titles.get(policyKey) ?? ''}
  </Typography>
);

const EVENT_COLORS: Record<ChangeEventType, ChipProps['color']> = { PUBLISHED: 'primary', WITHDRAWN: 'warning', TOOK_EFFECT: 'success' };

/** A change event's kind as a word (公開 / 取下げ / 適用開始). */
export const EventTypeChip = ({ type }: { type: ChangeEventType }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      variant="outlined"
      color={EVENT_COLORS[type] ?? 'default'}
      label={translate(`delivery.eventTypes.${type}`, { _: translate('delivery.unknown') })}
      data-event-type={type}
      sx={{ fontWeight: 600 }}
    />
  );
};

const STATUS_COLORS: Record<WebhookDeliveryStatus, ChipProps['color']> = { PENDING: 'info', DELIVERED: 'success', FAILED: 'error' };

/** A delivery's state as a coloured word (送信待ち / 配信済み / 失敗). */
export const DeliveryStatusChip = ({ status }: { status: WebhookDeliveryStatus }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={STATUS_COLORS[status] ?? 'default'}
      variant={status === 'PENDING' ? 'outlined' : 'filled'}
      label={translate(`delivery.status.${status}`, { _: translate('delivery.unknown') })}
      data-testid="delivery-status"
      data-status={status}
    />
  );
};

/** 第N版, linked to the version's page; 適用される版なし for a TOOK_EFFECT that left nothing in force. */
export const VersionLink = ({ versionId, number }: { versionId: string | null; number: number | null }) => {
  const translate = useTranslate();
  if (!versionId || number === null) {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {translate('delivery.noVersion')}
      </Typography>
    );
  }
  return (
    <Link to={`/versions/${encodeURIComponent(versionId)}/show`} onClick={(event) => event.stopPropagation()} style={{ whiteSpace: 'nowrap' }}>
      {translate('delivery.version', { number })}
    </Link>
  );
};

/** 遡及 for a publication that corrects days already begun. */
export const RetroactiveBadge = () => {
  const translate = useTranslate();
  return (
    <Tooltip title={translate('delivery.retroactiveHelp')}>
      <Chip size="small" color="warning" label={translate('delivery.retroactive')} data-testid="retroactive-badge" />
    </Tooltip>
  );
};

/** One event in a line: its kind, the policy's title and the version (with 遡及 when it corrects the past). */
export const EventSummary = ({ event, titles }: { event: ChangeEvent; titles: Map<string, string> }) => (
  <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid="event-summary">
    <EventTypeChip type={event.type} />
    <PolicyName policyKey={event.policyKey} titles={titles} />
    <VersionLink versionId={event.versionId} number={event.versionNumber} />
    {event.retroactive && <RetroactiveBadge />}
  </Stack>
);

/**
 * Since when a subscription failed before the workers stopped it. The worker's reason is an English sentence
 * ("every delivery failed since <instant>, for longer than …"); its instant, or failingSince, is what a person needs.
 */
function disabledSince(webhook: Webhook): string | null {
  const stated = /failed since (\S+?),/.exec(webhook.disabledReason ?? '')?.[1];
  return stated && !Number.isNaN(Date.parse(stated)) ? stated : webhook.failingSince;
}

/** 有効 / 停止中 / 自動停止 (with the reason), and a warning while deliveries keep failing. */
export const WebhookState = ({ webhook }: { webhook: Webhook }) => {
  const translate = useTranslate();
  const state = webhook.active ? 'active' : webhook.disabledReason ? 'disabled' : 'paused';
  return (
    <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }} data-testid="webhook-state" data-state={state}>
      <Chip
        size="small"
        color={state === 'active' ? 'success' : state === 'disabled' ? 'error' : 'default'}
        variant={state === 'paused' ? 'outlined' : 'filled'}
        label={translate(`delivery.state.${state}`)}
      />
      {state === 'disabled' && (
        <Typography variant="caption" color="error" data-testid="webhook-disabled-reason" title={webhook.disabledReason ?? ''}>
          {translate('delivery.state.disabledReason', { since: formatInstant(disabledSince(webhook)) })}
        </Typography>
      )}
      {webhook.active && webhook.failingSince && (
        <Typography variant="caption" sx={{ whiteSpace: 'nowrap', color: 'warning.dark' }}>
          {translate('delivery.state.failing', { since: formatInstant(webhook.failingSince) })}
        </Typography>
      )}
    </Stack>
  );
};

/** The last answer of a delivery or attempt: HTTP status, or what went wrong in words (the raw text in the title). */
export const ResponseText = ({ statusCode, error }: { statusCode: number | null; error: string | null }) => {
  const translate = useTranslate();
  if (statusCode === null && !error) {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {translate('delivery.deliveries.waiting')}
      </Typography>
    );
  }
  const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
  return (
    <Box component="span" title={error ?? ''} sx={{ display: 'inline-flex', flexDirection: 'column' }}>
      {statusCode !== null && (
        <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', color: ok ? 'success.dark' : 'error.main' }}>
          {translate('delivery.deliveries.httpStatus', { code: statusCode })}
        </Typography>
      )}
      {error && !/^HTTP \d+$/.test(error) && (
        <Typography component="span" variant="caption" color="error">
          {translate(attemptErrorKey(error))}
        </Typography>
      )}
    </Box>
  );
};

/** An instant in Tokyo time, or なし. */
export const InstantText = ({ value }: { value: string | null | undefined }) => {
  const translate = useTranslate();
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} color={value ? 'text.primary' : 'text.secondary'}>
      {value ? formatInstant(value) : translate('delivery.never')}
    </Typography>
  );
};
