/** i18next set-up: zh-CN by default, English on request, the choice kept in localStorage. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export type Language = 'zh-CN' | 'en';
export const languages: readonly Language[] = ['zh-CN', 'en'];
const storageKey = 'rencai.language';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(storageKey);
    return value === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

/** The language in use, as sent in `Accept-Language`. */
export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Switches the language and remembers the choice for the next visit. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private mode may refuse storage; the switch still applies to this visit.
  }
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

export default i18n;
