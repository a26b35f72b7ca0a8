import { z } from 'zod';

// Field schemas shared by the kinds. Strings are validated, never transformed, so the content an approver
// hashes is byte-for-byte the content that is stored.

const notBlank = /\S/;

/** A short Japanese label or list item (a title, a facility name, a condition). */
export const labelText = z.string().min(1).max(200).regex(notBlank, 'Must not be blank');

/** A sentence or short paragraph of Japanese text. */
export const noteText = z.string().min(1).max(2000).regex(notBlank, 'Must not be blank');

/** Free Japanese body text of a notice; newlines separate paragraphs or bullet points. */
export const bodyText = z.string().min(1).max(20000).regex(notBlank, 'Must not be blank');

/** Items in any one list of a content: far more than any real table, few enough that a list cannot be a weapon. */
export const MAX_LIST_ITEMS = 200;

/** A list of content items, bounded (the JSON Schema of the kind says maxItems). */
export function listOf<T extends z.ZodType>(item: T) {
  return z.array(item).max(MAX_LIST_ITEMS);
}

/** An amount in whole yen; the cap only catches slips of the keyboard. */
export const yenAmount = z.number().int().min(0).max(10_000_000);

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
  .regex(calendarShape, 'Must be a date in YYYY-MM-DD form')
  .refine(isRealDay, 'No such day in the calendar');

/** An https link to an official page. */
export const httpsUrl = z.url({ protocol: /^https$/, error: 'Must be an https URL' });

/**
 * Reports every repeat of a value in a list, at the repeated element's own path, so editors see exactly which entry to fix.
 * `at` maps an element index to the path below the list (e.g. [i, 'procedure']).
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
      ctx.addIssue({ code: 'custom', path: at(i), message: `Duplicate ${what} "${key}"` });
    }
    seen.add(key);
  });
}
