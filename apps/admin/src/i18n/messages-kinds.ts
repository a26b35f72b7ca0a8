import { ENUM_LABELS, KIND_TITLES, type Locale } from '@policy-cms/kinds';

/**
 * The words of the content come from @policy-cms/kinds (enums, field names, validation messages, kind names), shared
 * with the API; they are also laid out here under `kinds.enums` and `kinds.titles` so that polyglot knows them.
 * The texts below are the forms' own (buttons, help), under `kinds.*`. Japanese first; messages-kinds.en.ts has the same keys.
 */
export function vocabularyMessages(locale: Locale) {
  return {
    enums: Object.fromEntries(
      Object.entries(ENUM_LABELS).map(([name, labels]) => [name, Object.fromEntries(Object.entries(labels).map(([value, words]) => [value, words[locale]]))]),
    ),
    titles: Object.fromEntries(Object.entries(KIND_TITLES).map(([kind, words]) => [kind, words[locale]])),
  };
}

export const kindMessages = {
  kinds: {
    ...vocabularyMessages('ja'),
    versionNumber: '第%{number}版',
    json: { invalid: 'JSON の書き方に誤りがあります(%{line}行目・%{column}文字目付近)' },
    form: {
      content: '内容',
      contentErrors: '内容に誤りがあります。次の箇所を直してください。',
      invalid: '入力内容に誤りがあります。赤く表示された欄を確認してください。',
    },
    list: {
      add: '追加',
      addTo: '%{name}を追加',
      remove: '削除',
      empty: '(なし)',
    },
    numbers: {
      emptyIsUnknown: '空欄 = 不明(未掲載)',
    },
    units: {
      age: '歳以上',
      minutes: '分',
    },
    fees: {
      notKnown: '未掲載',
      addItem: '手数料の項目を追加',
      removeItem: 'この項目を削除',
    },
    carryOver: {
      yes: '引き継がれる',
      no: '引き継がれない',
      conditionsHelp: '「引き継がれない」場合は条件を空にしてください。',
    },
    matrix: {
      help: '〇 = その施設でマイナ一体化を同時に行える。チェックを切り替えると 〇/‐ が変わります。見出し・注記・施設名はそのまま保持されます。',
    },
    notice: {
      bodyHelp: '1行に1段落・1項目で書いてください。',
      linksHelp: 'リンク先は https:// で始まる公式ページにしてください。',
    },
    view: {
      reservation: '予約',
      reservationRequired: '要予約',
      noReservation: '予約不要',
    },
  },
};
