import { z } from 'zod';
import { labelText, noteText, reportDuplicates, listOf } from './content-fields';
import { facilityTypeSchema, procedureSchema } from './enums';
import type { PolicyKind } from './policy-kind';

const facilityColumnSchema = z.strictObject({
  facilityType: facilityTypeSchema,
  label: labelText.describe('Japanese column header, e.g. 運転免許試験場'),
  locations: listOf(labelText).describe('Named facilities of this type in Tokyo, e.g. 府中運転免許試験場'),
  notes: listOf(noteText),
});

const cellNoteSchema = z.strictObject({
  facilityType: facilityTypeSchema,
  note: noteText,
});

const facilityRowSchema = z.strictObject({
  procedure: procedureSchema.describe('The procedure done together with the integration (同時に行う手続)'),
  label: labelText.describe('Japanese row label, e.g. 免許更新(通常・期間前)'),
  facilityTypes: listOf(facilityTypeSchema).describe('Facility types where integration can be done with this procedure (〇)'),
  cellNotes: listOf(cellNoteSchema).describe('Notes on single cells, e.g. a reservation needed only at one facility type'),
  notes: listOf(noteText),
});

export const facilityMatrixSchema = z
  .strictObject({
    columns: listOf(facilityColumnSchema).min(1),
    rows: listOf(facilityRowSchema),
    notes: listOf(noteText),
  })
  .superRefine((matrix, ctx) => {
    reportDuplicates(ctx, matrix.columns, (c) => c.facilityType, (i) => ['columns', i, 'facilityType'], 'facility type');
    reportDuplicates(ctx, matrix.rows, (r) => r.procedure, (i) => ['rows', i, 'procedure'], 'procedure');
    // A cell can only be marked for a column the matrix shows, or the table would claim an unlabelled facility.
    const shown = new Set<string>(matrix.columns.map((c) => c.facilityType));
    matrix.rows.forEach((row, r) => {
      reportDuplicates(ctx, row.facilityTypes, (f) => f, (i) => ['rows', r, 'facilityTypes', i], 'facility type');
      row.facilityTypes.forEach((f, i) => {
        if (!shown.has(f)) {
          ctx.addIssue({ code: 'custom', path: ['rows', r, 'facilityTypes', i], message: 'NO_COLUMN_FOR_FACILITY', params: { value: f } });
        }
      });
      row.cellNotes.forEach((cell, i) => {
        if (!shown.has(cell.facilityType)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', r, 'cellNotes', i, 'facilityType'],
            message: 'NO_COLUMN_FOR_FACILITY',
            params: { value: cell.facilityType },
          });
        }
      });
    });
  });

export type FacilityMatrixContent = z.infer<typeof facilityMatrixSchema>;

export const facilityMatrixKind: PolicyKind<FacilityMatrixContent> = {
  name: 'facility-matrix',
  title: '手続可能施設',
  description: 'Which facility types can do the My Number Card integration together with each licence procedure.',
  schema: facilityMatrixSchema,
};
