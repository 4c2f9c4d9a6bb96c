import { intlLocale, type Locale } from '@/utils/i18n';

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

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
