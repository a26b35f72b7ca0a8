import { versionMessages } from './messages-versions';
import { versionMessagesEn } from './messages-versions.en';
import { auditMessages } from './messages-audit';
import { auditMessagesEn } from './messages-audit.en';
import { reviewMessages } from './messages-review';
import { reviewMessagesEn } from './messages-review.en';
import { deliveryMessages, deliveryResourceMessages } from './messages-delivery';
import { deliveryMessagesEn, deliveryResourceMessagesEn } from './messages-delivery.en';
import { kindMessages } from './messages-kinds';
import { kindMessagesEn } from './messages-kinds.en';
import { officeMessages } from './messages-office';
import { officeMessagesEn } from './messages-office.en';
import { policyMessages } from './messages-policies';
import { policyMessagesEn } from './messages-policies.en';

/** The app's own texts in Japanese, merged with react-admin's. */
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

/** The same texts in English; the type keeps every key of the Japanese ones. */
export const appMessagesEn: typeof appMessages = {
  app: {
    title: 'policy-cms administration',
    menu: { reviews: 'Awaiting review', preview: 'Preview of the public rules' },
    auth: { rate_limited: 'Too many failed logins: logging in is paused for a while. Wait about 15 minutes and try again.' },
    office: officeMessagesEn,
  },
  resources: {
    policies: { name: 'Policy |||| Policies', fields: { key: 'Key', kind: 'Kind', title: 'Title', section: 'Section' } },
    users: { name: 'User |||| Users', fields: { username: 'Username', displayName: 'Display name', roles: 'Roles', password: 'Password' } },
    audit: { name: 'Audit trail |||| Audit trail' },
    versions: { name: 'Version |||| Versions' },
    ...deliveryResourceMessagesEn,
  },
  ...policyMessagesEn,
  ...versionMessagesEn,
  ...auditMessagesEn,
  ...reviewMessagesEn,
  ...deliveryMessagesEn,
  ...kindMessagesEn,
};
