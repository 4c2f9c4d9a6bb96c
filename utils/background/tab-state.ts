/**
 * What each tab currently shows, as reported by its content script. Kept in session storage (memory
 * that survives the service worker being stopped, and is gone when the browser closes): this is not
 * browsing history, nothing reaches IndexedDB until the user acts.
 */
import { httpUrl, integer, object, string } from '../messaging/guard';
import type { TabPage } from '../messaging/types';

/** The slice of storage.session used here. */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const storedTabPage = object({
  tabId: integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  url: httpUrl,
  title: string({ max: 2000 }),
  reportedAt: integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
});

const keyFor = (tabId: number) => `tab:${tabId}`;

export class TabStates {
  constructor(private readonly area: SessionArea) {}

  async set(page: TabPage): Promise<void> {
    await this.area.set({ [keyFor(page.tabId)]: page });
  }

  async get(tabId: number): Promise<TabPage | null> {
    const key = keyFor(tabId);
    const stored = (await this.area.get(key))[key];
    if (stored === undefined) return null;
    try {
      return storedTabPage(stored);
    } catch {
      await this.area.remove(key);
      return null;
    }
  }

  async forget(tabId: number): Promise<void> {
    await this.area.remove(keyFor(tabId));
  }
}
