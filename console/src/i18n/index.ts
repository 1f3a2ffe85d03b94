// i18next with the two catalogues: zh-CN unless the person chose English (remembered in
// localStorage). Components take words from `useTranslation()`; never a literal in a component.
// zh-CN loads with the console; English (its catalogue, antd's en_US) only once someone needs it.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Catalogue, zhCN } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'console.language';

export function storedLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as Language) : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

type LanguageLoader = (language: Language) => Promise<void>;

const loaders: LanguageLoader[] = [
  async (language) => {
    if (language === 'en' && !i18n.hasResourceBundle('en', 'translation')) {
      i18n.addResourceBundle('en', 'translation', (await import('./en')).en);
    }
  },
];

/** Something else a language needs before a page shows it (antd's own words: app/providers.tsx). */
export function whenLanguageLoads(loader: LanguageLoader): void {
  loaders.push(loader);
}

/** Loads what `language` needs (once); main.tsx awaits it before the first render. */
export async function loadLanguage(language: Language): Promise<void> {
  await Promise.all(loaders.map((load) => load(language)));
}

export async function changeLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // A browser that refuses storage still switches, for this page.
  }
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}

export function initI18n(language: Language = storedLanguage()): typeof i18n {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: { 'zh-CN': { translation: zhCN } },
      lng: language,
      fallbackLng: 'zh-CN',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
  }
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return i18n;
}

export { i18n };
