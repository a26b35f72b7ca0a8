import { z } from 'zod';
import { labelText, noteText, reportDuplicates } from './content-fields';
import { holdingStatusSchema, personalParticularSchema } from './enums';
import type { PolicyKind } from './policy-kind';

const coveredChangeSchema = z.strictObject({
  particular: personalParticularSchema,
  label: labelText.describe('Japanese, e.g. 本籍'),
  notes: z.array(noteText),
});

export const oneStopServiceSchema = z
  .strictObject({
    eligibleHoldingStatuses: z.array(holdingStatusSchema).min(1),
    requiredSteps: z.array(noteText).min(1).describe('Japanese: what the holder must have done beforehand'),
    preparation: z.array(noteText).describe('Japanese: what to have ready'),
    coveredChanges: z.array(coveredChangeSchema).min(1).describe('Changes that need no notice to the police'),
    exclusions: z.array(noteText),
    notes: z.array(noteText),
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
