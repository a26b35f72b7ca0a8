import englishMessages from 'ra-language-english';
import { appMessagesEn } from './messages.en';
import { policyTextsEn } from './messages-policies.en';
import { versionMessagesEn } from './messages-versions.en';

/**
 * The English catalogue (react-admin's words and the app's), in a chunk of its own: fetched only when English is
 * chosen (i18n/english.ts), so that a Japanese session never downloads it.
 */
export const englishCatalogue = {
  ...englishMessages,
  ra: {
    ...englishMessages.ra,
    // react-admin says "Element created"; the Japanese screens say 作成しました, and a person would say so.
    notification: {
      ...englishMessages.ra.notification,
      created: 'Created',
      updated: 'Saved |||| %{smart_count} saved',
      deleted: 'Deleted |||| %{smart_count} deleted',
      item_doesnt_exist: 'This does not exist',
    },
  },
  ...appMessagesEn,
};

/** The typed text trees the screens read directly (useTexts.ts), in English. */
export const englishTexts = { policies: policyTextsEn, versions: versionMessagesEn.versions };
