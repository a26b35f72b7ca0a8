import { createHmac, randomBytes } from 'node:crypto';

/**
 * Signing as the Standard Webhooks specification says (https://www.standardwebhooks.com): the key is the secret's
 * base64 part, the signed text is `<webhook-id>.<webhook-timestamp>.<body>`, the signature `v1,<base64 HMAC-SHA256>`.
 *
 * node:crypto rather than the `standardwebhooks` package: signing is these few lines, the package computes SHA-256
 * in JavaScript (fast-sha256) with two dependencies, and the tests check the result against the specification's own
 * known answer, computed with that package.
 */
export const SECRET_PREFIX = 'whsec_';

/** A new signing secret: `whsec_` and the base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** One `v1,<signature>` of a message, with one secret. */
export function webhookSignature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * The webhook-signature header: one signature per secret that still signs, space-separated, the current one first,
 * so that a receiver holding either secret during a rotation's grace period accepts the message.
 */
export function signatureHeader(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets.map((secret) => webhookSignature(secret, id, timestamp, body)).join(' ');
}
