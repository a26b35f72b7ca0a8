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

// Japanese labels as the seed page words them, so the admin UI and downstream services need no second dictionary.

export const PROCEDURE_LABELS: Readonly<Record<Procedure, string>> = {
  RENEWAL: '免許更新(通常・期間前)',
  HOLDING_STATUS_CHANGE: '保有状況変更のみ',
  NEW_LICENSE: '新規取得(学科試験)',
  ADDITION: '併記',
  DRIVING_HISTORY_CERTIFICATE: '運転経歴証明書',
  PARTICULARS_CHANGE: '記載事項変更',
  REISSUE: '再交付(遺失・き損等)',
  REACQUISITION: '失効(再取得)',
  CARD_RE_RECORDING: '新しいマイナンバーカードへの免許情報の再記録',
};

export const FACILITY_TYPE_LABELS: Readonly<Record<FacilityType, string>> = {
  TEST_CENTER: '運転免許試験場',
  RENEWAL_CENTER: '運転免許更新センター',
  DESIGNATED_STATION: '指定警察署',
  OTHER_STATION: '指定外警察署',
};

export const HOLDING_STATUS_LABELS: Readonly<Record<HoldingStatus, string>> = {
  LICENSE_ONLY: '運転免許証のみ',
  MYNA_ONLY: 'マイナ免許証のみ',
  BOTH: 'マイナ免許証と運転免許証の2枚',
};

export const RESERVATION_CHANNEL_LABELS: Readonly<Record<ReservationChannel, string>> = {
  WEB: '警視庁運転免許手続予約サイト',
  VOICE: '自動音声予約ダイヤル',
  GYOSEI_ONLINE: '警視庁行政手続オンライン',
};

export const DRIVER_CLASS_LABELS: Readonly<Record<DriverClass, string>> = {
  EXCELLENT: '優良運転者',
  GENERAL: '一般運転者',
  VIOLATOR: '違反運転者',
  FIRST_RENEWAL: '初回更新者',
};

export const PERSONAL_PARTICULAR_LABELS: Readonly<Record<PersonalParticular, string>> = {
  REGISTERED_DOMICILE: '本籍',
  ADDRESS: '住所',
  NAME: '氏名',
  DATE_OF_BIRTH: '生年月日',
};

export const procedureSchema = z.enum(PROCEDURES);
export const facilityTypeSchema = z.enum(FACILITY_TYPES);
export const holdingStatusSchema = z.enum(HOLDING_STATUSES);
export const reservationChannelSchema = z.enum(RESERVATION_CHANNELS);
export const driverClassSchema = z.enum(DRIVER_CLASSES);
export const personalParticularSchema = z.enum(PERSONAL_PARTICULARS);
export const sourceGradeSchema = z.enum(SOURCE_GRADES);
