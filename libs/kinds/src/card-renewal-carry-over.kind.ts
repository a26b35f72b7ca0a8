import { z } from 'zod';
import { noteText, yenAmount, listOf } from './content-fields';
import type { PolicyKind } from './policy-kind';

export const cardRenewalCarryOverSchema = z
  .strictObject({
    carriedOver: z.boolean().describe('Whether licence data is carried over when the My Number Card is renewed'),
    conditions: listOf(noteText).describe('Japanese: all of these must hold for the carry-over'),
    exclusions: listOf(noteText).describe('Japanese: cases never carried over'),
    advice: listOf(noteText).describe('Japanese: what a holder should do'),
    reRecordingFeeYen: yenAmount.nullable().describe('Fee to re-record licence data on the new card; null if not known'),
    notes: listOf(noteText),
  })
  .superRefine((content, ctx) => {
    // Conditions describe when data is carried over, so they make no sense on a rule that never carries it over.
    if (!content.carriedOver && content.conditions.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'CONDITIONS_WITHOUT_CARRY_OVER' });
    }
  });

export type CardRenewalCarryOverContent = z.infer<typeof cardRenewalCarryOverSchema>;

export const cardRenewalCarryOverKind: PolicyKind<CardRenewalCarryOverContent> = {
  name: 'card-renewal-carry-over',
  title: 'カード更新時の免許情報の引継ぎ',
  description: 'Whether licence data survives a My Number Card renewal, on which conditions, and the re-recording fee.',
  schema: cardRenewalCarryOverSchema,
};
