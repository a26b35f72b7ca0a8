import type {
  AmountBasis,
  ContentEnumName,
  DriverClass,
  FacilityType,
  HoldingStatus,
  PersonalParticular,
  Procedure,
  ReservationChannel,
  SourceGrade,
} from './enums';

/** The two languages of the admin UI: Japanese first, English second. */
export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A text in both languages. */
export type Bilingual = Readonly<Record<Locale, string>>;

// Japanese as the seed page words them, so the admin UI and downstream services need no second dictionary.

export const PROCEDURE_LABELS: Readonly<Record<Procedure, Bilingual>> = {
  RENEWAL: { ja: '免許更新(通常・期間前)', en: 'Licence renewal (regular or early)' },
  HOLDING_STATUS_CHANGE: { ja: '保有状況変更のみ', en: 'Change of holding status only' },
  NEW_LICENSE: { ja: '新規取得(学科試験)', en: 'New licence (written test)' },
  ADDITION: { ja: '併記', en: 'Additional licence category' },
  DRIVING_HISTORY_CERTIFICATE: { ja: '運転経歴証明書', en: 'Driving history certificate' },
  PARTICULARS_CHANGE: { ja: '記載事項変更', en: 'Change of recorded particulars' },
  REISSUE: { ja: '再交付(遺失・き損等)', en: 'Reissue (lost, damaged, etc.)' },
  REACQUISITION: { ja: '失効(再取得)', en: 'Re-acquisition after expiry' },
  CARD_RE_RECORDING: { ja: '新しいマイナンバーカードへの免許情報の再記録', en: 'Re-recording licence data on a new My Number Card' },
};

export const FACILITY_TYPE_LABELS: Readonly<Record<FacilityType, Bilingual>> = {
  TEST_CENTER: { ja: '運転免許試験場', en: 'Driver licence test centre' },
  RENEWAL_CENTER: { ja: '運転免許更新センター', en: 'Licence renewal centre' },
  DESIGNATED_STATION: { ja: '指定警察署', en: 'Designated police station' },
  OTHER_STATION: { ja: '指定外警察署', en: 'Other police station' },
};

export const HOLDING_STATUS_LABELS: Readonly<Record<HoldingStatus, Bilingual>> = {
  LICENSE_ONLY: { ja: '運転免許証のみ', en: 'Licence card only' },
  MYNA_ONLY: { ja: 'マイナ免許証のみ', en: 'My Number licence only' },
  BOTH: { ja: 'マイナ免許証と運転免許証の2枚', en: 'Both, My Number licence and licence card' },
};

export const RESERVATION_CHANNEL_LABELS: Readonly<Record<ReservationChannel, Bilingual>> = {
  WEB: { ja: '警視庁運転免許手続予約サイト', en: 'Tokyo police licence reservation website' },
  VOICE: { ja: '自動音声予約ダイヤル', en: 'Automated voice reservation line' },
  GYOSEI_ONLINE: { ja: '警視庁行政手続オンライン', en: 'Tokyo police online administrative procedures' },
};

export const DRIVER_CLASS_LABELS: Readonly<Record<DriverClass, Bilingual>> = {
  EXCELLENT: { ja: '優良運転者', en: 'Excellent driver' },
  GENERAL: { ja: '一般運転者', en: 'General driver' },
  VIOLATOR: { ja: '違反運転者', en: 'Driver with violations' },
  FIRST_RENEWAL: { ja: '初回更新者', en: 'First renewal' },
};

export const PERSONAL_PARTICULAR_LABELS: Readonly<Record<PersonalParticular, Bilingual>> = {
  REGISTERED_DOMICILE: { ja: '本籍', en: 'Registered domicile' },
  ADDRESS: { ja: '住所', en: 'Address' },
  NAME: { ja: '氏名', en: 'Name' },
  DATE_OF_BIRTH: { ja: '生年月日', en: 'Date of birth' },
};

export const SOURCE_GRADE_LABELS: Readonly<Record<SourceGrade, Bilingual>> = {
  OFFICIAL: { ja: '公式', en: 'Official' },
  SECONDARY: { ja: '二次資料', en: 'Secondary source' },
};

export const AMOUNT_BASIS_LABELS: Readonly<Record<AmountBasis, Bilingual>> = {
  UNIFORM: { ja: '一律', en: 'Uniform' },
  BY_HOLDING_STATUS: { ja: '保有状況別', en: 'By holding status' },
};

/** The labels of every content enum, by the enum's name in CONTENT_ENUMS. */
export const ENUM_LABELS: { readonly [E in ContentEnumName]: Readonly<Record<string, Bilingual>> } = {
  procedure: PROCEDURE_LABELS,
  facilityType: FACILITY_TYPE_LABELS,
  holdingStatus: HOLDING_STATUS_LABELS,
  reservationChannel: RESERVATION_CHANNEL_LABELS,
  driverClass: DRIVER_CLASS_LABELS,
  personalParticular: PERSONAL_PARTICULAR_LABELS,
  sourceGrade: SOURCE_GRADE_LABELS,
  amountBasis: AMOUNT_BASIS_LABELS,
};

/**
 * The label of one enum value in a language. An unknown value (content written before a value was removed) is shown
 * as it is rather than hidden, so nothing stored is ever invisible.
 */
export function enumLabel(enumName: ContentEnumName, value: string, locale: Locale = 'ja'): string {
  return ENUM_LABELS[enumName][value]?.[locale] ?? value;
}

/** The names of the policy kinds as the admin shows them; the API's Japanese `title` is the `ja` one. */
export const KIND_TITLES: Readonly<Record<string, Bilingual>> = {
  'facility-matrix': { ja: '手続可能施設', en: 'Facilities' },
  'reservation-rules': { ja: '予約方法', en: 'Reservations' },
  'fee-table': { ja: '手数料', en: 'Fees' },
  'card-renewal-carry-over': { ja: 'カード更新時の免許情報の引継ぎ', en: 'Licence data on card renewal' },
  'online-lecture': { ja: 'オンライン講習', en: 'Online lecture' },
  'one-stop-service': { ja: '住所変更手続等のワンストップサービス', en: 'One-stop service for changed particulars' },
  notice: { ja: 'お知らせ', en: 'Notice' },
};

/** The name of a kind in a language; a kind added in code without a title shows its key. */
export function kindTitle(kind: string, locale: Locale = 'ja'): string {
  return KIND_TITLES[kind]?.[locale] ?? kind;
}
