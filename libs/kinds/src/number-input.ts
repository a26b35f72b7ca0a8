import type { ValidationReason } from './validation-messages';

/** What a person typed into a whole-number input, read: a number, nothing (empty), or why it cannot be one. */
export type WholeNumberInput = { ok: true; value: number | null } | { ok: false; reason: ValidationReason };

/**
 * Reads a whole number the way a person writes one: 「２９００」, 「2,900」, 「2900円」 and 「 2900 」 are all 2900;
 * empty is null (not known, never a silent 0). A minus sign, a fraction or any other text is refused with its reason
 * rather than dropped, so 「-100」 can never become 100.
 */
export function parseWholeNumberInput(text: string): WholeNumberInput {
  // NFKC turns what a Japanese IME types (full-width digits and signs) into ASCII; its minus may come out as 「ー」.
  const half = text
    .normalize('NFKC')
    .replace(/[\s,、]/g, '')
    .replace(/円$/, '')
    .replace(/[−ー‐–—]/g, '-');
  if (half === '') return { ok: true, value: null };
  if (/^-\d+(\.\d*)?$/.test(half)) return { ok: false, reason: 'AMOUNT_NEGATIVE' };
  if (/^\+?\d+\.\d*[1-9]\d*$/.test(half)) return { ok: false, reason: 'NOT_WHOLE_NUMBER' };
  const whole = /^\+?(\d+)(?:\.0*)?$/.exec(half);
  if (!whole) return { ok: false, reason: 'NOT_A_NUMBER' };
  return { ok: true, value: Number(whole[1]) };
}
