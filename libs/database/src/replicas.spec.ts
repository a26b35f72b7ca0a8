import {
  ReplicaPools,
  classifyReplicaFailure,
  parseWatermark,
  replicaName,
  replicaStatementName,
  replicaStatementText,
} from './replicas';

/** What pg's DatabaseError carries when PostgreSQL answers with an error. */
const serverError = (code: string, severity = 'ERROR') => Object.assign(new Error(`server said ${code}`), { code, severity });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5433`), { code, errno: -111 });

describe(classifyReplicaFailure.name, () => {
  it.each([
    { what: 'a refused connection', error: socketError('ECONNREFUSED') },
    { what: 'a broken pipe (a five-letter code that is no SQLSTATE)', error: socketError('EPIPE') },
    { what: "the pool's connect timeout", error: new Error('timeout exceeded when trying to connect') },
    { what: "the client's read timeout", error: new Error('Query read timeout') },
    { what: 'a dropped connection', error: new Error('Connection terminated unexpectedly') },
    { what: 'admin_shutdown (the replica is stopping)', error: serverError('57P01', 'FATAL') },
    { what: 'cannot_connect_now (the replica is starting)', error: serverError('57P03', 'FATAL') },
    { what: 'statement_timeout', error: serverError('57014') },
    { what: 'too_many_connections', error: serverError('53300', 'FATAL') },
    { what: 'a missing database on the replica', error: serverError('3D000', 'FATAL') },
    { what: 'a refused login', error: serverError('28P01', 'FATAL') },
    { what: 'an internal error', error: serverError('XX000') },
  ])('takes the replica down on $what', ({ error }) => {
    expect(classifyReplicaFailure(error)).toBe('down');
  });

  it.each([
    { what: 'a syntax error', code: '42601' },
    { what: 'a bad parameter value', code: '22007' },
    { what: 'a division by zero', code: '22012' },
    { what: 'a wrong number of bind parameters (protocol_violation)', code: '08P01' },
    { what: 'a write on a read-only server', code: '25006' },
  ])("rethrows $what as the statement's own fault", ({ code }) => {
    expect(classifyReplicaFailure(serverError(code))).toBe('statement');
  });

  it.each([
    { what: 'an undefined table', code: '42P01' },
    { what: 'an undefined column', code: '42703' },
    { what: 'an undefined function', code: '42883' },
  ])('treats $what as a replica that has not replayed a migration yet', ({ code }) => {
    expect(classifyReplicaFailure(serverError(code))).toBe('lagging');
  });

  it('treats a recovery conflict as a one-off of that statement', () => {
    expect(classifyReplicaFailure(serverError('40001'))).toBe('transient');
  });
});

describe(replicaName.name, () => {
  it.each([
    { url: 'postgres://api:s3cret@replica-1.example:6432/policy_cms?application_name=reads', name: 'replica-1.example:6432/policy_cms' },
    { url: 'postgresql://replica-2/policy_cms', name: 'replica-2:5432/policy_cms' },
    { url: 'postgres://api:s3cret@[::1]:5433/policy_cms', name: '[::1]:5433/policy_cms' },
    { url: 'postgres://api:s3cret@/policy_cms?host=%2Fvar%2Frun%2Fpostgresql&port=5433', name: '/var/run/postgresql:5433/policy_cms' },
  ])('names $url as $name, without user or password', ({ url, name }) => {
    expect(replicaName(url)).toBe(name);
    expect(replicaName(url)).not.toMatch(/s3cret|api/);
  });

  it('never echoes an unparsable URL, which may hold a password', () => {
    expect(replicaName('postgres://api:p@ss word@%%%')).not.toContain('p@ss');
  });
});

describe(replicaStatementText.name, () => {
  it('wraps the statement, without its trailing semicolon, beside the watermark', () => {
    const text = replicaStatementText('SELECT key FROM policy WHERE id = $1 ORDER BY key;  ');
    expect(text).toContain('(SELECT key FROM policy WHERE id = $1 ORDER BY key) AS statement_row');
    expect(text).toContain('FROM ledger_watermark');
  });
});

describe(replicaStatementName.name, () => {
  it('fits PostgreSQL identifiers (63 bytes) and differs when the text differs under one name', () => {
    const long = { name: 'policy-cms.reads.a-very-long-statement-name-that-goes-on-and-on', text: 'SELECT 1' };
    expect(Buffer.byteLength(replicaStatementName(long))).toBeLessThanOrEqual(63);
    expect(replicaStatementName(long)).not.toBe(replicaStatementName({ ...long, text: 'SELECT 2' }));
    expect(replicaStatementName(long)).toBe(replicaStatementName({ ...long }));
  });
});

describe(parseWatermark.name, () => {
  it('reads the count of ledger changes', () => {
    expect(parseWatermark('0')).toBe(0n);
    expect(parseWatermark('9007199254740993')).toBe(9007199254740993n);
  });

  it('refuses what is no count', () => {
    expect(parseWatermark('soon')).toBeUndefined();
    expect(parseWatermark('-1')).toBeUndefined();
    expect(parseWatermark('')).toBeUndefined();
  });
});

describe(ReplicaPools.name, () => {
  it('answers nothing at once when no replica is configured, so the caller asks the primary', async () => {
    const pools = new ReplicaPools([]);
    expect(pools.configured).toBe(false);
    let asked = false;
    const answer = await pools.query({ name: 'test', text: 'SELECT 1', values: [] }, () => (asked = true));
    expect(answer).toBeUndefined();
    expect(asked).toBe(false);
    expect(pools.stats()).toEqual([]);
    await pools.close();
  });
});
