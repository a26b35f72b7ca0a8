import { z } from 'zod';

// Interpreted parsing, before any object schema is built (every kind imports this module first): the admin checks a
// version's content in the browser at save, under a Content-Security-Policy without 'unsafe-eval', and zod's
// compiled fast path probes `new Function` as each object schema is built (a CSP violation on every form). Contents
// are a few kB, checked once per save, on the API as well: the compiled path would save nothing that shows.
z.config({ jitless: true });

// Field schemas shared by the kinds. Strings are validated, never transformed, so the content an approver
// hashes is byte-for-byte the content that is stored.

// A check's message is the reason code of validation-messages.ts; validatePolicyContent turns it into the English
// message and the UI into Japanese, so the two languages can never drift apart.

const notBlank = /\S/;

function text(maximum: number) {
  return z.string().min(1, 'BLANK').max(maximum).regex(notBlank, 'BLANK');
}

/** A short Japanese label or list item (a title, a facility name, a condition). */
export const labelText = text(200);

/** A sentence or short paragraph of Japanese text. */
export const noteText = text(2000);

/** Free Japanese body text of a notice; newlines separate paragraphs or bullet points. */
export const bodyText = text(20000);

/** Items in any one list of a content: far more than any real table, few enough that a list cannot be a weapon. */
export const MAX_LIST_ITEMS = 200;

/** A list of content items, bounded (the JSON Schema of the kind says maxItems). */
export function listOf<T extends z.ZodType>(item: T) {
  return z.array(item).max(MAX_LIST_ITEMS);
}

/** An amount in whole yen; the cap only catches slips of the keyboard. */
export const yenAmount = z.number().int().min(0, 'AMOUNT_NEGATIVE').max(10_000_000);

const calendarShape = /^\d{4}-\d{2}-\d{2}$/;

function isRealDay(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  // Date.UTC rolls 2025-02-30 over to March, so a round trip detects days that do not exist.
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A calendar date in Japan, 'YYYY-MM-DD'; typed as string to stay independent of @policy-cms/temporal. */
export const calendarDateText = z
  .string()
  .regex(calendarShape, 'DATE_FORMAT')
  .refine(isRealDay, 'NO_SUCH_DAY');

/** An https link to an official page. */
export const httpsUrl = z.url({ protocol: /^https$/, error: 'HTTPS_URL' });

/**
 * Reports every repeat of a value in a list, at the repeated element's own path, so editors see exactly which entry to fix.
 * `at` maps an element index to the path below the list (e.g. [i, 'procedure']); `what` names the thing in English
 * (e.g. 'procedure') for the message of API clients.
 */
export function reportDuplicates<T>(
  ctx: z.RefinementCtx,
  items: readonly T[],
  keyOf: (item: T) => string,
  at: (index: number) => PropertyKey[],
  what: string,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) {
      ctx.addIssue({ code: 'custom', path: at(i), message: 'DUPLICATE', params: { what, value: key } });
    }
    seen.add(key);
  });
}
