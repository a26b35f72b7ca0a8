import { confirmationError, currentPasswordError, newPasswordError } from './passwords';

describe('password fields, checked before anything is sent', () => {
  it('refuses a new password shorter than 12 characters or longer than 1024, and an empty one', () => {
    expect(newPasswordError('')).toBe('ra.validation.required');
    expect(newPasswordError(undefined)).toBe('ra.validation.required');
    expect(newPasswordError('a'.repeat(11))).toBe('review.users.passwordLength');
    expect(newPasswordError('a'.repeat(12))).toBeUndefined();
    expect(newPasswordError('a'.repeat(1024))).toBeUndefined();
    expect(newPasswordError('a'.repeat(1025))).toBe('review.users.password.tooLong');
  });

  it('counts characters as the server does (UTF-16 units): twelve kana are enough', () => {
    expect(newPasswordError('あいうえおかきくけこさし')).toBeUndefined();
  });

  it('wants the confirmation typed the same as the new password', () => {
    expect(confirmationError('', { newPassword: 'a-long-password' })).toBe('ra.validation.required');
    expect(confirmationError('a-long-passwort', { newPassword: 'a-long-password' })).toBe('review.users.password.mismatch');
    expect(confirmationError('a-long-password', { newPassword: 'a-long-password' })).toBeUndefined();
    expect(confirmationError('a-long-password', undefined)).toBe('review.users.password.mismatch');
  });

  it('takes any current password (an old one may be shorter than today’s rule), but not an empty or oversized one', () => {
    expect(currentPasswordError('short')).toBeUndefined();
    expect(currentPasswordError('')).toBe('ra.validation.required');
    expect(currentPasswordError('a'.repeat(1025))).toBe('review.users.password.tooLong');
  });
});
