import { createHash } from 'node:crypto';
import { canonicalJson } from '@policy-cms/canonical-json';
import type { AuditEvent } from './audit-event';

// One canonical JSON for the whole product (the util lib's, which refuses values with no single JSON form). Event
// fields are first normalised with toJsonValue, so what is hashed is what jsonb keeps.
export { canonicalJson };

/** The fields an event's hash covers: everything but the id and the hashes themselves. */
export type HashedFields = Omit<AuditEvent, 'id' | 'prevHash' | 'hash'>;

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
