import { z } from 'zod';

// The four enums below are part of the public GraphQL contract (API.md); their values must never change.

export const PROCEDURES = [
  'RENEWAL',
  'HOLDING_STATUS_CHANGE',
  'NEW_LICENSE',
  'ADDITION',
  'DRIVING_HISTORY_CERTIFICATE',
  'PARTICULARS_CHANGE',
  'REISSUE',
  'REACQUISITION',
  'CARD_RE_RECORDING',
] as const;
export type Procedure = (typeof PROCEDURES)[number];

export const FACILITY_TYPES = ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION', 'OTHER_STATION'] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

export const HOLDING_STATUSES = ['LICENSE_ONLY', 'MYNA_ONLY', 'BOTH'] as const;
export type HoldingStatus = (typeof HOLDING_STATUSES)[number];

export const RESERVATION_CHANNELS = ['WEB', 'VOICE', 'GYOSEI_ONLINE'] as const;
export type ReservationChannel = (typeof RESERVATION_CHANNELS)[number];

// The enums below belong to the content of single kinds, not to the GraphQL contract.

/** Driver categories that decide which renewal lecture a person takes (優良・一般・違反・初回). */
export const DRIVER_CLASSES = ['EXCELLENT', 'GENERAL', 'VIOLATOR', 'FIRST_RENEWAL'] as const;
export type DriverClass = (typeof DRIVER_CLASSES)[number];

/** The personal particulars whose change the one-stop service reports to the police on the holder's behalf. */
export const PERSONAL_PARTICULARS = ['REGISTERED_DOMICILE', 'ADDRESS', 'NAME', 'DATE_OF_BIRTH'] as const;
export type PersonalParticular = (typeof PERSONAL_PARTICULARS)[number];

/** How well an amount is sourced: OFFICIAL = seed page or an official page ([seed]/[C]); SECONDARY = [S]. */
export const SOURCE_GRADES = ['OFFICIAL', 'SECONDARY'] as const;
export type SourceGrade = (typeof SOURCE_GRADES)[number];

/** Whether a fee is one amount for everybody or differs by holding status (the fee table's `amount.basis`). */
export const AMOUNT_BASES = ['UNIFORM', 'BY_HOLDING_STATUS'] as const;
export type AmountBasis = (typeof AMOUNT_BASES)[number];

/** Every enum of the content, by the name the labels and messages use for it. */
export const CONTENT_ENUMS = {
  procedure: PROCEDURES,
  facilityType: FACILITY_TYPES,
  holdingStatus: HOLDING_STATUSES,
  reservationChannel: RESERVATION_CHANNELS,
  driverClass: DRIVER_CLASSES,
  personalParticular: PERSONAL_PARTICULARS,
  sourceGrade: SOURCE_GRADES,
  amountBasis: AMOUNT_BASES,
} as const;
export type ContentEnumName = keyof typeof CONTENT_ENUMS;

export const procedureSchema = z.enum(PROCEDURES);
export const facilityTypeSchema = z.enum(FACILITY_TYPES);
export const holdingStatusSchema = z.enum(HOLDING_STATUSES);
export const reservationChannelSchema = z.enum(RESERVATION_CHANNELS);
export const driverClassSchema = z.enum(DRIVER_CLASSES);
export const personalParticularSchema = z.enum(PERSONAL_PARTICULARS);
export const sourceGradeSchema = z.enum(SOURCE_GRADES);
