/** Data shapes shared by the protocol and its handlers. */

/** What a tab currently shows, as its content script reported it. Lives only as long as the tab. */
export interface TabPage {
  tabId: number;
  url: string;
  title: string;
  reportedAt: number;
}

/** A page the user chose to keep. */
export interface SavedPage {
  /** Normalised URL: the record's key. */
  url: string;
  /** The URL as the user saw it when saving. */
  originalUrl: string;
  title: string;
  savedAt: number;
}
