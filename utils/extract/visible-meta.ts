/**
 * Dates and bylines read from the page's visible text, for pages whose meta tags and JSON-LD leave
 * them out: the short lines next to the title ("By Jason Bates", "June 3, 2021") and dates a page
 * labels anywhere ("Published 15 November 2018", "Last updated: November 13, 2025").
 */
import { isAuthorLine } from './byline';
import { findDateInText } from './date';
import { collapse, normaliseDate } from './meta';
import type { ElementStats } from './stats';

/** Longer than this, an element is prose, not a line of metadata. */
const META_LINE_MAX = 120;

/**
 * The short elements after the title in document order, up to where the prose starts: a long block
 * is entered (a date may head it) but not read, and a headline link ends the walk (a teaser list:
 * its lines belong to other articles).
 */
function* shortElementsAfterTitle(titleEl: Element, stats: Map<Element, ElementStats>): Generator<Element> {
  let node: Element | null = titleEl;
  for (let steps = 0; node && steps < 30; steps++) {
    let next: Element | null = node.nextElementSibling;
    let up: Element | null = node;
    while (!next && up) {
      up = up.parentElement;
      next = up?.nextElementSibling ?? null;
    }
    node = next;
    while (node && (stats.get(node)?.textLength ?? 0) > META_LINE_MAX && node.firstElementChild) node = node.firstElementChild;
    if (!node) return;
    if ((stats.get(node)?.textLength ?? 0) > META_LINE_MAX) return;
    if (Array.from(node.querySelectorAll('a')).some((a) => (stats.get(a)?.textLength ?? 0) >= 30)) return;
    yield node;
  }
}

function dateOfLine(el: Element, lang: 'vi' | 'en', offset: string): string | undefined {
  const time = el.tagName.toUpperCase() === 'TIME' ? el : el.querySelector?.('time[datetime]');
  const fromTime = normaliseDate(time?.getAttribute('datetime'), lang, offset);
  if (fromTime) return fromTime;
  const text = collapse(el.textContent);
  if (!text || text.length > META_LINE_MAX) return undefined;
  return findDateInText(text, { lang, defaultOffset: offset })?.iso;
}

/** A visible date next to the title: the first short element after (or just before) it. */
export function dateNearTitle(titleEl: Element | null, stats: Map<Element, ElementStats>, lang: 'vi' | 'en', offset: string): string | undefined {
  if (!titleEl) return undefined;
  for (const el of shortElementsAfterTitle(titleEl, stats)) {
    const found = dateOfLine(el, lang, offset);
    if (found) return found;
  }
  // Some layouts put the date just above the title, or above the box the title opens.
  let top = titleEl;
  for (let level = 0; level < 2 && !top.previousElementSibling && top.parentElement; level++) top = top.parentElement;
  let before = top.previousElementSibling;
  for (let steps = 0; before && steps < 3; steps++, before = before.previousElementSibling) {
    const found = dateOfLine(before, lang, offset);
    if (found) return found;
  }
  return undefined;
}

const BYLINE_PREFIX = /^(?:by|written by|words by|tác giả\s*:?)\s+/i;

/**
 * "By Jason Bates" on a line of its own under the title. The line may share its box with the date
 * ("By Jason Bates · June 3, 2021" split over two elements): the innermost element starting with the
 * prefix is read, and only names follow it.
 */
export function bylineNearTitle(titleEl: Element | null, stats: Map<Element, ElementStats>): string | undefined {
  if (!titleEl) return undefined;
  for (let el of shortElementsAfterTitle(titleEl, stats)) {
    if (!BYLINE_PREFIX.test(collapse(el.textContent))) continue;
    while (el.firstElementChild && BYLINE_PREFIX.test(collapse(el.firstElementChild.textContent))) el = el.firstElementChild;
    const names = collapse(el.textContent).replace(BYLINE_PREFIX, '');
    if (names.length <= 80 && isAuthorLine(names)) return names;
  }
  return undefined;
}

/** Words a page puts before its publication date, and before its last revision's. */
const PUBLISHED_LABEL = /^(?:published|publish date|date published|first published|posted|posted on|released|release date|ngày đăng|đăng ngày|ngày xuất bản|ngày ban hành)\b/i;
const UPDATED_LABEL = /^(?:last updated|page last updated|updated|last reviewed|page last reviewed|reviewed|last modified|page last modified|modified|date modified|ngày cập nhật|cập nhật)\b/i;
/** Every label above holds one of these: text nodes without them are passed over unread. */
const LABEL_WORD = /publish|posted|release|updated|reviewed|modified|đăng|xuất bản|ban hành|cập nhật/i;

export interface LabelledDates {
  published?: string;
  modified?: string;
}

/**
 * Dates the page labels as such, wherever they sit (a sidebar's "Published" box, a footer's "Last
 * updated: …" line): the label's own line, or the box it heads with the date beside it. Read only
 * when meta tags and the title's neighbourhood give no date — it walks the page's text.
 */
export function labelledDates(body: Element, lang: 'vi' | 'en', offset: string): LabelledDates {
  const found: LabelledDates = {};
  const doc = body.ownerDocument;
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node && !(found.published && found.modified); node = walker.nextNode()) {
    const data = (node as Text).data;
    if (data.length > META_LINE_MAX || !LABEL_WORD.test(data)) continue;
    const label = collapse(data);
    const kind = PUBLISHED_LABEL.test(label) ? 'published' : UPDATED_LABEL.test(label) ? 'modified' : undefined;
    if (!kind || found[kind]) continue;
    // The label's element, or the box holding the label and its date ("<h4>Published</h4> <time>").
    let el = node.parentElement;
    for (let level = 0; el && el !== body && level < 3; level++, el = el.parentElement) {
      if (collapse(el.textContent).length > META_LINE_MAX) break;
      const date = dateOfLine(el, lang, offset);
      if (date) {
        found[kind] = date;
        break;
      }
    }
  }
  return found;
}

/** What a date line holds besides the date: month and weekday names, labels, zone names. */
const DATE_LINE_WORDS =
  /(?<!\p{L})(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|published|posted|released|updated|last|on|at|am|pm|edt|est|utc|gmt|ngày|tháng|năm|thứ|hai|ba|tư|sáu|bảy|chủ nhật|cập nhật|đăng)(?!\p{L})/giu;

/** A line that is only a date ("June 3, 2021", "Published: 12/06/2023 10:30") or only a byline. */
function isMetaLine(el: Element, depth = 0): boolean {
  const text = collapse(el.textContent);
  if (!text) return false;
  if (BYLINE_PREFIX.test(text)) {
    const names = text.replace(BYLINE_PREFIX, '');
    if (names.length <= 80 && isAuthorLine(names)) return true;
  }
  if (text.length <= 60 && findDateInText(text) !== undefined) {
    const rest = text.toLowerCase().replace(DATE_LINE_WORDS, '').replace(/[\d\s\p{P}\p{S}]+/gu, '');
    if (rest.length <= 3) return true;
  }
  // A box of such lines: the byline above the date.
  if (depth > 0 || el.childElementCount < 2) return false;
  let lines = 0;
  for (const child of Array.from(el.children)) {
    if (!collapse(child.textContent)) continue;
    if (!isMetaLine(child, depth + 1)) return false;
    lines++;
  }
  return lines > 0;
}

/**
 * The byline and date lines between the title and the text, where they sit inside the article's
 * root: metadata the reader sees above the text, as the author line is below a Vietnamese article.
 */
export function metaLinesAfterTitle(titleEl: Element | null, root: Element, stats: Map<Element, ElementStats>): Element[] {
  if (!titleEl) return [];
  const lines: Element[] = [];
  for (const el of shortElementsAfterTitle(titleEl, stats)) {
    if (!collapse(el.textContent)) continue;
    if (!isMetaLine(el)) break;
    if (el !== root && root.contains(el)) lines.push(el);
  }
  return lines;
}
