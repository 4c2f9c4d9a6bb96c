/** Data shapes shared by the protocol and its handlers. */
import type { Annotation, Article, ArticleMeta, HighlightColor } from '../model/types';

/** What extraction found on a page, as the content script reports it. */
export interface ArticleReport {
  isArticle: boolean;
  /** 0–100 */
  confidence: number;
  extractionMicros?: number;
  canonicalUrl?: string;
  meta: ArticleMeta;
}

/** What a tab currently shows, as its content script reported it. Lives only as long as the tab. */
export interface TabPage {
  tabId: number;
  url: string;
  title: string;
  reportedAt: number;
  article?: ArticleReport;
  /** Ids of this page's highlights the content script could not place. */
  orphans?: string[];
}

/** The background's answer to a page report. */
export interface PageReply {
  /** False where the user turned Sổ tay off (a built-in portal switched off in settings). */
  active: boolean;
  annotations: Annotation[];
  tags: { name: string; count: number }[];
  defaultColor: HighlightColor;
}

export interface PageAnnotations {
  page: TabPage | null;
  /** The stored article, once the page has a highlight or was saved. */
  article: Article | null;
  annotations: Annotation[];
  orphans: string[];
}

/** A page the user chose to keep: since schema version 2, an Article of the store. */
export type SavedPage = Article;
