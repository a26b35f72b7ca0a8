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
    dates: {
      typedHelp: '例: 2025/3/24、令和7年3月24日、R7.3.24',
    },
    numbers: {
      emptyIsUnknown: '空欄 = 不明(未掲載)',
    },
    units: {
      age: '歳以上',
      minutes: '分',
      yen: '円',
    },
    fees: {
      notKnown: '未掲載',
      uniformAcross: '一律: 3区分とも同額',
      addItem: '手数料の項目を追加',
      removeItem: 'この項目を削除',
    },
    carryOver: {
      yes: '引き継がれる',
      no: '引き継がれない',
      conditionsHelp: '「引き継がれない」場合は条件を空にしてください。',
    },
    matrix: {
      help: '〇 = その施設でマイナ一体化を同時に行える。セルを押すと 〇/‐ が切り替わります。行・列の見出しの ✎ で見出しや注記を、セルの中の注記ボタン(注記のあるセルでは ※)でそのセルの注記を追加・編集できます。',
      locationsMore: '%{first} ほか%{count}か所',
      cell: '「%{row}」×「%{column}」',
      addRow: '手続の行を追加',
      addColumn: '施設の列を追加',
      allRowsShown: 'すべての手続が表にあります。',
      allColumnsShown: 'すべての施設の種類が表にあります。',
      chooseProcedure: '追加する手続',
      chooseFacilityType: '追加する施設の種類',
      labelHelp: '共通の用語から入力済みです。公開ページの表記に合わせて直せます。',
      add: '追加',
      cancel: 'キャンセル',
      close: '閉じる',
      save: '保存',
      removeConfirmButton: '削除する',
      moveUp: '「%{name}」の行を上へ移動',
      moveDown: '「%{name}」の行を下へ移動',
      moveLeft: '「%{name}」の列を左へ移動',
      moveRight: '「%{name}」の列を右へ移動',
      editRow: '「%{name}」の行の見出し・注記を編集',
      editColumn: '「%{name}」の列の見出し・施設名・注記を編集',
      removeRow: '「%{name}」の行を削除',
      removeColumn: '「%{name}」の列を削除',
      editRowTitle: '手続の行を編集',
      editColumnTitle: '施設の列を編集',
      removeRowTitle: '手続の行を削除しますか?',
      removeRowConfirm: '「%{name}」の行を削除します。この行の 〇 と注記もあわせて削除されます。',
      removeColumnTitle: '施設の列を削除しますか?',
      removeColumnConfirm: '「%{name}」の列を削除します。各行にあるこの列の 〇 %{count}件とセルの注記もあわせて削除されます。',
      cellNoteTitle: 'セルの注記',
      addCellNote: '「%{row}」×「%{column}」に注記を追加',
      editCellNote: '「%{row}」×「%{column}」の注記を編集',
      removeCellNote: '注記を削除',
      cellNoteHelp: '公開ページでは ※ 印とともに表の下に表示されます。',
      available: '可',
      unavailable: '不可',
      changed: '(変更あり)',
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
