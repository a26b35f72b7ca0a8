import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * "Now" for every public read answered on behalf of one request: the instant a read "as of now" is read as of, and
 * the day in Tokyo that `on` defaults to. Without it each field of a GraphQL document would take the clock's now for
 * itself, and a publish committed between two fields would show in one and not in the other.
 *
 * `at` is fixed by the edge when it has already settled the record to the request's arrival, else by the request's
 * first read. A ledger write made by the request clears it, so that what the request reads after its own write shows
 * the write (a mutation's answer).
 */
export interface RequestInstant {
  at: Date | undefined;
}

const requestInstants = new AsyncLocalStorage<RequestInstant>();

/** Runs `work` (and everything it starts) as one request whose reads share one instant, `at` if given. */
export function atOneInstant<T>(work: () => T, at?: Date): T {
  return requestInstants.run({ at }, work);
}

/** The request's instant, fixing it to `now()` on first use; `now()` itself outside a request. */
export function requestNow(now: () => Date): Date {
  const request = requestInstants.getStore();
  if (!request) return now();
  request.at ??= now();
  return request.at;
}

/** Fixes the request's instant to one the edge settled the record to (no-op outside a request). */
export function fixRequestInstant(at: Date): void {
  const request = requestInstants.getStore();
  if (request) request.at = at;
}

/** The request wrote to the ledger: its next read takes a new instant, after the write. */
export function requestWrote(): void {
  const request = requestInstants.getStore();
  if (request) request.at = undefined;
}

/**
 * Runs `work` outside any request: for work started by one request on behalf of many (a batch of questions, a
 * barrier several reads wait for), so that it, and what it schedules, does not carry the first requester's instant.
 */
export function outsideRequest<T>(work: () => T): T {
  return requestInstants.exit(work);
}
