import { Box, Chip, Divider, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography, useMediaQuery, type Theme } from '@mui/material';
import { EditButton, ListButton, Show, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { KIND_TITLES } from '@policy-cms/kinds';
import { DEMO_LOAD_REASON } from '@policy-cms/contract';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { may } from '../authProvider';
import { CalendarRangeText, formatInstant } from '../common/dates';
import { fill } from '../i18n/messages-versions';
import { useVersionTexts } from '../i18n/useTexts';
// The review screens' engineer owns this panel: workflow action buttons and the diff with the version in force.
import { WorkflowPanel } from '../reviews/WorkflowPanel';
import { RejectionBanner } from '../reviews/RejectionBanner';
import { ContentView } from './ContentView';
import { DemoBadges, PublicStanding, StatusChip } from './StatusChip';
import { EDITABLE_STATUSES } from './VersionForm';
import { usePolicy, usePolicyKinds, versionName } from './hooks';
import { actorText, reasonText } from '../audit/eventChanges';
import { useKindWords } from '../kinds/shared/useKindWords';

/** The app bar names the version in words: 「<policy title> 第3版」. */
const ShowTitle = () => {
  const T = useVersionTexts();
  const record = useRecordContext();
  const translate = useTranslate();
  return <span data-testid="version-title">{record ? versionName(record, translate) : T.title.show}</span>;
};

const ShowActions = () => {
  const T = useVersionTexts();
  const record = useRecordContext();
  return (
    <TopToolbar>
      <ListButton label={T.title.list} />
      {record && may('edit') && EDITABLE_STATUSES.includes(String(record.status)) && <EditButton data-testid="edit-version" />}
    </TopToolbar>
  );
};

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <Stack direction={{ xs: 'column', sm: 'row' }} spacing={{ xs: 0.5, sm: 2 }} sx={{ py: 0.75 }}>
    <Typography variant="body2" color="text.secondary" sx={{ minWidth: 140, flexShrink: 0 }}>
      {label}
    </Typography>
    <Box sx={{ flex: 1 }}>{children}</Box>
  </Stack>
);

/** Retroactive: before today at publication (with its reason), or still unpublished with a start in the past. */
const isRetroactive = (record: Record<string, unknown>) =>
  !!record.retroactiveReason || (!!record.retroactive && !['PUBLISHED', 'WITHDRAWN'].includes(String(record.status)));

const Overview = () => {
  const T = useVersionTexts();
  const record = useRecordContext();
  const policy = usePolicy(record?.policyKey as string | undefined);
  const kinds = usePolicyKinds();
  const words = useKindWords();
  if (!record) return null;
  const kindName = String(record.policyKind);
  // The shared vocabulary names every kind it knows in both languages; the API's title only a kind added since.
  const kindText = KIND_TITLES[kindName] ? words.kind(kindName) : (kinds?.find((k) => k.name === kindName)?.title ?? kindName);
  return (
    <Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="h5" component="h1">
          {policy?.title ?? String(record.policyKey)}
        </Typography>
        <Typography variant="h6" color="text.secondary" data-testid="version-number">
          {fill(T.numberLabel, { number: String(record.number) })}
        </Typography>
        <StatusChip status={String(record.status)} size="medium" />
        {isRetroactive(record) && <Chip color="warning" label={T.badges.retroactive} data-testid="retroactive-badge" />}
        <DemoBadges size="medium" />
      </Stack>
      <Row label={T.fields.policyKey}>
        <Typography
          variant="body2"
          component={Link}
          to={{ pathname: '/versions', search: `?filter=${encodeURIComponent(JSON.stringify({ policyKey: record.policyKey }))}` }}
          sx={{ fontFamily: 'monospace' }}
        >
          {String(record.policyKey)}
        </Typography>
        <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
          {kindText}
        </Typography>
      </Row>
      <Row label={T.fields.range}>
        <CalendarRangeText from={String(record.effectiveFrom)} through={(record.effectiveThrough as string | null) ?? null} />
      </Row>
      <Row label={T.fields.summary}>
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-testid="version-summary">
          {String(record.summary ?? '')}
        </Typography>
      </Row>
      {record.retroactiveReason && (
        <Row label={T.fields.reason}>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-testid="retroactive-reason">
            {String(record.retroactiveReason)}
          </Typography>
        </Row>
      )}
      <Row label={`${T.fields.createdAt} / ${T.fields.updatedAt}`}>
        <Typography variant="body2">
          {formatInstant(record.createdAt as string)} / {formatInstant(record.updatedAt as string)}
        </Typography>
      </Row>
      {(record.approvedAt || record.publishedAt || record.withdrawnAt) && (
        <Row label={[record.approvedAt && T.fields.approvedAt, record.publishedAt && T.fields.publishedAt, record.withdrawnAt && T.fields.withdrawnAt].filter(Boolean).join(' / ')}>
          <Typography variant="body2">
            {[record.approvedAt, record.publishedAt, record.withdrawnAt]
              .filter(Boolean)
              .map((t) => formatInstant(t as string))
              .join(' / ')}
          </Typography>
        </Row>
      )}
    </Box>
  );
};

/** An event of the version's history: a type alias, so that actorText takes it as it takes the audit's records. */
type HistoryEvent = {
  id: string;
  occurredAt: string;
  actorName: string | null;
  actorDisplayName?: string | null;
  actorId?: string | null;
  action: string;
  reason: string | null;
};

/** The history for a phone: one block per step (when, who, what, then the reason), instead of four narrow columns. */
const HistoryStack = ({ events }: { events: HistoryEvent[] }) => {
  const translate = useTranslate();
  return (
    <Stack component="ul" spacing={1} divider={<Divider component="li" aria-hidden />} sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {events.map((event) => (
        <Box component="li" key={event.id} data-testid="history-row" data-action={event.action}>
          <Typography variant="caption" color="text.secondary" component="div" sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatInstant(event.occurredAt)}
          </Typography>
          <Typography variant="body2">
            <strong>{translate(`auditWords.actions.${event.action}`, { _: event.action })}</strong>
            {'・'}
            {actorText(event, translate)}
          </Typography>
          {event.reason && (
            <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>
              {reasonText({ reason: event.reason, actorId: event.actorId }, translate)}
            </Typography>
          )}
        </Box>
      ))}
    </Stack>
  );
};

/** The demo loader publishes as the system, with the reason DEMO_LOAD_REASON. */
const loadedAsDemoData = (event: HistoryEvent) => !event.actorId && event.reason === DEMO_LOAD_REASON;

const History = () => {
  const T = useVersionTexts();
  const record = useRecordContext();
  const translate = useTranslate();
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const events = (record?.history ?? []) as HistoryEvent[];
  return (
    <Box data-testid="workflow-history">
      <Typography variant="h6" sx={{ mb: 1 }}>
        {T.fields.history}
      </Typography>
      {/* Two dates for one publication would look like an alteration to an auditor: say which is which. */}
      {events.some(loadedAsDemoData) && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="history-demo-loaded">
          {T.history.demoLoaded}
        </Typography>
      )}
      {events.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {T.history.empty}
        </Typography>
      ) : narrow ? (
        <HistoryStack events={events} />
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{T.history.occurredAt}</TableCell>
              <TableCell>{T.history.actorName}</TableCell>
              <TableCell>{T.history.action}</TableCell>
              <TableCell>{T.history.reason}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {events.map((event) => (
              <TableRow key={event.id} data-testid="history-row" data-action={event.action}>
                <TableCell sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{formatInstant(event.occurredAt)}</TableCell>
                <TableCell>{actorText(event, translate)}</TableCell>
                <TableCell>{translate(`auditWords.actions.${event.action}`, { _: event.action })}</TableCell>
                <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{reasonText({ reason: event.reason, actorId: event.actorId }, translate) ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};

/** Whether the review section above (the workflow slot) draws a facility table now; it loads after the page. */
function useMatrixInWorkflowSlot(enabled: boolean): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const slot = enabled ? document.querySelector('[data-testid="workflow-slot"]') : null;
    if (!slot) return setShown(false);
    const check = () => setShown(slot.querySelector('table[data-facility-matrix]') !== null);
    check();
    const observer = new MutationObserver(check);
    observer.observe(slot, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [enabled]);
  return shown;
}

/**
 * The content. A facility matrix is drawn once on the page: when the review section above already draws this
 * version's table (a comparison, or what a withdrawal would change), the one here stays folded (one click opens it).
 */
const Content = () => {
  const T = useVersionTexts();
  const record = useRecordContext();
  const folded = useMatrixInWorkflowSlot(record?.policyKind === 'facility-matrix');
  if (!record) return null;
  const view = <ContentView kind={String(record.policyKind)} content={record.content} />;
  return (
    <Box data-testid="version-content" data-folded={folded ? 'true' : 'false'}>
      <Typography variant="h6" sx={{ mb: 1 }}>
        {T.fields.content}
      </Typography>
      {folded ? (
        <Box component="details">
          <Box component="summary" sx={{ cursor: 'pointer', typography: 'body2', py: 0.5 }}>
            {T.showMatrix}
          </Box>
          {view}
        </Box>
      ) : (
        view
      )}
    </Box>
  );
};

/**
 * One version: status, range (ISO + 和暦), summary, badges, content per kind, and its workflow history. The workflow
 * actions and the diff come from the review screens' <WorkflowPanel /> (it reads the record from context).
 */
export const VersionShow = () => (
  <Show title={<ShowTitle />} actions={<ShowActions />}>
    <Stack spacing={2} sx={{ p: 2 }}>
      {/* The review screens' banner: a rejected (or taken-back) draft says why, first. */}
      <RejectionBanner />
      <Overview />
      <PublicStanding />
      {/* ---- Slot owned by the review screens: workflow action buttons and the diff (reviews/WorkflowPanel.tsx). ---- */}
      <Box data-testid="workflow-slot">
        <WorkflowPanel />
      </Box>
      {/* ---- End of the review screens' slot. ---- */}
      <Divider />
      <Content />
      <Divider />
      <History />
    </Stack>
  </Show>
);

