/*
 * Account errors in the user's language. The API's messages are English and meant for developers
 * (libs/identity/src/identity.service.ts): the screens name each refusal by its code, its field (extensions.field,
 * which the data provider puts in body.errors) and, where one field can be refused for several reasons, by what
 * the message says. Everything here answers with keys of the catalogue, which react-admin translates on the field
 * or in the notification, so the functions stay pure.
 */

interface ApiError {
  status?: number;
  message?: string;
  body?: { code?: string; errors?: Record<string, string> };
}

const KEY = 'review.users.errors';

/** Why the server refused one field, as a catalogue key; `field` is the form's name for it (`input.` taken off). */
export function accountFieldErrorKey(field: string, message: string): string {
  const tooLong = /at most \d+ characters/.test(message);
  switch (field) {
    case 'currentPassword':
      return tooLong ? 'review.users.password.tooLong' : `${KEY}.wrongCurrentPassword`;
    case 'newPassword':
    case 'password':
      return tooLong ? 'review.users.password.tooLong' : 'review.users.passwordLength';
    case 'username':
      return 'review.users.usernameCharacters';
    case 'displayName':
      return tooLong ? `${KEY}.displayNameTooLong` : 'ra.validation.required';
    case 'roles':
    case 'userId':
      if (/their own ADMIN role/.test(message)) return `${KEY}.ownAdminRole`;
      if (/deactivate their own account/.test(message)) return `${KEY}.ownAccount`;
      if (/active administrator must remain/.test(message)) return `${KEY}.lastAdmin`;
      return field === 'roles' ? 'review.users.rolesRequired' : `${KEY}.notFound`;
    default:
      return `${KEY}.input`;
  }
}

/** The form fields a refusal concerns, each with the key of its words (empty when the server named none). */
export function accountFieldErrors(error: unknown): Record<string, string> {
  const errors = (error as ApiError | null)?.body?.errors ?? {};
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, accountFieldErrorKey(field, String(message))]));
}

/** One sentence for a failed account call, as a catalogue key: by the error's code, else by its HTTP status. */
export function accountErrorKey(error: unknown): string {
  const e = (error ?? {}) as ApiError;
  const code = e.body?.code;
  const is = (name: string, status: number) => code === name || (!code && e.status === status);
  // The login budget (a wrong current password counts as a failed login) and the per-minute limit of an address
  // have different waits: 15 minutes against a minute or so.
  if (is('RATE_LIMITED', 429)) return /failed logins/.test(e.message ?? '') ? `${KEY}.passwordAttempts` : `${KEY}.tooManyRequests`;
  if (is('UNAUTHENTICATED', 401)) return `${KEY}.sessionEnded`;
  if (is('FORBIDDEN', 403)) return `${KEY}.forbidden`;
  if (is('NOT_FOUND', 404)) return `${KEY}.notFound`;
  if (is('CONFLICT', 409)) return /username/.test(e.message ?? '') ? `${KEY}.usernameTaken` : `${KEY}.conflict`;
  if (is('BAD_USER_INPUT', 400)) return Object.values(accountFieldErrors(error))[0] ?? `${KEY}.input`;
  // fetch() rejects with a TypeError when no answer came at all.
  if (error instanceof TypeError) return `${KEY}.network`;
  return `${KEY}.failed`;
}
