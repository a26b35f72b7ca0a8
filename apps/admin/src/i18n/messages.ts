import { versionMessages } from './messages-versions';
import { reviewMessages } from './messages-review';

/** The app's own texts, merged with react-admin's Japanese messages. */
export const appMessages = {
  app: { title: 'policy-cms 管理画面' },
  resources: {
    policies: { name: 'ポリシー |||| ポリシー', fields: { key: 'キー', kind: '種類', title: '名称', section: '分類' } },
    users: { name: 'ユーザー |||| ユーザー', fields: { username: 'ユーザー名', displayName: '表示名', roles: 'ロール', password: 'パスワード' } },
    audit: { name: '監査証跡 |||| 監査証跡' },
    versions: { name: '版 |||| 版' },
  },
  ...versionMessages,
  ...reviewMessages,
};
