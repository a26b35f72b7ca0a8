import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Box, Card, CardContent, LinearProgress, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useParams } from 'react-router-dom';
import { ListButton, Title, TopToolbar, useTranslate, type RaRecord } from 'react-admin';
import { graphql } from '../dataProvider/graphql-client';
import { AUDIT_EVENT } from '../dataProvider/fragments';
import { tokyoDateTime } from '../reviews/format';
import { AuditTarget, actionLabel } from './AuditList';

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

const Json = ({ value, testId }: { value: unknown; testId: string }) =>
  value === null || value === undefined ? (
    <Typography variant="body2" color="text.disabled" data-testid={testId}>
      —
    </Typography>
  ) : (
    <Box
      component="pre"
      data-testid={testId}
      sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 480, overflow: 'auto' }}
    >
      {JSON.stringify(value, null, 2)}
    </Box>
  );

const Mono = ({ children, testId }: { children: ReactNode; testId: string }) => (
  <Box component="span" data-testid={testId} sx={{ fontFamily: 'monospace', fontSize: 13, wordBreak: 'break-all' }}>
    {children}
  </Box>
);

/** Every field of one audit event, before/after as pretty JSON, with the hash chain link. */
export const AuditShow = () => {
  const translate = useTranslate();
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
        [f('occurredAt'), <span data-testid="audit-occurred-at" title={event.occurredAt}>{`${tokyoDateTime(event.occurredAt)} (日本時間) / ${event.occurredAt}`}</span>],
        [f('actorName'), <span data-testid="audit-actor-name">{event.actorName ?? '—'}</span>],
        [f('actorId'), <Mono testId="audit-actor-id">{event.actorId ?? '—'}</Mono>],
        [f('action'), <span data-testid="audit-action">{`${actionLabel(event.action)} (${event.action})`}</span>],
        [f('target'), <AuditTarget record={event} />],
        [f('targetType'), <Mono testId="audit-target-type">{event.targetType ?? '—'}</Mono>],
        [f('targetId'), <Mono testId="audit-target-id">{event.targetId ?? '—'}</Mono>],
        [f('reason'), <span data-testid="audit-reason">{event.reason ?? '—'}</span>],
        [f('clientAddress'), <Mono testId="audit-client-address">{event.clientAddress ?? '—'}</Mono>],
        [f('before'), <Json value={event.before} testId="audit-before" />],
        [f('after'), <Json value={event.after} testId="audit-after" />],
        [f('prevHash'), <Mono testId="audit-prev-hash">{event.prevHash ?? '— (最初のイベント)'}</Mono>],
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
              <Table size="small" data-testid="audit-show">
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
