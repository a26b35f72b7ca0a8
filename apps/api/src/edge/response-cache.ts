import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { FieldNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, SelectionSetNode, parse } from 'graphql';
import { canonicalJson } from '@policy-cms/canonical-json';
import { DomainError, type ReadFreshness, fixRequestInstant, httpErrorOf, parseInstant } from '@policy-cms/common';
import { type Clock, todayInTokyo } from '@policy-cms/temporal';

/**
 * The root fields an anonymous caller may ask without changing anything: their answers depend only on the state of the
 * record (the freshness token), the Tokyo day (`on` defaults to it) and the request itself. Introspection is left out:
 * it is refused in production, and nobody asks it often.
 */
export const PUBLIC_READ_FIELDS: ReadonlySet<string> = new Set([
  'policies',
  'policyKinds',
  'policyInForce',
  'rulesInForce',
  'policyTimeline',
  'changesBetween',
  'policyLedger',
  'integration',
  'cardRenewalCarryOver',
  'renewalFee',
  '__typename',
]);

/**
 * The public reads answered "as the record stood at `knownAt`" (default now). An answer about a past instant depends
 * only on the changes recorded up to it, so the state need only be settled up to that instant: a question about a
 * confirmed past waits for nothing. The other public reads are answered as of now.
 */
export const AS_OF_FIELDS: ReadonlySet<string> = new Set([
  'policyInForce',
  'rulesInForce',
  'policyTimeline',
  'changesBetween',
  'integration',
  'cardRenewalCarryOver',
  'renewalFee',
]);

/** The request body members Apollo reads on a POST; anything else (`extensions`: persisted queries) may change the answer. */
const BODY_MEMBERS: ReadonlySet<string> = new Set(['query', 'variables', 'operationName']);

/** Headers that belong to the connection or to one answer's framing, not to the answer: Node writes them afresh. */
const FRAMING_HEADERS: ReadonlySet<string> = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** A single answer may take at most this share of the cache, so that one huge answer cannot flush all the others. */
const LARGEST_ANSWER_SHARE = 8;

/** What an entry costs beyond its body and key: the headers and the bookkeeping, roughly. */
const ENTRY_OVERHEAD_BYTES = 512;

/** Questions remembered as asked once, waiting for a second ask before their answer is kept (a few MiB at most). */
const QUESTIONS_REMEMBERED = 65_536;

/** Operations remembered as answered by Apollo without errors, with their headers (a few hundred bytes each). */
const PROVEN_OPERATIONS = 4096;

/** Bound of the analyses of distinct documents, in characters of document text. */
const ANALYSES_MAX_CHARS = 4 * 1024 * 1024;
const ANALYSIS_OVERHEAD_CHARS = 256;

export interface ResponseCacheOptions {
  /** Bound of the stored answers, in bytes (bodies, keys and an estimate of the headers); 0 turns the cache off. */
  maxBytes: number;
  clock: Clock;
  /** Which state of the record an answer belongs to; without it nothing can be stored (off). */
  freshness: ReadFreshness | undefined;
}

export interface ResponseCacheStats {
  entries: number;
  bytes: number;
  /** Cacheable requests answered from the cache. */
  hits: number;
  /** Cacheable requests that went to Apollo. */
  misses: number;
  /** Misses whose answer was stored. */
  stored: number;
  /**
   * Misses whose answer was not stored: asked for the first time, not a 200 without errors, too large, or the state or
   * day moved meanwhile.
   */
  skipped: number;
  /** Cacheable requests refused because the state could not be settled in time (UNAVAILABLE). */
  unavailable: number;
}

export interface StoredAnswer {
  /** The headers Apollo (and Express's send) set, with their names as written. */
  headers: [name: string, value: OutgoingHttpHeader][];
  body: Buffer;
}

/**
 * The instant a cacheable operation's answer is about: now, or the latest of the explicit `knownAt`s of its root fields
 * (each a literal's instant, in ms, or a variable's name).
 */
export type AnswerInstant = 'now' | ({ ms: number } | { variable: string })[];

/** What one document allows: for each operation (by name; '' for the one anonymous operation), its instant or null. */
export interface DocumentAnalysis {
  /** Distinguishes documents in keys, without repeating their text; a document analysed again gets a new one. */
  id: number;
  /** null: not cacheable (not a query of public reads, or a name used twice). */
  operations: ReadonlyMap<string, AnswerInstant | null>;
}

/** What the edge learns of an anonymous POST: the stored answer, or the question settled and not answered yet. */
export type EdgeLookup = { stored: StoredAnswer; miss?: undefined } | { stored?: undefined; miss: EdgeMiss };

export interface EdgeMiss {
  key: string;
  state: string;
  day: string;
  /** The instant the record was settled to for this question (its arrival). */
  arrival: Date;
  body: GraphQLBody;
  /** The headers Apollo set on a 200 without errors to this operation and Accept; undefined if it never gave one. */
  headers: StoredAnswer['headers'] | undefined;
}

interface Question {
  body: GraphQLBody;
  documentId: number;
  instant: AnswerInstant;
}

/** A question whose instant has been settled: the state it is answered from, the Tokyo day, and the arrival. */
type SettledQuestion = Question & { token: string; day: string; arrival: Date };

/** A POST body of the shape Apollo answers, with nothing in it that the key would not cover. */
export interface GraphQLBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/**
 * Whole answers to anonymous public reads, replayed byte for byte while the record has not changed. A stored answer is
 * keyed by the state of the record it was computed from (READ_FRESHNESS's token), the Tokyo day, the Accept header
 * (Apollo chooses the content type from it) and the request itself (document, canonical variables, operation name).
 * An answer is kept when its question is asked a second time, if it is a 200 without errors computed under one state.
 * Everything in front of it on the route (security headers, rate limit, body parser, input boundary, token limit)
 * still runs for a hit; Apollo, its limits, the resolvers and the request log do not, since a stored answer passed
 * all of them.
 */
export class ResponseCache {
  private readonly answers: LRUCache<string, StoredAnswer> | undefined;
  private readonly freshness: ReadFreshness;
  private readonly analyses = new LRUCache<string, DocumentAnalysis>({
    maxSize: ANALYSES_MAX_CHARS,
    maxEntrySize: ANALYSES_MAX_CHARS / LARGEST_ANSWER_SHARE,
    sizeCalculation: (_analysis, text) => text.length + ANALYSIS_OVERHEAD_CHARS,
  });
  private nextDocumentId = 1;
  private readonly asked = new LRUCache<number, true>({ max: QUESTIONS_REMEMBERED });
  /** The state (currentState) the stored answers were computed under. */
  private state: string | undefined;
  private readonly counts = { hits: 0, misses: 0, stored: 0, skipped: 0, unavailable: 0 };
  /** Today in Tokyo at an instant (todayInTokyo remembers the day it last gave). */
  private readonly tokyoDay = (instant: Date): string => todayInTokyo({ now: () => instant });
  /**
   * Operations (document, operation name, Accept) Apollo has answered with a 200 without errors, with the headers it
   * set: such an operation passed every check that depends on its text alone (parsing, validation, the limits).
   */
  private readonly proven = new LRUCache<string, StoredAnswer['headers']>({ max: PROVEN_OPERATIONS });
  /** Questions the edge settled and found no answer for, handed to the middleware with their request. */
  private readonly settledAtEdge = new WeakMap<IncomingMessage, SettledQuestion>();

  constructor(private readonly options: ResponseCacheOptions) {
    this.freshness = options.freshness ?? { settledState: () => Promise.reject(new Error('no read model')), currentState: () => undefined };
    if (options.maxBytes <= 0 || !options.freshness) return;
    this.answers = new LRUCache<string, StoredAnswer>({
      maxSize: options.maxBytes,
      maxEntrySize: Math.floor(options.maxBytes / LARGEST_ANSWER_SHARE),
      sizeCalculation: (answer, key) => answer.body.length + key.length + ENTRY_OVERHEAD_BYTES,
    });
  }

  get enabled(): boolean {
    return this.answers !== undefined;
  }

  stats(): ResponseCacheStats {
    return { entries: this.answers?.size ?? 0, bytes: this.answers?.calculatedSize ?? 0, ...this.counts };
  }

  /**
   * The GraphQL edge's half (in front of Express), for an anonymous POST whose body the edge has read: the stored
   * answer, found without the framework; or, when none is stored, the settled question (handed to the middleware with
   * the request, so that it is not settled twice) and, when Apollo has answered this operation before with a 200
   * without errors for this Accept, the headers it gave (the edge may then compute the answer itself); undefined when
   * the request is not a cacheable question or the state cannot be settled here.
   */
  async lookup(req: IncomingMessage, body: unknown): Promise<EdgeLookup | undefined> {
    const answers = this.answers;
    if (!answers || req.headers.authorization !== undefined) return undefined;
    const graphql = graphQLBody(body);
    if (!graphql) return undefined;
    const question = this.questionOf(graphql);
    if (!question || this.freshness.currentState() === undefined) return undefined;
    const arrival = this.options.clock.now();
    const day = this.tokyoDay(arrival);
    let token: string;
    try {
      token = await this.freshness.settledState(instantOf(question.instant, graphql.variables, arrival));
    } catch {
      return undefined; // the middleware settles again, and answers the refusal in its own way
    }
    const settled = { ...question, token, day, arrival };
    const key = this.keyOf(settled, req.headers.accept);
    const state = key === undefined ? undefined : this.statedAs(answers);
    if (key === undefined || state === undefined) return undefined;
    const stored = answers.get(key);
    if (stored) return { stored };
    this.settledAtEdge.set(req, settled);
    return { miss: { key, state, day, arrival, body: graphql, headers: this.proven.get(provenKey(settled, req.headers.accept)) } };
  }

  /** The edge sent a stored answer (it may still leave one found to the app: a client over its budget). */
  countHit(): void {
    this.counts.hits++;
  }

  /**
   * The edge computed and sent the answer to a question it found no stored answer for: kept as the middleware keeps
   * Apollo's (when asked a second time, and only if the state and the day are still those it was computed under).
   */
  computedAtEdge(miss: EdgeMiss, answer: StoredAnswer): void {
    const answers = this.answers;
    if (!answers) return;
    this.counts.misses++;
    if (!this.askedBefore(miss.key)) return void this.counts.skipped++;
    this.store(answers, miss.key, miss, answer, 200);
  }

  /** The middleware for the GraphQL path, after the edge's checks and before Apollo. */
  middleware(): RequestHandler {
    const answers = this.answers;
    if (!answers) return (_req: Request, _res: Response, next: NextFunction) => next();
    return (req: Request, res: Response, next: NextFunction) => {
      const settledAtEdge = this.settledAtEdge.get(req);
      if (settledAtEdge) {
        this.settledAtEdge.delete(req);
        // The body the edge read is the one Express has: the question is the same, already settled.
        if (req.body === settledAtEdge.body) return this.answer(answers, req, res, next, settledAtEdge);
      }
      const question = this.cacheableRequest(req);
      // No state to name while the read model is not serving (starting, reloading, off): the resolvers answer from
      // the database, and nothing could be stored.
      if (!question || this.freshness.currentState() === undefined) return next();
      const arrival = this.options.clock.now();
      const day = this.tokyoDay(arrival);
      let settled: Promise<string>;
      try {
        settled = this.freshness.settledState(instantOf(question.instant, question.body.variables, arrival));
      } catch (error) {
        return this.unsettled(error, res, next);
      }
      settled.then(
        (token) => {
          try {
            this.answer(answers, req, res, next, { ...question, token, day, arrival });
          } catch (error) {
            next(error); // a fault of the cache's own (nothing was sent yet): Express's error handlers answer it
          }
        },
        (error: unknown) => this.unsettled(error, res, next),
      );
    };
  }

  /**
   * The state could not be settled. When the model stopped serving meanwhile, the resolvers answer from the database:
   * let them. Otherwise (a publication holding the ledger lock too long, the database away) they would wait as long
   * again and fail alike, so the refusal is answered here at once, with the status and the code they would give
   * (UNAVAILABLE, 503), in the contract's error shape (without their `data: null` and the field's path).
   */
  private unsettled(error: unknown, res: Response, next: NextFunction): void {
    if (!(error instanceof DomainError) || error.code !== 'UNAVAILABLE' || this.freshness.currentState() === undefined) return next();
    this.counts.unavailable++;
    const { status, body } = httpErrorOf(error);
    res.status(status).json(body);
  }

  private answer(
    answers: LRUCache<string, StoredAnswer>,
    req: Request,
    res: Response,
    next: NextFunction,
    request: SettledQuestion,
  ): void {
    // The resolvers read as of the arrival the record was settled to: "now" needs no second barrier, and the answer
    // is the one the token names.
    fixRequestInstant(request.arrival);
    // Variables without a canonical JSON form cannot be keyed: Apollo answers them.
    const key = this.keyOf(request, req.headers.accept);
    const state = key === undefined ? undefined : this.statedAs(answers);
    if (key === undefined || state === undefined) return next();
    const stored = answers.get(key);
    if (stored) {
      this.counts.hits++;
      replay(res, stored);
      return;
    }
    this.counts.misses++;
    const keep = this.askedBefore(key);
    captureAnswer(res, (answer, status) => {
      // Apollo answered this operation, for this Accept, with a 200 without errors: its headers are the ones any such
      // answer gets (the edge computes the next answers itself, with them).
      if (answer && status === 200 && !hasErrors(answer.body)) this.proven.set(provenKey(request, req.headers.accept), answer.headers);
      if (keep) this.store(answers, key, { state, day: request.day }, answer, status);
      else this.counts.skipped++;
    });
    next();
  }

  private keyOf(request: SettledQuestion, accept: string | undefined): string | undefined {
    try {
      return requestKey({ ...request, accept, ...this.pastStates(request) });
    } catch {
      return undefined;
    }
  }

  /**
   * A question about the past is keyed by the state of the record at each knownAt it gives, not by the instants: a
   * knownAt never asked before, when no change was recorded between it and one asked before, finds that answer. The
   * public reads depend on knownAt only through the record as it stood then (no answer repeats it). Only variables
   * are put in terms of states, and only when every knownAt of the question is a settled instant before the arrival
   * (a knownAt after now is refused, one that does not parse is refused): anything else keeps its own key.
   */
  private pastStates(request: SettledQuestion): { variables: Record<string, unknown>; states: true } | undefined {
    const stateAt = this.freshness.recordStateAt;
    const given = request.body.variables;
    if (request.instant === 'now' || !stateAt || !given) return undefined;
    const variables: Record<string, unknown> = { ...given };
    for (const source of request.instant) {
      if ('ms' in source) continue; // a literal: part of the document, keyed with it
      const ms = instantOrNull(given[source.variable]);
      if (ms === null || ms >= request.arrival.getTime()) return undefined;
      const state = stateAt.call(this.freshness, new Date(ms));
      if (state === undefined) return undefined;
      variables[source.variable] = state;
    }
    return { variables, states: true };
  }

  /**
   * The state answers are given from now, forgetting the stored answers when it moved; an answer computed from here on
   * is kept only if it is still the same when the answer is done (the token in the key names the settled state, and
   * may also name the instant asked).
   */
  private statedAs(answers: LRUCache<string, StoredAnswer>): string | undefined {
    const state = this.freshness.currentState();
    if (state !== undefined && state !== this.state) {
      answers.clear(); // every token settled from now on names the new state: no stored answer can be asked again
      this.state = state;
    }
    return state;
  }

  /**
   * Whether the question was asked recently, remembering it if not. Only a question asked a second time has its
   * answer kept: a stream of questions asked once (each about another past instant) costs no copy and evicts nothing.
   * A 32-bit hash stands for the key; two keys sharing one merely get stored a request early.
   */
  private askedBefore(key: string): boolean {
    const hash = fnv1a(key);
    if (this.asked.get(hash)) return true;
    this.asked.set(hash, true);
    return false;
  }

  private store(
    answers: LRUCache<string, StoredAnswer>,
    key: string,
    computed: { state: string; day: string },
    answer: StoredAnswer | undefined,
    status: number,
  ): void {
    const storable =
      answer !== undefined &&
      status === 200 &&
      // An answer computed while the record moved on (or across midnight in Tokyo) may mix two states: never keep it.
      this.freshness.currentState() === computed.state &&
      this.tokyoDay(this.options.clock.now()) === computed.day &&
      !hasErrors(answer.body);
    if (storable && answers.set(key, answer).has(key)) this.counts.stored++;
    else this.counts.skipped++;
  }

  /**
   * A cacheable request's question, or undefined: only an anonymous POST to the path itself, or an anonymous GET with
   * the question in its query string (GraphQL over HTTP), of public reads only.
   */
  private cacheableRequest(req: Request): Question | undefined {
    if (req.headers.authorization !== undefined) return undefined;
    const body =
      req.method === 'POST' && req.originalUrl === '/graphql'
        ? graphQLBody(req.body)
        : req.method === 'GET' && req.originalUrl.startsWith('/graphql?')
          ? graphQLQueryString(req.originalUrl)
          : undefined;
    return body && this.questionOf(body);
  }

  private questionOf(body: GraphQLBody): Question | undefined {
    const analysis = this.analysisOf(body.query);
    const instant = selectedOperation(analysis, body.operationName);
    return instant ? { body, documentId: analysis.id, instant } : undefined;
  }

  private analysisOf(text: string): DocumentAnalysis {
    let analysis = this.analyses.get(text);
    if (!analysis) {
      analysis = { id: this.nextDocumentId++, operations: analyseDocument(text) };
      this.analyses.set(text, analysis);
    }
    return analysis;
  }
}

/** The body, when it has exactly the members Apollo reads on a POST, of the types it accepts. */
export function graphQLBody(body: unknown): GraphQLBody | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  for (const member of Object.keys(record)) if (!BODY_MEMBERS.has(member)) return undefined;
  const { query, variables, operationName } = record;
  if (typeof query !== 'string') return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  return record as unknown as GraphQLBody;
}

/**
 * The question of a GET (`?query=…&variables=…&operationName=…`), in the shape of a POST body, when it holds only the
 * members Apollo reads, each once, with variables as a JSON object: a POST and a GET of the same question then share
 * one key. Anything else (`extensions`, a repeated or unparsable member) is left to Apollo, uncached.
 */
export function graphQLQueryString(url: string): GraphQLBody | undefined {
  const start = url.indexOf('?');
  if (start < 0) return undefined;
  const parameters = new URLSearchParams(url.slice(start + 1));
  const body: Record<string, unknown> = {};
  for (const [name, value] of parameters) {
    if (!BODY_MEMBERS.has(name) || name in body) return undefined;
    body[name] = value;
  }
  if (typeof body.variables === 'string') {
    try {
      body.variables = JSON.parse(body.variables);
    } catch {
      return undefined;
    }
  }
  return graphQLBody(body);
}

/**
 * For each operation of the document, whether its answer may be stored (a query whose root fields, fragments
 * included, are all public reads) and the instant it is about. A document that does not parse has none: Apollo answers it.
 */
export function analyseDocument(text: string): ReadonlyMap<string, AnswerInstant | null> {
  const operations = new Map<string, AnswerInstant | null>();
  let document;
  try {
    document = parse(text, { noLocation: true });
  } catch {
    return operations;
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const name = definition.name?.value ?? '';
    // Two operations of one name, or two anonymous ones: Apollo refuses the document.
    operations.set(name, operations.has(name) ? null : publicReadInstant(definition, fragments));
  }
  return operations;
}

function publicReadInstant(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): AnswerInstant | null {
  if (operation.operation !== 'query') return null;
  const fields: FieldNode[] = [];
  if (!collectRootFields(operation.selectionSet, fragments, new Set(), fields)) return null;
  const instants: Exclude<AnswerInstant, 'now'> = [];
  for (const field of fields) {
    if (field.name.value === '__typename') continue;
    if (!AS_OF_FIELDS.has(field.name.value)) return 'now';
    const knownAt = field.arguments?.find((argument) => argument.name.value === 'knownAt')?.value;
    const literal = knownAt?.kind === Kind.STRING ? instantOrNull(knownAt.value) : null;
    if (knownAt?.kind === Kind.VARIABLE) instants.push({ variable: knownAt.name.value });
    else if (literal !== null) instants.push({ ms: literal });
    else return 'now'; // no knownAt (now), or one Apollo refuses
  }
  return instants.length > 0 ? instants : 'now';
}

/** The root fields, through fragments; false when one is not a public read or a fragment is unknown. */
function collectRootFields(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: Set<string>,
  fields: FieldNode[],
): boolean {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!PUBLIC_READ_FIELDS.has(selection.name.value)) return false;
      fields.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (!collectRootFields(selection.selectionSet, fragments, seen, fields)) return false;
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment) return false; // an unknown fragment: Apollo refuses the document
      if (seen.has(name)) continue; // a cycle is Apollo's to refuse, and an error answer is never stored
      seen.add(name);
      if (!collectRootFields(fragment.selectionSet, fragments, seen, fields)) return false;
    }
  }
  return true;
}

/** The operation Apollo would run, as graphql-js selects it (by name, or the only one), when it is cacheable. */
export function selectedOperation(analysis: DocumentAnalysis, operationName: string | null | undefined): AnswerInstant | null {
  // The anonymous operation is kept under '', a name no request can select: graphql-js finds no operation named "".
  if (operationName === '') return null;
  if (operationName !== undefined && operationName !== null) return analysis.operations.get(operationName) ?? null;
  if (analysis.operations.size !== 1) return null;
  return analysis.operations.values().next().value ?? null;
}

/**
 * The instant to settle the record to before a question is answered: the latest explicit knownAt, or the arrival
 * when the question is about now, when a knownAt is missing or null (now), or when it is not before the arrival (a
 * knownAt after now is refused, and a refusal is never stored).
 */
export function instantOf(instant: AnswerInstant, variables: GraphQLBody['variables'], arrival: Date): Date {
  if (instant === 'now') return arrival;
  let latest = Number.NEGATIVE_INFINITY;
  for (const source of instant) {
    const ms = 'ms' in source ? source.ms : instantOrNull(variables?.[source.variable]);
    if (ms === null) return arrival;
    latest = Math.max(latest, ms);
  }
  return latest < arrival.getTime() ? new Date(latest) : arrival;
}

/** A knownAt as the DateTime scalar reads it, in ms; null when it is not one. */
function instantOrNull(value: unknown): number | null {
  if (typeof value !== 'string') return null; // left out or null (now): spares the scalar's error and its stack trace
  try {
    return parseInstant(value).getTime();
  } catch {
    return null;
  }
}

/** The operation of a question, as Apollo selects and answers it, with the Accept header. */
function provenKey(question: Question, accept: string | undefined): string {
  return JSON.stringify([question.documentId, question.body.operationName ?? null, (accept ?? '').toLowerCase().replace(/\s+/g, '')]);
}

/**
 * The key of one question about one state of the record. Everything Apollo's answer depends on is in it: the state,
 * the day in Tokyo (`on` defaults to it), the Accept header (it picks the content type) and the request.
 */
export function requestKey(parts: {
  token: string;
  day: string;
  accept: string | undefined;
  documentId: number;
  body: GraphQLBody;
  /** The variables with each knownAt put as the state of the record then (ReadFreshness.recordStateAt). */
  variables?: Record<string, unknown>;
  states?: true;
}): string {
  const accept = (parts.accept ?? '').toLowerCase().replace(/\s+/g, '');
  const given = parts.states ? parts.variables : parts.body.variables;
  const variables = given === undefined ? '' : canonicalJson(given);
  const operationName = parts.body.operationName === undefined ? '' : JSON.stringify(parts.body.operationName);
  // A key in terms of states is marked as such: no request's own variables can stand for one.
  return JSON.stringify([parts.token, parts.day, accept, parts.documentId, operationName, parts.states ?? false]) + variables;
}

/**
 * Whether an answer may carry errors (then it is not stored: a partial answer, or one that may not last). Apollo writes
 * JSON.stringify's compact form, where a member named errors is written `"errors":` and the same characters inside a
 * string are escaped (`\"errors\":`): a search of the bytes finds every answer with errors, in a few microseconds where
 * parsing a large answer takes a hundred. It also finds a member named errors deeper in the data: such an answer is
 * merely not stored.
 */
export function hasErrors(body: Buffer): boolean {
  return body[0] !== OPENING_BRACE || body.includes(ERRORS_MEMBER);
}

const OPENING_BRACE = '{'.charCodeAt(0);
const ERRORS_MEMBER = Buffer.from('"errors":');

/** FNV-1a over the UTF-16 code units of a string: a cheap 32-bit hash. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Sends a stored answer: status 200, Apollo's headers, the same bytes. */
function replay(res: Response, answer: StoredAnswer): void {
  res.statusCode = 200;
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.end(answer.body);
}

/**
 * Calls `done` with what the handlers after this point send, once they end the response: the headers they set or
 * changed (not those set in front of the cache) and the body; undefined when the body was streamed (incremental
 * delivery) or could not be read back.
 */
export function captureAnswer(res: ServerResponse, done: (answer: StoredAnswer | undefined, status: number) => void): void {
  const before = new Map(Object.entries(res.getHeaders()));
  const write = res.write;
  const end = res.end;
  let streamed = false;
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    streamed = true;
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as ServerResponse['write'];
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    res.write = write;
    res.end = end;
    const body = streamed ? undefined : bodyOf(args[0], args[1]);
    const result = (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    try {
      done(body && { headers: headersSetAfter(res, before), body }, res.statusCode);
    } catch {
      // Keeping a copy is an optimisation: the answer has gone out whatever happens here.
    }
    return result;
  } as ServerResponse['end'];
}

function bodyOf(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  return undefined;
}

function headersSetAfter(res: ServerResponse, before: ReadonlyMap<string, OutgoingHttpHeader | undefined>): StoredAnswer['headers'] {
  const headers: StoredAnswer['headers'] = [];
  // Node keeps the names as they were written (Content-Type, ETag); its types declare this on requests only.
  for (const name of (res as ServerResponse & { getRawHeaderNames(): string[] }).getRawHeaderNames()) {
    const lower = name.toLowerCase();
    const value = res.getHeader(lower);
    if (value === undefined || FRAMING_HEADERS.has(lower) || sameHeader(before.get(lower), value)) continue;
    headers.push([name, Array.isArray(value) ? [...value] : value]);
  }
  return headers;
}

function sameHeader(a: OutgoingHttpHeader | undefined, b: OutgoingHttpHeader): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((item, i) => item === b[i]) : a === b;
}
