/**
 * The data model every stage shares: extraction fills ArticleMeta, anchoring fills the selectors,
 * the store keeps Article/Annotation/Tag, export reads them. Times are milliseconds since the epoch
 * in memory and in IndexedDB; backups write them as ISO 8601.
 */

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

/** W3C Web Annotation TextQuoteSelector; text compared in NFC. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** W3C Web Annotation TextPositionSelector: UTF-16 offsets into the anchoring root's text. */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface AnnotationTarget {
  /** Which text the selectors measure: the extracted article body, or the whole page body. */
  scope: 'article' | 'body';
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** What extraction knows about an article (all optional but the title). */
export interface ArticleMeta {
  title: string;
  lead?: string;
  author?: string;
  /** ISO 8601 with offset, e.g. 2023-06-12T10:30:00+07:00 */
  published?: string;
  modified?: string;
  siteName?: string;
  lang?: string;
  /** "Nguồn: …", "Link bài gốc" — the original the portal names. */
  sourceUrl?: string;
  sourceName?: string;
}

export interface Article {
  /** Normalised URL (utils/url/normalize.ts): the key. */
  url: string;
  /** Other normalised URLs that lead to the same article (canonical link, og:url, redirects). */
  aliases: string[];
  /** The URL as the user last opened it. */
  originalUrl: string;
  meta: ArticleMeta;
  firstVisit: number;
  lastVisit: number;
}

export interface Annotation {
  id: string;
  /** Article.url */
  articleUrl: string;
  target: AnnotationTarget;
  /** The highlighted text as the user saw it (NFC). */
  quote: string;
  color: HighlightColor;
  /** Display names, in the order the user added them. */
  tags: string[];
  note: string;
  created: number;
  updated: number;
}

export interface Tag {
  /** canonicalKey(name) from utils/text/fold.ts: "hòa" and "hoà" are one tag. */
  key: string;
  name: string;
  color?: string;
  /** How many annotations carry it. */
  count: number;
}
