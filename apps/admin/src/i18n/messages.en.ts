import type { appMessages } from './messages';
import { versionMessagesEn } from './messages-versions.en';
import { auditMessagesEn } from './messages-audit.en';
import { reviewMessagesEn } from './messages-review.en';
import { deliveryMessagesEn, deliveryResourceMessagesEn } from './messages-delivery.en';
import { kindMessagesEn } from './messages-kinds.en';
import { officeMessagesEn } from './messages-office.en';
import { LOGIN_TEXTS } from '../login/texts';
import { policyMessagesEn } from './messages-policies.en';

/** The same texts in English; the type keeps every key of the Japanese ones. */
export const appMessagesEn: typeof appMessages = {
  app: {
    language: {
      unsavedTitle: 'Switch the language?',
      unsavedContent: 'The screen is drawn again in the other language, and what you have not saved is lost. To save it first, press Cancel.',
      switch: 'Switch',
    },
    title: LOGIN_TEXTS.en.title,
    menu: { reviews: 'Awaiting review', preview: 'Public preview' },
    pagination: 'Pages',
    auth: { rate_limited: LOGIN_TEXTS.en.failures['app.auth.rate_limited'] },
    office: officeMessagesEn,
  },
  resources: {
    policies: { name: 'Policy |||| Policies', fields: { key: 'Key', kind: 'Kind', title: 'Title', section: 'Section' } },
    users: { name: 'User |||| Users', fields: { username: 'Username', displayName: 'Display name', roles: 'Roles', password: 'Password', active: 'Status' } },
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
