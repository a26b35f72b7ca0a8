import { z } from 'zod';
import { cardRenewalCarryOverKind } from './card-renewal-carry-over.kind';
import { facilityMatrixKind } from './facility-matrix.kind';
import { feeTableKind } from './fee-table.kind';
import { noticeKind } from './notice.kind';
import { oneStopServiceKind } from './one-stop-service.kind';
import { onlineLectureKind } from './online-lecture.kind';
import type { PolicyKind } from './policy-kind';
import { reservationRulesKind } from './reservation-rules.kind';

export const policyKinds: readonly PolicyKind[] = [
  facilityMatrixKind,
  reservationRulesKind,
  feeTableKind,
  cardRenewalCarryOverKind,
  onlineLectureKind,
  oneStopServiceKind,
  noticeKind,
];

export function findPolicyKind(name: string): PolicyKind | undefined {
  return policyKinds.find((kind) => kind.name === name);
}

/** The kind's content schema as JSON Schema (draft 2020-12), titled and described for downstream services and the UI. */
export function policyKindJsonSchema(kind: PolicyKind): Record<string, unknown> {
  return {
    ...z.toJSONSchema(kind.schema, { target: 'draft-2020-12' }),
    title: kind.title,
    description: kind.description,
  };
}
