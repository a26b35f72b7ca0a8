import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './unavailable';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['admin_shutdown (server stopped, backend terminated)', pgError('57P01')],
    ['crash_shutdown', pgError('57P02')],
    ['cannot_connect_now (starting up, recovering)', pgError('57P03', 'the database system is starting up')],
    ['a connection exception (class 08)', pgError('08006')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['TypeORM wrapping one', new QueryFailedError('SELECT 1', [], pgError('57P01') as never)],
    ['an AggregateError of refusals (IPv4 and IPv6)', new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })])],
  ])('says yes to %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505')],
    ['insufficient privilege', pgError('42501')],
    ['a lock timeout', pgError('55P03')],
    ['a syntax error', pgError('42601')],
    ['a plain error', new Error('boom')],
    ['nothing', undefined],
  ])('says no to %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
