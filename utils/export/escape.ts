import { nfc } from '../text/fold';

/**
 * Quotes, notes, titles and tags are data: whatever characters they hold, the exported Markdown must
 * keep its structure in CommonMark, Obsidian, Logseq and Pandoc. Each character is escaped only where a
 * Markdown reader would give it meaning, so ordinary Vietnamese prose stays readable in the raw file.
 * Every escape is a backslash before ASCII punctuation, which CommonMark turns back into the character.
 */

/** Line breaks a reader may honour: CR/LF plus the Unicode ones YAML and some editors treat as breaks. */
const LINE_BREAK_RE = /\r\n|[\n\r\u0085\u2028\u2029]/;
/** C0/C1 controls other than tab and line breaks: invisible, and NUL is rewritten by CommonMark. */
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;

const WORD_CHAR_RE = /[\p{L}\p{M}\p{N}]/u;
const isWordChar = (ch: string | undefined): boolean => ch !== undefined && WORD_CHAR_RE.test(ch);
const isSpaceOrEdge = (ch: string | undefined): boolean => ch === undefined || /\s/u.test(ch);

/** Characters that start or close Markdown syntax wherever they stand (code, links, tables, Obsidian embeds). */
const ALWAYS_ESCAPED = new Set(['\\', '`', '[', ']', '|']);
/** Emphasis-like delimiters (CommonMark *, _; GFM/Pandoc ~; Pandoc ^ and $ math): inert only between spaces. */
const DELIMITERS = new Set(['*', '_', '~', '^', '$']);

/** Runs of white space (NEL included: some readers break lines at it) as one space, trimmed. */
export function collapseSpaces(text: string): string {
  return text.replace(/[\s\u0085]+/gu, ' ').trim();
}

export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK_RE);
}

/** NFC, controls removed, tabs as spaces: what every exported string goes through first. */
export function cleanText(text: string): string {
  return wellFormed(nfc(text)).replace(CONTROL_RE, '').replace(/\t/g, ' ');
}

const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Half an emoji (a lone surrogate) cannot be written as UTF-8 or percent-encoded: show U+FFFD instead. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE_RE, '\uFFFD');
}

/**
 * Positions (UTF-16, in `line`) of characters inside bare URLs, www. hosts and e-mail addresses that
 * GFM/Obsidian would autolink. Found on the text without highlight marks, since autolinkers read
 * `==` as ordinary characters and would still see "a@==b.com".
 */
function autolinkTriggers(line: string): Set<number> {
  const plainToLine: number[] = [];
  let plain = '';
  for (let index = 0; index < line.length; index++) {
    const ch = line.charAt(index);
    if (ch === MARK_OPEN || ch === MARK_CLOSE) continue;
    plainToLine.push(index);
    plain += ch;
  }
  const triggers = new Set<number>();
  const add = (plainIndex: number) => triggers.add(plainToLine[plainIndex] as number);
  // "https://x" → escape the colon: with no "scheme://" there is no URL (whatever precedes the scheme).
  for (const match of plain.matchAll(/:\/\//gu)) add(match.index);
  // "www.x" → escape the first dot.
  for (const match of plain.matchAll(/www\./giu)) add(match.index + 3);
  // "a@b.c" → escape the at sign.
  for (const match of plain.matchAll(/[\p{L}\p{N}._+-]@[\p{L}\p{N}]/gu)) add(match.index + 1);
  // "//host" is a protocol-relative link to some autolinkers (linkify-it), even after an escaped
  // "http\:" once a "==" mark precedes it: escape the first slash as well.
  for (const match of plain.matchAll(/\/\/(?=[\p{L}\p{N}])/gu)) add(match.index);
  return triggers;
}

/** Any character escapeInline might escape mid-line (a superset: false positives just take the slow path). */
const MAYBE_SIGNIFICANT_RE = /[\\`[\]|*_~^$<&=%#@\uE000\uE001]|:\/\/|www\./i;

/**
 * Private-use placeholders for the start and end of an Obsidian `==highlight==`: the caller puts them
 * in the line before escaping, so the escaper knows an `=` will stand next to its neighbours.
 */
export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';
const MARK_RE = /[\uE000\uE001]/g;

/** Text from outside must not smuggle in our placeholders. */
export function withoutMarkPlaceholders(text: string): string {
  return text.replace(MARK_RE, '\uFFFD');
}

/**
 * Escape one line of text for use inside a paragraph, blockquote, heading or list item.
 * The line must not contain line breaks (use escapeParagraphs for multi-line text).
 * MARK_OPEN/MARK_CLOSE, if present, become `==`.
 */
export function escapeInline(rawLine: string): string {
  const line = collapseSpaces(cleanText(rawLine));
  // Most prose holds none of the characters below: only its first characters need a look.
  if (!MAYBE_SIGNIFICANT_RE.test(line)) return escapeLineStart(line);
  const chars = [...line];
  const neighbour = (index: number) => {
    const ch = chars[index];
    return ch === MARK_OPEN || ch === MARK_CLOSE ? '=' : ch;
  };
  const triggers = autolinkTriggers(line);
  let out = '';
  let utf16Index = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const prev = neighbour(i - 1);
    const next = neighbour(i + 1);
    if (ch === MARK_OPEN || ch === MARK_CLOSE) {
      out += '==';
      utf16Index += ch.length;
      continue;
    }
    let escape = false;
    if (ALWAYS_ESCAPED.has(ch)) escape = true;
    else if (DELIMITERS.has(ch)) {
      const betweenSpaces = isSpaceOrEdge(prev) && isSpaceOrEdge(next) && i > 0 && i < chars.length - 1;
      // snake_case and similar: an underscore between letters can neither open nor close emphasis.
      const intraword = ch === '_' && isWordChar(prev) && isWordChar(next);
      escape = !betweenSpaces && !intraword;
    } else if (ch === '<') escape = next !== undefined && /[A-Za-z/!?]/.test(next);
    else if (ch === '&') escape = /^&#?[A-Za-z0-9]+;/.test(line.slice(utf16Index));
    // "==" is an Obsidian highlight, "%%" an Obsidian comment that hides text.
    else if (ch === '=' || ch === '%') escape = prev === ch || next === ch;
    // "#word" is an Obsidian/Logseq tag; "# " at a line start a heading.
    else if (ch === '#') escape = isSpaceOrEdge(prev);
    else if (triggers.has(utf16Index)) escape = true;
    out += escape ? `\\${ch}` : ch;
    utf16Index += ch.length;
  }
  // A line opening with a highlight mark begins with "==" and text: neither a list nor an underline.
  return chars[0] === MARK_OPEN ? out : escapeLineStart(out);
}

/**
 * Block syntax decided by how a line begins: lists (CommonMark, and Pandoc's "a)" / "iv." / "(1)"),
 * quotes, setext underlines, thematic breaks, Pandoc definition lists.
 */
function escapeLineStart(line: string): string {
  if (/^[-+=>:]/.test(line)) return `\\${line}`;
  const numbered = /^(\d{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$)/.exec(line);
  if (numbered) {
    const marker = numbered[1] as string;
    return `${marker}\\${line.slice(marker.length)}`;
  }
  if (/^\((\d{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]+|@\w*)\)/.test(line)) return `\\${line}`;
  return line;
}

/**
 * Text the user typed (notes): blank lines separate paragraphs, a single line break stays a line break
 * (a trailing backslash, the CommonMark hard break that Pandoc and Obsidian also read).
 */
export function escapeParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) paragraphs.push(current.join('\\\n'));
    current = [];
  };
  for (const line of splitLines(text)) {
    const escaped = escapeInline(line);
    if (escaped === '') flush();
    else current.push(escaped);
  }
  flush();
  return paragraphs;
}

/** Text taken from a page (quotes, leads): every line break there is a paragraph boundary. */
export function escapePageParagraphs(text: string): string[] {
  return splitLines(text)
    .map(escapeInline)
    .filter((line) => line !== '');
}

/** One paragraph per entry, as a single blockquote: blank quote lines keep the paragraphs in one block. */
export function blockquote(paragraphs: string[]): string {
  return paragraphs
    .map((paragraph) => paragraph.split('\n').map((line) => `> ${line}`).join('\n'))
    .join('\n>\n');
}

/** Characters Obsidian and Logseq end a tag at, or reject; "_" is dropped too since it can open emphasis. */
const TAG_BREAKING_RE = /[^\p{L}\p{M}\p{N}\-/]/gu;

/**
 * "học tập" → "học-tập": Vietnamese letters kept, spaces as hyphens, anything that would end or break
 * the tag removed. Returns '' when nothing usable is left.
 */
export function tagSlug(name: string): string {
  return cleanText(name)
    .trim()
    .replace(/[\s_]+/gu, '-')
    .replace(TAG_BREAKING_RE, '')
    .replace(/-{2,}/g, '-')
    .replace(/\/{2,}/g, '/')
    .replace(/^[-/]+|[-/]+$/g, '');
}

/**
 * Percent-encode what would end or break a Markdown link destination, and nothing else, so the
 * URL stays readable. Whitespace, parentheses and angle brackets are what matter to CommonMark;
 * backslashes and backticks are encoded so no escape or code span can form.
 */
export function linkDestination(url: string): string {
  return url.replace(/[\s()<>\\`[\]|"']/gu, (ch) =>
    [...new TextEncoder().encode(ch)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** Only web links leave the document clickable: a stored javascript: or data: URL must never become one. */
export function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
