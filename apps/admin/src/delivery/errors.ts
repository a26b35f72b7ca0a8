/*
 * Errors in the user's language. The API's messages are English and meant for developers; the screens show their own
 * sentence for each error code and each field the API names (extensions.field), and keep the API's text out of sight.
 */

type Translate = (key: string, options?: Record<string, unknown>) => string;

interface ApiError {
  status?: number;
  message?: string;
  body?: { code?: string; errors?: Record<string, string> };
}

const FIELD_KEYS = ['url', 'description', 'eventTypes', 'policyKeys', 'graceSeconds'] as const;
/** The API's refusal of a target on a private, loopback or link-local address (webhook-input.ts checkedUrl). */
const PRIVATE_TARGET = /private, loopback or link-local|WEBHOOK_ALLOW_PRIVATE/;

/** The form fields an API error concerns, each with its Japanese message (empty when none is named). */
export function fieldErrorsOf(error: unknown, translate: Translate): Record<string, string> {
  const fields = Object.keys((error as ApiError)?.body?.errors ?? {});
  const result: Record<string, string> = {};
  for (const field of fields) {
    // 'input.policyKeys.3' and 'policyKeys[3]' both concern the policy choice.
    const name = FIELD_KEYS.find((key) => field === key || field.startsWith(`${key}.`) || field.startsWith(`${key}[`));
    if (!name) continue;
    // A private address is refused for its own reason: the general advice about the URL's form would be wrong.
    const message = (error as ApiError).body?.errors?.[field] ?? '';
    result[name] = translate(name === 'url' && PRIVATE_TARGET.test(message) ? 'delivery.errors.urlPrivate' : `delivery.errors.fields.${name}`);
  }
  return result;
}

/** One sentence for a failed call, by its code (the status react-admin's HttpError carries). */
export function deliveryErrorMessage(error: unknown, translate: Translate): string {
  const e = (error ?? {}) as ApiError;
  const code = e.body?.code;
  if (code === 'FORBIDDEN' || e.status === 403) return translate('delivery.errors.forbidden');
  if (code === 'NOT_FOUND' || e.status === 404) return translate('delivery.errors.notFound');
  if (code === 'CONFLICT' || e.status === 409) return translate('delivery.errors.conflict');
  if (code === 'BAD_USER_INPUT' || e.status === 400) {
    const fields = Object.values(fieldErrorsOf(error, translate));
    return fields.length ? fields.join(' ') : translate('delivery.errors.input');
  }
  if (e.message?.startsWith('delivery.errors.')) return translate(e.message);
  if (error instanceof TypeError) return translate('delivery.errors.network');
  return translate('delivery.errors.failed');
}

/**
 * What went wrong with one attempt, in words: the worker's messages (apps/api/src/delivery/webhooks/webhook-call.ts)
 * and Node's error codes, matched by what they say. Unknown ones read 送信に失敗しました; the original stays in the
 * element's title for whoever debugs the receiver.
 */
export function attemptErrorKey(error: string): string {
  const rules: [RegExp, string][] = [
    [/refused before connecting|WEBHOOK_ALLOW_PRIVATE|private|loopback|link-?local/i, 'privateAddress'],
    [/no answer within|not complete within|timed? ?out|ETIMEDOUT|ESOCKETTIMEDOUT/i, 'timeout'],
    [/ENOTFOUND|EAI_AGAIN|has no address|getaddrinfo/i, 'dns'],
    [/ECONNREFUSED/i, 'refused'],
    [/ECONNRESET|socket hang up|cut off|EPIPE/i, 'reset'],
    [/redirect/i, 'redirect'],
    [/certificate|SSL|TLS|CERT_/i, 'tls'],
    [/too large|too big/i, 'tooLarge'],
  ];
  const found = rules.find(([pattern]) => pattern.test(error));
  return `delivery.attemptErrors.${found ? found[1] : 'other'}`;
}
