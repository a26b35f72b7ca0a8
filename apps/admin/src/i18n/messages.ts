import { versionMessages } from './messages-versions';
import { auditMessages } from './messages-audit';
import { reviewMessages } from './messages-review';
import { deliveryMessages, deliveryResourceMessages } from './messages-delivery';
import { kindMessages } from './messages-kinds';
import { officeMessages } from './messages-office';
import { LOGIN_TEXTS } from '../login/texts';
import { policyMessages } from './messages-policies';

/** The app's own texts in Japanese, merged with react-admin's. Their English twin is messages.en.ts, loaded only when English is chosen. */
export const appMessages = {
  app: {
    language: {
      unsavedTitle: '言語を切り替えますか?',
      unsavedContent: '画面を別の言語で表示し直すため、保存していない入力内容は失われます。先に保存する場合は「キャンセル」を押してください。',
      switch: '切り替える',
    },
    title: LOGIN_TEXTS.ja.title,
    menu: { reviews: 'レビュー待ち', preview: '公開内容のプレビュー' },
    pagination: 'ページ送り',
    auth: { rate_limited: LOGIN_TEXTS.ja.failures['app.auth.rate_limited'] },
    office: officeMessages,
  },
  resources: {
    policies: { name: 'ポリシー |||| ポリシー', fields: { key: 'キー', kind: '種類', title: '名称', section: '分類' } },
    users: { name: 'ユーザー |||| ユーザー', fields: { username: 'ユーザー名', displayName: '表示名', roles: 'ロール', password: 'パスワード', active: '状態' } },
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
