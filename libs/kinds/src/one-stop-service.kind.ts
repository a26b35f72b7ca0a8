import { z } from 'zod';
import { labelText, noteText, reportDuplicates, listOf } from './content-fields';
import { holdingStatusSchema, personalParticularSchema } from './enums';
import type { PolicyKind } from './policy-kind';

const coveredChangeSchema = z.strictObject({
  particular: personalParticularSchema,
  label: labelText.describe('Japanese, e.g. 本籍'),
  notes: listOf(noteText),
});

export const oneStopServiceSchema = z
  .strictObject({
    eligibleHoldingStatuses: listOf(holdingStatusSchema).min(1),
    requiredSteps: listOf(noteText).min(1).describe('Japanese: what the holder must have done beforehand'),
    preparation: listOf(noteText).describe('Japanese: what to have ready'),
    coveredChanges: listOf(coveredChangeSchema).min(1).describe('Changes that need no notice to the police'),
    exclusions: listOf(noteText),
    notes: listOf(noteText),
  })
  .superRefine((content, ctx) => {
    reportDuplicates(ctx, content.eligibleHoldingStatuses, (s) => s, (i) => ['eligibleHoldingStatuses', i], 'holding status');
    reportDuplicates(ctx, content.coveredChanges, (c) => c.particular, (i) => ['coveredChanges', i, 'particular'], 'particular');
  });

export type OneStopServiceContent = z.infer<typeof oneStopServiceSchema>;

export const oneStopServiceKind: PolicyKind<OneStopServiceContent> = {
  name: 'one-stop-service',
  title: '住所変更手続等のワンストップサービス',
  description: 'Who may skip notifying the police of changed personal particulars, after which steps, and when it stops working.',
  schema: oneStopServiceSchema,
};
