import { z } from 'zod';
import { labelText, noteText, reportDuplicates, listOf } from './content-fields';
import { facilityTypeSchema, procedureSchema, reservationChannelSchema } from './enums';
import type { PolicyKind } from './policy-kind';

const channelsSchema = listOf(reservationChannelSchema).describe('Where to reserve; empty when no reservation is needed');

const facilityReservationSchema = z.strictObject({
  facilityType: facilityTypeSchema,
  reservationRequired: z.boolean(),
  channels: channelsSchema,
  notes: listOf(noteText),
});

const reservationRuleSchema = z.strictObject({
  procedure: procedureSchema,
  label: labelText.describe('Japanese heading as the public page words it'),
  reservationRequired: z.boolean().describe('Whether a reservation is needed, at every facility without its own entry'),
  channels: channelsSchema,
  facilityRules: z
    .array(facilityReservationSchema)
    .describe('Facility types whose reservation rule differs from the procedure default'),
  notes: listOf(noteText),
});

const ageWaiverSchema = z.strictObject({
  fromAge: z.number().int().min(0).max(130).describe('Aged this or over on the day of the procedure: no reservation'),
  description: noteText,
});

type ChannelRule = { reservationRequired: boolean; channels: readonly string[] };

// Required-with-no-channel or not-required-with-channels would leave a reader unsure which half to believe.
function checkChannels(ctx: z.RefinementCtx, rule: ChannelRule, path: PropertyKey[]): void {
  if (rule.reservationRequired && rule.channels.length === 0) {
    ctx.addIssue({ code: 'custom', path: [...path, 'channels'], message: 'CHANNEL_REQUIRED' });
  }
  if (!rule.reservationRequired && rule.channels.length > 0) {
    ctx.addIssue({ code: 'custom', path: [...path, 'channels'], message: 'CHANNELS_WITHOUT_RESERVATION' });
  }
  reportDuplicates(ctx, rule.channels, (c) => c, (i) => [...path, 'channels', i], 'channel');
}

export const reservationRulesSchema = z
  .strictObject({
    scope: noteText.describe('Japanese: which procedures these rules are about'),
    ageWaiver: ageWaiverSchema.nullable().describe('The age from which no reservation is needed for any rule here'),
    rules: listOf(reservationRuleSchema),
    notes: listOf(noteText),
  })
  .superRefine((content, ctx) => {
    reportDuplicates(ctx, content.rules, (r) => r.procedure, (i) => ['rules', i, 'procedure'], 'procedure');
    content.rules.forEach((rule, r) => {
      checkChannels(ctx, rule, ['rules', r]);
      reportDuplicates(
        ctx,
        rule.facilityRules,
        (f) => f.facilityType,
        (i) => ['rules', r, 'facilityRules', i, 'facilityType'],
        'facility type',
      );
      rule.facilityRules.forEach((f, i) => checkChannels(ctx, f, ['rules', r, 'facilityRules', i]));
    });
  });

export type ReservationRulesContent = z.infer<typeof reservationRulesSchema>;

export const reservationRulesKind: PolicyKind<ReservationRulesContent> = {
  name: 'reservation-rules',
  title: '予約方法',
  description: 'Per procedure, whether a reservation is needed and through which channels, with the age that waives it.',
  schema: reservationRulesSchema,
};
