import { auditActionWords, auditActorKindOf } from '@policy-cms/contract';
import type { AuditEvent } from './audit-event';
import { canonicalJson } from './audit-hash';
import type { AuditEventNames } from './audit-names';

export type AuditExportFormat = 'csv' | 'jsonl';
export const AUDIT_EXPORT_FORMATS: readonly AuditExportFormat[] = ['csv', 'jsonl'];

export const AUDIT_EXPORT_CONTENT_TYPES: Record<AuditExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/**
 * Excel in Japanese reads a CSV without a byte order mark as Shift_JIS and garbles every kana; with one it reads UTF-8.
 * The BOM is the first character of the file, before the header row.
 */
export const UTF8_BOM = '\uFEFF';

const CSV_COLUMNS = [
  'id',
  'occurred_at_asia_tokyo',
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
  // Names as they are now, to read the file without the system: not hashed (the columns above are the event).
  'actor_display_name',
  'target_policy_title',
  'target_version_number',
  'target_user_name',
  // The action in the office's words (承認, 公開, …), from the same table as the admin's screens.
  'action_name_ja',
  // PERSON, SYSTEM or ANONYMOUS: a failed login's actor_name is what was typed, not a person (nor the system).
  'actor_kind',
] as const;

/** The language of the CSV's header row: column names for programs (the default), or Japanese for a person in Excel. */
export type AuditExportHeaders = 'en' | 'ja';
export const AUDIT_EXPORT_HEADERS: readonly AuditExportHeaders[] = ['en', 'ja'];

/**
 * The same columns named for a person reading the file in a spreadsheet (the admin's 「CSV(表計算ソフト用)」). Only the
 * header row differs: the cells are the same, so the hashes are recomputed from either file alike.
 */
const CSV_COLUMNS_JA: Record<(typeof CSV_COLUMNS)[number], string> = {
  id: '番号',
  occurred_at_asia_tokyo: '日時(日本時間)',
  actor_id: '実行者ID',
  actor_name: '実行者のユーザー名(記録)',
  action: '操作コード',
  target_type: '対象の種類コード',
  target_id: '対象ID',
  before: '変更前(JSON)',
  after: '変更後(JSON)',
  reason: '理由',
  client_address: '接続元アドレス',
  prev_hash: '直前のハッシュ',
  hash: 'ハッシュ',
  actor_display_name: '実行者の表示名(現在)',
  target_policy_title: '対象ポリシー(現在)',
  target_version_number: '対象の版番号',
  target_user_name: '対象ユーザー(現在)',
  action_name_ja: '操作',
  actor_kind: '実行者の区分コード',
};

/**
 * An instant as Tokyo wall-clock time with its offset, e.g. 2025-03-24T09:00:00.000+09:00: what the office reads,
 * and still exactly the instant (new Date() of it gives back the hashed one). Japan has kept +09:00 since 1951.
 */
export function tokyoInstant(instant: Date): string {
  return `${new Date(instant.getTime() + 9 * 3_600_000).toISOString().slice(0, 23)}+09:00`;
}

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
function values(event: AuditEvent & Partial<AuditEventNames>): (string | null)[] {
  return [
    event.id,
    tokyoInstant(event.occurredAt),
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
    event.actorDisplayName ?? null,
    event.targetPolicyTitle ?? null,
    event.targetVersionNumber == null ? null : String(event.targetVersionNumber),
    event.targetUserName ?? null,
    auditActionWords(event.action, 'ja'),
    event.actorKind ?? auditActorKindOf(event),
  ];
}

/**
 * The start of a CSV export: the BOM and the header row (CRLF-terminated, as RFC 4180 has it), its names in English
 * or in Japanese; JSON Lines has none.
 */
export function exportHeader(format: AuditExportFormat, headers: AuditExportHeaders = 'en'): string {
  if (format !== 'csv') return '';
  const names = headers === 'ja' ? CSV_COLUMNS.map((column) => CSV_COLUMNS_JA[column]) : CSV_COLUMNS;
  return `${UTF8_BOM}${names.map(csvField).join(',')}\r\n`;
}

/** One event as one line of the export, with its line ending. */
export function exportLine(format: AuditExportFormat, event: AuditEvent & Partial<AuditEventNames>): string {
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
