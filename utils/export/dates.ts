/**
 * Export dates are the reader's calendar day in Vietnam, whatever the machine's time zone.
 * Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact for every
 * date this app meets — and far cheaper than an Intl formatter, which dominated large exports.
 */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

function dateParts(date: Date): { year: string; month: string; day: string } {
  const [year = '', month = '', day = ''] = new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10).split('-');
  return { year, month, day };
}

/** YYYY-MM-DD, the form Obsidian properties and Pandoc metadata read as a date. */
export function isoDay(date: Date): string {
  const { year, month, day } = dateParts(date);
  return `${year}-${month}-${day}`;
}

/** DD/MM/YYYY for text a person reads. */
export function dayFirst(date: Date): string {
  const { year, month, day } = dateParts(date);
  return `${day}/${month}/${year}`;
}

/** An ISO 8601 string or epoch milliseconds → YYYY-MM-DD, or undefined when it is not a date. */
export function isoDayOf(value: string | number | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : isoDay(date);
}
