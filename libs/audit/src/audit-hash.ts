import { createHash } from 'node:crypto';
import type { AuditEvent } from './audit-event';

/** The fields an event's hash covers: everything but the id and the hashes themselves. */
export type HashedFields = Omit<AuditEvent, 'id' | 'prevHash' | 'hash'>;

/**
 * JSON with object keys sorted (by UTF-16 code units, recursively), no whitespace and absent members dropped: the
 * same value always gives the same text, whatever order jsonb hands its keys back in. Numbers and strings are
 * written as JSON.stringify writes them, which reads back to the same value after a trip through jsonb.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (typeof value === 'object') {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
    const members = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The value as it will be stored in jsonb and read back: JSON's view of it (Dates as strings, undefined as null). */
export function toJsonValue(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
}

/**
 * sha256, hex, of the previous event's hash ('' for the first event), a newline, and the canonical JSON of the
 * event's fields, camelCase, with occurredAt as an ISO-8601 string in UTC with milliseconds.
 *
 * The id is left out on purpose: it is handed out by an identity at insert time (with gaps where a transaction
 * rolled back), while the order of the trail is what the prev_hash links say. Verification checks that the two agree.
 */
export function eventHash(prevHash: string | null, event: HashedFields): string {
  const canonical = canonicalJson({
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    actorName: event.actorName,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    before: event.before,
    after: event.after,
    reason: event.reason,
    clientAddress: event.clientAddress,
  });
  return createHash('sha256').update(`${prevHash ?? ''}\n${canonical}`, 'utf8').digest('hex');
}
