/**
 * How long after its record instant a ledger write can still commit. The ledger bounds every statement of a write
 * so that it never takes longer; readers of older instants need not wait for writes in flight, and verification
 * holds each record instant to within this of the trail's own time.
 */
export const RECORD_SETTLE_MS = 5 * 60_000;
