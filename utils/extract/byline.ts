/**
 * The author line that ends a Vietnamese article ("Quỳnh Anh", "Bài và ảnh: Minh Đức", "Thu Hằng -
 * Ngọc Anh (thực hiện)"), recognised without compiling a regular expression full of Unicode letter
 * classes. The pattern this replaces,
 *
 *   ^(?:PREFIX\s*:\s*)?[\p{Lu}][\p{Ll}\p{Lu}.]*(?:\s+[\p{Lu}][\p{Ll}\p{Lu}.]*){0,5}
 *    (?:\s*[-–,]\s*[\p{Lu}][\p{L}.]*(?:\s+[\p{Lu}][\p{L}.]*){0,5})?(?:\s*\(ROLE\))?$   (flag u)
 *
 * took V8 several milliseconds to compile (each \p class is rebuilt from Unicode tables, eight times
 * over), which a live page paid in full on its first extraction: most of a frame. The same test is
 * made here part by part, and a letter's category is read from its case mappings where that is
 * exact (ASCII and the Latin blocks, Vietnamese included), from a one-class pattern elsewhere.
 */

const AUTHOR_PREFIX = /^(?:Bài(?: và ảnh)?|Tin(?:, ảnh)?|Ảnh|PV|Nhóm PV|BTV|Phóng viên)\s*:\s*/u;
const AUTHOR_ROLE = /\s*\((?:thực hiện|tổng hợp|biên dịch|lược dịch|dịch|TTXVN|st|ST|t\/h|TH)\)$/u;
/** Between two groups of names: "Thu Hằng - Ngọc Anh", "Thu Hằng, Ngọc Anh". */
const NAME_GROUP_SEPARATORS = '-–,';
const MAX_WORDS_PER_GROUP = 6;

export const LetterKind = {
  NotALetter: 0,
  Uppercase: 1,
  Lowercase: 2,
  /** Titlecase, modifier and other letters (\p{Lt}, \p{Lm}, \p{Lo}). */
  OtherLetter: 3,
} as const;
export type LetterKind = (typeof LetterKind)[keyof typeof LetterKind];

let uppercasePattern: RegExp | undefined;
let lowercasePattern: RegExp | undefined;
let letterPattern: RegExp | undefined;

/** The Unicode category of one code point, by the same rules as \p{Lu}, \p{Ll} and \p{L}. */
export function letterKind(char: string): LetterKind {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80) {
    if (code >= 0x41 && code <= 0x5a) return LetterKind.Uppercase;
    if (code >= 0x61 && code <= 0x7a) return LetterKind.Lowercase;
    return LetterKind.NotALetter;
  }
  // Latin-1, Latin Extended-A/B and Latin Extended Additional (Vietnamese): every character there
  // with distinct case mappings is a letter, upper case when it is its own upper case (checked
  // against \p{…} for each of them in tests/unit/extract/byline.test.ts).
  if (code < 0x250 || (code >= 0x1e00 && code < 0x1f00)) {
    const upper = char.toUpperCase();
    const lower = char.toLowerCase();
    if (upper !== lower) return char === upper ? LetterKind.Uppercase : char === lower ? LetterKind.Lowercase : LetterKind.OtherLetter;
  }
  uppercasePattern ??= /^\p{Lu}$/u;
  if (uppercasePattern.test(char)) return LetterKind.Uppercase;
  lowercasePattern ??= /^\p{Ll}$/u;
  if (lowercasePattern.test(char)) return LetterKind.Lowercase;
  letterPattern ??= /^\p{L}$/u;
  return letterPattern.test(char) ? LetterKind.OtherLetter : LetterKind.NotALetter;
}

/**
 * A capitalised word: an upper-case letter, then letters or dots. In the first group of names only
 * upper- and lower-case letters follow (`anyLetter` false); after a separator any letter does.
 */
function isNameWord(word: string, anyLetter: boolean): boolean {
  let first = true;
  for (const char of word) {
    const kind = letterKind(char);
    if (first) {
      if (kind !== LetterKind.Uppercase) return false;
      first = false;
    } else if (char !== '.' && kind !== LetterKind.Uppercase && kind !== LetterKind.Lowercase && !(anyLetter && kind === LetterKind.OtherLetter)) {
      return false;
    }
  }
  return !first;
}

/** One to six name words separated by white space, nothing before or after. */
function isNameGroup(text: string, anyLetter: boolean): boolean {
  const words = text.split(/\s+/);
  return words.length <= MAX_WORDS_PER_GROUP && words.every((word) => isNameWord(word, anyLetter));
}

/** The names of an author line, without its "Bài và ảnh:"-style prefix. */
export function withoutAuthorPrefix(text: string): string {
  return text.includes(':') ? text.replace(AUTHOR_PREFIX, '') : text;
}

/** Does the whole text read as an author line (names, an optional "Bài:"-style prefix and role)? */
export function isAuthorLine(text: string): boolean {
  let rest = text;
  // Each pattern only on a line that holds what it needs (a colon, a closing parenthesis): the first
  // use of a pattern compiles it.
  const prefix = rest.includes(':') ? AUTHOR_PREFIX.exec(rest) : null;
  if (prefix) rest = rest.slice(prefix[0].length);
  const role = rest.endsWith(')') ? AUTHOR_ROLE.exec(rest) : null;
  if (role) rest = rest.slice(0, role.index);
  // Names never hold a separator, so the first one splits the two groups.
  let at = -1;
  for (let i = 0; i < rest.length && at < 0; i++) if (NAME_GROUP_SEPARATORS.includes(rest[i]!)) at = i;
  if (at < 0) return isNameGroup(rest, false);
  return isNameGroup(rest.slice(0, at).replace(/\s+$/, ''), false) && isNameGroup(rest.slice(at + 1).replace(/^\s+/, ''), true);
}

const isAsciiWordChar = (char: string | undefined) => char !== undefined && /^[A-Za-z0-9_]$/.test(char);

/**
 * The text without a final initial ("Nguyễn Văn A." → "Nguyễn Văn A"): the same as
 * `text.replace(/\b\p{Lu}\.$/u, '')`, whose \b sees only ASCII letters, digits and "_" as word characters.
 */
export function withoutFinalInitial(text: string): string {
  if (!text.endsWith('.')) return text;
  const beforeDot = text.slice(0, -1);
  if (!beforeDot) return text;
  // The last code point: two units when they are a surrogate pair (a lone half is no letter).
  const last = beforeDot.charCodeAt(beforeDot.length - 1);
  const highHalf = beforeDot.charCodeAt(beforeDot.length - 2);
  const pair = last >= 0xdc00 && last <= 0xdfff && highHalf >= 0xd800 && highHalf <= 0xdbff;
  const start = beforeDot.length - (pair ? 2 : 1);
  const char = beforeDot.slice(start);
  if (letterKind(char) !== LetterKind.Uppercase) return text;
  if (isAsciiWordChar(beforeDot[start - 1]) === isAsciiWordChar(char)) return text;
  return beforeDot.slice(0, start);
}
