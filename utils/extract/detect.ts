/**
 * Is this page an article? A weighted vote of independent signals — structured data, URL shape,
 * how much connected prose the page has against how many teaser links — so that no single missing
 * tag decides. Each signal that fires leaves a reason, shown to the user and in the CLI output.
 */
import type { JsonLdFacts } from './meta';
import type { PortalProfile } from './profiles';
import { linkDensity, type ElementStats } from './stats';


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
  // A section index: /news, /blog/, /sections/science, /issues/ — but /news/2024/05/story is an article.
  const sectionIndex =
    /\/(news|blog|blogs|articles|stories|posts|press|press-releases|media|updates|events|issues|sections?|subjects?|shows|tin-tuc|tintuc)$/i.test(path) ||
    /\/(sections?|subjects?|topics?|hub)\//i.test(path + '/');
  const listing = sectionIndex || LISTING_PATH.test(path + '/') || /[?&](page|p|paged|category|cat|tag|s|q|keyword)=/i.test(url.search);
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

/** The numbers detection decides on; also printed by the benchmark to tune the weights. */
export interface DetectionFeatures {
  homeUrl: number;
  listingUrl: number;
  articleUrl: number;
  profileArticleUrl: number;
  jsonLdArticle: number;
  jsonLdOther: number;
  ogArticle: number;
  ogOther: number;
  hasDate: number;
  hasAuthor: number;
  /** log2 of (text length / 500), clamped to [-3, 3]. */
  textSize: number;
  longParagraphs: number;
  /** Readability's readerable measure: sum of sqrt(length - 140) over blocks of 140+ characters. */
  proseScore: number;
  /** Share of the text that sits in blocks of 140+ characters. */
  proseRatio: number;
  rootLinkDensity: number;
  /** Main text against all non-link text of the page. */
  pageShare: number;
  articleCards: number;
  /** Headline links outside the main block per 1,000 characters of main text. */
  teaserRate: number;
  oneMatchingH1: number;
  noH1: number;
  /** og:type video.* or a JSON-LD VideoObject without an article: a video page. */
  videoPage: number;
  /** Ten or more <article> cards: a teaser grid. */
  manyCards: number;
  /** A portal family was recognised but its article body is absent: a section or service page. */
  profileWithoutBody: number;
}

export interface DetectionInput {
  url: string;
  rootStats: ElementStats;
  bodyStats: ElementStats;
  /** The extracted text's blocks (paragraphs), for prose measures. */
  blocks: string[];
  textLength: number;
  jsonLd: JsonLdFacts;
  tags: Map<string, string>;
  profile?: PortalProfile;
  hasPublishedDate: boolean;
  hasAuthor: boolean;
  teaserLinks: number;
  articleElements: number;
  h1Count: number;
  titleMatchesHeading: boolean;
  profileBodyFound: boolean;
  /** The parsed page itself, for signals read from its structure (teaser repeats, pagination…). */
  page?: DetectionPage;
}

export interface DetectionPage {
  doc: Document;
  body: Element;
  /** The chosen article root. */
  root: Element;
  stats: Map<Element, ElementStats>;
  /** Every <a> of the body, in document order. */
  anchors: Element[];
}

export function detectionFeatures(input: DetectionInput): DetectionFeatures {
  let url: URL | undefined;
  try {
    url = new URL(input.url);
  } catch {
    url = undefined;
  }
  const shape = url ? articleLikePath(url) : undefined;
  const ogType = input.tags.get('og:type') ?? '';
  let proseScore = 0;
  let proseChars = 0;
  let longParagraphs = 0;
  for (const block of input.blocks) {
    if (block.length >= 140) {
      proseScore += Math.sqrt(block.length - 140);
      proseChars += block.length;
    }
    if (block.length >= 120) longParagraphs++;
  }
  const text = input.textLength;
  const pageProse = input.bodyStats.textLength - input.bodyStats.linkLength;
  return {
    homeUrl: shape?.home ? 1 : 0,
    listingUrl: shape?.listing ? 1 : 0,
    articleUrl: shape?.article ? 1 : 0,
    profileArticleUrl: url && input.profile?.articleUrl?.test(url.pathname + url.search) ? 1 : 0,
    jsonLdArticle: input.jsonLd.articleType ? 1 : 0,
    jsonLdOther: input.jsonLd.nonArticleTypes.length > 0 && !input.jsonLd.articleType ? 1 : 0,
    ogArticle: ARTICLE_OG.test(ogType) ? 1 : 0,
    ogOther: ogType && !ARTICLE_OG.test(ogType) ? 1 : 0,
    hasDate: input.hasPublishedDate ? 1 : 0,
    hasAuthor: input.hasAuthor ? 1 : 0,
    textSize: Math.max(-3, Math.min(3, Math.log2(Math.max(1, text) / 500))),
    longParagraphs: Math.min(longParagraphs, 20),
    proseScore: Math.min(proseScore, 200),
    proseRatio: text > 0 ? proseChars / text : 0,
    rootLinkDensity: linkDensity(input.rootStats),
    pageShare: pageProse > 0 ? Math.min(1, text / pageProse) : 0,
    articleCards: Math.min(input.articleElements, 30),
    teaserRate: Math.min(20, input.teaserLinks / Math.max(0.2, text / 1000)),
    oneMatchingH1: input.h1Count === 1 && input.titleMatchesHeading ? 1 : 0,
    noH1: input.h1Count === 0 ? 1 : 0,
    manyCards: input.articleElements >= 10 ? 1 : 0,
    videoPage: /^video/i.test(ogType) || (input.jsonLd.nonArticleTypes.includes('VideoObject') && !input.jsonLd.articleType) ? 1 : 0,
    profileWithoutBody: input.profile && !input.profileBodyFound ? 1 : 0,
  };
}

/**
 * Weights per unit of each feature and the bias: a logistic regression fitted on wcxb-dev (page type
 * article vs the rest) together with Readability's test pages (`readerable`), rounded; the portal
 * article-URL weight is set by hand (no portal pages in those corpora). See BENCHMARKS.md.
 */
export const DETECTION_WEIGHTS: Record<keyof DetectionFeatures, number> = {
  homeUrl: -2,
  listingUrl: -2.8,
  articleUrl: 0.6,
  profileArticleUrl: 1.5,
  jsonLdArticle: 0.55,
  jsonLdOther: -1.6,
  ogArticle: 1.2,
  ogOther: -0.5,
  hasDate: 1.2,
  hasAuthor: 1,
  textSize: -0.1,
  longParagraphs: 0,
  proseScore: 0,
  proseRatio: 2.2,
  rootLinkDensity: -2.4,
  pageShare: 2.3,
  articleCards: 0,
  teaserRate: 0,
  oneMatchingH1: 0,
  noH1: -0.15,
  // Set by hand: the corpora have too few such pages to fit them.
  videoPage: -3,
  manyCards: -1.5,
  profileWithoutBody: -1,
};
/** Fitted bias -3.05, moved by -0.25 to favour "not an article" (no listing taken for an article). */
export const DETECTION_BIAS = -3.3;

const FEATURE_LABELS: Record<keyof DetectionFeatures, string> = {
  homeUrl: 'home page URL',
  listingUrl: 'listing/section URL',
  articleUrl: 'article-like URL',
  profileArticleUrl: 'portal article URL',
  jsonLdArticle: 'JSON-LD article type',
  jsonLdOther: 'JSON-LD non-article type',
  ogArticle: 'og:type article',
  ogOther: 'og:type not article',
  hasDate: 'publication date',
  hasAuthor: 'author',
  textSize: 'text length',
  longParagraphs: 'prose paragraphs',
  proseScore: 'readerable prose',
  proseRatio: 'share of text in long paragraphs',
  rootLinkDensity: 'link density of the main block',
  pageShare: 'main text share of the page',
  articleCards: '<article> cards',
  teaserRate: 'headline links around the text',
  oneMatchingH1: 'one h1 matching the title',
  noH1: 'no h1',
  videoPage: 'video page',
  manyCards: 'a grid of <article> cards',
  profileWithoutBody: 'portal page without an article body',
};

export function detectArticle(input: DetectionInput): Detection & { features: DetectionFeatures } {
  const features = detectionFeatures(input);
  let score = DETECTION_BIAS;
  const contributions: Array<[string, number]> = [];
  for (const key of Object.keys(features) as Array<keyof DetectionFeatures>) {
    const points = features[key] * DETECTION_WEIGHTS[key];
    if (points === 0) continue;
    score += points;
    contributions.push([FEATURE_LABELS[key], points]);
  }
  contributions.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  const reasons = contributions
    .filter(([, points]) => Math.abs(points) >= 0.2)
    .map(([label, points]) => `${points > 0 ? '+' : ''}${points.toFixed(1)} ${label}`);
  const confidence = 1 / (1 + Math.exp(-score));
  return { isArticle: score >= 0, confidence: Math.round(confidence * 1000) / 1000, reasons, features };
}
