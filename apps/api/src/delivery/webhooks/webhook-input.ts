import { DomainError } from '@policy-cms/common';
import { CHANGE_EVENT_TYPES, type ChangeEventType } from '../changes/change-event';
import { refusedHostReason } from './webhook-address';

export const MAX_URL_LENGTH = 2048;
export const MAX_DESCRIPTION_LENGTH = 200;
export const MAX_POLICY_KEYS = 200;
export const DEFAULT_GRACE_SECONDS = 86_400;
export const MAX_GRACE_SECONDS = 604_800;

/**
 * The target URL as stored (WHATWG-normalised: scheme and host lower case). Absolute http or https only, without
 * credentials (they would be shown in the log and the audit trail; a receiver authenticates the sender by the
 * signature). Plain http is allowed for closed networks and local receivers, at the operator's choice: the body is
 * public anyway, and the signature still proves the sender and the content.
 *
 * Unless the operator allows private targets, a host that is one without DNS (an IP literal in any spelling the URL
 * parser reads, or localhost) is refused here, so the form says so at once; names are checked again, resolved, by the
 * worker before every call, since what a name resolves to can change.
 */
export function checkedUrl(field: string, url: string, options: { allowPrivate: boolean }): string {
  if (url.length > MAX_URL_LENGTH) throw DomainError.badInput(field, `a webhook URL has at most ${MAX_URL_LENGTH} characters`);
  // The URL parser drops tabs and line breaks and trims spaces and control characters: a URL with any of them is not
  // the URL that would be stored and called, so it is refused as written.
  if ([...url].some((c) => c <= ' ' || c === '\u007f')) throw DomainError.badInput(field, 'a webhook URL has no spaces, line breaks or control characters');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw DomainError.badInput(field, 'a webhook URL must be absolute, e.g. https://example.jp/hooks/policy-cms');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw DomainError.badInput(field, 'a webhook URL must start with https:// or http://');
  }
  if (parsed.username || parsed.password) {
    throw DomainError.badInput(field, 'a webhook URL must not carry a user name or password; receivers check the signature instead');
  }
  if (!parsed.hostname) throw DomainError.badInput(field, 'a webhook URL must name a host');
  if (parsed.port === '0') throw DomainError.badInput(field, 'a webhook URL must name a port from 1 to 65535 (or none)');
  const refused = options.allowPrivate ? null : refusedHostReason(parsed.hostname);
  if (refused) {
    throw DomainError.badInput(
      field,
      `a webhook URL must not point at a private, loopback or link-local address (${refused}); the operator can allow such targets with WEBHOOK_ALLOW_PRIVATE=1`,
    );
  }
  if (parsed.href.length > MAX_URL_LENGTH) throw DomainError.badInput(field, `a webhook URL has at most ${MAX_URL_LENGTH} characters`);
  return parsed.href;
}

export function checkedDescription(field: string, description: string | null | undefined): string {
  const text = (description ?? '').trim();
  if (text.length > MAX_DESCRIPTION_LENGTH) {
    throw DomainError.badInput(field, `a description has at most ${MAX_DESCRIPTION_LENGTH} characters`);
  }
  return text;
}

export function checkedEventTypes(field: string, types: readonly ChangeEventType[]): ChangeEventType[] {
  if (types.length === 0) throw DomainError.badInput(field, 'choose at least one event type');
  const unknown = types.filter((type) => !CHANGE_EVENT_TYPES.includes(type));
  if (unknown.length) throw DomainError.badInput(field, `unknown event type(s): ${unknown.join(', ')}`);
  if (new Set(types).size !== types.length) throw DomainError.badInput(field, 'an event type is listed twice');
  return [...types];
}

/** A key as an error message may quote it: a key can be any string the client sent, 100k characters included. */
export function quotedKey(key: string): string {
  return key.length > 60 ? `${key.slice(0, 60)}…` : key;
}

/** The shape of a policy-key filter; that the keys exist is checked against the database by the service. */
export function checkedPolicyKeys(field: string, keys: readonly string[]): string[] {
  if (keys.length === 0) throw DomainError.badInput(field, 'list at least one policy key, or leave it out for every policy');
  if (keys.length > MAX_POLICY_KEYS) throw DomainError.badInput(field, `at most ${MAX_POLICY_KEYS} policy keys`);
  if (new Set(keys).size !== keys.length) throw DomainError.badInput(field, 'a policy key is listed twice');
  return [...keys];
}

export function checkedGraceSeconds(field: string, graceSeconds: number | null | undefined): number {
  const seconds = graceSeconds ?? DEFAULT_GRACE_SECONDS;
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_GRACE_SECONDS) {
    throw DomainError.badInput(field, `graceSeconds must be a whole number from 0 to ${MAX_GRACE_SECONDS} (7 days)`);
  }
  return seconds;
}
