import { fixedClock } from '@policy-cms/temporal';
import { startTestApp, type GqlResult, type TestApp } from './support/test-app';
import { type RowCounts, rowCounts } from './support/policy-api';

/**
 * Bad input is refused as BAD_USER_INPUT naming the argument at fault, whether written into the query or sent as a
 * variable; it is never coerced into some other date, and never answered with a stack trace or SQL.
 */
const NOW = '2026-11-01T00:00:00Z';

/** Every argument of type Date, with the rest of its query. `$v` stands for the value under test. */
const DATE_ARGUMENTS: { query: string; argument: string; type: string; field: string }[] = [
  { query: 'policyInForce', argument: 'on', type: 'Date', field: `policyInForce(key: "myna.card-renewal", on: $v) { id }` },
  { query: 'rulesInForce', argument: 'on', type: 'Date', field: `rulesInForce(on: $v) { id }` },
  { query: 'integration', argument: 'on', type: 'Date', field: `integration(procedure: RENEWAL, on: $v) { available }` },
  { query: 'cardRenewalCarryOver', argument: 'on', type: 'Date', field: `cardRenewalCarryOver(on: $v) { carriedOver }` },
  { query: 'renewalFee', argument: 'on', type: 'Date', field: `renewalFee(holding: BOTH, on: $v) { yen }` },
  { query: 'changesBetween', argument: 'from', type: 'Date!', field: `changesBetween(from: $v, through: "2025-12-31") { id }` },
  { query: 'changesBetween', argument: 'through', type: 'Date!', field: `changesBetween(from: "2025-01-01", through: $v) { id }` },
];

const KNOWN_AT_ARGUMENTS: { query: string; argument: string; type: string; field: string }[] = [
  { query: 'policyInForce', argument: 'knownAt', type: 'DateTime', field: `policyInForce(key: "myna.card-renewal", knownAt: $v) { id }` },
  { query: 'rulesInForce', argument: 'knownAt', type: 'DateTime', field: `rulesInForce(knownAt: $v) { id }` },
  { query: 'policyTimeline', argument: 'knownAt', type: 'DateTime', field: `policyTimeline(key: "myna.card-renewal", knownAt: $v) { id }` },
  { query: 'changesBetween', argument: 'knownAt', type: 'DateTime', field: `changesBetween(from: "2025-01-01", through: "2025-12-31", knownAt: $v) { id }` },
  { query: 'integration', argument: 'knownAt', type: 'DateTime', field: `integration(procedure: RENEWAL, knownAt: $v) { available }` },
  { query: 'cardRenewalCarryOver', argument: 'knownAt', type: 'DateTime', field: `cardRenewalCarryOver(knownAt: $v) { carriedOver }` },
  { query: 'renewalFee', argument: 'knownAt', type: 'DateTime', field: `renewalFee(holding: BOTH, knownAt: $v) { yen }` },
];

const BAD_DATES: unknown[] = ['2025-02-30', '2025-9-1', '', '2025-09-01T00:00:00Z', 20250901, '2025-13-01', '２０２５-09-01', 'R7-09-01'];
const BAD_DATE_TIMES: unknown[] = ['2025-03-24T09:00:00', '2025-02-30T00:00:00Z', 'yesterday', '2025-03-24', '', 1742774400000, '2025-03-24T24:00:00Z'];

/** A GraphQL literal for a value: a string in quotes, a number bare. */
const literal = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

describe('bad input', () => {
  let t: TestApp;
  let countsAtStart: RowCounts;
  const everyError: unknown[] = [];

  beforeAll(async () => {
    t = await startTestApp({ demoData: true, clock: fixedClock(NOW) });
    countsAtStart = await rowCounts(t.sql);
  });
  afterAll(() => t.close());

  /** Sends the query and keeps its errors, so that the last test can look at all of them together. */
  async function send(query: string, variables?: Record<string, unknown>): Promise<GqlResult> {
    const result = await t.gql(query, variables);
    everyError.push(...(result.errors ?? []));
    return result;
  }

  /** The request was refused before anything ran: one BAD_USER_INPUT naming the field, HTTP 400, no data. */
  function expectRefusedBeforeRunning(result: GqlResult, field: string) {
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
  }

  function withValue(field: string, value: string) {
    return field.replace('$v', value);
  }

  describe.each(DATE_ARGUMENTS)('Date argument $argument of $query', ({ argument, type, field }) => {
    it.each(BAD_DATES)('refuses %p written into the query', async (value) => {
      expectRefusedBeforeRunning(await send(`{ ${withValue(field, literal(value))} }`), argument);
    });
    it.each(BAD_DATES)('refuses %p sent as a variable', async (value) => {
      expectRefusedBeforeRunning(await send(`query($${argument}: ${type}) { ${withValue(field, `$${argument}`)} }`, { [argument]: value }), argument);
    });
  });

  describe.each(KNOWN_AT_ARGUMENTS)('DateTime argument $argument of $query', ({ argument, type, field }) => {
    it.each(BAD_DATE_TIMES)('refuses %p written into the query', async (value) => {
      expectRefusedBeforeRunning(await send(`{ ${withValue(field, literal(value))} }`), argument);
    });
    it.each(BAD_DATE_TIMES)('refuses %p sent as a variable', async (value) => {
      expectRefusedBeforeRunning(await send(`query($${argument}: ${type}) { ${withValue(field, `$${argument}`)} }`, { [argument]: value }), argument);
    });
  });

  it('accepts the same arguments well formed, so the refusals above are about the values', async () => {
    for (const { argument, type, field } of DATE_ARGUMENTS) {
      const result = await send(`query($${argument}: ${type}) { ${withValue(field, `$${argument}`)} }`, { [argument]: '2025-09-01' });
      expect(result.errors).toBeUndefined();
    }
    for (const { argument, type, field } of KNOWN_AT_ARGUMENTS) {
      const result = await send(`query($${argument}: ${type}) { ${withValue(field, `$${argument}`)} }`, { [argument]: '2025-09-01T00:00:00+09:00' });
      expect(result.errors).toBeUndefined();
    }
  });

  describe('changesBetween with from after through', () => {
    const query = 'query($from: Date!, $through: Date!) { changesBetween(from: $from, through: $through) { id } }';

    it('is refused on through, written into the query', async () => {
      const result = await send(`{ changesBetween(from: "2025-09-02", through: "2025-09-01") { id } }`);
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'through' });
      expect(result.data).toBeNull();
    });

    it('is refused on through, sent as variables', async () => {
      const result = await send(query, { from: '2026-01-01', through: '2025-12-31' });
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'through' });
    });

    it('accepts a single day, from equal to through', async () => {
      expect((await send(query, { from: '2025-09-01', through: '2025-09-01' })).errors).toBeUndefined();
    });

    it('is refused when an argument is missing or null', async () => {
      expectRefusedBeforeRunning(await send(`{ changesBetween(from: "2025-09-01") { id } }`), 'through');
      expectRefusedBeforeRunning(await send(`{ changesBetween(from: null, through: "2025-09-01") { id } }`), 'from');
      expectRefusedBeforeRunning(await send(query, { from: null, through: '2025-09-01' }), 'from');
    });
  });

  describe('integration', () => {
    const query = 'query($age: Int) { integration(procedure: RENEWAL, age: $age) { available } }';

    it.each([-1, 151])('refuses age %p on age, written into the query and sent as a variable', async (age) => {
      for (const result of [await send(`{ integration(procedure: RENEWAL, age: ${age}) { available } }`), await send(query, { age })]) {
        expect(result.errors).toHaveLength(1);
        expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'age' });
        expect(result.data).toBeNull();
      }
    });

    it('refuses an age that is not a whole number', async () => {
      expectRefusedBeforeRunning(await send(`{ integration(procedure: RENEWAL, age: 40.5) { available } }`), 'age');
      expectRefusedBeforeRunning(await send(query, { age: '40' }), 'age');
    });

    it('accepts ages 0 and 150', async () => {
      for (const age of [0, 150]) expect((await send(query, { age })).errors).toBeUndefined();
    });

    it.each(['FOO', 'renewal', ''])('refuses the unknown procedure %p, written into the query and sent as a variable', async (procedure) => {
      if (/^[A-Za-z_]\w*$/.test(procedure)) {
        expectRefusedBeforeRunning(await send(`{ integration(procedure: ${procedure}) { available } }`), 'procedure');
      }
      expectRefusedBeforeRunning(
        await send('query($procedure: Procedure!) { integration(procedure: $procedure) { available } }', { procedure }),
        'procedure',
      );
    });

    it('refuses a procedure written as a string, or missing', async () => {
      expectRefusedBeforeRunning(await send(`{ integration(procedure: "RENEWAL") { available } }`), 'procedure');
      expectRefusedBeforeRunning(await send(`{ integration(age: 40) { available } }`), 'procedure');
    });

    it('refuses an unknown holding status for the renewal fee', async () => {
      expectRefusedBeforeRunning(await send(`{ renewalFee(holding: PLASTIC) { yen } }`), 'holding');
      expectRefusedBeforeRunning(await send('query($holding: HoldingStatus!) { renewalFee(holding: $holding) { yen } }', { holding: 'PLASTIC' }), 'holding');
    });
  });

  describe('after all of it', () => {
    it('never answered with a stack trace, SQL or driver text', () => {
      expect(everyError.length).toBeGreaterThan(200);
      const text = JSON.stringify(everyError);
      for (const leak of ['stacktrace', 'SELECT', 'FROM ledger_segment', 'at Object', '    at ', '.ts:', 'node_modules', 'QueryFailedError']) {
        expect(text).not.toContain(leak);
      }
      for (const error of everyError as { extensions?: { code?: string } }[]) expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('wrote nothing', async () => {
      expect(await rowCounts(t.sql)).toEqual(countsAtStart);
      expect(countsAtStart.policy).toBeGreaterThan(0);
    });
  });
});
