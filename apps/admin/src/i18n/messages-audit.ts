import { AUDIT_ACTION_WORDS } from '@policy-cms/contract';

/** The actions' words as a catalogue: `auditWords.actions.policy_version.publish` = 公開 (or Published). */
export function auditActionCatalogue(locale: 'ja' | 'en'): Record<string, Record<string, string>> {
  const catalogue: Record<string, Record<string, string>> = {};
  for (const [code, words] of Object.entries(AUDIT_ACTION_WORDS)) {
    const [domain, name] = code.split('.');
    (catalogue[domain] ??= {})[name] = words[locale];
  }
  return catalogue;
}

/**
 * Texts of the audit trail screens beyond the review screens' `review.audit.*`: names of what an event is about, the
 * filters by person and policy, and the before/after table of an event. Japanese first; English in messages-audit.en.ts.
 */
export const auditMessages = {
  auditWords: {
    // What each audit action is called (an unknown action is shown as it is): the shared table of @policy-cms/contract.
    actions: auditActionCatalogue('ja'),
    system: 'システム',
    anonymous: '(ログインしていない利用者)',
    actorKinds: { SYSTEM: 'システム', ANONYMOUS: 'ログインしていない利用者(ログイン失敗)' },
    typedName: '「%{name}」(未ログイン)',
    filters: { person: '実行者', policy: 'ポリシー', targetId: '対象の ID', all: 'すべて', toBeforeFrom: '終了日が開始日より前です。期間を選び直してください。' },
    target: {
      version: '%{title} 第%{number}版',
      policy: '%{title}(全体)',
      user: 'ユーザー「%{name}」',
      unknownVersion: '(削除済みまたは不明の版)',
      unknownUser: '(不明なユーザー)',
    },
    targetTypes: { policy_version: 'ポリシーの版', policy: 'ポリシー', user: 'ユーザー', webhook: 'Webhook 配信先', webhook_delivery: '配信' },
    changes: {
      title: '変更内容',
      firstEvent: '— (最初のイベント)',
      field: '項目',
      before: '変更前',
      after: '変更後',
      none: '記録された変更内容はありません。',
      empty: '—',
      yes: 'はい',
      no: 'いいえ',
      openEnded: '無期限',
      technical: '記録された値(JSON、ハッシュの検証用)',
      ledger: '公開タイムラインの更新',
      ledgerText: '%{at} に記録: %{added}、%{ended}',
      segmentsAdded: '適用期間 %{count}件を追加',
      segmentsEnded: '%{count}件を終了',
    },
    roles: { ADMIN: '管理者', EDITOR: '編集者', APPROVER: '承認者', AUDITOR: '監査担当' },
    systemReasons: { 'demo data': 'デモデータの読み込み' } as Record<string, string>,
    fields: {
      policyKey: 'ポリシー',
      number: '版',
      status: '状態',
      revision: 'リビジョン',
      effectiveFrom: '適用開始日',
      effectiveThrough: '適用終了日',
      summary: '変更の概要・出典',
      approvedHash: '承認した内容のハッシュ',
      demo: 'デモ用データ',
      username: 'ユーザー名',
      displayName: '表示名',
      roles: 'ロール',
      active: '有効',
      reason: '理由',
      content: '内容',
    } as Record<string, string>,
  },
};
