import { FIELD_ENUMS, contentFieldPattern, contentFieldTrail, enumLabel, type Locale } from '@policy-cms/kinds';
import { joinListWords } from '../common/listWords';
import { countOptions } from '../i18n/count';
import { auditActorKindOf, type AuditActorKind } from '@policy-cms/contract';

/** One line of an event's before/after table, in words. */
export interface ChangeRow {
  /** Where the value sits (content.rows.2.facilityTypes), for tests and tooltips; never shown as the label. */
  path: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

const STATUS_FIELDS = new Set(['status']);
/** Bookkeeping an auditor reads in the recorded JSON if at all; the table shows what a person changed. */
const HIDDEN = new Set(['ledger', 'approvedHash', 'history', 'policyKey']);
/** The order a person reads a version in: what state, which days, what note, then the content. */
const ORDER = ['status', 'number', 'effectiveFrom', 'effectiveThrough', 'summary', 'revision', 'username', 'displayName', 'roles', 'active'];
const rank = (path: string) => {
  const index = ORDER.indexOf(path.split('.')[0]);
  return index === -1 ? ORDER.length : index;
};

type Leaf = string | number | boolean | null;

/**
 * Every value of an event's before and after, flattened to the leaves a person reads (a list of plain values is one
 * leaf), each labelled in words: content fields by the kinds' own names (「手続の行 3 › 手続できる施設」), enum codes as
 * their labels (TEST_CENTER → 運転免許試験場), statuses and roles as the screens name them. When the event has both a
 * before and an after, only what differs is listed; a creation lists everything it set.
 */
export function eventChanges(before: unknown, after: unknown, locale: Locale, t: Translate): ChangeRow[] {
  const b = flatten(before);
  const a = flatten(after);
  const both = isObject(before) && isObject(after);
  // Stable sort: within a rank (the content), the recorded order stays.
  const paths = [...new Set([...b.keys(), ...a.keys()])].sort((x, y) => rank(x) - rank(y));
  const rows: ChangeRow[] = [];
  for (const path of paths) {
    const was = b.get(path);
    const now = a.get(path);
    const changed = JSON.stringify(was) !== JSON.stringify(now);
    if (both && !changed) continue;
    rows.push({ path, label: labelOf(path, locale, t), before: text(path, was, locale, t), after: text(path, now, locale, t), changed });
  }
  return rows;
}

/** The ledger record of a publish or withdraw event, as one sentence; null when the event has none. */
export function ledgerSentence(after: unknown, formatInstant: (iso: string) => string, t: Translate): string | null {
  if (!isObject(after) || !isObject(after.ledger)) return null;
  const ledger = after.ledger as { recordedAt?: string; opened?: unknown[]; closed?: unknown[] };
  const opened = Array.isArray(ledger.opened) ? ledger.opened.length : 0;
  const closed = Array.isArray(ledger.closed) ? ledger.closed.length : 0;
  return t('auditWords.changes.ledgerText', {
    at: ledger.recordedAt ? formatInstant(ledger.recordedAt) : '—',
    added: t('auditWords.changes.segmentsAdded', countOptions(opened)),
    ended: t('auditWords.changes.segmentsEnded', countOptions(closed)),
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isLeafList = (value: unknown[]) => value.every((item) => item === null || typeof item !== 'object');

function flatten(value: unknown, path = '', into = new Map<string, Leaf | Leaf[]>()): Map<string, Leaf | Leaf[]> {
  if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (path === '' && HIDDEN.has(key)) continue;
      flatten(item, path ? `${path}.${key}` : key, into);
    }
  } else if (Array.isArray(value) && !isLeafList(value)) {
    value.forEach((item, index) => flatten(item, `${path}.${index}`, into));
  } else if (path !== '') {
    into.set(path, value as Leaf | Leaf[]);
  }
  return into;
}

function labelOf(path: string, locale: Locale, t: Translate): string {
  if (path === 'content' || path.startsWith('content.')) return `${t('auditWords.fields.content')} › ${contentFieldTrail(path, locale)}`;
  const name = t(`auditWords.fields.${path}`, { _: '' });
  return name || contentFieldTrail(path, locale);
}

function text(path: string, value: Leaf | Leaf[] | undefined, locale: Locale, t: Translate): string {
  if (value === undefined || value === null) {
    return path === 'effectiveThrough' && value === null ? t('auditWords.changes.openEnded') : t('auditWords.changes.empty');
  }
  if (Array.isArray(value)) return value.length === 0 ? t('auditWords.changes.empty') : joinListWords(value.map((item) => word(path, item, locale, t)), locale);
  return word(path, value, locale, t);
}

function word(path: string, value: Leaf, locale: Locale, t: Translate): string {
  if (value === null) return t('auditWords.changes.empty');
  if (typeof value === 'boolean') return t(value ? 'auditWords.changes.yes' : 'auditWords.changes.no');
  if (STATUS_FIELDS.has(path)) return t(`versions.status.${String(value)}`, { _: String(value) });
  if (path === 'roles') return t(`auditWords.roles.${String(value)}`, { _: String(value) });
  if (path.startsWith('content.')) {
    const enumName = FIELD_ENUMS[contentFieldPattern(path)] ?? FIELD_ENUMS[`${contentFieldPattern(path)}.*`];
    if (enumName) return enumLabel(enumName, String(value), locale);
  }
  return String(value);
}

/**
 * The reason, as stored; the system's own fixed reasons (the demo load's 'demo data') in the reader's language.
 * Only events without an actor are translated: a person's words are shown as written.
 */
export const reasonText = (record: { reason?: string | null; actorId?: string | null; [field: string]: unknown }, translate: Translate): string | null =>
  record.reason && !record.actorId ? translate(`auditWords.systemReasons.${record.reason}`, { _: record.reason }) : (record.reason ?? null);

/**
 * Who did it, as a person: the display name now, else the username recorded then (someone no longer a user);
 * システム for the system itself; for a caller who was not signed in (a failed login), the name they typed, said to be
 * only that: typing 'system' at the login does not make an attempt the system's.
 */
export const actorText = (
  event: { actorDisplayName?: string | null; actorName?: string | null; actorId?: string | null; actorKind?: AuditActorKind | null; action?: unknown; [field: string]: unknown },
  translate: Translate,
): string => {
  if (event.actorDisplayName) return event.actorDisplayName;
  const kind = event.actorKind ?? (typeof event.action === 'string' ? auditActorKindOf({ actorId: event.actorId ?? null, action: event.action }) : 'PERSON');
  if (kind === 'SYSTEM') return translate('auditWords.system');
  if (kind === 'ANONYMOUS' && event.actorName) return translate('auditWords.typedName', { name: event.actorName });
  return event.actorName ?? translate('auditWords.anonymous');
};
