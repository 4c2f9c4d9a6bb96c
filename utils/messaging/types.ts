/** Data shapes shared by the protocol and its handlers. */
import type { Article } from '../model/types';

/** What a tab currently shows, as its content script reported it. Lives only as long as the tab. */
export interface TabPage {
  tabId: number;
  url: string;
  title: string;
  reportedAt: number;
}

/** A page the user chose to keep: since schema version 2, an Article of the store. */
export type SavedPage = Article;
