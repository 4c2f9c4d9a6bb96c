/**
 * What each tab currently shows, as reported by its content script. Kept in session storage (memory
 * that survives the service worker being stopped, and is gone when the browser closes): this is not
 * browsing history, nothing reaches IndexedDB until the user acts.
 */
import { array, httpUrl, integer, object, optional, string } from '../messaging/guard';
import { articleReport } from '../messaging/protocol';
import type { TabPage } from '../messaging/types';
import type { DeletedAnnotation } from '../db/annotations';
import { tryNormalizeUrl } from '../url/normalize';

/** The slice of storage.session used here. */
export interface SessionArea {
  get(key: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const storedTabPage = object({
  tabId: integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  url: httpUrl,
  title: string({ max: 2000 }),
  reportedAt: integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  article: optional(articleReport),
  orphans: optional(array(string({ max: 200 }), { max: 100_000 })),
});

const tabKey = (tabId: number) => `tab:${tabId}`;
const undoKey = (id: string) => `undo:${id}`;

export class TabStates {
  constructor(private readonly area: SessionArea) {}

  async set(page: TabPage): Promise<void> {
    await this.area.set({ [tabKey(page.tabId)]: page });
  }

  async get(tabId: number): Promise<TabPage | null> {
    const key = tabKey(tabId);
    const stored = (await this.area.get(key))[key];
    if (stored === undefined) return null;
    try {
      return storedTabPage(stored) as TabPage;
    } catch {
      await this.area.remove(key);
      return null;
    }
  }

  async setOrphans(tabId: number, orphans: string[]): Promise<void> {
    const page = await this.get(tabId);
    if (page) await this.set({ ...page, orphans });
  }

  /** Tabs whose page is this article (by normalised URL or canonical link). */
  async tabsShowing(articleUrl: string): Promise<number[]> {
    const all = await this.area.get(null);
    const ids: number[] = [];
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith('tab:')) continue;
      const page = value as Partial<TabPage>;
      const urls = [page.url, page.article?.canonicalUrl].filter((u): u is string => typeof u === 'string');
      if (typeof page.tabId === 'number' && urls.some((u) => tryNormalizeUrl(u) === articleUrl)) ids.push(page.tabId);
    }
    return ids;
  }

  async forget(tabId: number): Promise<void> {
    await this.area.remove(tabKey(tabId));
  }

  /** What a delete removed, kept (for this browser session) so it can be undone. */
  async keepDeleted(deleted: DeletedAnnotation): Promise<void> {
    await this.area.set({ [undoKey(deleted.annotation.id)]: deleted });
  }

  async deleted(id: string): Promise<DeletedAnnotation | undefined> {
    const key = undoKey(id);
    return (await this.area.get(key))[key] as DeletedAnnotation | undefined;
  }

  async forgetDeleted(id: string): Promise<void> {
    await this.area.remove(undoKey(id));
  }
}
