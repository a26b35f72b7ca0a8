import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { CLOCK, DomainError } from '@policy-cms/common';
import { PolicyReadService } from '@policy-cms/policy';
import { type CalendarDate, type Clock, todayInTokyo } from '@policy-cms/temporal';
import { type ContentCoding, entityTagOf } from './http-caching';
import type { SnapshotQuestion } from './snapshot-request';

export const SNAPSHOT_OPTIONS = Symbol('SNAPSHOT_OPTIONS');

export interface SnapshotOptions {
  /** How long an answer "as of now" may be reused by HTTP caches (SNAPSHOT_MAX_AGE_SECONDS). */
  maxAgeSeconds: number;
  /** Bound of the cache of serialized snapshots, in bytes (bodies and their compressed copies); 0 turns it off. */
  cacheBytes: number;
  /**
   * How far behind the request's arrival an answer "as of now" may be settled (SNAPSHOT_SETTLE_MS): a cached snapshot
   * is then served without a database round trip while the read model confirmed its state that recently. Other
   * instances' publishes still show as soon as their notification arrives; this instance's own at once.
   */
  settleMs: number;
}

/** One snapshot as bytes, with its tag and its compressed copies made once, on first demand. */
export interface SnapshotRepresentation {
  body: Buffer;
  tag: string;
  watermark: Date | null;
  encoded(coding: Exclude<ContentCoding, 'identity'>): Promise<Buffer>;
}

type RulesSnapshot = Awaited<ReturnType<PolicyReadService['rulesSnapshot']>>;
type PolicySnapshot = Awaited<ReturnType<PolicyReadService['policySnapshot']>>;
type Version = RulesSnapshot['rules'][number];

const compressGzip = promisify(gzip);
const compressBrotli = promisify(brotliCompress);
// Each copy is made once per state of the record and then served many times: the densest settings pay for themselves.
const BROTLI_OPTIONS = { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT } };
const GZIP_OPTIONS = { level: 9 };

/** What an entry costs beyond its bytes: keys, tags and bookkeeping, roughly. */
const ENTRY_OVERHEAD_BYTES = 512;
/** One snapshot may take at most this share of the cache. */
// A quarter: the rules of 10,000 policies (3.8 MB, 11.4 MB counted with its copies) still fit the default 64 MiB.
const LARGEST_ENTRY_SHARE = 4;

/**
 * The snapshots over plain HTTP, answered by the public read service (its read model and caches, as GraphQL is), and
 * kept as bytes per state of the record: the same question about the same state (READ_FRESHNESS's token), day and
 * scope is serialized, hashed and compressed once. The whole cache is dropped when the state changes.
 */
@Injectable()
export class SnapshotService {
  private readonly cache: LRUCache<string, SnapshotRepresentation> | undefined;
  private state: string | undefined;

  constructor(
    private readonly reads: PolicyReadService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SNAPSHOT_OPTIONS) readonly options: SnapshotOptions,
  ) {
    if (options.cacheBytes <= 0) return;
    this.cache = new LRUCache({
      maxSize: options.cacheBytes,
      maxEntrySize: Math.floor(options.cacheBytes / LARGEST_ENTRY_SHARE),
      // The compressed copies are smaller than the body: counting the body three times bounds them too.
      sizeCalculation: (entry, key) => 3 * entry.body.length + key.length + ENTRY_OVERHEAD_BYTES,
    });
  }

  /** `/v1/rules`: every policy's version in force. */
  rules(question: SnapshotQuestion, arrival: Date): Promise<SnapshotRepresentation> {
    return this.represent(null, question, arrival, async (on) => rulesBody(await this.reads.rulesSnapshot({ on, knownAt: question.knownAt }), question));
  }

  /** `/v1/policies/{key}`: one policy's version in force; NOT_FOUND for an unknown key. */
  policy(key: string, question: SnapshotQuestion, arrival: Date): Promise<SnapshotRepresentation> {
    return this.represent(key, question, arrival, async (on) =>
      policyBody(await this.reads.policySnapshot(key, { on, knownAt: question.knownAt }), question),
    );
  }

  private async represent(
    scope: string | null,
    question: SnapshotQuestion,
    arrival: Date,
    compute: (on: CalendarDate) => Promise<{ json: unknown; watermark: Date | null }>,
  ): Promise<SnapshotRepresentation> {
    const { on, token, key } = await this.keyOf(scope, question, arrival);
    const state = this.cache && token !== undefined ? this.currentState() : undefined;
    if (state !== undefined) {
      const stored = this.cache!.get(key);
      if (stored) return stored;
    }
    const { json, watermark } = await compute(on);
    const representation = representationOf(Buffer.from(JSON.stringify(json)), watermark);
    // Kept only when computed under one state of the record (a publish meanwhile may have mixed two).
    if (state !== undefined && this.reads.currentState() === state) this.cache!.set(key, representation);
    return representation;
  }

  /**
   * The stored snapshot for this question, if there is one for the settled state of the record; undefined otherwise
   * (the caller then asks the routes, which compute and store it). For the edge in front of the framework.
   */
  async stored(scope: string | null, question: SnapshotQuestion, arrival: Date): Promise<SnapshotRepresentation | undefined> {
    if (!this.cache) return undefined;
    const { token, key } = await this.keyOf(scope, question, arrival);
    if (token === undefined || this.currentState() === undefined) return undefined;
    return this.cache.get(key);
  }

  private async keyOf(scope: string | null, question: SnapshotQuestion, arrival: Date) {
    // The day is fixed at arrival, so that an answer computed across midnight is about the day it was asked.
    const on = question.on ?? todayInTokyo({ now: () => arrival });
    const token = await this.settledToken(question.knownAt, arrival);
    return { on, token, key: JSON.stringify([token, scope, on, question.knownAt?.getTime() ?? 'now']) };
  }

  /**
   * The state of the record once every change up to `knownAt` is reflected (as of now: up to settleMs before arrival,
   * and every change of this process); undefined while the read model is not
   * serving (the read service then answers from the database, and nothing is kept).
   */
  private async settledToken(knownAt: Date | undefined, arrival: Date): Promise<string | undefined> {
    if (!this.cache || this.reads.currentState() === undefined) return undefined;
    try {
      return knownAt ? await this.reads.settledState(knownAt) : await this.reads.settledRecentState(arrival, this.options.settleMs);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'UNAVAILABLE' && this.reads.currentState() === undefined) return undefined;
      throw error;
    }
  }

  /** The state answers are given from now; a new one makes every stored snapshot unreachable, so they are dropped. */
  private currentState(): string | undefined {
    const state = this.reads.currentState();
    if (state !== this.state) {
      this.cache?.clear();
      this.state = state;
    }
    return state;
  }

  /** The clock the routes read "now" from (the app's, injected in tests). */
  now(): Date {
    return this.clock.now();
  }
}

function representationOf(body: Buffer, watermark: Date | null): SnapshotRepresentation {
  const copies = new Map<string, Promise<Buffer>>();
  return {
    body,
    tag: entityTagOf(body),
    watermark,
    encoded(coding) {
      let copy = copies.get(coding);
      if (!copy) {
        copy = coding === 'br' ? compressBrotli(body, BROTLI_OPTIONS) : compressGzip(body, GZIP_OPTIONS);
        copies.set(coding, copy);
      }
      return copy;
    },
  };
}

/**
 * The moment members of a body. As of now, `knownAt` is the watermark: nothing was recorded after it, so the answer is
 * the one as of the watermark, and stating it keeps the bytes (and the ETag) the same until the record changes.
 */
function momentOf(snapshot: RulesSnapshot | PolicySnapshot, question: SnapshotQuestion) {
  const watermark = snapshot.watermark?.toISOString() ?? null;
  return { on: snapshot.on, knownAt: question.knownAt ? question.knownAt.toISOString() : watermark, watermark };
}

function rulesBody(snapshot: RulesSnapshot, question: SnapshotQuestion) {
  return { json: { ...momentOf(snapshot, question), rules: snapshot.rules.map(versionJson) }, watermark: snapshot.watermark };
}

function policyBody(snapshot: PolicySnapshot, question: SnapshotQuestion) {
  const { key, kind, title, section } = snapshot.policy;
  const version = snapshot.version ? versionJson(snapshot.version) : null;
  return { json: { ...momentOf(snapshot, question), policy: { key, kind, title, section }, version }, watermark: snapshot.watermark };
}

/** A version as the GraphQL PolicyVersion serializes it, members in a fixed order. */
function versionJson(version: Version) {
  return {
    id: version.id,
    policyKey: version.policyKey,
    number: version.number,
    status: version.status,
    effectiveFrom: version.effectiveFrom,
    effectiveThrough: version.effectiveThrough,
    versionEffectiveFrom: version.versionEffectiveFrom,
    versionEffectiveThrough: version.versionEffectiveThrough,
    content: version.content,
    summary: version.summary,
    recordedAt: version.recordedAt?.toISOString() ?? null,
    supersededAt: version.supersededAt?.toISOString() ?? null,
    demo: version.demo,
  };
}
