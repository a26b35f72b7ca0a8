import { z } from 'zod';
import { calendarDateText, noteText, reportDuplicates, yenAmount, listOf } from './content-fields';
import { driverClassSchema, holdingStatusSchema } from './enums';
import type { PolicyKind } from './policy-kind';

const durationSchema = z.strictObject({
  driverClass: driverClassSchema,
  minutes: z.number().int().min(1).max(600),
});

const birthdayRuleSchema = z.strictObject({
  renewalBirthdayOnOrAfter: calendarDateText.describe('The birthday of the renewal must fall on or after this date'),
  description: noteText,
});

export const onlineLectureSchema = z
  .strictObject({
    eligibleDriverClasses: listOf(driverClassSchema).min(1),
    eligibleHoldingStatuses: listOf(holdingStatusSchema).min(1),
    requirements: listOf(noteText).describe('Japanese: steps the holder must have completed'),
    birthdayRule: birthdayRuleSchema.nullable(),
    durations: listOf(durationSchema).describe('Lecture length in minutes per eligible driver class'),
    feeYen: yenAmount.nullable(),
    exclusions: listOf(noteText),
    notes: listOf(noteText),
  })
  .superRefine((content, ctx) => {
    reportDuplicates(ctx, content.eligibleDriverClasses, (c) => c, (i) => ['eligibleDriverClasses', i], 'driver class');
    reportDuplicates(ctx, content.eligibleHoldingStatuses, (s) => s, (i) => ['eligibleHoldingStatuses', i], 'holding status');
    reportDuplicates(ctx, content.durations, (d) => d.driverClass, (i) => ['durations', i, 'driverClass'], 'driver class');
    // A duration for a class that cannot take the lecture would read as an offer that does not exist.
    content.durations.forEach((d, i) => {
      if (!content.eligibleDriverClasses.includes(d.driverClass)) {
        ctx.addIssue({
          code: 'custom',
          path: ['durations', i, 'driverClass'],
          message: 'DRIVER_CLASS_NOT_ELIGIBLE',
          params: { value: d.driverClass },
        });
      }
    });
  });

export type OnlineLectureContent = z.infer<typeof onlineLectureSchema>;

export const onlineLectureKind: PolicyKind<OnlineLectureContent> = {
  name: 'online-lecture',
  title: 'オンライン講習',
  description: 'Who may take the renewal lecture online with a My Number licence card, for how long, and at what fee.',
  schema: onlineLectureSchema,
};
