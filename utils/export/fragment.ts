import type { TextPositionSelector, TextQuoteSelector } from '../model/types';
import { collapseWhitespace, nfc } from '../text/fold';
import { cleanText, wellFormed } from './escape';

/**
 * Links back to a passage with a URL text fragment (WICG Text Fragments, `#:~:text=`), which
 * Chromium-based browsers and Safari scroll to and highlight.
 *
 * What the spec forces on us:
 * - the browser matches whole words only, case-insensitively, and never across block boundaries for a
 *   single term — so quotes that begin or end mid-word are widened to whole words, and quotes that
 *   span paragraphs are written as textStart,textEnd with one term in each end paragraph;
 * - `-`, `,` and `&` are syntax inside the directive and must be percent-encoded, as must all
 *   non-ASCII text;
 * - the first match wins, so an ambiguous quote needs a prefix-/-suffix context.
 */

/** Quotes longer than this are linked by their first and last words: shorter URLs, same target. */
const MAX_EXACT_CHARS = 120;
/** Each of textStart/textEnd grows word by word until it is at least this long (or unique). */
const MIN_TERM_CHARS = 24;
const MAX_TERM_WORDS = 12;
/** Quotes shorter than this, with no article text to prove them unique, get a prefix/suffix anyway. */
const SHORT_QUOTE_CHARS = 40;
const DEFAULT_CONTEXT_WORDS = 3;
const MAX_CONTEXT_WORDS = 16;

const WORD_CHAR_RE = /[\p{L}\p{M}\p{N}]/u;

export function encodeFragmentTerm(term: string): string {
  // encodeURIComponent leaves - _ . ! ~ * ' ( ) unencoded; the directive syntax needs '-' encoded,
  // and parentheses are encoded so the link survives inside a Markdown link destination.
  // A lone surrogate (half an emoji cut by a selection) would make encodeURIComponent throw.
  return encodeURIComponent(wellFormed(term)).replace(/[-!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

function paragraphsOf(text: string): string[] {
  // Control characters are invisible on the page, so the browser could never match them.
  return cleanText(text)
    .split(/\s*[\n\r\u0085\u2028\u2029]\s*/)
    .map((line) => collapseWhitespace(line))
    .filter((line) => line !== '');
}

function wordsOf(text: string): string[] {
  return text.split(' ').filter((word) => word !== '');
}

/** A quote that starts or ends inside a word cannot match: borrow the rest of the word from its context. */
function widenToWords(quote: TextQuoteSelector): string {
  let exact = nfc(quote.exact);
  const prefix = nfc(quote.prefix);
  const suffix = nfc(quote.suffix);
  if (WORD_CHAR_RE.test(exact.charAt(0))) {
    const partial = /[\p{L}\p{M}\p{N}]+$/u.exec(prefix);
    if (partial) exact = partial[0] + exact;
  }
  if (WORD_CHAR_RE.test(exact.slice(-1))) {
    const partial = /^[\p{L}\p{M}\p{N}]+/u.exec(suffix);
    if (partial) exact += partial[0];
  }
  return exact;
}

function foldForMatching(text: string): string {
  return collapseWhitespace(nfc(text)).toLowerCase();
}

function countOccurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

interface ContextTerm {
  /** Whitespace-collapsed words for the directive. */
  term: string;
  /** The same words as they stand in the text, with the characters that join them to the quote. */
  raw: string;
}

/** The last words of the prefix in the quote's own paragraph (a context term may not cross blocks). */
function contextBefore(quote: TextQuoteSelector, wordCount: number): ContextTerm {
  const lines = nfc(quote.prefix).split('\n');
  const sameBlock = lines.pop() ?? '';
  const trimmed = sameBlock.replace(/[\p{L}\p{M}\p{N}]+$/u, ''); // a partial word was folded into the quote
  const tokens = trimmed.match(/\S+\s*/gu) ?? [];
  // The stored prefix is a fixed-size window: its first word may be cut, and a cut word never matches.
  if (lines.length === 0 && WORD_CHAR_RE.test(trimmed.charAt(0))) tokens.shift();
  const raw = tokens.slice(-wordCount).join('');
  return { term: collapseWhitespace(raw), raw };
}

function contextAfter(quote: TextQuoteSelector, wordCount: number): ContextTerm {
  const lines = nfc(quote.suffix).split('\n');
  const sameBlock = lines[0] ?? '';
  const trimmed = sameBlock.replace(/^[\p{L}\p{M}\p{N}]+/u, '');
  const tokens = trimmed.match(/\s*\S+/gu) ?? [];
  if (lines.length === 1 && WORD_CHAR_RE.test(trimmed.slice(-1))) tokens.pop();
  const raw = tokens.slice(0, wordCount).join('');
  return { term: collapseWhitespace(raw), raw };
}

function growTerm(words: string[], fromEnd: boolean, isGoodEnough: (term: string) => boolean): string {
  let term = '';
  for (let count = 1; count <= Math.min(words.length, MAX_TERM_WORDS); count++) {
    term = (fromEnd ? words.slice(-count) : words.slice(0, count)).join(' ');
    if (term.length >= MIN_TERM_CHARS && isGoodEnough(term)) break;
  }
  return term;
}

export interface TextDirective {
  start: string;
  end?: string;
  prefix?: string;
  suffix?: string;
}

/** Choose the directive terms for a quote; fullText (the article text) lets us check uniqueness. */
export function textDirectiveFor(quote: TextQuoteSelector, fullText?: string): TextDirective | undefined {
  const widened = widenToWords(quote);
  const paragraphs = paragraphsOf(widened);
  if (paragraphs.length === 0) return undefined;
  const haystack = fullText === undefined ? undefined : foldForMatching(fullText);
  const isUnique = (term: string) => haystack === undefined || countOccurrences(haystack, term.toLowerCase()) <= 1;

  let directive: TextDirective;
  const single = paragraphs.length === 1 ? (paragraphs[0] as string) : undefined;
  if (single !== undefined && single.length <= MAX_EXACT_CHARS) {
    directive = { start: single };
  } else {
    const firstWords = wordsOf(paragraphs[0] as string);
    const lastWords = wordsOf(paragraphs[paragraphs.length - 1] as string);
    if (single !== undefined) {
      // Start and end come from one paragraph: they must not overlap.
      const half = Math.floor(firstWords.length / 2);
      firstWords.splice(half);
      lastWords.splice(0, half);
    }
    const start = growTerm(firstWords, false, isUnique);
    // The browser takes the first match of textEnd after textStart: it must occur once in the quote.
    const quoteHaystack = foldForMatching(widened);
    const end = growTerm(lastWords, true, (term) => countOccurrences(quoteHaystack, term.toLowerCase()) <= 1);
    directive = { start, end };
  }

  // Without the article text we cannot prove a short quote unique, so it gets context anyway.
  if (haystack === undefined) {
    if (widened.length < SHORT_QUOTE_CHARS) addContext(directive, quote, DEFAULT_CONTEXT_WORDS);
  } else if (!isUnique(directive.start)) {
    // Widen the context word by word until prefix + quote (+ suffix) occurs once in the article.
    const matched = directive.end === undefined ? widened : directive.start;
    for (let words = 1; words <= MAX_CONTEXT_WORDS; words++) {
      const before = contextBefore(quote, words).raw;
      const after = directive.end === undefined ? contextAfter(quote, words).raw : '';
      addContext(directive, quote, words);
      if (countOccurrences(haystack, foldForMatching(before + matched + after)) <= 1) break;
    }
  }
  return directive;
}

function addContext(directive: TextDirective, quote: TextQuoteSelector, words: number): void {
  const prefix = contextBefore(quote, words).term;
  const suffix = contextAfter(quote, words).term;
  if (prefix) directive.prefix = prefix;
  else delete directive.prefix;
  if (suffix) directive.suffix = suffix;
  else delete directive.suffix;
}

export function formatTextDirective(directive: TextDirective): string {
  const parts: string[] = [];
  if (directive.prefix) parts.push(`${encodeFragmentTerm(directive.prefix)}-`);
  parts.push(encodeFragmentTerm(directive.start));
  if (directive.end) parts.push(encodeFragmentTerm(directive.end));
  if (directive.suffix) parts.push(`-${encodeFragmentTerm(directive.suffix)}`);
  return `text=${parts.join(',')}`;
}

/** The URL without any fragment (an old `#:~:text=` or a page anchor would compete with ours). */
export function stripFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** How much article text around the quote is worth looking at for a disambiguating context. */
const CONTEXT_WINDOW = 240;

/**
 * The stored selector keeps a short prefix/suffix; with the article text at hand, find the passage
 * (the occurrence whose surroundings match the stored ones) and take a wider context from the text.
 */
function withWiderContext(quote: TextQuoteSelector, fullText: string, positionHint?: number): TextQuoteSelector {
  const text = nfc(fullText);
  const exact = nfc(quote.exact);
  const prefix = nfc(quote.prefix);
  const suffix = nfc(quote.suffix);
  // Several places can share the stored surroundings; the stored position says which one was meant.
  let found = -1;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    if (!text.slice(0, at).endsWith(prefix) || !text.startsWith(suffix, at + exact.length)) continue;
    if (found === -1 || (positionHint !== undefined && Math.abs(at - positionHint) < Math.abs(found - positionHint))) found = at;
    if (positionHint === undefined) break;
  }
  if (found === -1) return quote;
  return {
    ...quote,
    prefix: text.slice(Math.max(0, found - CONTEXT_WINDOW), found),
    suffix: text.slice(found + exact.length, found + exact.length + CONTEXT_WINDOW),
  };
}

/**
 * `https://site/article#:~:text=…` leading to the quoted passage. With the article text (and the
 * stored position, for a quote whose stored surroundings recur) the link is checked to be unambiguous. Falls back to the bare URL when the
 * quote has no words to match.
 */
export function textFragmentLink(
  url: string,
  quote: TextQuoteSelector,
  fullText?: string,
  position?: TextPositionSelector,
): string {
  const base = stripFragment(url);
  const located = fullText === undefined ? quote : withWiderContext(quote, fullText, position?.start);
  const directive = textDirectiveFor(located, fullText);
  return directive ? `${base}#:~:${formatTextDirective(directive)}` : base;
}
