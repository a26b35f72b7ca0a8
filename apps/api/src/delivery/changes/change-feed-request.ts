import { DomainError } from '@policy-cms/common';
import { afterSeq, pageSize } from './change-feed.service';

export interface ChangesQuestion {
  after: string | null;
  limit: number | null;
}

/**
 * Reads a /v1/changes or /v1/changes/stream query string strictly: only the parameters named are accepted, each at
 * most once, and a malformed value is BAD_USER_INPUT naming the parameter (never ignored: a typo such as `afer=` would
 * otherwise restart a consumer from the first event).
 */
export function changesQuestion(rawQuery: string, allowed: readonly ('after' | 'limit')[]): ChangesQuestion {
  const parameters = new URLSearchParams(rawQuery);
  for (const name of new Set(parameters.keys())) {
    if (!(allowed as readonly string[]).includes(name)) {
      throw DomainError.badInput(name, `unknown query parameter ${JSON.stringify(name)}; the parameters are ${allowed.join(' and ')}`);
    }
    const count = parameters.getAll(name).length;
    if (count > 1) throw DomainError.badInput(name, `${name} is given ${count} times; give it once`);
  }
  const after = parameters.get('after');
  if (after !== null) afterSeq(after, 'after');
  const limit = parameters.get('limit');
  return { after, limit: limit === null ? null : limitOf(limit) };
}

function limitOf(text: string): number {
  // Digits only: Number() would also take '', ' 5', '1e2' and '0x10'.
  const value = /^[0-9]{1,7}$/.test(text) ? Number(text) : Number.NaN;
  return pageSize(Number.isNaN(value) ? 0 : value, 'limit');
}

/** Where a stream starts: after `after` (null: at the current end), and the field that named it (for a refusal). */
export interface StreamStart {
  after: string | null;
  field: 'after' | 'Last-Event-ID';
}

/**
 * Where a stream starts: after the Last-Event-ID an EventSource sends when it reconnects (it wins over `after`, since
 * the browser keeps the first URL), else after `after`, else null: at the current end (only new events).
 */
export function streamStart(lastEventId: string | string[] | undefined, after: string | null): StreamStart {
  if (Array.isArray(lastEventId)) throw DomainError.badInput('Last-Event-ID', 'Last-Event-ID is given more than once');
  if (lastEventId !== undefined && lastEventId.trim() !== '') {
    return { after: afterSeq(lastEventId.trim(), 'Last-Event-ID'), field: 'Last-Event-ID' };
  }
  return { after: after === null ? null : afterSeq(after, 'after'), field: 'after' };
}
