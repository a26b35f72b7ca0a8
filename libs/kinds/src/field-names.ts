import { ENUM_LABELS } from './labels';
import type { Bilingual, Locale } from './labels';

/**
 * The name of every field of every kind's content, in both languages, keyed by its path below `content` with list
 * positions written `*` (`items.*.amount.yen`). The kinds share one table: where two kinds have a field of the same
 * path it means the same thing (`notes`, `eligibleHoldingStatuses`), and a test walks every kind's schema to prove that
 * no path lacks a name.
 */
export const CONTENT_FIELD_NAMES: Readonly<Record<string, Bilingual>> = {
  // shared
  notes: { ja: '注記', en: 'Notes' },
  exclusions: { ja: '対象外となる場合', en: 'Exclusions' },
  eligibleHoldingStatuses: { ja: '対象となる保有状況', en: 'Eligible holding statuses' },

  // facility-matrix
  columns: { ja: '施設の列', en: 'Facility columns' },
  'columns.*': { ja: '施設の列', en: 'Facility column' },
  'columns.*.facilityType': { ja: '施設の種類', en: 'Facility type' },
  'columns.*.label': { ja: '列の見出し', en: 'Column heading' },
  'columns.*.locations': { ja: '施設名', en: 'Named facilities' },
  'columns.*.notes': { ja: '列の注記', en: 'Column notes' },
  rows: { ja: '手続の行', en: 'Procedure rows' },
  'rows.*': { ja: '手続の行', en: 'Procedure row' },
  'rows.*.procedure': { ja: '同時に行う手続', en: 'Procedure done at the same time' },
  'rows.*.label': { ja: '行の見出し', en: 'Row heading' },
  'rows.*.facilityTypes': { ja: '手続できる施設', en: 'Facilities where it can be done' },
  'rows.*.cellNotes': { ja: 'セルの注記', en: 'Cell notes' },
  'rows.*.cellNotes.*.facilityType': { ja: '注記する施設', en: 'Facility of the note' },
  'rows.*.cellNotes.*.note': { ja: 'セルの注記', en: 'Cell note' },
  'rows.*.notes': { ja: '行の注記', en: 'Row notes' },

  // reservation-rules
  scope: { ja: '対象となる手続', en: 'Scope' },
  ageWaiver: { ja: '年齢による予約不要', en: 'No reservation needed from a certain age' },
  'ageWaiver.fromAge': { ja: '予約不要となる年齢', en: 'Age from which no reservation is needed' },
  'ageWaiver.description': { ja: '年齢による予約不要の説明', en: 'Description of the age rule' },
  rules: { ja: '手続ごとの予約方法', en: 'Reservation per procedure' },
  'rules.*': { ja: '手続ごとの予約方法', en: 'Reservation of a procedure' },
  'rules.*.procedure': { ja: '手続', en: 'Procedure' },
  'rules.*.label': { ja: '見出し', en: 'Heading' },
  'rules.*.reservationRequired': { ja: '予約が必要', en: 'Reservation required' },
  'rules.*.channels': { ja: '予約方法', en: 'Reservation channels' },
  'rules.*.facilityRules': { ja: '施設ごとの例外', en: 'Exceptions by facility' },
  'rules.*.facilityRules.*': { ja: '施設ごとの例外', en: 'Exception by facility' },
  'rules.*.facilityRules.*.facilityType': { ja: '施設', en: 'Facility' },
  'rules.*.facilityRules.*.reservationRequired': { ja: 'この施設では予約が必要', en: 'Reservation required at this facility' },
  'rules.*.facilityRules.*.channels': { ja: 'この施設の予約方法', en: 'Reservation channels at this facility' },
  'rules.*.facilityRules.*.notes': { ja: 'この施設の注記', en: 'Notes for this facility' },
  'rules.*.notes': { ja: '手続の注記', en: 'Procedure notes' },

  // fee-table
  items: { ja: '手数料の項目', en: 'Fee items' },
  'items.*': { ja: '手数料の項目', en: 'Fee item' },
  'items.*.code': { ja: '項目コード', en: 'Item code' },
  'items.*.label': { ja: '項目名', en: 'Item name' },
  'items.*.amount': { ja: '金額', en: 'Amount' },
  'items.*.amount.basis': { ja: '金額の区分', en: 'Amount basis' },
  'items.*.amount.yen': { ja: '金額(円)', en: 'Amount (yen)' },
  'items.*.amount.byHoldingStatus': { ja: '保有状況別の金額', en: 'Amounts by holding status' },
  'items.*.amount.byHoldingStatus.LICENSE_ONLY': { ja: '運転免許証のみの金額', en: 'Amount, licence card only' },
  'items.*.amount.byHoldingStatus.MYNA_ONLY': { ja: 'マイナ免許証のみの金額', en: 'Amount, My Number licence only' },
  'items.*.amount.byHoldingStatus.BOTH': { ja: 'マイナ免許証と運転免許証の2枚の金額', en: 'Amount, both cards' },
  'items.*.sourceGrade': { ja: '出典の区分', en: 'Source grade' },
  'items.*.notes': { ja: '項目の注記', en: 'Item notes' },

  // card-renewal-carry-over
  carriedOver: { ja: '免許情報の引継ぎ', en: 'Licence data carried over' },
  conditions: { ja: '引継ぎの条件', en: 'Conditions of the carry-over' },
  advice: { ja: '案内', en: 'Advice' },
  reRecordingFeeYen: { ja: '再記録手数料(円)', en: 'Re-recording fee (yen)' },

  // online-lecture
  eligibleDriverClasses: { ja: '対象となる運転者区分', en: 'Eligible driver classes' },
  requirements: { ja: '受講の要件', en: 'Requirements' },
  birthdayRule: { ja: '誕生日の条件', en: 'Birthday rule' },
  'birthdayRule.renewalBirthdayOnOrAfter': { ja: '対象となる更新時の誕生日(この日以降)', en: 'Renewal birthday on or after' },
  'birthdayRule.description': { ja: '誕生日の条件の説明', en: 'Description of the birthday rule' },
  durations: { ja: '講習時間', en: 'Lecture lengths' },
  'durations.*': { ja: '講習時間', en: 'Lecture length' },
  'durations.*.driverClass': { ja: '運転者区分', en: 'Driver class' },
  'durations.*.minutes': { ja: '講習時間(分)', en: 'Length (minutes)' },
  feeYen: { ja: '講習手数料(円)', en: 'Lecture fee (yen)' },

  // one-stop-service
  requiredSteps: { ja: '事前に必要な手続', en: 'Steps required beforehand' },
  preparation: { ja: '用意するもの', en: 'What to have ready' },
  coveredChanges: { ja: '届出が不要になる変更', en: 'Changes covered' },
  'coveredChanges.*': { ja: '届出が不要になる変更', en: 'Change covered' },
  'coveredChanges.*.particular': { ja: '変更する事項', en: 'Particular' },
  'coveredChanges.*.label': { ja: '表示名', en: 'Label' },
  'coveredChanges.*.notes': { ja: '変更の注記', en: 'Notes on the change' },

  // notice
  title: { ja: '表題', en: 'Title' },
  body: { ja: '本文', en: 'Body' },
  links: { ja: 'リンク', en: 'Links' },
  'links.*': { ja: 'リンク', en: 'Link' },
  'links.*.label': { ja: 'リンクの表示名', en: 'Link text' },
  'links.*.url': { ja: 'リンク先URL', en: 'Link URL' },
};

/** The whole content, when a problem is about the content itself. */
const CONTENT_NAME: Bilingual = { ja: '内容', en: 'Content' };

/**
 * The segments of a content path in any of the spellings in use: the API's `content.rows[2].facilityTypes[0]` or
 * `content.x["電話"]`, the form's `content.rows.2.facilityTypes.0`, with or without `input.` and `content.`.
 */
export function contentPathSegments(path: string): string[] {
  const segments: string[] = [];
  const pattern = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|([^.[\]]+)/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(JSON.parse(`"${match[2]}"`) as string);
    else segments.push(match[3]);
  }
  if (segments[0] === 'input') segments.shift();
  if (segments[0] === 'content') segments.shift();
  return segments;
}

const isIndex = (segment: string) => /^\d+$/.test(segment);

/** The table key of a path: positions become `*`. */
export function contentFieldPattern(path: string): string {
  return contentPathSegments(path)
    .map((s) => (isIndex(s) ? '*' : s))
    .join('.');
}

/**
 * The name of the field at a content path, in a language; undefined for a path no kind has (an unknown key).
 * An element of a list of plain values (`notes.2`) is named by its list.
 */
export function contentFieldName(path: string, locale: Locale = 'ja'): string | undefined {
  const segments = contentPathSegments(path).map((s) => (isIndex(s) ? '*' : s));
  if (segments.length === 0) return CONTENT_NAME[locale];
  while (segments.length > 0) {
    const found = CONTENT_FIELD_NAMES[segments.join('.')];
    if (found) return found[locale];
    if (segments[segments.length - 1] !== '*') return undefined;
    segments.pop();
  }
  return undefined;
}

// The words that place a field inside a list: 「手続の行 3 › 手続できる施設」.
const POSITION: Readonly<Record<Locale, (name: string, index: number) => string>> = {
  ja: (name, index) => `${name} ${index + 1}`,
  en: (name, index) => `${name} ${index + 1}`,
};

/**
 * Where a field is, for a list of problems shown away from the field: each list it sits in with the position
 * (1-based), then the field's name, e.g. 「手数料の項目 2 › 金額(円)」. Never an internal path: an unknown key reads as
 * its parent's place followed by the key.
 */
export function contentFieldTrail(path: string, locale: Locale = 'ja'): string {
  const segments = contentPathSegments(path);
  const parts: string[] = [];
  let i = 0;
  while (i < segments.length) {
    const next = segments[i + 1];
    if (next !== undefined && isIndex(next) && i + 2 < segments.length) {
      const list = segments.slice(0, i + 1).join('.');
      parts.push(POSITION[locale](contentFieldName(list, locale) ?? `「${segments[i]}」`, Number(next)));
      i += 2;
      continue;
    }
    // The field itself, perhaps followed by the position of one plain value in its list (named by the list).
    parts.push(contentFieldName(segments.join('.'), locale) ?? `「${segments[i]}」`);
    break;
  }
  return parts.length > 0 ? parts.join(' › ') : CONTENT_NAME[locale];
}

/** The enum whose values a field holds, so that a message can name the value in words (「免許更新」, not RENEWAL). */
export const FIELD_ENUMS: Readonly<Record<string, keyof typeof ENUM_LABELS>> = {
  'columns.*.facilityType': 'facilityType',
  'rows.*.procedure': 'procedure',
  'rows.*.facilityTypes.*': 'facilityType',
  'rows.*.cellNotes.*.facilityType': 'facilityType',
  'rules.*.procedure': 'procedure',
  'rules.*.channels.*': 'reservationChannel',
  'rules.*.facilityRules.*.facilityType': 'facilityType',
  'rules.*.facilityRules.*.channels.*': 'reservationChannel',
  'items.*.amount.basis': 'amountBasis',
  'items.*.sourceGrade': 'sourceGrade',
  'eligibleHoldingStatuses.*': 'holdingStatus',
  'eligibleDriverClasses.*': 'driverClass',
  'durations.*.driverClass': 'driverClass',
  'coveredChanges.*.particular': 'personalParticular',
};

/** Whether a field (a pattern as FIELD_ENUMS keys them: `items.*.amount.yen`) holds an amount in yen. */
export function isYenField(pattern: string): boolean {
  return /^items\.\*\.amount\.(yen|byHoldingStatus\.\w+)$|^reRecordingFeeYen$|^feeYen$/.test(pattern);
}

/**
 * A number of the content with its unit, as the screens write it: 2,850円, 60分, 75歳 (¥2,850, 60 min, age 75);
 * undefined for a number that has none (a count, a version number).
 */
export function quantityText(pattern: string, amount: number, locale: Locale): string | undefined {
  if (isYenField(pattern)) return yenText(amount, locale);
  if (pattern === 'durations.*.minutes') return locale === 'en' ? `${amount} min` : `${amount}分`;
  if (pattern === 'ageWaiver.fromAge') return locale === 'en' ? `age ${amount}` : `${amount}歳`;
  return undefined;
}

/** An amount in yen as the screens write it: 2,850円 in Japanese, ¥2,850 in English. */
export function yenText(amount: number, locale: Locale): string {
  return locale === 'en' ? `¥${amount.toLocaleString('en-US')}` : `${amount.toLocaleString('ja-JP')}円`;
}
