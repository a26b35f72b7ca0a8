import { useLocaleState } from 'react-admin';
import { policyTexts } from './messages-policies';
import { policyTextsEn } from './messages-policies.en';
import { versionTexts } from './messages-versions';
import { versionMessagesEn } from './messages-versions.en';

/*
 * The typed text trees of the screens that read their texts directly (no key lookups that can silently miss), in the
 * chosen language: the Japanese tree, or its English twin when English is chosen. The same strings are in polyglot's
 * catalogue too (messages.ts), where the catalogue test checks both languages key for key.
 */

const useEnglish = () => useLocaleState()[0] === 'en';

/** The policy list's and the policy page's texts. */
export const usePolicyTexts = () => (useEnglish() ? policyTextsEn : policyTexts);

/** The version screens' texts. */
export const useVersionTexts = (): typeof versionTexts => (useEnglish() ? versionMessagesEn.versions : versionTexts);
