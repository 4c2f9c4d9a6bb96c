import { pickLocale, type Locale } from '@/utils/i18n';

/** The interface language: the browser's preference for now (a setting comes with the library issue). */
export function uiLocale(): Locale {
  return pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}
