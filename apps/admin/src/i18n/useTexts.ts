import { useLocaleState } from 'react-admin';
import { policyTexts } from './messages-policies';
import { versionTexts } from './messages-versions';
import { englishIfLoaded } from './english';

/*
 * The typed text trees of the screens that read their texts directly (no key lookups that can silently miss), in the
 * chosen language: the Japanese tree, or its English twin when English is chosen. The same strings are in polyglot's
 * catalogue too (messages.ts, messages.en.ts), where the catalogue test checks both languages key for key. The
 * English trees come with the English catalogue (english.ts); react-admin renders the page again once it has loaded.
 */

const useEnglish = () => (useLocaleState()[0] === 'en' ? englishIfLoaded()?.texts : undefined);

/** The policy list's and the policy page's texts. */
export const usePolicyTexts = (): typeof policyTexts => useEnglish()?.policies ?? policyTexts;

/** The version screens' texts. */
export const useVersionTexts = (): typeof versionTexts => useEnglish()?.versions ?? versionTexts;
