/**
 * How many items the public lists are expected to hold, for the query cost only (nothing is cut at these numbers).
 * The demo rule book has 17 policies with at most 3 segments each; the bounds leave room for the real one to grow.
 */
export const LIST_BOUNDS = {
  /** `policies`, `rulesInForce`, `previewRulesInForce`: one item per policy. */
  policies: 50,
  /** `policyTimeline`: segments of one policy. */
  timelineSegments: 20,
  /** `policyLedger`: ledger rows of one policy, superseded ones included. */
  ledgerRows: 40,
  /** `changesBetween`: segments taking effect in a range, over every policy. */
  changes: 100,
} as const;
