import { createHash } from 'node:crypto';
import { RECORD_SETTLE_MS } from '@policy-cms/common';

/** An answer about an explicit past `knownAt` on an explicit day can never change: a year, the longest HTTP allows. */
export const IMMUTABLE_MAX_AGE_SECONDS = 31_536_000;

const TOKYO_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

export interface SnapshotFreshness {
  /** `on` was left out: the answer is about today in Tokyo, and so changes at the next Tokyo midnight. */
  onDefaulted: boolean;
  /** The `knownAt` given, if any: the record read is fixed (the read path never changes an answer once given). */
  knownAt: Date | null;
  now: Date;
  /** How long an answer "as of now" may be reused (SNAPSHOT_MAX_AGE_SECONDS). */
  maxAgeSeconds: number;
}

/**
 * Cache-Control of a snapshot. As of now, a publish may change the answer at any time: reuse it for a short while,
 * and serve it stale for as long again while revalidating. When `on` defaulted to today, nothing may be reused past
 * the next Tokyo midnight, stale-while-revalidate included, since the same URL then asks about another day.
 */
export function cacheControlOf(freshness: SnapshotFreshness): string {
  const untilMidnight = freshness.onDefaulted ? secondsToNextTokyoMidnight(freshness.now) : Number.POSITIVE_INFINITY;
  if (freshness.knownAt) {
    // Immutable only once settled: record instants come from the instances' clocks, so a recent knownAt could still
    // gain a write from an instance whose clock runs behind. RECORD_SETTLE_MS bounds every write's commit.
    const settled = freshness.now.getTime() - freshness.knownAt.getTime() > RECORD_SETTLE_MS;
    if (!settled) return `public, max-age=${Math.min(freshness.maxAgeSeconds, untilMidnight)}`;
    return Number.isFinite(untilMidnight) ? `public, max-age=${untilMidnight}` : `public, max-age=${IMMUTABLE_MAX_AGE_SECONDS}, immutable`;
  }
  const maxAge = Math.min(freshness.maxAgeSeconds, untilMidnight);
  const staleWhileRevalidate = Math.min(freshness.maxAgeSeconds, untilMidnight - maxAge);
  return staleWhileRevalidate > 0 ? `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}` : `public, max-age=${maxAge}`;
}

/**
 * Whole seconds from `now` to the next 00:00 in Tokyo, rounded down so that a cache never crosses it. Japan has kept
 * UTC+9 without daylight saving since 1952, so Tokyo's midnight is always 15:00 UTC.
 */
export function secondsToNextTokyoMidnight(now: Date): number {
  const ms = now.getTime();
  const nextMidnight = (Math.floor((ms + TOKYO_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - TOKYO_OFFSET_MS;
  return Math.floor((nextMidnight - ms) / 1000);
}

/** The opaque part of a strong ETag for these bytes: SHA-256, base64url, 128 bits of it (a collision is not a risk). */
export function entityTagOf(body: Buffer): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 22);
}

export type ContentCoding = 'br' | 'gzip' | 'identity';

/**
 * The ETag of one representation: each content coding is a representation of its own (its bytes differ), so a cache
 * that keeps a compressed copy never serves it to a client that asked for another coding under the same tag.
 */
export function entityTagHeader(tag: string, coding: ContentCoding): string {
  return coding === 'identity' ? `"${tag}"` : `"${tag}-${coding}"`;
}

/**
 * Whether If-None-Match names this content (RFC 9110 §13.1.2: weak comparison), in any coding: a client that kept the
 * gzip copy and now asks for br still holds the same answer.
 */
export function noneMatchHolds(ifNoneMatch: string | undefined, tag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  for (const candidate of ifNoneMatch.split(',')) {
    const opaque = /^\s*(?:W\/)?"([^"]*)"\s*$/.exec(candidate)?.[1];
    if (opaque === undefined) continue;
    if (opaque === tag || opaque === `${tag}-br` || opaque === `${tag}-gzip`) return true;
  }
  return false;
}
