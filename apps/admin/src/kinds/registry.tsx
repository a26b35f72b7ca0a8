import type { ComponentType } from 'react';
import { FACILITY_TYPES, PROCEDURES, enumLabel } from '@policy-cms/kinds';
import { CarryOverEditor } from './card-renewal-carry-over/Editor';
import { CarryOverView } from './card-renewal-carry-over/View';
import { FacilityMatrixEditor } from './facility-matrix/Editor';
import { FacilityMatrixView } from './facility-matrix/View';
import { FeeTableEditor, newFeeItem } from './fee-table/Editor';
import { FeeTableView } from './fee-table/View';
import { NoticeEditor } from './notice/Editor';
import { NoticeView } from './notice/View';
import { OneStopServiceEditor } from './one-stop-service/Editor';
import { OneStopView } from './one-stop-service/View';
import { OnlineLectureEditor } from './online-lecture/Editor';
import { OnlineLectureView } from './online-lecture/View';
import { ReservationRulesEditor } from './reservation-rules/Editor';
import { ReservationView } from './reservation-rules/View';

/** What the admin has for one kind: its form, its read-only view, and the content a policy with no version starts from. */
export interface KindUi {
  Editor: ComponentType;
  View: ComponentType<{ content: unknown }>;
  /** Starting content: every list empty, nothing stated that an editor did not type. */
  empty: () => unknown;
  /** Whether content has the shape the view reads (stored content predates no schema, but a view must not crash). */
  fits: (content: Record<string, unknown>) => boolean;
}

const isList = (value: unknown) => Array.isArray(value);

/**
 * The admin's mirror of the API's kinds (@policy-cms/kinds), one folder per kind. A kind added in code without an entry
 * here is edited as JSON and shown as JSON, so it still works before it has a form.
 */
export const KIND_UIS: Readonly<Record<string, KindUi>> = {
  'facility-matrix': {
    Editor: FacilityMatrixEditor,
    View: FacilityMatrixView,
    empty: () => ({
      columns: FACILITY_TYPES.map((facilityType) => ({ facilityType, label: enumLabel('facilityType', facilityType), locations: [], notes: [] })),
      rows: PROCEDURES.map((procedure) => ({ procedure, label: enumLabel('procedure', procedure), facilityTypes: [], cellNotes: [], notes: [] })),
      notes: [],
    }),
    fits: (c) => isList(c.columns) && isList(c.rows),
  },
  'reservation-rules': {
    Editor: ReservationRulesEditor,
    View: ReservationView,
    empty: () => ({ scope: '', ageWaiver: null, rules: [], notes: [] }),
    fits: (c) => isList(c.rules),
  },
  'fee-table': {
    Editor: FeeTableEditor,
    View: FeeTableView,
    empty: () => ({ items: [newFeeItem([])], notes: [] }),
    fits: (c) => isList(c.items),
  },
  'card-renewal-carry-over': {
    Editor: CarryOverEditor,
    View: CarryOverView,
    empty: () => ({ carriedOver: false, conditions: [], exclusions: [], advice: [], reRecordingFeeYen: null, notes: [] }),
    fits: (c) => typeof c.carriedOver === 'boolean',
  },
  'online-lecture': {
    Editor: OnlineLectureEditor,
    View: OnlineLectureView,
    empty: () => ({
      eligibleDriverClasses: [],
      eligibleHoldingStatuses: [],
      requirements: [],
      birthdayRule: null,
      durations: [],
      feeYen: null,
      exclusions: [],
      notes: [],
    }),
    fits: (c) => isList(c.eligibleDriverClasses),
  },
  'one-stop-service': {
    Editor: OneStopServiceEditor,
    View: OneStopView,
    empty: () => ({ eligibleHoldingStatuses: [], requiredSteps: [], preparation: [], coveredChanges: [], exclusions: [], notes: [] }),
    fits: (c) => isList(c.coveredChanges),
  },
  notice: {
    Editor: NoticeEditor,
    View: NoticeView,
    empty: () => ({ title: '', body: '' }),
    fits: (c) => typeof c.body === 'string' || typeof c.title === 'string',
  },
};

export function kindUi(kind: string | undefined): KindUi | undefined {
  return kind ? KIND_UIS[kind] : undefined;
}
