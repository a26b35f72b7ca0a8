import { FIELD_ENUMS, contentFieldName, contentFieldPattern, contentFieldTrail } from './field-names';
import { enumLabel } from './labels';
import type { Bilingual, Locale } from './labels';

/**
 * Why a content value was refused, as a stable code. The API sends it with its parameters (`extensions.issues[].reason`,
 * `.params`) beside an English message; the admin words it in the chosen language, naming the field, never its path.
 */
export const VALIDATION_REASONS = [
  'REQUIRED',
  'BLANK',
  'INVALID_TYPE',
  'NOT_A_NUMBER',
  'NOT_WHOLE_NUMBER',
  'AMOUNT_NEGATIVE',
  'NUMBER_TOO_SMALL',
  'NUMBER_TOO_LARGE',
  'TEXT_TOO_LONG',
  'TOO_FEW_ITEMS',
  'TOO_MANY_ITEMS',
  'UNKNOWN_CHOICE',
  'UNKNOWN_KEY',
  'UNKNOWN_KIND',
  'DUPLICATE',
  'DATE_FORMAT',
  'NO_SUCH_DAY',
  'DATE_NOT_IN_ERA',
  'HTTPS_URL',
  'ITEM_CODE_FORMAT',
  'AMOUNT_REQUIRED',
  'NO_COLUMN_FOR_FACILITY',
  'CHANNEL_REQUIRED',
  'CHANNELS_WITHOUT_RESERVATION',
  'CONDITIONS_WITHOUT_CARRY_OVER',
  'DRIVER_CLASS_NOT_ELIGIBLE',
  'INVALID',
] as const;
export type ValidationReason = (typeof VALIDATION_REASONS)[number];

export function isValidationReason(value: unknown): value is ValidationReason {
  return typeof value === 'string' && (VALIDATION_REASONS as readonly string[]).includes(value);
}

/** Parameters of a reason; `value` is the offending value as stored (an enum code is worded by the UI). */
export type ValidationParams = Readonly<Record<string, string | number>>;

/**
 * The message of each reason. `%{field}` is the field's name in that language and `%{valueLabel}` the offending value
 * in words; the other placeholders are the reason's parameters.
 */
export const VALIDATION_MESSAGES: Readonly<Record<ValidationReason, Bilingual>> = {
  REQUIRED: { ja: '%{field}を入力してください', en: '%{field} is required' },
  BLANK: { ja: '%{field}を入力してください(空白だけにはできません)', en: '%{field} must not be blank' },
  INVALID_TYPE: { ja: '%{field}の形式が正しくありません', en: '%{field} has the wrong type (expected %{expected})' },
  NOT_A_NUMBER: { ja: '%{field}は数字で入力してください', en: '%{field} must be a number' },
  NOT_WHOLE_NUMBER: { ja: '%{field}は整数で入力してください', en: '%{field} must be a whole number' },
  AMOUNT_NEGATIVE: { ja: '%{field}にマイナスの値は入力できません(0以上の整数)', en: '%{field} must not be negative' },
  NUMBER_TOO_SMALL: { ja: '%{field}は%{minimum}以上にしてください', en: '%{field} must be at least %{minimum}' },
  NUMBER_TOO_LARGE: { ja: '%{field}は%{maximum}以下にしてください', en: '%{field} must be at most %{maximum}' },
  TEXT_TOO_LONG: { ja: '%{field}は%{maximum}文字以内にしてください', en: '%{field} must have at most %{maximum} characters' },
  TOO_FEW_ITEMS: { ja: '%{field}を%{minimum}件以上入れてください', en: '%{field} needs at least %{minimum} entries' },
  TOO_MANY_ITEMS: { ja: '%{field}は%{maximum}件までです', en: '%{field} has more than %{maximum} entries' },
  UNKNOWN_CHOICE: { ja: '%{field}の値「%{value}」は選択肢にありません', en: '%{field}: "%{value}" is not one of the choices' },
  UNKNOWN_KEY: { ja: '「%{key}」という項目はありません(削除してください)', en: 'Unknown key "%{key}"' },
  UNKNOWN_KIND: { ja: 'ポリシーの種類「%{kind}」は登録されていません', en: 'Unknown policy kind "%{kind}"' },
  DUPLICATE: { ja: '%{field}「%{valueLabel}」が重複しています', en: 'Duplicate %{what} "%{value}"' },
  DATE_FORMAT: { ja: '%{field}は日付で入力してください(例: 2025/3/24、令和7年3月24日)', en: '%{field} must be a date in YYYY-MM-DD form' },
  NO_SUCH_DAY: { ja: '%{field}: 暦にない日付です', en: '%{field}: no such day in the calendar' },
  // Only the admin's date inputs say this (the API takes 'YYYY-MM-DD'): 平成31年5月1日 is a real day, under 令和.
  DATE_NOT_IN_ERA: { ja: '%{field}: その元号にはない日付です(改元の前後を確かめてください)', en: '%{field}: that era has no such day' },
  HTTPS_URL: { ja: '%{field}は https:// で始まるURLにしてください', en: '%{field} must be an https URL' },
  ITEM_CODE_FORMAT: {
    ja: '%{field}は半角の英小文字・数字・ハイフン・ピリオドで入力してください(例: lecture.excellent)',
    en: '%{field}: use lower-case kebab/dot style, e.g. lecture.excellent',
  },
  AMOUNT_REQUIRED: { ja: '保有状況のいずれか1つ以上に金額を入力してください', en: 'Give the amount for at least one holding status' },
  NO_COLUMN_FOR_FACILITY: {
    ja: '「%{valueLabel}」の列がありません(先に施設の列を追加してください)',
    en: 'No column for facility type "%{value}"',
  },
  CHANNEL_REQUIRED: { ja: '予約が必要な場合は、予約方法を1つ以上選んでください', en: 'A required reservation needs at least one channel' },
  CHANNELS_WITHOUT_RESERVATION: {
    ja: '予約が不要な場合は、予約方法を選ばないでください',
    en: 'No channels when no reservation is required',
  },
  CONDITIONS_WITHOUT_CARRY_OVER: {
    ja: '免許情報が引き継がれない場合は、引継ぎの条件を空にしてください',
    en: 'No conditions when nothing is carried over',
  },
  DRIVER_CLASS_NOT_ELIGIBLE: {
    ja: '「%{valueLabel}」は対象となる運転者区分に含まれていません',
    en: 'Driver class "%{value}" is not eligible',
  },
  INVALID: { ja: '%{field}の値が正しくありません', en: '%{field} is not valid' },
};

/** Fills `%{name}` placeholders (polyglot's syntax); an unknown name stays as it is. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/%\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** One refused value: where (a content path in any spelling), why, and the reason's parameters. */
export interface ReasonedIssue {
  path: string;
  reason: ValidationReason | string;
  params?: ValidationParams;
}

/** The offending value in words: an enum value by its label, anything else as it is. */
function valueLabel(path: string, value: string | number | undefined, locale: Locale): string {
  if (value === undefined) return '';
  const enumName = FIELD_ENUMS[contentFieldPattern(path)];
  return enumName ? enumLabel(enumName, String(value), locale) : String(value);
}

/**
 * A problem worded for a person. `where: 'field'` names the field alone (the message sits under it);
 * `where: 'list'` places it (「手数料の項目 2 › 金額(円)」) for a list of problems shown away from the fields.
 */
export function describeIssue(issue: ReasonedIssue, locale: Locale = 'ja', where: 'field' | 'list' = 'field'): string {
  const reason: ValidationReason = isValidationReason(issue.reason) ? issue.reason : 'INVALID';
  const trail = contentFieldTrail(issue.path, locale);
  const field = where === 'list' ? trail : (contentFieldName(issue.path, locale) ?? trail);
  const params = issue.params ?? {};
  const template = VALIDATION_MESSAGES[reason][locale];
  const text = fillTemplate(template, { ...params, field, valueLabel: valueLabel(issue.path, params.value, locale) });
  // A message that does not name its field still has to say where it is when shown away from the field.
  return where === 'list' && !template.includes('%{field}') ? `${trail}: ${text}` : text;
}
