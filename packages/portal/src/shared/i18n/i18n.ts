import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { asLanguage, type Language } from '../format/format.ts';

const STORAGE_KEY = 'leasehold.language';

/** The language to start in: the one chosen before on this browser, else the browser's, else English. */
export function initialLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled; the browser's language still applies.
  }
  return asLanguage(stored) ?? asLanguage(navigator.language) ?? 'en';
}

export function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered on this browser; the account's locale still is.
  }
}

/** One i18next instance per app, with its dictionaries (shared ones merged by the app). */
export function createI18n(resources: Resource, language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = `${lng}-CA`;
  });
  document.documentElement.lang = `${language}-CA`;
  return instance;
}

/** The current language as the formatters want it. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return asLanguage(i18n.language) ?? 'en';
}
