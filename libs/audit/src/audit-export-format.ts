import type { AuditEvent } from './audit-event';
import { canonicalJson } from './audit-hash';

export type AuditExportFormat = 'csv' | 'jsonl';
export const AUDIT_EXPORT_FORMATS: readonly AuditExportFormat[] = ['csv', 'jsonl'];

export const AUDIT_EXPORT_CONTENT_TYPES: Record<AuditExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

const CSV_COLUMNS = [
  'id',
  'occurred_at',
  'actor_id',
  'actor_name',
  'action',
  'target_type',
  'target_id',
  'before',
  'after',
  'reason',
  'client_address',
  'prev_hash',
  'hash',
] as const;

/**
 * RFC 4180: a field holding a comma, a quote or a line break is quoted, and its quotes doubled. Null is empty.
 * A spreadsheet would run a cell that starts with = + - @, a tab or a carriage return as a formula (anyone may
 * choose a username that ends up in the trail), so such a cell gets an apostrophe in front (OWASP's advice), and so
 * does one that starts with an apostrophe already: removing one leading apostrophe from every cell that has one
 * gives back exactly what was stored, which the hashes are computed over.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const inert = /^[=+\-@\t\r']/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

const json = (value: unknown): string | null => (value === null || value === undefined ? null : canonicalJson(value));

// before/after are written in canonical JSON, so anyone can recompute every hash from the exported file alone.
function values(event: AuditEvent): (string | null)[] {
  return [
    event.id,
    event.occurredAt.toISOString(),
    event.actorId,
    event.actorName,
    event.action,
    event.targetType,
    event.targetId,
    json(event.before),
    json(event.after),
    event.reason,
    event.clientAddress,
    event.prevHash,
    event.hash,
  ];
}

/** The first line of a CSV export (CRLF-terminated, as RFC 4180 has it); JSON Lines has none. */
export function exportHeader(format: AuditExportFormat): string {
  return format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '';
}

/** One event as one line of the export, with its line ending. */
export function exportLine(format: AuditExportFormat, event: AuditEvent): string {
  if (format === 'csv') return `${values(event).map(csvField).join(',')}\r\n`;
  return `${JSON.stringify({
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    actorName: event.actorName,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    before: event.before ?? null,
    after: event.after ?? null,
    reason: event.reason,
    clientAddress: event.clientAddress,
    prevHash: event.prevHash,
    hash: event.hash,
  })}\n`;
}
