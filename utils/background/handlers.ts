/** What the background does for each message. Wired to browser APIs in entrypoints/background.ts. */
import { MessageError } from '../messaging/protocol';
import type { Handlers } from '../messaging/router';
import type { Database } from '../db/database';
import { listArticles, upsertArticle } from '../db/articles';
import type { TabStates } from './tab-state';

export interface BackgroundDeps {
  tabs: TabStates;
  db: () => Promise<Database>;
  now?: () => number;
}

export function createHandlers({ tabs, db, now = Date.now }: BackgroundDeps): Handlers {
  return {
    async 'page/report'(data, sender) {
      // A content script may only speak for the page it runs in.
      if (new URL(data.url).origin !== new URL(sender.url).origin) {
        throw new MessageError('forbidden', 'A page may only report itself');
      }
      await tabs.set({ tabId: sender.tabId!, url: data.url, title: data.title, reportedAt: now() });
      return { tracked: true };
    },
    async 'tab/get'({ tabId }) {
      return tabs.get(tabId);
    },
    async 'page/save'({ tabId }) {
      const page = await tabs.get(tabId);
      if (!page) throw new MessageError('not-found', 'Sổ tay is not active in that tab');
      return upsertArticle(await db(), { url: page.url, meta: { title: page.title } }, now());
    },
    async 'pages/list'() {
      return listArticles(await db());
    },
  };
}
