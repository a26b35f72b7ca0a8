import { accountErrorKey, accountFieldErrors } from './errors';

// The errors as the data provider throws them (react-admin's HttpError, dataProvider/graphql-client.ts): the status,
// the code, and the fields the API named with its English message. Built by hand: react-admin does not load in jest.
const httpError = (message: string, status: number, body?: { code: string; errors: Record<string, string> }) =>
  Object.assign(new Error(message), { name: 'HttpError', status, body });
const refused = (field: string, message: string) => httpError(message, 400, { code: 'BAD_USER_INPUT', errors: { [field]: message } });
const failed = (code: string, status: number, message: string) => httpError(message, status, { code, errors: {} });

describe('account errors in the user’s words', () => {
  it('puts a wrong current password on its field', () => {
    const error = refused('currentPassword', 'the current password is wrong');
    expect(accountFieldErrors(error)).toEqual({ currentPassword: 'review.users.errors.wrongCurrentPassword' });
    expect(accountErrorKey(error)).toBe('review.users.errors.wrongCurrentPassword');
  });

  it('says a new password is too short or too long on its field', () => {
    expect(accountFieldErrors(refused('newPassword', 'a password has at least 12 characters'))).toEqual({ newPassword: 'review.users.passwordLength' });
    expect(accountFieldErrors(refused('newPassword', 'a password has at most 1024 characters'))).toEqual({ newPassword: 'review.users.password.tooLong' });
    expect(accountFieldErrors(refused('currentPassword', 'a password has at most 1024 characters'))).toEqual({
      currentPassword: 'review.users.password.tooLong',
    });
  });

  it('names the refusals of deactivation and of roles', () => {
    expect(accountErrorKey(refused('userId', 'an administrator cannot deactivate their own account'))).toBe('review.users.errors.ownAccount');
    expect(accountErrorKey(refused('userId', 'at least one active administrator must remain'))).toBe('review.users.errors.lastAdmin');
    expect(accountFieldErrors(refused('roles', 'an administrator cannot remove their own ADMIN role'))).toEqual({ roles: 'review.users.errors.ownAdminRole' });
    expect(accountFieldErrors(refused('roles', 'at least one active administrator must remain'))).toEqual({ roles: 'review.users.errors.lastAdmin' });
  });

  it('tells the login budget (15 minutes) from the per-minute limit', () => {
    expect(accountErrorKey(failed('RATE_LIMITED', 429, 'too many failed logins; try again in 840 s'))).toBe('review.users.errors.passwordAttempts');
    expect(accountErrorKey(failed('RATE_LIMITED', 429, 'more than 600 requests a minute from this address; retry in 20 s'))).toBe(
      'review.users.errors.tooManyRequests',
    );
  });

  it('says a taken username, a lost session, a missing account and a refused right in words', () => {
    expect(accountErrorKey(failed('CONFLICT', 409, 'the username editor is taken'))).toBe('review.users.errors.usernameTaken');
    expect(accountErrorKey(failed('UNAUTHENTICATED', 401, 'the token is invalid or has expired; log in again'))).toBe('review.users.errors.sessionEnded');
    expect(accountErrorKey(failed('NOT_FOUND', 404, 'user not found'))).toBe('review.users.errors.notFound');
    expect(accountErrorKey(failed('FORBIDDEN', 403, 'requires ADMIN'))).toBe('review.users.errors.forbidden');
  });

  it('falls back to the status without a code, and to a general sentence, never to the API’s English', () => {
    expect(accountErrorKey(httpError('HTTP 429', 429))).toBe('review.users.errors.tooManyRequests');
    expect(accountErrorKey(new TypeError('Failed to fetch'))).toBe('review.users.errors.network');
    expect(accountErrorKey(failed('INTERNAL', 500, 'something broke'))).toBe('review.users.errors.failed');
    expect(accountErrorKey(undefined)).toBe('review.users.errors.failed');
    expect(accountErrorKey(failed('BAD_USER_INPUT', 400, 'no field named'))).toBe('review.users.errors.input');
  });
});
