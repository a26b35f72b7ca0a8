import type { appMessages } from './messages';
import { versionMessagesEn } from './messages-versions.en';
import { auditMessagesEn } from './messages-audit.en';
import { reviewMessagesEn } from './messages-review.en';
import { deliveryMessagesEn, deliveryResourceMessagesEn } from './messages-delivery.en';
import { kindMessagesEn } from './messages-kinds.en';
import { officeMessagesEn } from './messages-office.en';
import { policyMessagesEn } from './messages-policies.en';

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
