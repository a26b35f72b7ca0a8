import type { FeeTableContent, HoldingStatus } from '../kinds';

/** The fee answer without its basis; yen is null when the amount is not known for that date. */
export interface FeeAnswerValue {
  yen: number | null;
}

/**
 * The fee for a holding status from the table in force. `itemCode` picks an item of a table with several
 * (e.g. 'lecture.online'); without it the table's first item answers, which is the only one in the renewal table.
 */
export function feeAnswer(content: FeeTableContent | null, holding: HoldingStatus, itemCode?: string): FeeAnswerValue {
  const item = itemCode === undefined ? content?.items[0] : content?.items.find((i) => i.code === itemCode);
  if (!item) return { yen: null };
  if (item.amount.basis === 'UNIFORM') return { yen: item.amount.yen };
  return { yen: item.amount.byHoldingStatus[holding] ?? null };
}
