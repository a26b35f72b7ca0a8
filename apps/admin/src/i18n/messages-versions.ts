/**
 * Texts of the versions screens (owned by the versions screens): the policy list, the version list, show, create and
 * edit forms, and the content editors. Japanese first.
 *
 * `versionTexts` is used directly by the screens (typed, no lookups that can silently miss); `versionMessages` exposes the
 * same strings to polyglot under `versions.*` so that labels such as `label="versions.fields.summary"` also work.
 * Templates use polyglot's `%{name}` placeholders; `fill()` fills them outside polyglot.
 */
export const versionTexts = {
  title: {
    list: 'ポリシーの版',
    show: '版の詳細',
    create: '新しい版を作成',
    edit: '版を編集',
    policies: 'ポリシー',
  },
  fields: {
    policyKey: 'ポリシー',
    number: '版',
    status: '状態',
    effectiveFrom: '適用開始',
    effectiveThrough: '適用終了',
    effectiveFromInput: '適用開始日',
    effectiveThroughInput: '適用終了日(空欄 = 無期限)',
    summary: '変更の概要・出典',
    summaryHelp: '何を変更したか、その出典(公式ページ名・日付など)を書いてください。',
    reason: '遡及訂正の理由',
    updatedAt: '更新日時',
    createdAt: '作成日時',
    publishedAt: '公開日時',
    approvedAt: '承認日時',
    withdrawnAt: '取下げ日時',
    content: '内容',
    kind: '種類',
    range: '適用期間',
    history: 'ワークフロー履歴',
  },
  status: {
    DRAFT: '下書き',
    IN_REVIEW: 'レビュー中',
    APPROVED: '承認済み',
    PUBLISHED: '公開済み',
    REJECTED: '差戻し',
    WITHDRAWN: '取下げ',
  },
  history: {
    occurredAt: '日時',
    actorName: '実行者',
    action: '操作',
    reason: '理由',
    empty: '履歴はありません。',
    demoLoaded: 'この版はデモデータとして読み込まれました。上の公開日時・記録日時は公開記録の日付で、この履歴の日時は実際に読み込んだ日時です。',
  },
  policies: {
    versions: '版の一覧',
    createVersion: '新しい版を作成',
    searchPlaceholder: 'キー・名称・分類で検索',
  },
  dates: {
    openEnded: '無期限',
    invalid: '日付として読めません。2027-04-01、2027/4/1、令和9年4月1日 などの形で、暦にある日を入力してください',
    typedHelp: '例: 2027/4/1、令和9年4月1日',
    pick: '%{field}をカレンダーから選ぶ',
    throughBeforeFrom: '適用終了日は適用開始日以降にしてください',
  },
  badges: {
    retroactive: '遡及訂正',
    demo: '出典のない部分あり',
    demoHelp: 'デモデータの版です。内容または記録日時の一部に出典がありません。',
    inventedContent: '架空の内容',
    inventedContentHelp: 'デモのために作った架空の規則です。実在の発表ではありません。',
    recordDateAssumed: '記録日は推定',
    recordDateAssumedHelp: '内容は出典のある実際の規則ですが、最初に公表された日時が分からないため、記録日時は推定です。',
  },
  /** A version by name: its policy's title and its number. */
  name: '%{title} 第%{number}版',
  numberLabel: '第%{number}版',
  /** Where a published version stands in the public record now (from the ledger), not the workflow step. */
  publicState: {
    IN_FORCE: '公開中',
    SCHEDULED: '予定',
    PARTLY_IN_EFFECT: '一部のみ有効',
    ENDED: '適用終了',
    SUPERSEDED: '後の版で置換',
    WITHDRAWN: '取下げ',
  },
  publicStateHelp: {
    IN_FORCE: '本日適用されています。',
    SCHEDULED: '公開済みで、適用開始日を待っています。',
    PARTLY_IN_EFFECT: '後の版が適用期間の一部を置き換えたため、残りの期間だけ適用されます(本日は適用外で、これから適用される日があります)。',
    ENDED: '適用される日はすべて過ぎました(後の版が一部を置き換えた場合を含みます)。',
    SUPERSEDED: '後の版が適用期間をすべて置き換えたため、どの日にも適用されません。',
    WITHDRAWN: '取り下げられました。どの日にも適用されません。',
  },
  coveredInPart: '後の版が一部を置換',
  showMatrix: 'この版の施設表を表示(上の比較と同じ内容)',
  /** The list's filter by workflow step: its choices are steps (公開済み), not the public states of the 状態 column. */
  stepFilter: 'ワークフローの段階',
  listColumns: {
    policy: 'ポリシー',
    number: '版',
    state: '状態',
    effectiveFrom: '適用開始',
    effectiveThrough: '適用終了',
    recordedAt: '記録日時',
    inEffectHelp: '実際に適用される期間(後の版による置換を反映)',
  },
  recordedAtDetail: {
    label: '記録日時(公開記録が最初にこの版を示した時点)',
    none: '未公開',
  },
  form: {
    required: '入力してください',
    retroactiveWarning: '適用開始日が本日より前です。これは遡及訂正です。理由を入力してください。',
    reasonRequired: '遡及訂正の理由を入力してください',
    conflict: '他の人が先に保存しました。再読み込みしてください。',
    saved: '保存しました',
    saveFailed: '保存できませんでした: %{message}',
    blank: '空白だけでなく、文字を入力してください',
    unchanged: '変更点がありません。内容・適用期間・「変更の概要・出典」・「遡及訂正の理由」のいずれかを変えてから保存してください。',
    coverage: 'この版は第%{number}版(%{segment})のうち %{overlap} を上書きします',
    coverageNone: 'この期間に適用中の公開版はありません(既存の版を上書きしません)。',
    coverageLoading: '既存の版との重なりを確認しています…',
    startedFrom: '本日(%{today})適用中の第%{number}版の内容から作成しています。変更したい箇所だけを直してください。',
    startedFromDay: '適用開始日(%{day})に適用される第%{number}版の内容から作成しています。変更したい箇所だけを直してください。',
    startedFromLatest: '%{day}に適用される版がないため、第%{number}版(%{from}〜)の内容から作成しています。',
    dayUnderOther: '適用開始日 %{day} には第%{number}版が適用されます。入力中の内容は第%{started}版から作成したものなので、第%{number}版との違いはすべてこの版の変更として公開されます。',
    dayUnderNone: '適用開始日 %{day} に適用される版はありません。入力中の内容は別の日の版から作成したものです。',
    startAgainFrom: '第%{number}版の内容から作り直す',
    startedEmpty: 'このポリシーには公開済みの版がないため、空の内容から作成しています。',
    choosePolicy: 'ポリシーを選ぶと、本日適用中の版の内容が読み込まれます。',
    loadingContent: '内容を読み込んでいます…',
    editAfterApproval: 'この版は承認済みです。編集して保存すると承認は取り消され、状態は「下書き」に戻ります(再度レビューが必要です)。',
    editInReview: 'この版はレビュー中です。編集して保存すると状態は「下書き」に戻ります(もう一度レビューに提出する必要があります)。',
    readOnly: 'この版は「%{status}」のため編集できません。変更するには新しい版を作成してください。',
    contentErrors: '内容に誤りがあります(サーバーの検証結果)',
    revision: 'リビジョン %{revision}',
  },
  matrix: {
    procedure: '同時に行う手続',
    help: '〇 = その施設でマイナ一体化を同時に行える。チェックを切り替えると 〇/‐ が変わります。ラベル・注記・施設一覧はそのまま保持されます。',
    rowError: 'この行に誤りがあります: %{message}',
    notes: '注記',
    cellNotes: 'セルの注記',
  },
  fees: {
    item: '項目',
    code: 'コード',
    basis: '金額の区分',
    uniform: '一律',
    byHoldingStatus: '保有状況別',
    yen: '金額(円)',
    notKnown: '未掲載',
    sourceGrade: '出典の区分',
    OFFICIAL: '公式',
    SECONDARY: '二次資料',
    notes: '注記',
    addItem: '項目を追加',
    removeItem: '項目を削除',
    newItemLabel: '新しい項目',
  },
  carryOver: {
    carriedOver: 'マイナンバーカード更新時に免許情報を引き継ぐ',
    carriedOverYes: '引き継がれる',
    carriedOverNo: '引き継がれない',
    conditions: '引継ぎの条件(すべて満たす場合)',
    conditionsHelp: '「引き継がない」場合は条件を空にしてください。',
    exclusions: '対象外となる場合',
    advice: '案内',
    notes: '注記',
    reRecordingFeeYen: '再記録手数料(円、空欄 = 不明)',
  },
  list: {
    add: '追加',
    remove: '削除',
    empty: '(なし)',
  },
  notice: {
    title: '表題',
    body: '本文(1行に1段落・1項目)',
    links: 'リンク',
  },
  json: {
    label: '内容(JSON)',
    help: 'この種類には専用の編集画面がありません。JSON で編集してください。保存時に構文とスキーマを確認します。',
    schema: 'スキーマの項目',
    invalidJson: 'JSON の構文が正しくありません: %{message}',
    schemaError: 'スキーマに合いません: %{message}',
    required: '必須',
    field: '項目',
    type: '型',
    description: '説明',
    more: '他 %{count} 件',
    issues: {
      ambiguous: '複数の選択肢に一致します',
      type: '型が違います(期待: %{expected}、実際: %{actual})',
      const: '値は %{value} にしてください',
      enum: '次のいずれかにしてください: %{values}',
      minLength: '%{min} 文字以上にしてください',
      maxLength: '%{max} 文字以内にしてください',
      pattern: '形式が違います(%{pattern})',
      minimum: '%{min} 以上にしてください',
      maximum: '%{max} 以下にしてください',
      minItems: '%{min} 件以上必要です',
      maxItems: '%{max} 件以内にしてください',
      required: '必須の項目 "%{name}" がありません',
      unknown: '未知の項目 "%{name}" があります',
    },
  },
};

/** Polyglot messages; merged into the app's messages under `versions`. */
export const versionMessages = {
  versions: versionTexts,
};

/** Fills `%{name}` placeholders (same syntax as polyglot). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/%\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export const STATUS_ORDER = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'REJECTED', 'WITHDRAWN'] as const;
export type VersionStatus = (typeof STATUS_ORDER)[number];

export const STATUS_CHOICES = STATUS_ORDER.map((id) => ({ id, name: versionTexts.status[id] }));

