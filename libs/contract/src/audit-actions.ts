/**
 * Every action the audit trail records, with its name in Japanese and English: one table for the API (an event can
 * only be written with an action named here, checked by the compiler), the audit export's readable column and the
 * admin's screens and filter. The codes are what is hashed and exported; the words are how people read them.
 */
export const AUDIT_ACTION_WORDS = {
  'policy_version.create': { ja: '版の作成', en: 'Version created' },
  'policy_version.update': { ja: '版の編集', en: 'Version edited' },
  'policy_version.submit': { ja: 'レビューに提出', en: 'Submitted for review' },
  'policy_version.recall': { ja: '提出の取消し', en: 'Submission taken back' },
  'policy_version.approve': { ja: '承認', en: 'Approved' },
  'policy_version.reject': { ja: '差戻し', en: 'Returned for changes' },
  'policy_version.publish': { ja: '公開', en: 'Published' },
  'policy_version.withdraw': { ja: '取下げ', en: 'Withdrawn' },
  'auth.login': { ja: 'ログイン', en: 'Login' },
  'auth.login_failed': { ja: 'ログイン失敗', en: 'Failed login' },
  'user.create': { ja: 'ユーザー作成', en: 'User created' },
  'user.roles_change': { ja: 'ロール変更', en: 'Roles changed' },
  'user.deactivate': { ja: 'ユーザーの利用停止', en: 'User deactivated' },
  'user.reactivate': { ja: 'ユーザーの利用再開', en: 'User reactivated' },
  'user.password_reset': { ja: 'パスワードの再設定(管理者による)', en: 'Password reset by an administrator' },
  'user.password_change': { ja: 'パスワードの変更(本人による)', en: 'Password changed by its user' },
  'webhook.create': { ja: 'Webhook 配信先の作成', en: 'Webhook target created' },
  'webhook.update': { ja: 'Webhook 配信先の変更', en: 'Webhook target changed' },
  'webhook.delete': { ja: 'Webhook 配信先の削除', en: 'Webhook target deleted' },
  'webhook.rotate_secret': { ja: '署名シークレットの再発行', en: 'Signing secret reissued' },
  'webhook.redeliver': { ja: 'Webhook の再送', en: 'Webhook delivery resent' },
  'webhook.disable': { ja: 'Webhook 配信先の自動停止', en: 'Webhook target stopped automatically' },
} as const satisfies Record<string, { ja: string; en: string }>;

/** An action of the trail: `policy_version.approve`, `auth.login_failed`, `user.roles_change`. */
export type AuditAction = keyof typeof AUDIT_ACTION_WORDS;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_WORDS) as AuditAction[];

/** An action in words; the code itself for one this table does not know (an event written by a newer version). */
export function auditActionWords(action: string, locale: 'ja' | 'en' = 'ja'): string {
  return (AUDIT_ACTION_WORDS as Record<string, { ja: string; en: string }>)[action]?.[locale] ?? action;
}

/**
 * How the trail knows who acted: a signed-in person (the event names them by id), the system itself (the demo load,
 * the first administrator at bootstrap, a webhook target stopped after failing), or a caller who was not signed in (a
 * failed login, recorded under the name that was typed, which proves nothing: typing 'system' does not make it one).
 */
export const AUDIT_ACTOR_KINDS = ['PERSON', 'SYSTEM', 'ANONYMOUS'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

/** The reason the demo loader records with each version it publishes; the admin words it and tells its history apart. */
export const DEMO_LOAD_REASON = 'demo data';

/** The one action a caller who is not signed in can cause; every other event without a person is the system's. */
export const ANONYMOUS_AUDIT_ACTION: AuditAction = 'auth.login_failed';

export function auditActorKindOf(event: { actorId: string | null; action: string }): AuditActorKind {
  if (event.actorId !== null) return 'PERSON';
  return event.action === ANONYMOUS_AUDIT_ACTION ? 'ANONYMOUS' : 'SYSTEM';
}
