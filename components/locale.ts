import { browser } from 'wxt/browser';
import { pickLocale, type Locale } from '@/utils/i18n';
import { parseSettings, SETTINGS_KEY, type LocaleSetting } from '@/utils/settings/settings';

export function browserLocale(): Locale {
  return pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export function resolveLocale(setting: LocaleSetting): Locale {
  return setting === 'auto' ? browserLocale() : setting;
}

/** The interface language: the user's choice in settings, or the browser's language. */
export async function uiLocale(): Promise<Locale> {
  try {
    const stored = await browser.storage.local.get(SETTINGS_KEY);
    return resolveLocale(parseSettings(stored[SETTINGS_KEY]).locale);
  } catch {
    return browserLocale();
  }
}
