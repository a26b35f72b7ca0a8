import { type CalendarDate, type EffectiveRange, addDays, rangeCovers } from '@policy-cms/temporal';
import type { VersionStatus } from './version-status';

/**
 * Where a version stands in the public record now, as its ledger rows say: what a reader of the public rules gets
 * from it, not the editorial step it reached. `PUBLISHED` alone cannot say that a later version has covered it.
 */
export const VERSION_PUBLIC_STATES = ['IN_FORCE', 'SCHEDULED', 'PARTLY_IN_EFFECT', 'ENDED', 'SUPERSEDED', 'WITHDRAWN'] as const;
export type VersionPublicState = (typeof VERSION_PUBLIC_STATES)[number];

export interface VersionStandingInput {
  status: VersionStatus;
  /** The version's own range. */
  range: EffectiveRange;
  /** The current ledger rows of the version (record time open), any order, not overlapping. */
  inEffect: readonly EffectiveRange[];
  today: CalendarDate;
}

export interface VersionStanding {
  /** null: never published (a draft, in review, approved or rejected). */
  publicState: VersionPublicState | null;
  /** The days it is in force in the current record, in effective order. */
  inEffect: EffectiveRange[];
  /** A later version covers some, but not all, of its own range. */
  coveredInPart: boolean;
}

/**
 * In force today → IN_FORCE; every day still its own lies ahead → SCHEDULED; a later version covers every one of its
 * days → SUPERSEDED; every day still its own is past → ENDED, whether or not a later version took over the rest of
 * its range (the 2025-09-01 fix ended the card-renewal rule: it is over, not "partly valid"); covered in part, not in
 * force today, and with days of its own both past and ahead (a hole cut in it) → PARTLY_IN_EFFECT.
 * `coveredInPart` marks any of these whose range a later version cuts short.
 */
export function versionStanding({ status, range, inEffect, today }: VersionStandingInput): VersionStanding {
  const spans = [...inEffect].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  if (status === 'WITHDRAWN') return { publicState: 'WITHDRAWN', inEffect: [], coveredInPart: false };
  if (status !== 'PUBLISHED') return { publicState: null, inEffect: [], coveredInPart: false };
  if (spans.length === 0) return { publicState: 'SUPERSEDED', inEffect: [], coveredInPart: false };
  const coveredInPart = !coversWhole(spans, range);
  const publicState: VersionPublicState = spans.some((span) => rangeCovers(span, today))
    ? 'IN_FORCE'
    : spans.every((span) => span.effectiveFrom > today)
      ? 'SCHEDULED'
      : spans.every((span) => span.effectiveThrough !== null && span.effectiveThrough < today)
        ? 'ENDED'
        : 'PARTLY_IN_EFFECT';
  return { publicState, inEffect: spans, coveredInPart };
}

/** Whether the sorted spans, joined end to start, cover exactly the version's own range. */
function coversWhole(spans: readonly EffectiveRange[], range: EffectiveRange): boolean {
  if (spans[0].effectiveFrom !== range.effectiveFrom) return false;
  for (let i = 1; i < spans.length; i++) {
    const previousEnd = spans[i - 1].effectiveThrough;
    if (previousEnd === null || addDays(previousEnd, 1) !== spans[i].effectiveFrom) return false;
  }
  return spans[spans.length - 1].effectiveThrough === range.effectiveThrough;
}
