/**
 * Page metadata from the signals that survive redesigns: JSON-LD, OpenGraph/article:*, meta tags,
 * `<time datetime>`. Visible-text fallbacks (title element, date near the title, author line) are
 * applied by the caller, who knows where the article is.
 */
import { findDateInText, parseDate } from './date';

/** A soft hyphen shows only where a line breaks inside its word: metadata is read as one line, so never. */
const SOFT_HYPHEN = /\u00ad/g;

/** Whitespace (zero-width spaces too) collapsed to single spaces, soft hyphens dropped, trimmed, in NFC. */
export const collapse = (text: string | null | undefined): string =>
  (text ?? '').replace(SOFT_HYPHEN, '').replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim().normalize('NFC');

/** Types of JSON-LD node that describe an article. */
const ARTICLE_TYPES = /^(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|Report|ScholarlyArticle|TechArticle|LiveBlogPosting|OpinionNewsArticle|BackgroundNewsArticle|SocialMediaPosting|Blog|PressRelease|GovernmentPermit|SpecialAnnouncement)$/;
/** Types that say "this page lists or sells", not "this page is an article". */
const NON_ARTICLE_TYPES = /^(VideoObject|VideoGallery|Product|ItemList|CollectionPage|SearchResultsPage|QAPage|DiscussionForumPosting|FAQPage|Store|Organization|LocalBusiness|SoftwareApplication|Course|Event|Recipe|JobPosting|Offer|AggregateOffer|ProfilePage)$/;

export interface JsonLdFacts {
  articleType?: string;
  nonArticleTypes: string[];
  headline?: string;
  author?: string;
  published?: string;
  modified?: string;
  publisher?: string;
  description?: string;
  hasBreadcrumb: boolean;
}

type JsonValue = unknown;

function asArray(value: JsonValue): JsonValue[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

function typesOf(node: Record<string, unknown>): string[] {
  return asArray(node['@type']).filter((t): t is string => typeof t === 'string');
}

function nameOf(value: JsonValue, peopleOnly = false): string | undefined {
  const names: string[] = [];
  for (const item of asArray(value)) {
    if (typeof item === 'string') names.push(item);
    else if (item && typeof item === 'object') {
      // An organisation named as author is the publisher ("From: Department of …"), not a writer.
      if (peopleOnly && typesOf(item as Record<string, unknown>).some((t) => /Organization|GovernmentOrganization|Corporation|NewsMediaOrganization/.test(t))) continue;
      const name = (item as Record<string, unknown>)['name'];
      if (typeof name === 'string') names.push(name);
    }
  }
  const joined = names.map(collapse).filter(Boolean).join(', ');
  return joined || undefined;
}

/** Every object node in a JSON-LD value: arrays, @graph and nested mainEntity are flattened. */
function collectNodes(value: JsonValue, into: Record<string, unknown>[], depth = 0): void {
  if (depth > 6) return;
  for (const item of asArray(value)) {
    if (!item || typeof item !== 'object') continue;
    const node = item as Record<string, unknown>;
    into.push(node);
    if (node['@graph']) collectNodes(node['@graph'], into, depth + 1);
    if (node['mainEntity'] && typeof node['mainEntity'] === 'object') collectNodes(node['mainEntity'], into, depth + 1);
  }
}

const JSON_LD_SCRIPTS = 'script[type="application/ld+json" i]';

export function readJsonLd(doc: Document): JsonLdFacts {
  return jsonLdOf(Array.from(doc.querySelectorAll(JSON_LD_SCRIPTS)));
}

function jsonLdOf(scripts: Element[]): JsonLdFacts {
  const nodes: Record<string, unknown>[] = [];
  for (const script of scripts) {
    const raw = script.textContent ?? '';
    if (raw.length > 500_000) continue;
    try {
      // Some CMSs leave control characters or a trailing semicolon in the block.
      collectNodes(JSON.parse(raw.replace(/[\u0000-\u001f]+/g, ' ').trim().replace(/;\s*$/, '')), nodes);
    } catch {
      continue;
    }
  }
  return nodes.length > 0 ? factsOf(nodes) : { nonArticleTypes: [], hasBreadcrumb: false };
}

/** What detection and the metadata read from JSON-LD nodes (apart, so a page without any does not compile it). */
function factsOf(nodes: Record<string, unknown>[]): JsonLdFacts {
  const facts: JsonLdFacts = { nonArticleTypes: [], hasBreadcrumb: false };
  for (const node of nodes) {
    const types = typesOf(node);
    if (types.includes('BreadcrumbList')) facts.hasBreadcrumb = true;
    for (const t of types) if (NON_ARTICLE_TYPES.test(t)) facts.nonArticleTypes.push(t);
    const articleType = types.find((t) => ARTICLE_TYPES.test(t));
    if (!articleType || facts.articleType) continue;
    facts.articleType = articleType;
    if (typeof node['headline'] === 'string') facts.headline = collapse(node['headline']);
    else if (typeof node['name'] === 'string') facts.headline = collapse(node['name']);
    facts.author = nameOf(node['author'], true);
    if (typeof node['datePublished'] === 'string') facts.published = node['datePublished'];
    if (typeof node['dateModified'] === 'string') facts.modified = node['dateModified'];
    facts.publisher = nameOf(node['publisher']);
    if (typeof node['description'] === 'string') facts.description = collapse(node['description']);
  }
  return facts;
}

/** Meta tags by name or property, first value wins. Keys are lower case. */
const MULTI_VALUED_TAGS = new Set(['citation_author', 'dc.creator', 'dcterms.creator']);

const META_TAGS = 'meta[content]';

export function readMetaTags(doc: Document): Map<string, string> {
  return metaTagsOf(Array.from(doc.querySelectorAll(META_TAGS)));
}

function metaTagsOf(metas: Element[]): Map<string, string> {
  const tags = new Map<string, string>();
  for (const meta of metas) {
    const content = meta.getAttribute('content');
    if (!content) continue;
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop') ?? '')
      .trim()
      .toLowerCase();
    if (!key) continue;
    const known = tags.get(key);
    if (known === undefined) tags.set(key, collapse(content));
    // One tag per author in scholarly metadata (Highwire Press, Dublin Core): all of them are the byline.
    else if (MULTI_VALUED_TAGS.has(key)) {
      const value = collapse(content);
      if (value && !known.split(', ').includes(value)) tags.set(key, `${known}, ${value}`);
    }
  }
  return tags;
}

/** A machine date (ISO, W3CDTF, or a portal's local format) as ISO 8601 with offset. */
export function normaliseDate(value: string | undefined | null, lang?: string, defaultOffset = '+07:00'): string | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (!text) return undefined;
  const options = { lang: lang?.startsWith('vi') ? ('vi' as const) : ('en' as const), defaultOffset };
  return parseDate(text, options)?.iso ?? findDateInText(text, options)?.iso;
}

/** Dates without an offset are local time; which local time depends on the site. */
export function defaultOffsetFor(url: string, lang?: string): string {
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    /* not a URL: fall through */
  }
  if (host.endsWith('.vn') || lang?.toLowerCase().startsWith('vi')) return '+07:00';
  if (host.endsWith('.gov.uk') || host.endsWith('.uk')) return '+00:00';
  return '+00:00';
}

/** Separators a site puts between the article title and its own name in `<title>`. */
const TITLE_SEPARATORS = /\s+[-|–—»:·•]\s+|\s+\|\s*|\s*\|\s+/;

/**
 * Drop the " - Site name" suffix (or "Site | " prefix). Uses the known site name when there is one,
 * otherwise only strips a short trailing part so a title containing a dash survives.
 */
export function cleanTitle(raw: string, siteName?: string, h1?: string): string {
  const title = collapse(raw);
  if (!title) return '';
  if (h1) {
    const heading = collapse(h1);
    if (heading && heading.length >= 10 && title.includes(heading)) return heading;
  }
  const parts = title.split(TITLE_SEPARATORS).filter(Boolean);
  if (parts.length < 2) return title;
  const site = siteName ? collapse(siteName).toLowerCase() : '';
  const looksLikeSite = (part: string) => {
    const p = part.toLowerCase();
    if (site && (p === site || site.includes(p) || p.includes(site))) return true;
    return false;
  };
  const last = parts[parts.length - 1]!;
  const first = parts[0]!;
  if (looksLikeSite(last)) return collapse(title.slice(0, title.lastIndexOf(last)).replace(/[\s\-|–—»:·•]+$/, ''));
  if (looksLikeSite(first)) return collapse(title.slice(first.length).replace(/^[\s\-|–—»:·•]+/, ''));
  // Without a known site name, a short last part ("BBC News", "Chinhphu.vn") is the site.
  const lastWords = last.split(/\s+/).length;
  const restWords = title.slice(0, title.lastIndexOf(last)).split(/\s+/).length;
  const rest = title.slice(0, title.lastIndexOf(last));
  // After a bar, a longer name is still the site's ("… | Occupational Safety and Health Administration").
  const afterBar = /\|\s*$/.test(rest) && (rest.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) >= 2;
  if ((lastWords <= 4 || (afterBar && lastWords <= 7)) && restWords >= 3) return collapse(rest.replace(/[\s\-|–—»:·•]+$/, ''));
  return title;
}

/** Source prefixes a Vietnamese lead starts with: "(Chinhphu.vn) - ", "(PLO)-", "HNP - ". */
const LEAD_PREFIX = /^\s*\((?:[^()]{1,40})\)\s*[-–—:]\s*/u;

export function cleanLead(raw: string): string {
  const lead = collapse(raw);
  // Collapsed, the text starts with no white space: only a "(" can start a prefix.
  return lead.startsWith('(') ? lead.replace(LEAD_PREFIX, '') : lead;
}

export interface PageMetaSignals {
  jsonLd: JsonLdFacts;
  tags: Map<string, string>;
  lang?: string;
  canonical?: string;
}

export function readPageSignals(doc: Document): PageMetaSignals {
  const lang = doc.documentElement?.getAttribute('lang') ?? undefined;
  // One query for the meta tags, the JSON-LD blocks and the canonical link: each query walks the
  // whole document (linkedom tests every element in script).
  const metas: Element[] = [];
  const scripts: Element[] = [];
  let canonical: Element | undefined;
  for (const el of Array.from(doc.querySelectorAll(`${META_TAGS}, ${JSON_LD_SCRIPTS}, link[rel="canonical" i]`))) {
    const tag = el.tagName.toUpperCase();
    if (tag === 'META') metas.push(el);
    else if (tag === 'SCRIPT') scripts.push(el);
    else canonical ??= el;
  }
  return { jsonLd: jsonLdOf(scripts), tags: metaTagsOf(metas), lang: lang?.trim() || undefined, canonical: canonical?.getAttribute('href') ?? undefined };
}

export function firstTag(tags: Map<string, string>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = tags.get(key);
    if (value) return value;
  }
  return undefined;
}
