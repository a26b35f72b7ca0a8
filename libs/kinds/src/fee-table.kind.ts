import { z } from 'zod';
import { labelText, noteText, reportDuplicates, yenAmount, listOf } from './content-fields';
import { sourceGradeSchema } from './enums';
import type { PolicyKind } from './policy-kind';

// Each status is optional because an amount that is not known stays out rather than being guessed.
const byHoldingStatusSchema = z
  .strictObject({
    LICENSE_ONLY: yenAmount.optional(),
    MYNA_ONLY: yenAmount.optional(),
    BOTH: yenAmount.optional(),
  })
  .refine((m) => Object.values(m).some((yen) => yen !== undefined), 'AMOUNT_REQUIRED');

const feeAmountSchema = z.discriminatedUnion('basis', [
  z.strictObject({
    basis: z.literal('UNIFORM').describe('One amount whatever the holding status'),
    yen: yenAmount,
  }),
  z.strictObject({
    basis: z.literal('BY_HOLDING_STATUS').describe('Amounts that differ by holding status (保有状況)'),
    byHoldingStatus: byHoldingStatusSchema,
  }),
]);

const feeItemSchema = z.strictObject({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/, 'ITEM_CODE_FORMAT')
    .describe('Stable identifier of the item within its table'),
  label: labelText.describe('Japanese, e.g. 更新手数料'),
  amount: feeAmountSchema,
  sourceGrade: sourceGradeSchema.describe('OFFICIAL for [seed]/[C] amounts, SECONDARY for [S]'),
  notes: listOf(noteText),
});

export const feeTableSchema = z
  .strictObject({
    items: listOf(feeItemSchema).min(1),
    notes: listOf(noteText),
  })
  .superRefine((table, ctx) => {
    reportDuplicates(ctx, table.items, (item) => item.code, (i) => ['items', i, 'code'], 'item code');
  });

export type FeeTableContent = z.infer<typeof feeTableSchema>;
export type FeeItem = FeeTableContent['items'][number];

export const feeTableKind: PolicyKind<FeeTableContent> = {
  name: 'fee-table',
  title: '手数料',
  description: 'Fee amounts in whole yen, either uniform or per holding status.',
  schema: feeTableSchema,
};
