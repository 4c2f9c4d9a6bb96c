import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { openDatabase, type Database } from '@/utils/db/database';
import { TabStates } from '@/utils/background/tab-state';
import { createHandlers } from '@/utils/background/handlers';
import { dispatch } from '@/utils/messaging/router';

export default defineBackground(() => {
  const self = { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') };
  const tabs = new TabStates(browser.storage.session);
  let database: Promise<Database> | undefined;
  const db = () => (database ??= openDatabase().catch((error: unknown) => {
    database = undefined; // let the next request try again
    throw error;
  }));
  const handlers = createHandlers({ tabs, db });

  browser.runtime.onMessage.addListener((message, sender) => dispatch(message, sender, self, handlers));
  browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document is loading: what the old one reported no longer holds. Its own content
    // script, if it has one, reports again once it runs.
    if (change.status === 'loading') void tabs.forget(tabId);
  });
});
