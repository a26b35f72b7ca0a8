/** The content shapes of the kinds with their own editor (mirrors libs/policy/src/kinds; the server validates). */

export interface FacilityColumn {
  facilityType: string;
  label: string;
  locations: string[];
  notes: string[];
}
export interface FacilityRow {
  procedure: string;
  label: string;
  facilityTypes: string[];
  cellNotes: { facilityType: string; note: string }[];
  notes: string[];
}
export interface FacilityMatrixContent {
  columns: FacilityColumn[];
  rows: FacilityRow[];
  notes: string[];
}

export type FeeAmount =
  | { basis: 'UNIFORM'; yen: number }
  | { basis: 'BY_HOLDING_STATUS'; byHoldingStatus: Partial<Record<'LICENSE_ONLY' | 'MYNA_ONLY' | 'BOTH', number>> };
export interface FeeItem {
  code: string;
  label: string;
  amount: FeeAmount;
  sourceGrade: 'OFFICIAL' | 'SECONDARY';
  notes: string[];
}
export interface FeeTableContent {
  items: FeeItem[];
  notes: string[];
}

export interface CarryOverContent {
  carriedOver: boolean;
  conditions: string[];
  exclusions: string[];
  advice: string[];
  reRecordingFeeYen: number | null;
  notes: string[];
}

export interface NoticeContent {
  title: string;
  body: string;
  links?: { label: string; url: string }[];
}

/** Kinds that have a dedicated editor; every other kind is edited as JSON. */
export const STRUCTURED_KINDS = ['facility-matrix', 'fee-table', 'card-renewal-carry-over', 'notice'] as const;

export function isStructuredKind(kind: string | undefined): boolean {
  return !!kind && (STRUCTURED_KINDS as readonly string[]).includes(kind);
}
