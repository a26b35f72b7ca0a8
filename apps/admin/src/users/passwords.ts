/*
 * What a new password must be, checked on its field before anything is sent: the API's own bounds
 * (libs/identity/src/identity.service.ts, MIN_PASSWORD_LENGTH and MAX_PASSWORD_LENGTH), and a confirmation typed
 * the same, since a password nobody can read back is easily mistyped. Validators of react-admin's inputs: they
 * answer with keys of the catalogue, shown on the field in the chosen language.
 */

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** A new password's field: required, 12 to 1024 characters (counted as the server counts, in UTF-16 units). */
export function newPasswordError(value: unknown): string | undefined {
  const password = text(value);
  if (!password) return 'ra.validation.required';
  if (password.length < MIN_PASSWORD_LENGTH) return 'review.users.passwordLength';
  if (password.length > MAX_PASSWORD_LENGTH) return 'review.users.password.tooLong';
  return undefined;
}

/** The confirmation's field: required, and the same as the new password (`newPassword` in the form's values). */
export function confirmationError(value: unknown, values: Record<string, unknown> | undefined): string | undefined {
  const confirmation = text(value);
  if (!confirmation) return 'ra.validation.required';
  if (confirmation !== text(values?.newPassword)) return 'review.users.password.mismatch';
  return undefined;
}

/** The current password's field: required; only a bound, since an old password may be shorter than today's rule. */
export function currentPasswordError(value: unknown): string | undefined {
  const password = text(value);
  if (!password) return 'ra.validation.required';
  if (password.length > MAX_PASSWORD_LENGTH) return 'review.users.password.tooLong';
  return undefined;
}
