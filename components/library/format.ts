import { intlLocale, type Locale, type MessageKey, type Translate } from '@/utils/i18n';

/** Day-first dates in Vietnam's time zone (vi: 12/06/2023), whatever the machine's zone. */
export function dayFormatter(locale: Locale): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(intlLocale(locale), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });
}

export function numberFormatter(locale: Locale): Intl.NumberFormat {
  return new Intl.NumberFormat(intlLocale(locale));
}

/** `YYYY-MM-DD` from a date input, as the first or last millisecond of that day in Vietnam. */
export function dayBoundary(value: string, end: boolean): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}+07:00`);
  return Number.isNaN(ms) ? undefined : ms;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}

/** Store and message errors carry a code; these have a sentence of their own in each language. */
const ERROR_SENTENCES: Record<string, MessageKey> = {
  quota: 'errorQuota',
  'not-found': 'errorNotFound',
  conflict: 'errorConflict',
};

/**
 * What went wrong, for the user: in their language when the error's code says what happened (a full
 * disk, a highlight deleted meanwhile…); otherwise the error's own message, which names the cause.
 */
export function errorText(error: unknown, t?: Translate): string {
  const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : undefined;
  const sentence = code === undefined ? undefined : ERROR_SENTENCES[code];
  if (sentence && t) return t(sentence);
  return error instanceof Error ? error.message : String(error);
}
