/**
 * Is this page an article? A weighted vote of independent signals — structured data, URL shape,
 * how much connected prose the page has against how many teaser links — so that no single missing
 * tag decides. Each signal that fires leaves a reason, shown to the user and in the CLI output.
 */
import type { JsonLdFacts } from './meta';
import type { PortalProfile } from './profiles';
import { linkDensity, type ElementStats } from './stats';

export interface DetectionInput {
  url: string;
  doc: Document;
  body: Element;
  root: Element;
  bodyStats: ElementStats;
  rootStats: ElementStats;
  /** Length of the extracted text, and how many blocks of prose it has. */
  textLength: number;
  longParagraphs: number;
  jsonLd: JsonLdFacts;
  tags: Map<string, string>;
  profile?: PortalProfile;
  hasPublishedDate: boolean;
  /** Headline links on the whole page (links with sentence-length text). */
  teaserLinks: number;
  articleElements: number;
  h1Count: number;
  titleMatchesHeading: boolean;
}

export interface Detection {
  isArticle: boolean;
  confidence: number;
  reasons: string[];
}

const LISTING_PATH =
  /\/(tag|tags|category|categories|chuyen-muc|chuyenmuc|danh-muc|search|tim-kiem|timkiem|topics?|archive|archives|author|authors|page|collections?|shop|products?|store|forum|forums|threads?|questions|docs|documentation|api|reference|pricing|features?|login|signup|cart|checkout)(\/|$)/i;

/** Last path segment looks like a story: a long slug, a numbered .htm(l), a dated path. */
/** Vietnamese slugs count syllables, so a section name ("tin-tuc-su-kien") is already four words. */
function minSlugWords(url: URL): number {
  return url.hostname.endsWith('.vn') ? 7 : 4;
}

function articleLikePath(url: URL): { article: boolean; home: boolean; listing: boolean; reason?: string } {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '' || /^\/(index|default|home|trang-chu)(\.\w+)?$/i.test(path) || /^\/[a-z]{2}(-[a-z]{2})?$/i.test(path)) {
    return { article: false, home: true, listing: false };
  }
  const listing = LISTING_PATH.test(path + '/') || /[?&](page|p|paged|category|cat|tag|s|q|keyword)=/i.test(url.search);
  const last = path.split('/').pop() ?? '';
  const slugWords = last.replace(/\.\w+$/, '').split(/[-_]+/).filter((w) => /[a-z\u00c0-\u1ef9]/i.test(w)).length;
  const dated = /\/(19|20)\d{2}\/(0?[1-9]|1[0-2])(\/|$)/.test(path) || /\/(19|20)\d{2}-\d{2}-\d{2}/.test(path);
  const numbered = /\d{5,}(\.html?|\.aspx|\.vnp)?$/i.test(last) || /[?&](id|itemid|newsid|articleid|p)=\d+/i.test(url.search);
  if (slugWords >= minSlugWords(url)) return { article: true, home: false, listing, reason: 'URL has a story slug' };
  if (dated && last.length > 3) return { article: true, home: false, listing, reason: 'URL has a dated path' };
  if (numbered) return { article: true, home: false, listing, reason: 'URL has a story id' };
  return { article: false, home: false, listing };
}

const ARTICLE_OG = /^(article|news|blog|post|newsarticle)$/i;

export function detectArticle(input: DetectionInput): Detection {
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string) => {
    score += points;
    reasons.push(`${points > 0 ? '+' : ''}${points.toFixed(1)} ${reason}`);
  };

  let url: URL | undefined;
  try {
    url = new URL(input.url);
  } catch {
    url = undefined;
  }
  const shape = url ? articleLikePath(url) : undefined;
  if (shape?.home) add(-4, 'home page URL');
  if (shape?.listing) add(-1.5, 'listing/section URL');
  if (shape?.article) add(1, shape.reason ?? 'article-like URL');
  if (url && input.profile?.articleUrl?.test(url.pathname + url.search)) add(2, `${input.profile.id} article URL`);

  if (input.jsonLd.articleType) add(2, `JSON-LD ${input.jsonLd.articleType}`);
  if (input.jsonLd.nonArticleTypes.length > 0 && !input.jsonLd.articleType) add(-1.5, `JSON-LD ${input.jsonLd.nonArticleTypes[0]}`);
  const ogType = input.tags.get('og:type');
  if (ogType && ARTICLE_OG.test(ogType)) add(1.5, `og:type ${ogType}`);
  else if (ogType && /^(website|product|profile|video|music|books?|place|business)/i.test(ogType)) add(-0.5, `og:type ${ogType}`);
  if (input.hasPublishedDate) add(1, 'has a publication date');

  const text = input.textLength;
  if (text >= 2500) add(2, 'long connected text');
  else if (text >= 1200) add(1.5, 'substantial text');
  else if (text >= 500) add(0.5, 'some text');
  else add(-2, 'little text');
  if (input.longParagraphs >= 5) add(1, `${input.longParagraphs} prose paragraphs`);
  else if (input.longParagraphs <= 1) add(-1, 'almost no prose paragraphs');

  const rootDensity = linkDensity(input.rootStats);
  if (rootDensity > 0.35) add(-2, 'main block is mostly links');
  const pageProse = input.bodyStats.textLength - input.bodyStats.linkLength;
  const share = pageProse > 0 ? text / pageProse : 0;
  if (share < 0.2) add(-1, 'main text is a small part of the page');

  // Listings repeat headline links and <article> cards.
  if (input.articleElements >= 4) add(-1.5, `${input.articleElements} <article> cards`);
  if (input.teaserLinks >= 12 && text < input.teaserLinks * 120) add(-1.5, `${input.teaserLinks} headline links`);
  if (input.h1Count === 1 && input.titleMatchesHeading) add(0.5, 'one heading matching the title');
  if (input.h1Count === 0) add(-0.5, 'no h1');

  const confidence = 1 / (1 + Math.exp(-(score - 2.5) / 1.5));
  return { isArticle: score >= 2.5, confidence: Math.round(confidence * 1000) / 1000, reasons };
}
