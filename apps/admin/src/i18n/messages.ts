import { versionMessages } from './messages-versions';
import { auditMessages } from './messages-audit';
import { reviewMessages } from './messages-review';
import { deliveryMessages, deliveryResourceMessages } from './messages-delivery';
import { kindMessages } from './messages-kinds';
import { officeMessages } from './messages-office';
import { policyMessages } from './messages-policies';

/** The app's own texts in Japanese, merged with react-admin's. Their English twin is messages.en.ts, loaded only when English is chosen. */
export const appMessages = {
  app: {
    title: 'policy-cms 管理画面',
    menu: { reviews: 'レビュー待ち', preview: '公開内容のプレビュー' },
    auth: { rate_limited: 'ログインの失敗が続いたため、一時的にログインできません。15分ほど待ってから、もう一度お試しください。' },
    office: officeMessages,
  },
  resources: {
    policies: { name: 'ポリシー |||| ポリシー', fields: { key: 'キー', kind: '種類', title: '名称', section: '分類' } },
    users: { name: 'ユーザー |||| ユーザー', fields: { username: 'ユーザー名', displayName: '表示名', roles: 'ロール', password: 'パスワード' } },
    audit: { name: '監査証跡 |||| 監査証跡' },
    versions: { name: '版 |||| 版' },
    ...deliveryResourceMessages,
  },
  ...policyMessages,
  ...versionMessages,
  ...auditMessages,
  ...reviewMessages,
  ...deliveryMessages,
  ...kindMessages,
};
