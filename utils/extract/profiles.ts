/**
 * Portal families as data (PORTALS.md §1, §6). A profile applies when the hostname matches, or when
 * enough of its DOM fingerprints are present — so an unknown site on a known CMS is recognised too.
 * Selectors are lists tried in order; the first element found wins. Class names drift, so every
 * profile is backed by the generic path: a profile that finds no body falls through to it.
 */

export interface PortalProfile {
  id: string;
  /** Hostname suffixes (the domain itself and its subdomains). */
  hosts: string[];
  /** Selectors that identify the CMS; `minFingerprints` of them must match on an unknown host. */
  fingerprints: string[];
  minFingerprints: number;
  title: string[];
  lead: string[];
  date: string[];
  author: string[];
  body: string[];
  /** Subtrees inside the body that are never text (related boxes, tools, source boxes). */
  boilerplate: string[];
  /** URLs of article pages; a match is strong evidence, a miss is not. */
  articleUrl?: RegExp;
  /** URLs of listing/section pages. */
  listingUrl?: RegExp;
}

export const PROFILES: readonly PortalProfile[] = [
  {
    id: 'vccorp',
    hosts: ['baochinhphu.vn', 'chinhphu.vn', 'hanoi.gov.vn'],
    fingerprints: ['.afcbc-body', '[data-role="content"]', '.VCSortableInPreviewMode', 'h1.detail-title', 'h2.detail-sapo', '.detail-time', 'figcaption.PhotoCMS_Caption'],
    minFingerprints: 2,
    title: ['h1.detail-title', '[data-role="title"]'],
    lead: ['h2.detail-sapo', '.detail-sapo', '[data-role="sapo"]'],
    date: ['.detail-time', '[data-role="publishdate"]'],
    author: ['.detail-author', '.author-info', '.detail-content .author'],
    body: ['div.detail-content.afcbc-body', '[data-role="content"]', '.detail-content'],
    boilerplate: ['.VCSortableInPreviewMode[type="RelatedNewsBox"]', '.VCSortableInPreviewMode.link-content-footer', '.link-source-wrapper', '.relationnews', '.detail-tab', '.box-related'],
    articleUrl: /-\d{15,21}\.htm$/,
  },
  {
    id: 'nhandan',
    hosts: ['nhandan.vn', 'vietnamplus.vn', 'vov.vn'],
    fingerprints: ['h1.article__title', '.article__sapo', '.article__body', '.cms-body', '.article__meta', '.cms-title'],
    minFingerprints: 2,
    title: ['h1.article__title', 'h1.cms-title'],
    lead: ['.article__sapo', '.cms-desc'],
    date: ['.article__meta time[datetime]', '.article__meta time', '.article__meta .time'],
    author: ['.article__author .name', '.article__author', '.article__meta .name', '.cms-author'],
    body: ['div.article__body.cms-body', '.article__body', '.cms-body'],
    boilerplate: ['.article__source', '.article__tag', '.box-related', '.related-news', '.article__related', '.cms-related'],
    articleUrl: /-post\d+\.(?:html|vnp)$/,
  },
  {
    id: 'liferay62',
    hosts: [],
    fingerprints: ['.asset-full-content-title', '.journal-content-article', '.assetPublishDate', 'p.view-content-author', '.asset-control-detail', '[id^="p_p_id_"]', '.portlet-boundary'],
    minFingerprints: 2,
    title: ['.asset-full-content-title', '.header-title', '.asset-title'],
    lead: ['.sapo-wrapper p.sapo', '.sapo-wrapper', 'p.sapo', '.sapo'],
    date: ['.assetPublishDate', '.block_timer', '.asset-publish-date'],
    author: ['p.view-content-author', '.view-content-author'],
    body: ['.asset-full-content .journal-content-article', '.journal-content-article', '.asset-content'],
    boilerplate: ['.asset-control-detail', '.related_asset', '.asset-links', '.taglib-social-bookmarks', '.view-content-author', '.asset-ratings', '.taglib-ratings'],
    articleUrl: /\/-\/view_content\/\d+/,
  },
  {
    id: 'liferay7',
    hosts: ['hochiminhcity.gov.vn', 'danang.gov.vn', 'moh.gov.vn'],
    fingerprints: ['[id*="_com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet"]', '[data-senna-track]', 'link[href*="/o/"]', 'script[src*="/o/frontend-js"]', '.portlet-asset-publisher', '.asset-full-content'],
    minFingerprints: 2,
    title: ['.asset-full-content .asset-title', '.asset-full-content h1', 'h1.header-title', '.portlet-asset-publisher h1', 'h3.asset-title'],
    lead: ['.asset-full-content .sapo', '.asset-full-content .asset-summary', '.sapo', '.asset-summary'],
    date: ['.asset-full-content .publish-date', '.asset-full-content .create-date', '.publish-date', '.asset-metadata .metadata-publish-date', '.metadata-entry'],
    author: ['.asset-full-content .author', '.asset-full-content .metadata-author', '.metadata-author'],
    body: ['.asset-full-content .journal-content-article', '.asset-full-content .asset-content', '.journal-content-article'],
    boilerplate: ['.asset-links', '.taglib-social-bookmarks', '.asset-ratings', '.asset-related-assets', '.asset-metadata', '.print-action', '.taglib-ratings'],
    articleUrl: /\/-\/[^/?#]+$|chi-tiet\?id=\d+/,
  },
  {
    id: 'sharepoint',
    hosts: ['quochoi.vn', 'vbpl.vn', 'mt.gov.vn'],
    fingerprints: ['[id^="ctl00_"]', '.ms-rtestate-field', '[id$="_RichHtmlField"]', '#WebPartWPQ1', '[id^="WebPartWPQ"]', 'form[action*=".aspx"]', '#s4-workspace'],
    minFingerprints: 2,
    title: ['#divArticleDescription3 h1', '#divArticleDescription3', '.article-title', 'h1'],
    lead: ['#divArticleDescription1', '.article-sapo', '.sapo'],
    date: ['#divArticleDescription4', '[id$="_lblDate"]', '.date-news', '.article-date', '.date', '.ms-descriptiontext'],
    author: ['#divArticleDescription5', '.article-author'],
    body: ['#divArticleDescription2', '[id$="_RichHtmlField"]', '.article-content', '.ms-rtestate-field'],
    boilerplate: ['.ms-webpart-chrome-title', '.related', '.tin-lien-quan', '.other-news', '.tinkhac'],
    articleUrl: /\/Pages\/[^/?#]+\.aspx\?.*ItemID=\d+/i,
  },
  {
    id: 'whitehouse',
    hosts: ['whitehouse.gov'],
    fingerprints: ['h1.wp-block-whitehouse-topper__headline', '.wp-block-whitehouse-topper'],
    minFingerprints: 1,
    title: ['h1.wp-block-whitehouse-topper__headline', 'h1'],
    lead: [],
    date: ['.wp-block-post-date time', '.wp-block-post-date'],
    author: [],
    body: ['.entry-content.wp-block-post-content', '.entry-content', '.wp-block-post-content'],
    boilerplate: ['.wp-block-whitehouse-share', '.share', '.wp-block-social-links'],
    articleUrl: /\/(briefings-statements|presidential-actions|articles|remarks|fact-sheets)\/\d{4}\/\d{2}\/[^/]+\/?$/,
  },
  {
    id: 'govuk',
    hosts: ['gov.uk'],
    fingerprints: ['.govuk-template', '.gem-c-govspeak', '.govuk-width-container', '.gem-c-title', 'link[href*="govuk-frontend"]', '.govuk-header'],
    minFingerprints: 2,
    title: ['h1.gem-c-title__text', '.gem-c-title h1', 'h1.govuk-heading-xl', 'h1.govuk-heading-l', 'main h1', 'h1'],
    lead: ['.gem-c-lead-paragraph', 'p.govuk-body-lead', '.govuk-body-lead'],
    date: ['.gem-c-metadata__definition time', '.gem-c-metadata__definition', '.app-c-published-dates time'],
    // "From: <department>" names the publisher, not a writer.
    author: [],
    body: ['.gem-c-govspeak.govuk-govspeak', '.govuk-govspeak', '.gem-c-govspeak', '.govspeak'],
    boilerplate: ['.gem-c-contextual-sidebar', '.gem-c-share-links', '.gem-c-print-link', '.gem-c-single-page-notification-button', '.gem-c-contents-list', '.gem-c-attachment__metadata'],
    articleUrl: /\/government\/(news|speeches|publications|consultations)\/[^/]+$/,
  },
  {
    id: 'canada',
    hosts: ['canada.ca', 'gc.ca'],
    fingerprints: ['#wb-cont', '.gc-byline', 'link[href*="GCWeb"]', 'link[href*="wet-boew"]', '[typeof="WebPage"]', '#wb-bnr', '.gcweb-menu'],
    minFingerprints: 2,
    title: ['h1#wb-cont', 'main h1', 'h1'],
    lead: [],
    date: ['meta[name="dcterms.issued"]', '#wb-dtmd time', '.gc-dtmd time'],
    author: [],
    body: ['main .mwsgeneric-base-html', 'main[property="mainContentOfPage"]', 'main'],
    boilerplate: ['.gc-byline', '.pagedetails', '#wb-dtmd', '.gc-dtmd', '.gc-subway', '.provisional.gc-nav', '.wb-share', '.gc-pg-hlpfl', '.gc-contextual', 'h1#wb-cont'],
    articleUrl: /\/news\/\d{4}\/\d{2}\/[^/]+\.html$/,
  },
  {
    id: 'dangcongsan',
    hosts: ['dangcongsan.vn'],
    fingerprints: ['.post-summary', '.post-content', '.lbPublishedDate'],
    minFingerprints: 2,
    title: ['h1.post-title', '.post-title', 'h1'],
    lead: ['.post-summary'],
    date: ['.lbPublishedDate', '.post-date'],
    author: ['.post-author', '.author'],
    body: ['.post-content'],
    boilerplate: ['.post-related', '.related', '.post-tags', '.box-tinlienquan'],
    articleUrl: /-\d{5,}\.html$/,
  },
  {
    id: 'qdnd',
    hosts: ['qdnd.vn'],
    fingerprints: ['h1.post-title', '.article-detail', 'div[itemprop="articleBody"]'],
    minFingerprints: 2,
    title: ['h1.post-title', 'h1[itemprop="headline"]', 'h1'],
    lead: ['.post-summary', '.article-detail .sapo', '[itemprop="description"]'],
    date: ['.post-subinfo .time', '.post-time', 'time[itemprop="datePublished"]', '.date'],
    author: ['.post-author', '[itemprop="author"]'],
    body: ['div[itemprop="articleBody"]', '.article-detail .post-content', '.article-detail'],
    boilerplate: ['.post-related', '.related-news', '.post-tags'],
    articleUrl: /-\d{5,}$/,
  },
  {
    id: 'wordpress',
    hosts: [],
    fingerprints: ['link[href*="/wp-content/"]', 'script[src*="/wp-content/"]', 'script[src*="/wp-includes/"]', 'meta[name="generator"][content^="WordPress" i]', '.entry-content', '[class*="wp-block-"]', 'link[rel="https://api.w.org/"]'],
    minFingerprints: 2,
    title: ['h1.entry-title', 'h1.post-title', '.entry-header h1', 'article h1', 'h1'],
    lead: [],
    date: ['time.entry-date', '.entry-meta time', '.posted-on time', 'time[datetime]'],
    author: ['.entry-meta .author a', '.byline .author', '.author.vcard a', '.entry-author-name'],
    body: ['.entry-content', '.post-content', 'article .content'],
    boilerplate: ['.sharedaddy', '.jp-relatedposts', '.wp-block-social-links', '.addtoany_share_save_container', '.post-tags', '.entry-footer', '.related-posts', '.yarpp-related'],
  },
];

function hostMatches(hostname: string, suffix: string): boolean {
  return hostname === suffix || hostname.endsWith(`.${suffix}`);
}

/** Whether `hostname` (lower case) is one of the profile's own portals or a subdomain of one. */
export function onProfileHost(profile: PortalProfile, hostname: string): boolean {
  return profile.hosts.some((h) => hostMatches(hostname, h));
}

const ALL_FINGERPRINTS = [...new Set(PROFILES.flatMap((p) => p.fingerprints))];

/** A compound selector (tag, classes, id, attribute tests; no combinators) compiled for speed. */
interface CompoundMatcher {
  selector: string;
  tag?: string;
  id?: string;
  classes: string[];
  attributes: Array<{ name: string; op?: string; value?: string; caseless: boolean }>;
}

const COMPOUND_PART = /^(?:([a-zA-Z][\w-]*)|\.([\w-]+)|#([\w-]+)|\[\s*([\w:-]+)\s*(?:([\^$*~|]?=)\s*"([^"]*)"\s*(i)?)?\s*\])/;

export function compileCompound(selector: string): CompoundMatcher | undefined {
  const matcher: CompoundMatcher = { selector, classes: [], attributes: [] };
  let rest = selector.trim();
  while (rest) {
    const part = COMPOUND_PART.exec(rest);
    if (!part) return undefined;
    if (part[1]) matcher.tag = part[1].toUpperCase();
    else if (part[2]) matcher.classes.push(part[2]);
    else if (part[3]) matcher.id = part[3];
    else if (part[4]) matcher.attributes.push({ name: part[4], op: part[5], value: part[6], caseless: Boolean(part[7]) });
    rest = rest.slice(part[0].length);
  }
  return matcher;
}

/** `classAttr`, `classes` and `id` are the element's, read once by the caller. */
function matchesCompound(el: Element, m: CompoundMatcher, classAttr: string | null, classes: string[], id: string | null): boolean {
  if (m.tag && el.tagName.toUpperCase() !== m.tag) return false;
  for (const c of m.classes) if (!classes.includes(c)) return false;
  if (m.id !== undefined && id !== m.id) return false;
  for (const a of m.attributes) {
    let value = a.name === 'class' ? classAttr : a.name === 'id' ? id : el.getAttribute(a.name);
    if (value === null) return false;
    if (!a.op || a.value === undefined) continue;
    let expected = a.value;
    if (a.caseless) {
      value = value.toLowerCase();
      expected = expected.toLowerCase();
    }
    if (a.op === '=' && value !== expected) return false;
    if (a.op === '^=' && !value.startsWith(expected)) return false;
    if (a.op === '$=' && !value.endsWith(expected)) return false;
    if (a.op === '*=' && !value.includes(expected)) return false;
    if (a.op === '~=' && !value.split(/\s+/).includes(expected)) return false;
    if (a.op === '|=' && value !== expected && !value.startsWith(`${expected}-`)) return false;
  }
  return true;
}

const COMPILED_FINGERPRINTS = ALL_FINGERPRINTS.map((selector) => ({ selector, matcher: compileCompound(selector) }));

/** Cap on elements inspected for fingerprints; CMS markers appear early or not at all. */
const MAX_FINGERPRINT_ELEMENTS = 20_000;

/**
 * Which fingerprint selectors the document matches, in one walk over its elements (a query per
 * selector would walk the DOM forty times).
 */
function matchedFingerprints(doc: Document): Set<string> {
  const matched = new Set<string>();
  for (const f of COMPILED_FINGERPRINTS) if (!f.matcher && safeQuery(doc, f.selector)) matched.add(f.selector);
  const start = doc.documentElement;
  if (!start) return matched;
  const stack: Element[] = [start];
  let seen = 0;
  const test = (el: Element, candidates: CompoundMatcher[] | undefined, classAttr: string | null, classes: string[], id: string | null) => {
    if (!candidates) return;
    for (const m of candidates) if (!matched.has(m.selector) && matchesCompound(el, m, classAttr, classes, id)) matched.add(m.selector);
  };
  while (stack.length > 0 && seen++ < MAX_FINGERPRINT_ELEMENTS) {
    const el = stack.pop()!;
    // Most elements of a page carry no attribute at all: only their tag can match then. On a live page
    // this walk runs before V8 has optimised anything, so every DOM call skipped here counts.
    if (!el.hasAttributes()) {
      test(el, FINGERPRINT_INDEX.byTag.get(el.tagName.toUpperCase()), null, NO_CLASSES, null);
    } else {
      const classAttr = el.getAttribute('class');
      const classes = classAttr ? classAttr.split(/\s+/) : NO_CLASSES;
      const id = el.getAttribute('id');
      for (const c of classes) test(el, FINGERPRINT_INDEX.byClass.get(c), classAttr, classes, id);
      if (id) test(el, FINGERPRINT_INDEX.byId.get(id), classAttr, classes, id);
      test(el, FINGERPRINT_INDEX.byTag.get(el.tagName.toUpperCase()), classAttr, classes, id);
      // Attribute-only selectors need their first attribute present: look each name up once.
      for (const [name, matchers] of FINGERPRINT_INDEX.byAttribute) {
        const present = name === 'id' ? id !== null : name === 'class' ? classAttr !== null : el.hasAttribute(name);
        if (present) test(el, matchers, classAttr, classes, id);
      }
    }
    test(el, FINGERPRINT_INDEX.rest, null, NO_CLASSES, null);
    for (let child = el.lastElementChild; child; child = child.previousElementSibling) stack.push(child);
  }
  return matched;
}

const NO_CLASSES: string[] = [];

/**
 * Matchers bucketed by what rules most elements out cheaply: a class, an id, a tag name, or (for
 * selectors made of attribute tests only) the name of their first attribute.
 */
const FINGERPRINT_INDEX = (() => {
  const byClass = new Map<string, CompoundMatcher[]>();
  const byId = new Map<string, CompoundMatcher[]>();
  const byTag = new Map<string, CompoundMatcher[]>();
  const byAttribute = new Map<string, CompoundMatcher[]>();
  /** Selectors with nothing to test (none today) match every element. */
  const rest: CompoundMatcher[] = [];
  const put = (map: Map<string, CompoundMatcher[]>, key: string, m: CompoundMatcher) => map.set(key, [...(map.get(key) ?? []), m]);
  for (const { matcher } of COMPILED_FINGERPRINTS) {
    if (!matcher) continue;
    if (matcher.classes[0]) put(byClass, matcher.classes[0], matcher);
    else if (matcher.id) put(byId, matcher.id, matcher);
    else if (matcher.tag) put(byTag, matcher.tag, matcher);
    else if (matcher.attributes[0]) put(byAttribute, matcher.attributes[0].name, matcher);
    else rest.push(matcher);
  }
  return { byClass, byId, byTag, byAttribute: [...byAttribute], rest };
})();

const COMPILED_BY_SELECTOR = new Map(COMPILED_FINGERPRINTS.map((f) => [f.selector, f.matcher]));

/**
 * Does an element match this fingerprint, as the walk in matchedFingerprints decides it? The selector
 * engine proposes candidates, the walk's own compiled test decides (in a quirks-mode page the engine
 * matches class names ignoring case). A miss proves nothing — the engine splits class names only at
 * ASCII white space, the walk at any — so the caller walks the page then. Unlike the walk, this looks
 * past the first MAX_FINGERPRINT_ELEMENTS elements.
 */
function hasFingerprint(doc: Document, selector: string): boolean {
  const matcher = COMPILED_BY_SELECTOR.get(selector);
  if (!matcher) return safeQuery(doc, selector) !== null;
  let candidates: Element[];
  try {
    candidates = Array.from(doc.querySelectorAll(selector));
  } catch {
    return false;
  }
  return candidates.some((el) => {
    const classAttr = el.getAttribute('class');
    return matchesCompound(el, matcher, classAttr, classAttr ? classAttr.split(/\s+/) : NO_CLASSES, el.getAttribute('id'));
  });
}

/** The profile for this page: by host first, then by fingerprint. */
export function profileFor(doc: Document, url: string): PortalProfile | undefined {
  let hostname = '';
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    /* no usable URL: fingerprints only */
  }
  const byHost = hostname ? PROFILES.find((p) => onProfileHost(p, hostname)) : undefined;
  // A host-matched profile still needs its CMS to be present (sites get redesigned). Its few
  // fingerprints are looked up first: on the portals the content script is registered for, the walk
  // over the whole page (run in V8's interpreter on a page's first extraction) is then not needed.
  if (byHost && byHost.fingerprints.some((sel) => hasFingerprint(doc, sel))) return byHost;
  const matched = matchedFingerprints(doc);
  if (byHost && byHost.fingerprints.some((sel) => matched.has(sel))) return byHost;
  let best: PortalProfile | undefined;
  let bestHits = 0;
  for (const profile of PROFILES) {
    const hits = profile.fingerprints.filter((sel) => matched.has(sel)).length;
    if (hits >= profile.minFingerprints && hits > bestHits) {
      best = profile;
      bestHits = hits;
    }
  }
  return best;
}

export function safeQuery(scope: Document | Element, selector: string): Element | null {
  try {
    return scope.querySelector(selector);
  } catch {
    return null;
  }
}

export function firstMatch(scope: Document | Element, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = safeQuery(scope, selector);
    if (found) return found;
  }
  return null;
}

/** Inside a teaser list or related box, where dates and titles belong to other articles. */
export function isInTeaserBox(el: Element): boolean {
  try {
    return Boolean(el.closest('li, nav, aside, footer, [class*="related"], [class*="relate"], [class*="tinkhac"], [class*="tin-khac"], [class*="lienquan"], [class*="other"], [class*="list-news"], [class*="box-news"]'));
  } catch {
    return false;
  }
}

/**
 * The elements inside `scope` matching any of `selectors`, in document order, by one query for the
 * whole list: each query walks the whole scope (linkedom tests every element in script), where
 * sorting the few matches out by selector afterwards (`Element.matches`) tests only them. Undefined
 * when the list does not parse as one (a selector this DOM cannot parse): then query one by one.
 */
function matchesOfAny(scope: Document | Element, selectors: readonly string[]): Element[] | undefined {
  try {
    return Array.from(scope.querySelectorAll(selectors.join(', ')));
  } catch {
    return undefined;
  }
}

/** The matches of `selector` inside `scope`: from the list's matches (matchesOfAny) when there are any, else by a query of its own. */
function matchesOf(scope: Document | Element, selector: string, ofAny: Element[] | undefined): Element[] {
  try {
    return ofAny ? ofAny.filter((el) => el.matches(selector)) : Array.from(scope.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/** The first match of the first selector that has one outside teaser boxes. */
export function firstOwnMatch(scope: Document | Element, selectors: readonly string[]): Element | null {
  if (selectors.length === 0) return null;
  const ofAny = matchesOfAny(scope, selectors);
  if (ofAny?.length === 0) return null;
  for (const selector of selectors) {
    const own = matchesOf(scope, selector, ofAny).find((el) => !isInTeaserBox(el));
    if (own) return own;
  }
  return null;
}

/** Every element inside `scope` matching one of the selectors, in document order. */
export function allMatches(scope: Document | Element, selectors: readonly string[]): Element[] {
  if (selectors.length === 0) return [];
  return matchesOfAny(scope, selectors) ?? selectors.flatMap((selector) => matchesOf(scope, selector, undefined));
}
