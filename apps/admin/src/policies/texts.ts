/** The policy screens' Japanese texts. */
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
    knownAtHelp: '空欄 = 現在。指定した時点で記録が言っていた内容を表示します。',
    knownAtNow: '現在に戻す',
    knownAtFuture: '未来の時点は指定できません(記録は現在までです)。現在の記録を表示しています。',
    asKnownAt: (when: string) => `${when} 時点の記録`,
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
    published: '公開中',
    scheduled: '予定',
    retroactive: '遡及訂正',
  },
  demo: '架空の内容',
  today: '本日',
  openEnded: '無期限',
  recordedAt: '記録',
} as const;
