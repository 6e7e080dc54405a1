import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['en', 'vi'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'autocall.language';

// Every catalogue under src/locales/<language>/<namespace>.json, found at build time: a feature
// adds its namespace by adding one file per language, and touches nothing shared.
const catalogues = import.meta.glob<Record<string, unknown>>('../locales/*/*.json', { eager: true, import: 'default' });

function resources(): Resource {
  const out: Resource = {};
  for (const [path, messages] of Object.entries(catalogues)) {
    const [, language, namespace] = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
    if (!language || !namespace) continue;
    (out[language] ??= {})[namespace] = messages;
  }
  return out;
}

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

// The saved choice, else the first browser language we speak, else English.
export function initialLanguage(saved = localStorage.getItem(STORAGE_KEY), browser: readonly string[] = navigator.languages ?? []): Language {
  if (isLanguage(saved)) return saved;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function createI18n(language: Language = initialLanguage()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: resources(),
    lng: language,
    fallbackLng: 'en',
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  document.documentElement.lang = language;
  return instance;
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
}
