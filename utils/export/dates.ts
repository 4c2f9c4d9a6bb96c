/** Export dates are the reader's calendar day in Vietnam, whatever the machine's time zone. */
const EXPORT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Built once: creating an Intl formatter costs far more than using it. */
const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: EXPORT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function dateParts(date: Date): { year: string; month: string; day: string } {
  const parts = DAY_FORMAT.formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return { year: get('year'), month: get('month'), day: get('day') };
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
