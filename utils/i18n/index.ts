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

/** Calendar dates as people write them in the chosen language: 12/06/2023 in both (day first). */
export function dateFormatter(locale: Locale): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(intlLocale(locale), { day: '2-digit', month: '2-digit', year: 'numeric' });
}

/**
 * The calendar day an ISO 8601 string names, in its own time zone ("2023-06-12T00:30:00+07:00" is
 * 12/06/2023 wherever the reader is): an article's date is the one printed on the article.
 */
export function formatIsoDay(locale: Locale, iso: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return undefined;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(intlLocale(locale), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(utc);
}
