import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Box, Card, CardContent, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useParams } from 'react-router-dom';
import { ListButton, Title, TopToolbar, useLocaleState, useTranslate, type RaRecord } from 'react-admin';
import { graphql } from '../dataProvider/graphql-client';
import { AUDIT_EVENT } from '../dataProvider/fragments';
import { tokyoDateTime } from '../reviews/format';
import { exactTokyoInstant } from '../common/dates';
import { AuditTarget, useActionLabel } from './AuditList';
import { actorText, eventChanges, ledgerSentence, reasonText } from './eventChanges';

/**
 * One event, found by walking the trail's cursor pages (newest first, 200 a page). The trail has no by-id query, and
 * the generic getOne asks for a page larger than the API allows.
 */
async function findAuditEvent(id: string): Promise<RaRecord | null> {
  let after: string | null = null;
  for (;;) {
    const { auditTrail }: { auditTrail: { items: RaRecord[]; nextCursor: string | null } } = await graphql(
      `query($first: Int, $after: String) { auditTrail(first: $first, after: $after) { items { ${AUDIT_EVENT} } nextCursor } }`,
      { first: 200, after },
    );
    const found = auditTrail.items.find((event) => String(event.id) === id);
    if (found) return found;
    // Ids grow with time: once the page is older than the id, it is not there.
    const oldest = auditTrail.items[auditTrail.items.length - 1];
    if (!auditTrail.nextCursor || (oldest && /^\d+$/.test(id) && /^\d+$/.test(String(oldest.id)) && Number(oldest.id) < Number(id))) return null;
    after = auditTrail.nextCursor;
  }
}

/** The recorded JSON, folded: auditors who recompute a hash need the exact values; everyone else reads the table. */
const RecordedJson = ({ before, after }: { before: unknown; after: unknown }) => {
  const translate = useTranslate();
  if ((before === null || before === undefined) && (after === null || after === undefined)) return null;
  return (
    <Box component="details" data-testid="audit-recorded-json">
      <Box component="summary" sx={{ cursor: 'pointer', typography: 'body2', py: 0.5 }}>
        {translate('auditWords.changes.technical')}
      </Box>
      <Box
        component="pre"
        sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 480, overflow: 'auto' }}
      >
        {JSON.stringify({ before: before ?? null, after: after ?? null }, null, 2)}
      </Box>
    </Box>
  );
};

/** Before and after as a table in words: one row per field that changed (or was set), named as the forms name it. */
const ChangeTable = ({ event }: { event: RaRecord }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const rows = eventChanges(event.before, event.after, locale === 'en' ? 'en' : 'ja', translate);
  const ledger = ledgerSentence(event.after, (iso) => tokyoDateTime(iso), translate);
  const hasBefore = event.before !== null && event.before !== undefined;
  return (
    <Stack spacing={1} data-testid="audit-changes">
      {rows.length === 0 && !ledger ? (
        <Typography variant="body2" color="text.secondary">
          {translate('auditWords.changes.none')}
        </Typography>
      ) : (
        <Table size="small" sx={STACKED_ON_PHONE}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('auditWords.changes.field')}</TableCell>
              {hasBefore && <TableCell>{translate('auditWords.changes.before')}</TableCell>}
              <TableCell>{translate('auditWords.changes.after')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.path} data-testid="audit-change-row" data-path={row.path} sx={{ '& td': { verticalAlign: 'top' } }}>
                <TableCell sx={{ width: 280, fontWeight: { xs: 500, sm: 'inherit' } }}>{row.label}</TableCell>
                {hasBefore && (
                  <TableCell data-label={translate('auditWords.changes.before')} sx={{ whiteSpace: 'pre-wrap', bgcolor: row.changed ? 'rgba(211, 47, 47, 0.06)' : undefined }}>
                    {row.before}
                  </TableCell>
                )}
                <TableCell data-label={translate('auditWords.changes.after')} sx={{ whiteSpace: 'pre-wrap', bgcolor: row.changed && hasBefore ? 'rgba(46, 125, 50, 0.08)' : undefined }}>
                  {row.after}
                </TableCell>
              </TableRow>
            ))}
            {ledger && (
              <TableRow data-testid="audit-change-ledger">
                <TableCell>{translate('auditWords.changes.ledger')}</TableCell>
                {hasBefore && <TableCell />}
                <TableCell>{ledger}</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      )}
      <RecordedJson before={event.before} after={event.after} />
    </Stack>
  );
};

/**
 * On a phone a table of labels and values (or of a field, 変更前 and 変更後) reads one row at a time, each cell on its
 * own line under the one before, named by its column (data-label): side by side, the event's changes were squeezed
 * into the value column and wrapped a character a line.
 */
const STACKED_ON_PHONE = {
  '@media (max-width: 599.95px)': {
    '& thead': { display: 'none' },
    '& tr, & th, & td': { display: 'block', width: 'auto' },
    '& th, & td': { px: 0.5 },
    '& tr > :not(:last-child)': { borderBottom: 'none', pb: 0.25 },
    '& td[data-label]::before': { content: 'attr(data-label)', display: 'block', fontSize: 12, color: 'text.secondary' },
  },
} as const;

const Mono = ({ children, testId }: { children: ReactNode; testId: string }) => (
  <Box component="span" data-testid={testId} sx={{ fontFamily: 'monospace', fontSize: 13, wordBreak: 'break-all' }}>
    {children}
  </Box>
);

/** One audit event in words: who, what, about which version, what changed (a table), and its link in the hash chain. */
export const AuditShow = () => {
  const translate = useTranslate();
  const actionLabel = useActionLabel();
  const { id = '' } = useParams<{ id: string }>();
  const [event, setEvent] = useState<RaRecord | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setEvent(undefined);
    setError(null);
    findAuditEvent(decodeURIComponent(id)).then(
      (found) => !cancelled && setEvent(found),
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [id]);

  const f = (field: string) => translate(`review.audit.fields.${field}`);
  const rows: [string, ReactNode][] = event
    ? [
        [f('id'), <Mono testId="audit-id">{event.id}</Mono>],
        [f('occurredAt'), <span data-testid="audit-occurred-at" title={exactTokyoInstant(event.occurredAt)}>{tokyoDateTime(event.occurredAt)}</span>],
        [
          f('actorName'),
          <span data-testid="audit-actor-name">
            {actorText(event, translate)}
            {event.actorDisplayName && event.actorName ? `(${event.actorName})` : ''}
          </span>,
        ],
        [f('action'), <span data-testid="audit-action">{actionLabel(event.action)}</span>],
        [f('target'), <AuditTarget record={event} />],
        [f('reason'), <span data-testid="audit-reason">{reasonText(event, translate) ?? '—'}</span>],
        [translate('auditWords.changes.title'), <ChangeTable event={event} />],
        [f('clientAddress'), <Mono testId="audit-client-address">{event.clientAddress ?? '—'}</Mono>],
        [f('prevHash'), <Mono testId="audit-prev-hash">{event.prevHash ?? translate('auditWords.changes.firstEvent')}</Mono>],
        [f('hash'), <Mono testId="audit-hash">{event.hash}</Mono>],
      ]
    : [];

  return (
    <Box sx={{ mt: 1 }}>
      <Title title={`${translate('resources.audit.name', { smart_count: 1, _: '監査証跡' })} #${id}`} />
      <TopToolbar>
        <ListButton resource="audit" />
      </TopToolbar>
      <Card>
        <CardContent>
          {event === undefined && !error && <LinearProgress />}
          {error && <Alert severity="error">{error}</Alert>}
          {event === null && <Alert severity="warning">{translate('review.audit.notFound')}</Alert>}
          {event && (
            <Stack spacing={1}>
              <Typography variant="h6" component="h2">
                #{event.id} {actionLabel(event.action)}
              </Typography>
              <Table size="small" data-testid="audit-show" sx={STACKED_ON_PHONE}>
                <TableBody>
                  {rows.map(([label, value]) => (
                    <TableRow key={label} sx={{ '& td, & th': { verticalAlign: 'top' } }}>
                      <TableCell component="th" scope="row" sx={{ width: 200, fontWeight: 'bold' }}>
                        {label}
                      </TableCell>
                      <TableCell>{value}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Stack>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};
