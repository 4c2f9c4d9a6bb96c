/**
 * Interface strings. The texts live in public/_locales (so the browser also uses them for the
 * extension's name); they are bundled here too because the user can choose a language other than the
 * browser's, which browser.i18n cannot do.
 */
import en from '../../public/_locales/en/messages.json';
import vi from '../../public/_locales/vi/messages.json';

export type MessageKey = keyof typeof en;
export type Locale = 'vi' | 'en';
type Catalog = Record<MessageKey, { message: string }>;

const CATALOGS: Record<Locale, Catalog> = { en, vi };

/** The first supported language among the user's preferences; English otherwise. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === 'vi' || primary === 'en') return primary;
  }
  return 'en';
}

export type Translate = (key: MessageKey, ...substitutions: string[]) => string;

export function createTranslator(locale: Locale): Translate {
  const catalog = CATALOGS[locale];
  return (key, ...substitutions) =>
    catalog[key].message.replace(/\$(\d)/g, (whole, n: string) => substitutions[Number(n) - 1] ?? whole);
}

/** BCP 47 tag for dates and numbers in the chosen language (vi shows 12/06/2023). */
export function intlLocale(locale: Locale): string {
  return locale === 'vi' ? 'vi-VN' : 'en-GB';
}
