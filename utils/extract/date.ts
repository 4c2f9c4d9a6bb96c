/**
 * Dates as government portals print them (PORTALS.md §3): day-first, local time UTC+7, with weekday
 * names, 12-hour clocks, time before or after the date, "ngày … tháng … năm …", ISO 8601 and RFC 2822,
 * plus the English forms of foreign portals. Pure string work, no Date arithmetic: the page's own
 * clock is kept, so "10:30" on a Vietnamese page stays 10:30+07:00.
 *
 * Conventions:
 * - A time with an explicit zone keeps that zone: "2023-06-12T03:30:00Z" → "2023-06-12T03:30:00+00:00"
 *   (same instant, not converted to +07:00), "10:30 (GMT+7)" → "+07:00". Without a zone the
 *   `defaultOffset` (default "+07:00", Asia/Ho_Chi_Minh has no daylight saving) is written.
 * - A date without a time gives "YYYY-MM-DD" and hasTime false.
 * - Numbers are day-first. With lang 'en' a numeric date that is impossible day-first but valid
 *   month-first ("06/13/2023") is read month-first; nothing else changes with lang.
 * - Two-digit years (only with "/", e.g. "12/06/23"): 00–49 → 20xx, 50–99 → 19xx.
 * - A 24-hour time wrongly marked PM ("17:09 PM") is read as 17:09; "12:00 AM" is midnight.
 * - Calendar-checked: 31/02 or month 13 is no date. Never throws.
 */

export interface ParsedDate {
  /** "YYYY-MM-DDTHH:mm:ss±HH:MM", or "YYYY-MM-DD" when the text gives no time. */
  iso: string;
  hasTime: boolean;
}

export interface DateOptions {
  lang?: 'vi' | 'en';
  /** Offset for times that carry none, "±HH:MM" or "Z". Default "+07:00". */
  defaultOffset?: string;
}

const VIETNAM_OFFSET = '+07:00';
const MIN_YEAR = 1800;
const MAX_YEAR = 2199;
/** Long page texts are scanned for dates; cap the work so a huge string cannot stall the page. */
const MAX_SCAN_LENGTH = 200_000;

const ENGLISH_MONTHS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^jan/, 1], [/^feb/, 2], [/^mar/, 3], [/^apr/, 4], [/^may/, 5], [/^jun/, 6],
  [/^jul/, 7], [/^aug/, 8], [/^sep/, 9], [/^oct/, 10], [/^nov/, 11], [/^dec/, 12],
];
const MONTH_NAME =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?!\\p{L})';

/**
 * Every MONTH_NAME starts with one of these, lower-cased. The patterns are case-insensitive (flags iu),
 * and their letters fold to no other lower-case character than their own but for a long s ("ſ" folds
 * to "s"): a text that holds none of these lower-cased, nor an "ſ", holds no month name.
 */
const MONTH_NAME_STARTS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Weekday words that may sit around a date; "T2" and "CN" carry digits, so they must be recognised. */
const WEEKDAY =
  '(?<![\\p{L}\\d])(?:thứ\\s?(?:hai|ba|tư|bốn|năm|sáu|bảy|[2-7])|chủ\\s?nhật|t[2-7]|cn|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?![\\p{L}\\d])\\.?';

/**
 * A clock time with optional seconds, meridiem and zone: "10:30", "4:12 PM", "12h30", "9 giờ 30",
 * "10:30am", "2:15 CH" (Vietnamese locale: SA/CH), "9 giờ tối", "03:30:00Z", "10:30 (GMT+7)", "10:30:00 +0700".
 * Groups: 1 hour, 2 min, 3 sec, 4 min (h form), 5 min (giờ form), 6 meridiem,
 *         7 GMT sign, 8 GMT hours, 9 GMT minutes, 10 Z, 11 sign, 12 hours, 13 minutes.
 */
const TIME =
  '(?<![\\d:.])(\\d{1,2})(?::(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?|h(\\d{2})?|\\s?giờ(?:\\s?(\\d{1,2})(?:\\s?phút)?)?)' +
  '(?:\\s?([ap]\\.?\\s?m\\.?|sa|ch|sáng|chiều|tối)(?!\\p{L}))?' +
  '(?:\\s?\\(?\\s?(?:gmt|utc)\\s?(?:([+-])(\\d{1,2})(?::?(\\d{2}))?)?\\s?\\)?|(z)|\\s?([+-])(\\d{2}):?(\\d{2})(?!\\d))?' +
  '(?![\\p{L}\\d])';

const TIME_AFTER_DATE = new RegExp(`^(?:[\\s,|;\\-–—]|lúc|vào|at)*?${TIME}`, 'iu');
const TIME_BEFORE_DATE = new RegExp(`${TIME}(?:[\\s,|;\\-–—]|ngày|${WEEKDAY})*$`, 'iu');
/** The time after an ISO "T", matched alone so its groups are numbered as in TIME. */
const ISO_TIME_TAIL = new RegExp(`^${TIME}`, 'iu');
const HAS_DIGIT = /\d/;
/** How far before a date a leading time ("15:55 | 10/07/2026") is looked for. */
const TIME_BEFORE_WINDOW = 48;

interface DateCandidate {
  index: number;
  end: number;
  year: number;
  month: number;
  day: number;
  /** Set when the date pattern itself carries a time (ISO "T…"). */
  time?: RegExpExecArray;
  /** Day and month may be swapped when lang is 'en' and day-first is impossible. */
  numeric: boolean;
}

type CandidateReader = (match: RegExpExecArray) => Omit<DateCandidate, 'index' | 'end'> | undefined;

const toInt = (digits: string | undefined): number => (digits === undefined ? NaN : Number.parseInt(digits, 10));

function englishMonth(name: string): number {
  const lower = name.toLowerCase();
  for (const [pattern, month] of ENGLISH_MONTHS) if (pattern.test(lower)) return month;
  return NaN;
}

function fullYear(digits: string): number {
  const year = toInt(digits);
  if (digits.length !== 2) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

/**
 * A date pattern, and a cheap test every text it can match passes. The patterns with Unicode classes
 * (\\p{L}) cost V8 a millisecond or more to compile on first use, which a live page pays in full on its
 * first extraction: a text that fails the cheap test never makes us compile the pattern.
 */
interface DatePattern {
  pattern: RegExp;
  read: CandidateReader;
  /** Lower-cased words one of which every match holds (see MONTH_NAME_STARTS): a string test, not a pattern to compile. */
  mayHold?: readonly string[];
}

/** The year-first date alone; an ISO "T" time after it is read by ISO_TIME_TAIL (isoCandidate). */
const YEAR_FIRST_DATE = /(?<![\d.\/-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/gu;

/**
 * ISO 8601 and other year-first forms: 2023-06-12, 2023-06-12T10:30:00+07:00, 2023/06/12. The same
 * as matching `${YEAR_FIRST_DATE}(?:T${TIME})?` in one pattern, without compiling TIME a second time:
 * the time is matched at the "T" against the rest of the text (same look-arounds), and the match
 * grows by it.
 */
function isoCandidate(text: string, m: RegExpExecArray): RegExpExecArray {
  const end = m.index + m[0].length;
  const next = text[end];
  if (next !== 'T' && next !== 't') return m;
  const tail = ISO_TIME_TAIL.exec(text.slice(end + 1));
  if (!tail) return m;
  m[0] = `${m[0]}${next}${tail[0]}`;
  m[5] = tail[1]!;
  YEAR_FIRST_DATE.lastIndex = m.index + m[0].length;
  return m;
}

const DATE_PATTERNS: ReadonlyArray<DatePattern> = [
  {
    pattern: YEAR_FIRST_DATE,
    read: (m) => {
      const hasIsoTime = m[5] !== undefined;
      return {
        year: toInt(m[1]), month: toInt(m[3]), day: toInt(m[4]), numeric: false,
        time: hasIsoTime ? (ISO_TIME_TAIL.exec(m[0].slice(m[0].search(/t/i) + 1)) ?? undefined) : undefined,
      };
    },
  },
  // Day-first numbers: 12/06/2023, 4/8/2020, 12.06.2023, 05-09-2026, 12/06/23.
  {
    pattern: /(?<![\d.\/-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[/.-]\d)/gu,
    read: (m) => {
      if (m[4]!.length === 2 && m[2] !== '/') return undefined;
      return { year: fullYear(m[4]!), month: toInt(m[3]), day: toInt(m[1]), numeric: true };
    },
  },
  // "ngày 27 tháng 8 năm 2009", "12 tháng 6, 2023".
  {
    pattern: /(?<![\p{L}\d])(?:ngày\s?)?(\d{1,2})\s?tháng\s?(\d{1,2})(?:\s?(?:năm|,|\/)\s?|\s)(\d{4})(?!\d)/giu,
    read: (m) => ({ year: toInt(m[3]), month: toInt(m[2]), day: toInt(m[1]), numeric: false }),
    mayHold: ['tháng'],
  },
  // "12 June 2023", "12th of June, 2023", "12 Jun 2023", "12-Jun-2023" (also RFC 2822 "Mon, 12 Jun 2023 …").
  {
    pattern: new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})(?:st|nd|rd|th)?(?:\\s(?:of\\s)?|-)(${MONTH_NAME})\\.?,?[\\s-](\\d{4})(?!\\d)`, 'giu'),
    read: (m) => ({ year: toInt(m[3]), month: englishMonth(m[2]!), day: toInt(m[1]), numeric: false }),
    mayHold: MONTH_NAME_STARTS,
  },
  // "2023 Jan 7", "2023 June 12": year first, as scholarly metadata (citation_publication_date) writes it.
  {
    pattern: new RegExp(`(?<![\\p{L}\\d])(\\d{4})\\s(${MONTH_NAME})\\.?\\s(\\d{1,2})(?!\\d)`, 'giu'),
    read: (m) => ({ year: toInt(m[1]), month: englishMonth(m[2]!), day: toInt(m[3]), numeric: false }),
    mayHold: MONTH_NAME_STARTS,
  },
  // "June 12, 2023", "Jun. 12 2023".
  {
    pattern: new RegExp(`(?<![\\p{L}\\d])(${MONTH_NAME})\\.?\\s(\\d{1,2})(?:st|nd|rd|th)?,?\\s(\\d{4})(?!\\d)`, 'giu'),
    read: (m) => ({ year: toInt(m[3]), month: englishMonth(m[1]!), day: toInt(m[2]), numeric: false }),
    mayHold: MONTH_NAME_STARTS,
  },
];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  const monthLengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= monthLengths[month - 1]!;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');

function formatOffset(sign: string, hours: number, minutes: number): string | undefined {
  if (!Number.isInteger(hours) || !Number.isInteger(minutes) || hours > 14 || minutes > 59) return undefined;
  return `${sign === '-' ? '-' : '+'}${pad2(hours)}:${pad2(minutes)}`;
}

function normaliseDefaultOffset(offset: string | undefined): string {
  if (offset === undefined) return VIETNAM_OFFSET;
  if (offset === 'z' || offset === 'Z') return '+00:00';
  const parts = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  return (parts && formatOffset(parts[1]!, toInt(parts[2]), toInt(parts[3]))) ?? VIETNAM_OFFSET;
}

interface ClockTime {
  hour: number;
  minute: number;
  second: number;
  /** Undefined when the text names no zone. */
  offset?: string;
}

/** Reads a TIME match; undefined if the clock or zone is impossible. */
function readTime(m: RegExpExecArray): ClockTime | undefined {
  let hour = toInt(m[1]);
  const minute = toInt(m[2] ?? m[4] ?? m[5] ?? '0');
  const second = toInt(m[3] ?? '0');
  const meridiem = m[6]?.toLowerCase().normalize('NFC');
  const isAm = meridiem !== undefined && (meridiem.startsWith('a') || meridiem === 'sa');
  const isPm = meridiem !== undefined && (meridiem.startsWith('p') || meridiem === 'ch' || meridiem === 'chiều' || meridiem === 'tối');
  if (isAm && hour === 12) hour = 0;
  // "17:09 PM" is a 24-hour time with a stray PM: only hours below 12 move.
  if (isPm && hour < 12) hour += 12;
  if (hour > 23 || minute > 59 || second > 59) return undefined;

  let offset: string | undefined;
  if (m[10] !== undefined) offset = '+00:00';
  else if (m[11] !== undefined) offset = formatOffset(m[11], toInt(m[12]), toInt(m[13]));
  else if (m[7] !== undefined) offset = formatOffset(m[7], toInt(m[8]), toInt(m[9] ?? '0'));
  else if (/gmt|utc/i.test(m[0])) offset = '+00:00';
  else return { hour, minute, second };
  return offset === undefined ? undefined : { hour, minute, second, offset };
}

interface FoundDate {
  parsed: ParsedDate;
  /** Span of the date and its time in the normalised text. */
  start: number;
  end: number;
}

/** NFC, and every kind of space (nbsp, thin, zero-width) as one plain space. */
function normaliseText(text: string): string {
  return text
    .slice(0, MAX_SCAN_LENGTH)
    .normalize('NFC')
    .replace(/[\s\u00a0\u200b-\u200d\u2060\ufeff]+/g, ' ');
}

function candidatesIn(text: string): DateCandidate[] {
  const candidates: DateCandidate[] = [];
  // Every date pattern holds a digit: a text without one makes none of them compiled or run.
  if (!HAS_DIGIT.test(text)) return candidates;
  const lower = text.toLowerCase();
  const longS = text.includes('ſ');
  for (const { pattern, read, mayHold } of DATE_PATTERNS) {
    if (mayHold && !longS && !mayHold.some((word) => lower.includes(word))) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (pattern === YEAR_FIRST_DATE) m = isoCandidate(text, m);
      const fields = read(m);
      if (fields) candidates.push({ ...fields, index: m.index, end: m.index + m[0].length });
    }
  }
  // Earliest first; at one position the longer reading wins ("12 Jun 2023 10:30" over a shorter one).
  return candidates.sort((a, b) => a.index - b.index || b.end - a.end);
}

function resolveCandidate(text: string, candidate: DateCandidate, options: DateOptions): FoundDate | undefined {
  let { day, month } = candidate;
  const { year } = candidate;
  if (!isValidDate(year, month, day)) {
    if (!(candidate.numeric && options.lang === 'en' && isValidDate(year, day, month))) return undefined;
    [day, month] = [month, day];
  }
  const date = `${pad4(year)}-${pad2(month)}-${pad2(day)}`;

  let start = candidate.index;
  let end = candidate.end;
  let time: ClockTime | undefined;
  if (candidate.time) {
    time = readTime(candidate.time);
    if (!time) return undefined;
  } else {
    // A time starts with a digit: without one nearby there is no time to look for (nor to compile TIME for).
    const afterWindow = text.slice(end, end + TIME_BEFORE_WINDOW);
    const after = HAS_DIGIT.test(afterWindow) ? TIME_AFTER_DATE.exec(afterWindow) : null;
    if (after) {
      time = readTime(after);
      if (time) end += after[0].length;
    }
    if (!time) {
      const windowStart = Math.max(0, start - TIME_BEFORE_WINDOW);
      const beforeWindow = text.slice(windowStart, start);
      const before = HAS_DIGIT.test(beforeWindow) ? TIME_BEFORE_DATE.exec(beforeWindow) : null;
      if (before) {
        time = readTime(before);
        if (time) start = windowStart + before.index;
      }
    }
  }
  if (!time) return { parsed: { iso: date, hasTime: false }, start, end };
  const offset = time.offset ?? normaliseDefaultOffset(options.defaultOffset);
  const iso = `${date}T${pad2(time.hour)}:${pad2(time.minute)}:${pad2(time.second)}${offset}`;
  return { parsed: { iso, hasTime: true }, start, end };
}

function findDates(text: string, options: DateOptions, limit: number): FoundDate[] {
  const found: FoundDate[] = [];
  let consumedUpTo = 0;
  for (const candidate of candidatesIn(text)) {
    if (candidate.index < consumedUpTo) continue;
    const resolved = resolveCandidate(text, candidate, options);
    if (!resolved) continue;
    found.push(resolved);
    consumedUpTo = resolved.end;
    if (found.length >= limit) break;
  }
  return found;
}

/**
 * The first valid date (with its time, if one sits next to it) inside a longer text:
 * "Ngày đăng 20/06/2018 | 4:12 PM", "Cập nhật: Thứ Hai, 12/06/2023 10:30".
 */
export function findDateInText(text: string, options: DateOptions = {}): ParsedDate | undefined {
  try {
    if (typeof text !== 'string') return undefined;
    // No digit, no date: the text is not even normalised (normalising adds no digit).
    if (!HAS_DIGIT.test(text)) return undefined;
    return findDates(normaliseText(text), options, 1)[0]?.parsed;
  } catch {
    return undefined;
  }
}

/** Every valid date in a text, in order (e.g. to see how many dated teasers a block holds). */
export function findAllDatesInText(text: string, options: DateOptions = {}): ParsedDate[] {
  try {
    if (typeof text !== 'string') return [];
    return findDates(normaliseText(text), options, Number.POSITIVE_INFINITY).map((f) => f.parsed);
  } catch {
    return [];
  }
}

/** A machine-written date and time, as meta tags and JSON-LD give it: 2023-06-12T15:52:18, …T08:52:18.5Z, …T15:52+07:00. */
const PLAIN_ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:(Z)|([+-])(\d{2}):(\d{2}))?$/;

/**
 * The reading parseDate gives a plain ISO 8601 date and time, without its Unicode patterns: most pages
 * date themselves this way in their meta tags, and the first use of those patterns costs V8 about a
 * millisecond to compile on a live page. Undefined for anything else, and for an impossible date,
 * clock or zone (the general path decides those).
 */
function plainIsoDateTime(text: string, options: DateOptions): ParsedDate | undefined {
  const m = PLAIN_ISO_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(toInt) as [number, number, number, number, number];
  const second = toInt(m[6] ?? '0');
  if (!isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = m[7] ? '+00:00' : m[8] ? formatOffset(m[8], toInt(m[9]), toInt(m[10])) : normaliseDefaultOffset(options.defaultOffset);
  if (!offset) return undefined;
  return { iso: `${pad4(year)}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}${offset}`, hasTime: true };
}

const WEEKDAY_RE = new RegExp(WEEKDAY, 'giu');
/** A zone written after a date that has no time ("12/06/2023 (GMT+7)") says nothing more; it is no second number. */
const ZONE_NOTE_RE = /\(?\s?(?:gmt|utc)\s?(?:[+-]\d{1,2}(?::?\d{2})?)?\s?\)?/giu;

/**
 * A text that is one date: labels, weekday names and punctuation around it are allowed
 * ("Thứ Hai, 12/06/2023 10:30", "Ngày đăng: 20/06/2018"), any other number is not — so
 * "12/06/2023 - 14/06/2023" or "Số 12, 12/06/2023" give undefined.
 */
export function parseDate(text: string, options: DateOptions = {}): ParsedDate | undefined {
  try {
    if (typeof text !== 'string') return undefined;
    const iso = plainIsoDateTime(text, options);
    if (iso) return iso;
    const normalised = normaliseText(text);
    const [first] = findDates(normalised, options, 1);
    if (!first) return undefined;
    const rest = normalised.slice(0, first.start) + ' ' + normalised.slice(first.end);
    // Removing weekday names and zone notes only takes digits away: no digit left means no other number.
    if (!HAS_DIGIT.test(rest)) return first.parsed;
    return HAS_DIGIT.test(rest.replace(WEEKDAY_RE, ' ').replace(ZONE_NOTE_RE, ' ')) ? undefined : first.parsed;
  } catch {
    return undefined;
  }
}
