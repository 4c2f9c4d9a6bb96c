import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { openDatabase, type Database } from '@/utils/db/database';
import { TabStates } from '@/utils/background/tab-state';
import { createHandlers } from '@/utils/background/handlers';
import { dispatch } from '@/utils/messaging/router';
import { parseSettings, SETTINGS_KEY } from '@/utils/settings/settings';
import type { ContentEnvelope, ContentMessageType, ContentRequestOf } from '@/utils/messaging/protocol';
import { createTranslator, pickLocale } from '@/utils/i18n';

export default defineBackground(() => {
  const self = { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') };
  const tabs = new TabStates(browser.storage.session);
  let database: Promise<Database> | undefined;
  const db = () =>
    (database ??= openDatabase().catch((error: unknown) => {
      database = undefined; // let the next request try again
      throw error;
    }));
  const settings = async () => parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);

  function tellTab<K extends ContentMessageType>(tabId: number, type: K, data: ContentRequestOf<K>) {
    const envelope: ContentEnvelope<K> = { type, data };
    // A tab without our content script (closed, navigated away) simply has nobody listening.
    return browser.tabs.sendMessage(tabId, envelope).catch(() => undefined);
  }

  const handlers = createHandlers({
    tabs,
    db,
    settings,
    setBadge(tabId, count) {
      void browser.action.setBadgeText({ tabId, text: count ? String(count) : '' }).catch(() => undefined);
      void browser.action.setBadgeBackgroundColor({ tabId, color: '#2f6f4f' }).catch(() => undefined);
    },
    async injectContentScript(tabId) {
      await browser.scripting.insertCSS({ target: { tabId }, files: ['/content-scripts/content.css'] });
      await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/content.js'] });
    },
    notifyArticle(articleUrl, exceptTabId) {
      void tabs.tabsShowing(articleUrl).then((ids) => {
        for (const id of ids) if (id !== exceptTabId) void tellTab(id, 'content/refresh', {});
      });
    },
  });

  browser.runtime.onMessage.addListener((message, sender) => dispatch(message, sender, self, handlers));
  browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document is loading: what the old one reported no longer holds. Its own content
    // script, if it has one, reports again once it runs.
    if (change.status === 'loading') void tabs.forget(tabId);
  });

  // The keyboard shortcut (manifest "commands") and the context menu highlight the selection.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'highlight-selection' && tab?.id !== undefined) void tellTab(tab.id, 'content/highlight-selection', {});
  });
  browser.runtime.onInstalled.addListener(() => {
    const t = createTranslator(pickLocale([browser.i18n.getUILanguage()]));
    browser.contextMenus.create({ id: 'highlight-selection', title: t('contextMenuHighlight'), contexts: ['selection'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === 'highlight-selection' && tab?.id !== undefined) void tellTab(tab.id, 'content/highlight-selection', {});
  });
});
