import type { CardRenewalCarryOverContent } from '../kinds';

/** The card-renewal carry-over answer without its basis. */
export interface CarryOverAnswerValue {
  carriedOver: boolean;
  conditions: string[];
  reRecordingFeeYen: number | null;
}

/** Whether licence data survives a card renewal on the day; with no rule in force nothing is carried over. */
export function carryOverAnswer(content: CardRenewalCarryOverContent | null): CarryOverAnswerValue {
  if (!content) {
    return { carriedOver: false, conditions: [], reRecordingFeeYen: null };
  }
  return {
    carriedOver: content.carriedOver,
    conditions: [...content.conditions],
    reRecordingFeeYen: content.reRecordingFeeYen,
  };
}
