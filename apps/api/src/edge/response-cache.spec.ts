import express, { type Request, type Response } from 'express';
import request from 'supertest';
import { DomainError, type ReadFreshness } from '@policy-cms/common';
import { fixedClock, type Clock } from '@policy-cms/temporal';
import {
  ResponseCache,
  analyseDocument,
  hasErrors,
  instantOf,
  requestKey,
  selectedOperation,
  type DocumentAnalysis,
} from './response-cache';

const analysis = (text: string): DocumentAnalysis => ({ id: 1, operations: analyseDocument(text) });

describe(analyseDocument.name, () => {
  it('finds a query of public reads cacheable, through fragments and inline fragments', () => {
    const text = `query Q { ...Reads ... on Query { policyKinds { kind } } __typename } fragment Reads on Query { policies { key } }`;
    expect(selectedOperation(analysis(text), 'Q')).toBe('now');
  });

  it.each([
    { why: 'a mutation', text: 'mutation { login(username: "a", password: "b") { token } }' },
    { why: 'a subscription', text: 'subscription { policies { key } }' },
    { why: 'a staff read', text: '{ policies { key } policyVersions { totalCount } }' },
    { why: 'a staff read in a fragment', text: '{ ...F } fragment F on Query { me { id } }' },
    { why: 'introspection', text: '{ __schema { queryType { name } } }' },
    { why: 'a type lookup', text: '{ __type(name: "Policy") { name } }' },
    { why: 'an unknown fragment', text: '{ ...Missing }' },
    { why: 'a document that does not parse', text: '{ policies { key }' },
  ])('finds $why not cacheable', ({ text }) => {
    expect(selectedOperation(analysis(text), undefined)).toBeNull();
  });

  it('selects the operation as graphql-js does: by name, or the only one', () => {
    const two = analysis(`query A { policies { key } } mutation B { logout }`);
    expect(selectedOperation(two, 'A')).toBe('now');
    expect(selectedOperation(two, 'B')).toBeNull();
    expect(selectedOperation(two, undefined)).toBeNull(); // two operations and no name: Apollo refuses it
    expect(selectedOperation(two, 'C')).toBeNull();
    expect(selectedOperation(analysis(`{ policies { key } }`), '')).toBeNull();
    expect(selectedOperation(analysis(`query A { policies { key } } query A { policyKinds { kind } }`), 'A')).toBeNull();
  });

  it('names the explicit knownAt of as-of reads, and now for any read without one', () => {
    const pastRead = analysis(`query($k: DateTime) { a: policyInForce(key: "x", knownAt: $k) { id } b: rulesInForce(knownAt: "2025-01-01T00:00:00Z") { id } }`);
    expect(selectedOperation(pastRead, undefined)).toEqual([{ variable: 'k' }, { ms: Date.parse('2025-01-01T00:00:00Z') }]);
    expect(selectedOperation(analysis(`{ policyInForce(key: "x") { id } }`), undefined)).toBe('now');
    expect(selectedOperation(analysis(`{ rulesInForce(knownAt: "2025-01-01T00:00:00Z") { id } policies { key } }`), undefined)).toBe('now');
    expect(selectedOperation(analysis(`{ rulesInForce(knownAt: "yesterday") { id } }`), undefined)).toBe('now');
  });
});

describe(instantOf.name, () => {
  const arrival = new Date('2026-01-01T00:00:00Z');

  it('is the latest explicit knownAt before the arrival', () => {
    const instant = instantOf([{ variable: 'a' }, { ms: Date.parse('2025-03-01T00:00:00Z') }], { a: '2025-06-01T09:00:00+09:00' }, arrival);
    expect(instant.toISOString()).toBe('2025-06-01T00:00:00.000Z');
  });

  it.each([
    { why: 'about now', instant: 'now' as const, variables: {} },
    { why: 'a knownAt variable left out', instant: [{ variable: 'a' }], variables: {} },
    { why: 'a null knownAt', instant: [{ variable: 'a' }], variables: { a: null } },
    { why: 'a knownAt that is not an instant', instant: [{ variable: 'a' }], variables: { a: '2025-02-30T00:00:00Z' } },
    { why: 'a knownAt after the arrival', instant: [{ variable: 'a' }], variables: { a: '2026-01-01T00:00:01Z' } },
  ])('is the arrival for $why', ({ instant, variables }) => {
    expect(instantOf(instant, variables, arrival)).toBe(arrival);
  });
});

describe(requestKey.name, () => {
  const parts = { token: 't1', day: '2025-06-01', accept: 'application/json', documentId: 7, body: { query: 'q', variables: { b: 1, a: [1, 2] } } };

  it('is the same for the same variables in another order, and for Accept headers differing in case or spaces', () => {
    expect(requestKey({ ...parts, body: { query: 'q', variables: { a: [1, 2], b: 1 } } })).toBe(requestKey(parts));
    expect(requestKey({ ...parts, accept: ' Application/JSON ' })).toBe(requestKey(parts));
  });

  it.each([
    { what: 'the state', change: { token: 't2' } },
    { what: 'the day', change: { day: '2025-06-02' } },
    { what: 'the Accept header', change: { accept: 'application/graphql-response+json' } },
    { what: 'the document', change: { documentId: 8 } },
    { what: 'a variable', change: { body: { query: 'q', variables: { b: 2, a: [1, 2] } } } },
    { what: 'no variables', change: { body: { query: 'q' } } },
    { what: 'the operation name', change: { body: { query: 'q', variables: { b: 1, a: [1, 2] }, operationName: 'A' } } },
    // Variables put in terms of the record's states never meet a request that sends the same values itself.
    { what: 'variables in terms of states', change: { variables: { b: 1, a: [1, 2] }, states: true as const } },
  ])('differs with $what', ({ change }) => {
    expect(requestKey({ ...parts, ...change })).not.toBe(requestKey(parts));
  });
});

describe(hasErrors.name, () => {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value) + '\n');

  it('tells answers with errors, and bodies that are not a JSON object, from clean answers', () => {
    expect(hasErrors(json({ data: { policies: [] } }))).toBe(false);
    expect(hasErrors(json({ errors: [{ message: 'x' }], data: { policies: null } }))).toBe(true);
    expect(hasErrors(json({ data: { a: null }, errors: [{ message: 'x' }] }))).toBe(true);
    expect(hasErrors(Buffer.from('not json'))).toBe(true);
    expect(hasErrors(Buffer.from('null'))).toBe(true);
  });

  it('is not fooled by the word in a string, and errs on the side of not storing for a member of that name deeper down', () => {
    expect(hasErrors(json({ data: { summary: '"errors": none', note: 'errors' } }))).toBe(false);
    expect(hasErrors(json({ data: { content: { errors: [] } } }))).toBe(true);
  });
});

/** A read model stand-in whose state the test moves, and whose settling the test may refuse. */
class FakeFreshness implements ReadFreshness {
  state: string | undefined = 's1';
  /** Whether settled tokens also name the instant (as the read model's do for an instant before its latest record). */
  namesInstant = false;
  refusal: unknown;
  readonly settled: Date[] = [];
  settledState(instant: Date): Promise<string> {
    this.settled.push(instant);
    if (this.refusal) return Promise.reject(this.refusal);
    return Promise.resolve(this.namesInstant ? `${this.state}@${instant.getTime()}` : `${this.state}`);
  }
  currentState(): string | undefined {
    return this.state;
  }
}

/** An Express app with the cache in front of a handler that answers as Apollo does, and counts its calls. */
function appWith(cache: ResponseCache, answer: (req: Request, res: Response) => void) {
  const calls = { count: 0 };
  const app = express();
  app.use(express.json());
  app.use((_req, res, next) => {
    res.setHeader('X-Before', 'edge');
    next();
  });
  app.use('/graphql', cache.middleware());
  app.post('/graphql', (req, res) => {
    calls.count++;
    answer(req, res);
  });
  return { app, calls };
}

const apolloLike = (body: unknown) => (_req: Request, res: Response) => {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.send(JSON.stringify(body));
};

describe(ResponseCache.name, () => {
  const clock: Clock = fixedClock('2025-06-01T03:00:00Z');
  const question = { query: '{ policies { key } }' };

  it('keeps an answer when its question is asked a second time, and replays it from then on', async () => {
    const freshness = new FakeFreshness();
    const cache = new ResponseCache({ maxBytes: 1 << 20, clock, freshness });
    const { app, calls } = appWith(cache, apolloLike({ data: { policies: [{ key: 'a' }] } }));
    const first = await request(app).post('/graphql').send(question);
    expect(cache.stats()).toMatchObject({ entries: 0, misses: 1, skipped: 1 });
    await request(app).post('/graphql').send(question);
    expect(cache.stats()).toMatchObject({ entries: 1, misses: 2, stored: 1 });
    const third = await request(app).post('/graphql').send(question);
    expect(calls.count).toBe(2);
    expect(third.status).toBe(200);
    expect(third.text).toBe(first.text);
    expect(third.headers['content-type']).toBe(first.headers['content-type']);
    expect(third.headers['cache-control']).toBe('no-store');
    expect(third.headers.etag).toBe(first.headers.etag);
    expect(third.headers['x-before']).toBe('edge');
    expect(cache.stats()).toMatchObject({ hits: 1 });
  });

  it('does not store an answer computed while the state moved on, and answers the next request anew', async () => {
    const freshness = new FakeFreshness();
    const cache = new ResponseCache({ maxBytes: 1 << 20, clock, freshness });
    const { app, calls } = appWith(cache, (req, res) => {
      freshness.state = `s${calls.count + 1}`; // a change applied while this answer was computed
      apolloLike({ data: { n: calls.count } })(req, res);
    });
    for (let i = 0; i < 2; i++) await request(app).post('/graphql').send(question);
    const third = await request(app).post('/graphql').send(question);
    expect(calls.count).toBe(3);
    expect(JSON.parse(third.text)).toEqual({ data: { n: 3 } });
    expect(cache.stats()).toMatchObject({ hits: 0, stored: 0, skipped: 3 });
  });

  it('keeps answers under settled tokens that also name the instant asked, while the state holds', async () => {
    const freshness = new FakeFreshness();
    freshness.namesInstant = true;
    const cache = new ResponseCache({ maxBytes: 1 << 20, clock, freshness });
    const { app, calls } = appWith(cache, apolloLike({ data: {} }));
    const query = 'query($k: DateTime) { policyInForce(key: "a", knownAt: $k) { id } }';
    const asked = (k: string) => request(app).post('/graphql').send({ query, variables: { k } });
    for (let i = 0; i < 3; i++) await asked('2025-01-01T00:00:00Z');
    for (let i = 0; i < 3; i++) await asked('2025-02-01T00:00:00Z');
    expect(calls.count).toBe(4);
    expect(cache.stats()).toMatchObject({ entries: 2, hits: 2 });
    freshness.state = 's2';
    await asked('2025-01-01T00:00:00Z');
    expect(calls.count).toBe(5);
  });

  it('does not store an answer larger than an eighth of the bound', async () => {
    const freshness = new FakeFreshness();
    const cache = new ResponseCache({ maxBytes: 8 * 4096, clock, freshness });
    const { app } = appWith(cache, apolloLike({ data: { text: 'x'.repeat(5000) } }));
    for (let i = 0; i < 3; i++) await request(app).post('/graphql').send(question);
    expect(cache.stats()).toMatchObject({ entries: 0, hits: 0, stored: 0, skipped: 3 });
  });

  it('does not store a streamed answer or a status other than 200', async () => {
    const freshness = new FakeFreshness();
    const cache = new ResponseCache({ maxBytes: 1 << 20, clock, freshness });
    const streamed = appWith(cache, (_req, res) => {
      res.write('{"data":');
      res.end('{}}');
    });
    for (let i = 0; i < 3; i++) await request(streamed.app).post('/graphql').send(question);
    const refused = appWith(cache, (_req, res) => void res.status(400).json({ data: {} }));
    for (let i = 0; i < 3; i++) await request(refused.app).post('/graphql').send({ query: '{ policyKinds { kind } }' });
    expect(cache.stats()).toMatchObject({ hits: 0, stored: 0, skipped: 6 });
  });

  it('settles the state to the explicit knownAt of a past question, and to the arrival otherwise', async () => {
    const freshness = new FakeFreshness();
    const cache = new ResponseCache({ maxBytes: 1 << 20, clock, freshness });
    const { app } = appWith(cache, apolloLike({ data: {} }));
    const query = 'query($k: DateTime) { policyInForce(key: "a", knownAt: $k) { id } }';
    await request(app).post('/graphql').send({ query, variables: { k: '2025-01-01T00:00:00Z' } });
    await request(app).post('/graphql').send({ query, variables: {} });
    expect(freshness.settled.map((instant) => instant.toISOString())).toEqual(['2025-01-01T00:00:00.000Z', '2025-06-01T03:00:00.000Z']);
  });

  it('answers UNAVAILABLE when the state cannot be settled while the model serves, and leaves it to Apollo while it does not', async () => {
    const freshness = new FakeFreshness();
    freshness.refusal = new DomainError('UNAVAILABLE', 'a publication is taking unusually long to commit');
    const cache = new ResponseCache({ maxBytes: 1 << 20, clock, freshness });
    const { app, calls } = appWith(cache, apolloLike({ data: {} }));
    const refused = await request(app).post('/graphql').send(question);
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({ errors: [{ message: 'a publication is taking unusually long to commit', extensions: { code: 'UNAVAILABLE' } }] });
    expect(calls.count).toBe(0);

    freshness.state = undefined; // reloading: the resolvers answer from the database
    expect((await request(app).post('/graphql').send(question)).status).toBe(200);
    expect(calls.count).toBe(1);
    expect(cache.stats()).toMatchObject({ unavailable: 1, stored: 0 });
  });

  it.each([
    { what: 'a request with a token', send: (r: request.Test) => r.set('authorization', 'Bearer x').send(question) },
    { what: 'a body with extensions', send: (r: request.Test) => r.send({ ...question, extensions: { persistedQuery: {} } }) },
    { what: 'a batch', send: (r: request.Test) => r.send([question]) },
  ])('leaves $what to Apollo, every time', async ({ send }) => {
    const freshness = new FakeFreshness();
    const cache = new ResponseCache({ maxBytes: 1 << 20, clock, freshness });
    const { app, calls } = appWith(cache, apolloLike({ data: {} }));
    for (let i = 0; i < 2; i++) await send(request(app).post('/graphql'));
    expect(calls.count).toBe(2);
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 0 });
  });

  it('forgets the answers of a state once the record has moved on', async () => {
    const freshness = new FakeFreshness();
    const cache = new ResponseCache({ maxBytes: 1 << 20, clock, freshness });
    const { app } = appWith(cache, apolloLike({ data: {} }));
    for (let i = 0; i < 2; i++) await request(app).post('/graphql').send(question);
    expect(cache.stats().entries).toBe(1);
    freshness.state = 's2';
    for (let i = 0; i < 2; i++) await request(app).post('/graphql').send({ query: '{ policyKinds { kind } }' });
    expect(cache.stats().entries).toBe(1);
  });
});
