/**
 * Texts of the policy screens (the policy list and a policy's page with its timeline), Japanese first. The screens
 * read them through usePolicyTexts() (./useTexts), which gives the English ones (./messages-policies.en) when English
 * is chosen; `policyMessages` exposes the same strings to polyglot under `policies.*`.
 * Templates use polyglot's `%{name}` placeholders; `fill()` (./messages-versions) fills them outside polyglot.
 */
export const policyTexts = {
  list: {
    current: '現在の版',
    next: '次の予定変更',
    none: 'なし',
    loadError: '読み込めませんでした',
  },
  show: {
    title: 'ポリシー',
    back: 'ポリシー一覧',
    timeline: '適用期間のタイムライン',
    segments: '期間ごとの版',
    knownAt: '記録時点(日本時間)',
    knownAtHelp: '空欄: 現在の記録。時点を指定すると、その時点で記録されていた内容を表示します。',
    knownAtNow: '現在に戻す',
    knownAtFuture: '未来の時点は指定できません(記録は現在までです)。現在の記録を表示しています。',
    asKnownAt: '%{when} 時点の記録',
    asKnownNow: '現在の記録',
    empty: 'この時点の記録には、このポリシーの版がありません。',
    loadError: 'タイムラインを読み込めませんでした',
  },
  columns: {
    number: '版',
    range: '適用期間',
    summary: '変更の概要・出典',
    recordedAt: '記録日時(日本時間)',
    kind: '区分',
  },
  kinds: {
    published: '公開',
    scheduled: '予定',
    retroactive: '遡及訂正',
  },
  timeline: {
    todayInTokyo: '本日(日本時間)',
    versionKind: '%{version}(%{kind})',
    versionFrom: '版の適用開始: %{date}',
    firstRecorded: '(版の初回記録 %{when})',
  },
  demo: '架空の内容',
  today: '本日',
  openEnded: '無期限',
  recordedAt: '記録',
};

export type PolicyTexts = typeof policyTexts;

export const policyMessages = { policies: policyTexts };
