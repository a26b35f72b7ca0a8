import type { englishCatalogue as Catalogue, englishTexts as Texts } from './catalogue.en';

/**
 * The English catalogue, loaded on demand: main.tsx awaits it before the app opens in English, and the i18n provider
 * asks for it when a person switches to English (react-admin waits for the promise, then renders again).
 */
let loaded: { catalogue: typeof Catalogue; texts: typeof Texts } | undefined;

export async function loadEnglish(): Promise<NonNullable<typeof loaded>> {
  if (!loaded) {
    const { englishCatalogue, englishTexts } = await import('./catalogue.en');
    loaded = { catalogue: englishCatalogue, texts: englishTexts };
  }
  return loaded;
}

/** The English catalogue if it has loaded already, for what must answer at once. */
export const englishIfLoaded = () => loaded;
