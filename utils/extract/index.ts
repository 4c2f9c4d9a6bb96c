/**
 * Article detection and extraction over a DOM Document: pure, read-only, never throws. Runs in the
 * content script on the live page and in Node (linkedom/jsdom) for tests, the CLI and benchmarks.
 */
import type { ArticleMeta } from '../model/types';
import { isAuthorLine, withoutAuthorPrefix, withoutFinalInitial } from './byline';
import { classAndId, isInClassHiddenBlock } from './dom';
import { findDateInText } from './date';
import { detectArticle, isProfiledArticlePage, type DetectionFeatures } from './detect';
import { chooseRoot, findExcluded, findRepeatedSections, mainRegion, scoreCandidates, siblingsToInclude } from './generic';
import {
  cleanLead,
  cleanTitle,
  collapse,
  firstTag,
  normaliseDate,
  readPageSignals,
  type PageMetaSignals,
} from './meta';
import { mainRegionText } from './pagetext';
import { isInShopFurniture, isProductPage, productFurniture } from './product';
import { PROFILES, allMatches, firstMatch, firstOwnMatch, profileFor, type PortalProfile } from './profiles';
import { listingContent, otherPagesBoxes, pageFooters, scrapShare } from './listing';
import { threadFurniture } from './thread';
import { linkDensity, measure, type Collected, type ElementStats } from './stats';
import { articleTextOf, type TextOptions } from './text';
import { bylineNearTitle, dateNearTitle, labelledDates, metaLinesAfterTitle } from './visible-meta';

export { articleTextOf, articleTextWithSegments } from './text';
export type { ArticleText, TextOptions, TextSegment } from './text';
export { PROFILES, profileFor } from './profiles';
export type { PortalProfile } from './profiles';
export { BOILERPLATE_PHRASES } from './boilerplate';

export interface ExtractionOptions {
  /** Treat the page as this profile id regardless of host and fingerprints (tests, user override). */
  family?: string;
}

export interface ExtractionResult {
  isArticle: boolean;
  /** 0..1, how sure detection is of `isArticle` being true. */
  confidence: number;
  reasons: string[];
  /** The measured signals detection weighed (absent when extraction failed early). */
  features?: DetectionFeatures;
  /** Profile id, or 'generic'. */
  family: string;
  meta: ArticleMeta;
  /** Main text: blocks separated by blank lines, NFC. Equal to articleTextOf(root, excluded). */
  text: string;
  /** The article's root element in the given (live) document. */
  root?: Element;
  /** Subtrees inside root whose text is not part of `text`. */
  excluded: Element[];
  /** Options that reproduce `text`: articleTextOf(root, excluded, textOptions). */
  textOptions: TextOptions;
}


function notAnArticle(reason: string, title = ''): ExtractionResult {
  return { isArticle: false, confidence: 0, reasons: [reason], family: 'generic', meta: { title }, text: '', excluded: [], textOptions: {} };
}

export function extractArticle(doc: Document, url: string, options: ExtractionOptions = {}): ExtractionResult {
  try {
    return extract(doc, url, options);
  } catch (error) {
    return notAnArticle(`extraction failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isVietnamese(url: string, lang?: string): boolean {
  if (lang?.toLowerCase().startsWith('vi')) return true;
  try {
    return new URL(url).hostname.endsWith('.vn');
  } catch {
    return false;
  }
}

/** Meta tags that name the publication date, before the bare "date" ones. */
const PUBLISHED_TAGS = ['article:published_time', 'og:article:published_time', 'datepublished', 'dcterms.issued', 'dc.date.issued', 'pubdate', 'publishdate'];

/**
 * The page's date comes from a bare "date" / "dc.date" tag whose wall-clock stamp, to the second, is
 * the modification tag's: a CMS writing its last save into both, not a publication date.
 */
function isModificationStamp(tags: Map<string, string>, modifiedTag: string | undefined): boolean {
  if (!modifiedTag || firstTag(tags, ...PUBLISHED_TAGS)) return false;
  const bare = firstTag(tags, 'date', 'dc.date');
  const stamp = (value: string) => /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}/.exec(value.trim())?.[0].replace(' ', 'T');
  const bareStamp = bare ? stamp(bare) : undefined;
  return bareStamp !== undefined && bareStamp === stamp(modifiedTag);
}

/** A profile body this short is checked against the page's prose before it is trusted. */
const SHORT_PROFILE_BODY = 1_500;

/**
 * The profile's body selector took a short block (a theme's header or excerpt box, a podcast player)
 * while most of the page's prose is outside it: paragraphs of running text, far longer, elsewhere.
 */
function proseElsewhere(body: Element, candidate: Element, stats: Map<Element, ElementStats>): boolean {
  const inside = stats.get(candidate)?.textLength ?? 0;
  if (inside >= SHORT_PROFILE_BODY) return false;
  let outside = 0;
  for (const p of Array.from(body.getElementsByTagName('p'))) {
    const length = stats.get(p)?.textLength ?? 0;
    if (length < 80 || candidate.contains(p) || linkDensity(stats.get(p)) >= 0.3) continue;
    // Readers' comments and side columns are prose too, but not the article's.
    if (inCommentsOrAside(p, body)) continue;
    outside += length;
  }
  return outside > inside * 4 && outside > SHORT_PROFILE_BODY;
}

/** Names of a comment thread or a side column, as whole class words or ids (not "comments-open"). */
const COMMENTS_OR_ASIDE = /^(?:comments?|comments-area|comment-list|commentlist|comment-content|comment-body|respond|disqus_thread|sidebar|widget-area)$/i;

function inCommentsOrAside(el: Element, body: Element): boolean {
  for (let up = el.parentElement; up && up !== body; up = up.parentElement) {
    const tag = up.tagName.toUpperCase();
    if (tag === 'ASIDE' || tag === 'NAV' || tag === 'FOOTER') return true;
    const names = classAndId(up).split(/\s+/);
    if (names.some((name) => COMMENTS_OR_ASIDE.test(name))) return true;
  }
  return false;
}

/** The profile's body, when it is unambiguous and holds real text. */
function profileBody(doc: Document, profile: PortalProfile): Element | null {
  for (const selector of profile.body) {
    let matches: Element[];
    try {
      matches = Array.from(doc.querySelectorAll(selector));
    } catch {
      continue;
    }
    if (matches.length === 0) continue;
    // Several bodies means a listing of excerpts (a WordPress archive), not one article.
    const outermost = matches.filter((m) => !matches.some((other) => other !== m && other.contains(m)));
    if (outermost.length !== 1) return null;
    return outermost[0]!;
  }
  return null;
}

const SOURCE_LINE = /^(?:Theo\s+\S|Nguồn\s*:|Nguồn\s+\S|Link bài gốc|Link gốc|\(?Nguồn\b)/iu;
/**
 * The characters a SOURCE_LINE starts with (its letters fold to no other character): a line starting
 * otherwise (an author's name) is not tested, and the pattern, costly to compile, often never is.
 */
const SOURCE_LINE_STARTS = 'TtNnLl(';

interface TrailerLines {
  author?: string;
  sourceName?: string;
  sourceUrl?: string;
  excluded: Element[];
}

/** The last non-empty block elements of `root`, deepest first, excluding what is already excluded. */
function lastBlocks(root: Element, skip: Set<Element>, stats: Map<Element, ElementStats>, count: number): Element[] {
  const blocks: Element[] = [];
  const visit = (el: Element): boolean => {
    for (let child = el.lastElementChild; child; child = child.previousElementSibling) {
      if (skip.has(child)) continue;
      const s = stats.get(child);
      if (!s || s.textLength === 0) continue;
      const tag = child.tagName.toUpperCase();
      const isLeafBlock = tag === 'P' || /^H[1-6]$/.test(tag) || (child.firstElementChild === null) || s.textLength < 200;
      if (isLeafBlock) {
        blocks.push(child);
        if (blocks.length >= count) return true;
      } else if (visit(child)) return true;
      // Only the trailing blocks matter; stop at the first long paragraph of prose.
      if (s.textLength > 200) return true;
    }
    return false;
  };
  visit(root);
  return blocks;
}

/** Vietnamese articles end with an author line and a source line: metadata, not text. */
function findTrailerLines(root: Element, excluded: Element[], stats: Map<Element, ElementStats>): TrailerLines {
  const result: TrailerLines = { excluded: [] };
  const skip = new Set(excluded);
  for (const block of lastBlocks(root, skip, stats, 4)) {
    const text = collapse(block.textContent);
    if (!text || text.length > 120) break;
    if (SOURCE_LINE_STARTS.includes(text[0]!) && SOURCE_LINE.test(text)) {
      const link = block.querySelector('a[href]');
      const href = link?.getAttribute('href') ?? undefined;
      if (href && /^https?:/i.test(href)) result.sourceUrl = href;
      const name = text
        .replace(/^\(?(?:Theo|Nguồn\s*:?|Link bài gốc\s*:?|Link gốc\s*:?)\s*/iu, '')
        .replace(/,?\s*link gốc\s*$/iu, '')
        .replace(/\)$/, '')
        .trim();
      if (name && !result.sourceName) result.sourceName = name;
      result.excluded.push(block);
      continue;
    }
    if (!result.author && text.length <= 60 && isAuthorLine(text) && !/[.!?…]$/.test(withoutFinalInitial(text))) {
      result.author = withoutAuthorPrefix(text);
      result.excluded.push(block);
      continue;
    }
    break;
  }
  return result;
}

/**
 * Names a CMS gives its log-ins, compared lower-cased: the same as a case-insensitive pattern of them,
 * as their letters fold to no other character, without compiling one.
 */
const CMS_LOGIN_NAMES = new Set(['admin', 'administrator', 'editor', 'webmaster', 'root', 'quản trị viên', 'quantri']);

const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const isNumber = (word: string) => /^\d+$/.test(word);

/** The same words in the same order, but for at least one number ("2024" → "2025"). */
function differOnlyInNumbers(a: string, b: string): boolean {
  const first = wordsOf(a);
  const second = wordsOf(b);
  if (first.length < 3 || first.length !== second.length) return false;
  let numbersDiffer = false;
  for (let i = 0; i < first.length; i++) {
    if (first[i] === second[i]) continue;
    if (!isNumber(first[i]!) || !isNumber(second[i]!)) return false;
    numbersDiffer = true;
  }
  return numbersDiffer;
}

/**
 * The document's body. Broken markup can make a parser open a second <body> (an empty one first);
 * the real one is the one with content.
 */
function pickBody(doc: Document): Element | null {
  const html = doc.documentElement;
  const candidates = html ? Array.from(html.children).filter((child) => child.tagName.toUpperCase() === 'BODY') : [];
  // A page that repeats its <html> tag inside itself leaves the body one level further down.
  if (html && candidates.length === 0) {
    for (const inner of Array.from(html.children)) {
      if (inner.tagName.toUpperCase() !== 'HTML') continue;
      for (const child of Array.from(inner.children)) if (child.tagName.toUpperCase() === 'BODY') candidates.push(child);
    }
  }
  const declared = doc.body;
  if (declared && !candidates.includes(declared)) candidates.push(declared);
  let best: Element | null = null;
  for (const candidate of candidates) if (!best || candidate.childNodes.length > best.childNodes.length) best = candidate;
  return best ?? doc.querySelector('body');
}

/**
 * The article root of a page without a usable profile body: paragraph voting, then the main region
 * when voting found only a scrap. Its own function, so that a portal article (whose profile gives
 * the body) does not compile it on the content script's first call.
 */
function genericRoot(body: Element, stats: Map<Element, ElementStats>, textOptions: TextOptions, preExcluded: Element[], reasons: string[]): Element {
  const candidates = scoreCandidates(body, stats);
  let root = chooseRoot(body, candidates, stats);
  const siblings = siblingsToInclude(root, candidates, stats);
  if (siblings.length > 0 && root.parentElement && root !== body) {
    const parent: Element = root.parentElement;
    const kept = new Set<Element>([root, ...siblings]);
    for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
      if (!kept.has(child)) preExcluded.push(child);
    }
    root = parent;
  }
  // Paragraph voting found only a scrap of the page's main region: the content is not prose
  // (lists, cards, tables), so the region is the root.
  // Taken only when what survives cleaning there is clearly more than the scrap.
  const region = mainRegion(body, stats);
  const rootLength = stats.get(root)?.textLength ?? 0;
  if (
    region !== root &&
    region !== body && // the whole body would bring its footer and menus along
    rootLength < (stats.get(region)?.textLength ?? 0) * 0.15 &&
    articleTextOf(region, findExcluded(region, stats), textOptions).length > rootLength * 2
  ) {
    root = region;
    preExcluded.length = 0;
    reasons.push('little prose: the main region of the page');
  }
  return root;
}

/** The page's one <main> when it shows almost no text but holds much more hidden. */
function hiddenMainLandmark(mains: Element[], stats: Map<Element, ElementStats>): Element | undefined {
  if (mains.length !== 1) return undefined;
  const main = mains[0]!;
  if ((stats.get(main)?.textLength ?? 0) >= 200) return undefined;
  return (main.textContent ?? '').length > 5000 ? main : undefined;
}

/**
 * A page that is not an article is read whole: its main region when that shows much more than the
 * prose root, else the text of its items when the prose root is only a scrap of them (a listing).
 * Its own function, so that an article does not compile it on the content script's first call.
 */
function wholePageContent(
  doc: Document,
  body: Element,
  tags: Map<string, string>,
  stats: Map<Element, ElementStats>,
  textOptions: TextOptions,
  title: string,
  articleContent: { root: Element; excluded: Element[]; text: string },
  detection: ReturnType<typeof detectArticle>,
  reasons: string[],
): { root: Element; excluded: Element[]; text: string } {
  let content = articleContent;
  const productPage = isProductPage(doc, tags);
  // A root among a product page's reviews is no text of the product: any region beats it.
  const proseText = (productPage && isInShopFurniture(articleContent.root, body)) || isInClassHiddenBlock(articleContent.root, body) ? '' : articleContent.text;
  // The main region first, then the listing test: on wcxb-dev 0.849 Word F1 over all pages (the
  // other order 0.850, but it keeps a promo strip beside a landing page's sections).
  const wholePage = mainRegionText(body, articleContent.root, proseText, stats, textOptions, title);
  const listing = wholePage ? undefined : listingContent(body, stats, textOptions);
  if (wholePage) {
    content = wholePage;
    reasons.push('not an article: the main region of the page');
  } else if (listing && proseText.length < listing.shownLength * scrapShare(detection.features.productUrl === 1, detection.confidence)) {
    content = listing;
    reasons.push('not an article: the text of its listing region');
  }
  // Each rule sees what the rules before it left out; the text is rendered once, after all of them.
  const root = content.root;
  let excluded = content.excluded;
  const leaveOut = (furniture: Element[], reason: string) => {
    if (furniture.length === 0) return;
    excluded = excluded.concat(furniture);
    reasons.push(reason);
  };
  // A region read as a listing has left out the boxes of other threads or topics ("Similar
  // threads", "Related discussions") already; the prose root has not.
  if (content === articleContent) leaveOut(otherPagesBoxes(root, stats, excluded), 'not an article: boxes of other pages left out');
  leaveOut(pageFooters(root, stats, excluded), 'not an article: the page footer left out');
  // A thread's posts without what each post carries around them (poster cards, signatures).
  leaveOut(threadFurniture(root, stats, excluded), 'not an article: posts without their furniture');
  leaveOut(
    productFurniture(root, stats, excluded, productPage),
    productPage ? 'a product page: its reviews, other products and prices left out' : 'not an article: boxes of other products, customer reviews and fine print left out',
  );
  if (excluded === content.excluded) return content;
  return { root, excluded, text: articleTextOf(root, excluded, textOptions) };
}

/*
 * The helpers below hold the branches of extract that a portal article in its profile's form does not
 * take: V8 compiles a whole function on its first call, taken branches or not, and the content script's
 * first call on a page pays for it.
 */

/**
 * A saved page whose content waits hidden for a script (streamed React, a forum's <noscript> copy):
 * measured with its hidden text, when that is where nearly all of the text is.
 */
function hiddenContent(
  body: Element,
  stats: Map<Element, ElementStats>,
  visibleLength: number,
  hiddenMain: Element | undefined,
): { collected: Collected; stats: Map<Element, ElementStats> } | undefined {
  const withHidden: Collected = { anchors: [], h1s: [], articles: 0, mains: [] };
  const hiddenStats = measure(body, withHidden, true);
  const hiddenLength = hiddenStats.get(hiddenMain ?? body)!.textLength;
  const shownLength = hiddenMain ? (stats.get(hiddenMain)?.textLength ?? 0) : visibleLength;
  return hiddenLength > 1000 && hiddenLength > shownLength * 10 ? { collected: withHidden, stats: hiddenStats } : undefined;
}

/** The title from the page's metadata and <title>, when no profile names the heading. */
function titleFromMetadata(doc: Document, tags: Map<string, string>, jsonLd: PageMetaSignals['jsonLd'], siteName: string | undefined, headingText: string): string {
  const docTitle = collapse(doc.title);
  const ogTitle = firstTag(tags, 'og:title', 'twitter:title', 'dc.title');
  if (jsonLd.headline && jsonLd.headline.length > 5) return cleanTitle(jsonLd.headline, siteName, headingText);
  if (ogTitle) return cleanTitle(ogTitle, siteName, headingText);
  if (headingText && docTitle.includes(headingText)) return headingText;
  return cleanTitle(docTitle, siteName, headingText) || headingText;
}

/** The profile's visible date, when it wins over the meta date (missing, or without a time of day). */
function profileDate(doc: Document, profile: PortalProfile, published: string | undefined, dateLang: 'vi' | 'en', offset: string): string | undefined {
  const dateEl = firstOwnMatch(doc, profile.date);
  if (!dateEl) return published;
  const fromEl =
    normaliseDate(dateEl.getAttribute('datetime') ?? dateEl.getAttribute('content'), dateLang, offset) ??
    findDateInText(collapse(dateEl.textContent), { lang: dateLang, defaultOffset: offset })?.iso;
  // The family's visible date wins when the meta date is missing or has no time of day.
  if (fromEl && (!published || (published.length <= 10 && fromEl.slice(0, 10) === published.slice(0, 10)))) return fromEl;
  return published;
}

/** A date printed under the title, else the <time> of the article. */
function visibleDate(titleEl: Element | null, root: Element, doc: Document, stats: Map<Element, ElementStats>, dateLang: 'vi' | 'en', offset: string): string | undefined {
  const nearTitle = dateNearTitle(titleEl, stats, dateLang, offset);
  if (nearTitle) return nearTitle;
  const time = root.querySelector('time[datetime]') ?? doc.querySelector('article time[datetime], header time[datetime]');
  return normaliseDate(time?.getAttribute('datetime'), dateLang, offset);
}

/** The author element the profile names, without its "By:"-style label. */
function profileAuthor(doc: Document, profile: PortalProfile): string | undefined {
  const authorEl = firstOwnMatch(doc, profile.author);
  const authorText = collapse(authorEl?.textContent).replace(/^(From|By|Tác giả|Bài|Theo)\s*:?\s*/i, '');
  return authorText && authorText.length <= 100 ? authorText : undefined;
}

/** The byline the markup marks (rel=author, itemprop=author, a byline class). */
function markedByline(doc: Document): string | undefined {
  const byline = doc.querySelector('[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"], .byline .author, .author-name, .byline');
  const bylineText = collapse(byline?.textContent).replace(/^(By|Tác giả)\s*:?\s*/i, '');
  return bylineText && bylineText.length <= 80 ? bylineText : undefined;
}

/** Detection that reads the page's structure too: teaser links around the root, grids, pagination… */
function detectWithStructure(
  input: Parameters<typeof detectArticle>[0],
  doc: Document,
  body: Element,
  root: Element,
  stats: Map<Element, ElementStats>,
  anchors: Element[],
): ReturnType<typeof detectArticle> {
  let teaserLinks = 0;
  for (const a of anchors) {
    const s = stats.get(a);
    if (s && s.textLength >= 30 && s.textLength <= 200 && !root.contains(a)) teaserLinks++;
  }
  return detectArticle({ ...input, teaserLinks, page: { doc, body, root, stats, anchors } });
}

function extract(doc: Document, url: string, options: ExtractionOptions): ExtractionResult {
  const body = pickBody(doc);
  if (!body) return notAnArticle('the document has no body (frameset or empty)');
  const signals: PageMetaSignals = readPageSignals(doc);
  const { jsonLd, tags } = signals;
  const profile = options.family ? PROFILES.find((p) => p.id === options.family) : profileFor(doc, url);
  let collected: Collected = { anchors: [], h1s: [], articles: 0, mains: [] };
  let stats = measure(body, collected);
  const textOptions: TextOptions = {};
  const visibleLength = stats.get(body)!.textLength;
  // A page whose <main> shows nothing yet holds the page's text: an app hides it until a script
  // has run (a shop's access lock, an anti-flicker wrapper).
  const hiddenMain = visibleLength >= 500 && !profile ? hiddenMainLandmark(collected.mains, stats) : undefined;
  if (visibleLength < 500 || hiddenMain) {
    const hidden = hiddenContent(body, stats, visibleLength, hiddenMain);
    if (hidden) {
      collected = hidden.collected;
      stats = hidden.stats;
      textOptions.includeHidden = true;
    }
  }
  const bodyStats = stats.get(body)!;
  if (bodyStats.textLength === 0) return notAnArticle('the page has no text', collapse(doc.title));

  const lang = signals.lang ?? firstTag(tags, 'og:locale', 'dc.language', 'language', 'content-language');
  const vietnamese = isVietnamese(url, lang);
  const dateLang: 'vi' | 'en' = vietnamese ? 'vi' : 'en';
  const offset = vietnamese ? '+07:00' : '+00:00';
  const reasons: string[] = [];

  // --- the article root ---
  let root: Element | null = null;
  const preExcluded: Element[] = [];
  let family = 'generic';
  let leadEl: Element | null = null;
  if (profile) {
    const candidate = profileBody(doc, profile);
    const candidateStats = candidate ? stats.get(candidate) : undefined;
    // (A long body is not checked against the page's prose: proseElsewhere need not even be compiled.)
    if (
      candidate &&
      candidateStats &&
      candidateStats.textLength >= 80 &&
      linkDensity(candidateStats) < 0.5 &&
      (candidateStats.textLength >= SHORT_PROFILE_BODY || !proseElsewhere(body, candidate, stats))
    ) {
      root = candidate;
      family = profile.id;
      reasons.push(`${profile.id} profile body`);
      leadEl = firstMatch(doc, profile.lead);
    } else reasons.push(`${profile.id} fingerprint but no usable body; generic path`);
  }
  if (!root) root = genericRoot(body, stats, textOptions, preExcluded, reasons);
  // --- title ---
  const profileTitleEl = profile ? firstOwnMatch(doc, profile.title) : null;
  const h1s = collected.h1s;
  const siteName = firstTag(tags, 'og:site_name', 'application-name', 'al:android:app_name') ?? jsonLd.publisher;
  const titleEl: Element | null =
    profileTitleEl ?? h1s.find((h) => root!.contains(h) || h.compareDocumentPosition(root!) & 4) ?? h1s[0] ?? null;
  const headingText = collapse(titleEl?.textContent);
  let title = profileTitleEl && headingText ? headingText : titleFromMetadata(doc, tags, jsonLd, siteName, headingText);
  // The page's metadata can lag its heading ("… taxes in 2024" over an h1 saying 2025): the same words
  // but for a number, the reader sees the heading.
  if (headingText && title !== headingText && differOnlyInNumbers(title, headingText)) title = headingText;

  // --- excluded subtrees ---
  const extra = new Set<Element>(preExcluded);
  if (profile && family !== 'generic') {
    for (const el of allMatches(root, profile.boilerplate)) if (el !== root) extra.add(el);
  }
  const keep = new Set<Element>();
  // A separate sapo element is metadata (meta.lead), not body text, even when it sits in the body.
  if (leadEl && root.contains(leadEl) && leadEl !== root) extra.add(leadEl);
  let excluded = findExcluded(root, stats, { extraExcluded: extra, keep, title });
  excluded = excluded.concat(findRepeatedSections(root, stats, excluded));
  const trailer = vietnamese ? findTrailerLines(root, excluded, stats) : { excluded: [] as Element[] };
  excluded = excluded.concat(trailer.excluded);
  // A portal profile names its own date and author elements and leaves them out of its body.
  if (family === 'generic') {
    excluded = excluded.concat(metaLinesAfterTitle(titleEl, root, stats).filter((line) => !excluded.some((el) => el.contains(line))));
  }

  const text = articleTextOf(root, excluded, textOptions);

  // --- metadata ---
  let published =
    normaliseDate(jsonLd.published, dateLang, offset) ??
    normaliseDate(firstTag(tags, 'article:published_time', 'og:article:published_time', 'datepublished', 'dcterms.issued', 'dc.date.issued', 'pubdate', 'publishdate', 'date', 'dc.date', 'sailthru.date', 'parsely-pub-date', 'citation_publication_date', 'citation_date', 'citation_online_date'), dateLang, offset);
  // Read only when it can win (below): parsing a visible date is wasted work beside a full meta date.
  if (profile && family !== 'generic' && (!published || published.length <= 10)) published = profileDate(doc, profile, published, dateLang, offset);
  const modifiedTag = firstTag(tags, 'article:modified_time', 'og:updated_time', 'dcterms.modified', 'datemodified');
  // A bare "date" tag stamped with the page's last modification, to the second, is that modification,
  // not the publication: the date the reader sees by the title, if there is one, is the page's date.
  if (published && !jsonLd.published && isModificationStamp(tags, modifiedTag)) published = dateNearTitle(titleEl, stats, dateLang, offset) ?? published;
  if (!published) published = visibleDate(titleEl, root, doc, stats, dateLang, offset);
  let modified = normaliseDate(jsonLd.modified, dateLang, offset) ?? normaliseDate(modifiedTag, dateLang, offset);
  // Detection weighs only the dates that name the page's publication; a page of any kind may say
  // when it was last updated.
  const datedForDetection = Boolean(published);
  if (!published) {
    const labelled = labelledDates(body, dateLang, offset);
    // A page that gives only the date of its last revision is dated by it, as reference styles cite it.
    published = labelled.published ?? labelled.modified;
    modified ??= labelled.modified;
  }

  let author: string | undefined = trailer.author;
  if (!author && profile && family !== 'generic') author = profileAuthor(doc, profile) ?? author;
  author ??= jsonLd.author ?? firstTag(tags, 'author', 'article:author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author', 'byl', 'citation_author');
  // A news agency credit after the name ("Thu Hằng (TTXVN/Vietnam+)") is not part of it.
  if (author?.endsWith(')')) author = author.replace(/\s*\((?:TTXVN|VNA|Vietnam\+|[^()]*\/[^()]*)\)$/u, '').trim() || undefined;
  else if (author) author = author.trim() || undefined;
  // A URL or a CMS login name is not an author.
  if (author && (/^https?:\/\//.test(author) || CMS_LOGIN_NAMES.has(author.toLowerCase()))) author = undefined;
  if (!author) author = markedByline(doc) ?? author;
  // Detection's author signal is what the markup names: the byline read from the text comes after it,
  // so the detection weights keep the signals they were fitted on.
  const authoredForDetection = Boolean(author);
  if (!author) author = bylineNearTitle(titleEl, stats);

  let lead: string | undefined;
  if (leadEl) lead = cleanLead(collapse(leadEl.textContent)) || undefined;
  if (!lead) {
    const description = jsonLd.description ?? firstTag(tags, 'og:description', 'description', 'twitter:description');
    if (description) lead = cleanLead(description) || undefined;
  }

  const meta: ArticleMeta = { title };
  if (lead) meta.lead = lead;
  if (author) meta.author = author;
  if (published) meta.published = published;
  if (modified) meta.modified = modified;
  if (siteName) meta.siteName = siteName;
  if (lang) meta.lang = lang;
  if (trailer.sourceName) meta.sourceName = trailer.sourceName;
  if (trailer.sourceUrl) meta.sourceUrl = trailer.sourceUrl;

  // --- detection ---
  const rootStats = stats.get(root) ?? bodyStats;
  const titleKey = title.toLowerCase();
  const headingKey = headingText.toLowerCase();
  const detectionInput = {
    url, rootStats, bodyStats, jsonLd, tags, profile,
    blocks: text.split('\n\n'),
    textLength: text.length,
    hasPublishedDate: datedForDetection,
    hasAuthor: authoredForDetection,
    teaserLinks: 0,
    articleElements: collected.articles,
    h1Count: h1s.length,
    titleMatchesHeading: Boolean(headingKey) && (headingKey === titleKey || titleKey.includes(headingKey)),
    profileBodyFound: family !== 'generic',
  };
  // A portal article in its profile's form is judged without reading the rest of the page; should that
  // judgement say "not an article", the whole page is read as on any other site.
  let detection = isProfiledArticlePage(url, profile, family !== 'generic') ? detectArticle(detectionInput) : undefined;
  if (detection?.isArticle) reasons.push(`${family} article page: page structure not read`);
  else detection = detectWithStructure(detectionInput, doc, body, root, stats, collected.anchors);

  // Decided after detection, so detection and every article's text stay as they were.
  const content = detection.isArticle ? { root, excluded, text } : wholePageContent(doc, body, tags, stats, textOptions, title, { root, excluded, text }, detection, reasons);

  return {
    isArticle: detection.isArticle,
    confidence: detection.confidence,
    reasons: reasons.concat(detection.reasons),
    features: detection.features,
    family,
    meta,
    text: content.text,
    root: content.root,
    excluded: content.excluded,
    textOptions,
  };
}
