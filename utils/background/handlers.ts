/** What the background does for each message. Wired to browser APIs in entrypoints/background.ts. */
import { MessageError, type ErrorCode } from '../messaging/protocol';
import type { Handlers, VerifiedSender } from '../messaging/router';
import type { Database } from '../db/database';
import { findArticle, upsertArticle, type ArticleVisit } from '../db/articles';
import {
  createAnnotation,
  deleteAnnotation,
  getAnnotation,
  listByArticle,
  restoreAnnotation,
  updateAnnotation,
} from '../db/annotations';
import { listTags } from '../db/tags';
import { StoreError } from '../db/errors';
import type { Settings } from '../settings/settings';
import { findPortal } from '../portals/builtin';
import type { TabPage } from '../messaging/types';
import type { TabStates } from './tab-state';

export interface BackgroundDeps {
  tabs: TabStates;
  db: () => Promise<Database>;
  settings: () => Promise<Pick<Settings, 'defaultColor' | 'disabledPortals'>>;
  /** Shows the number of highlights on a tab's toolbar icon. */
  setBadge?: (tabId: number, count: number) => void;
  /** Runs the content script in a tab the user chose (needs the activeTab grant of a toolbar click). */
  injectContentScript?: (tabId: number) => Promise<void>;
  /** Tells the tabs showing an article that its highlights changed elsewhere. */
  notifyArticle?: (articleUrl: string, exceptTabId?: number) => void;
  now?: () => number;
}

const STORE_TO_MESSAGE: Record<StoreError['code'], ErrorCode> = {
  quota: 'quota',
  io: 'failed',
  invalid: 'bad-message',
  'not-found': 'not-found',
  conflict: 'conflict',
};

function visitOf(page: TabPage): ArticleVisit {
  return {
    url: page.url,
    meta: page.article?.meta ?? { title: page.title },
    aliases: page.article?.canonicalUrl ? [page.article.canonicalUrl] : [],
  };
}

export function createHandlers(deps: BackgroundDeps): Handlers {
  const { tabs, db, now = Date.now } = deps;

  async function tabOf(sender: VerifiedSender): Promise<TabPage> {
    const page = sender.tabId === undefined ? null : await tabs.get(sender.tabId);
    if (!page) throw new MessageError('not-found', 'This page has not reported itself yet');
    return page;
  }

  /** A content script may only touch highlights of the article its own page shows. */
  async function assertOwnPage(sender: VerifiedSender, articleUrl: string): Promise<void> {
    if (sender.kind !== 'content') return;
    const own = await findArticle(await db(), sender.url);
    if (own?.url !== articleUrl) throw new MessageError('forbidden', 'That highlight belongs to another page');
  }

  async function refreshBadge(tabId: number | undefined, url: string) {
    if (tabId === undefined || !deps.setBadge) return;
    deps.setBadge(tabId, (await listByArticle(await db(), url)).length);
  }

  const handlers: Handlers = {
    async 'page/report'(data, sender) {
      if (new URL(data.url).origin !== new URL(sender.url).origin) {
        throw new MessageError('forbidden', 'A page may only report itself');
      }
      const settings = await deps.settings();
      const portal = findPortal(data.url);
      if (portal && settings.disabledPortals.includes(portal.id)) {
        // The user turned this portal off: Sổ tay stays silent there and keeps no state about it.
        return { active: false, annotations: [], tags: [], defaultColor: settings.defaultColor };
      }
      const page: TabPage = { tabId: sender.tabId!, url: data.url, title: data.title, reportedAt: now(), article: data.article };
      await tabs.set(page);
      const database = await db();
      let annotations = await listByArticle(database, data.url);
      if (!annotations.length && data.article.canonicalUrl) annotations = await listByArticle(database, data.article.canonicalUrl);
      deps.setBadge?.(page.tabId, annotations.length);
      const tags = (await listTags(database)).map((t) => ({ name: t.name, count: t.count }));
      return { active: true, annotations, tags, defaultColor: settings.defaultColor };
    },

    async 'page/anchored'(data, sender) {
      await tabs.setOrphans(sender.tabId!, data.orphans);
      return { ok: true };
    },

    async 'annotation/create'(data, sender) {
      const page = await tabOf(sender);
      const created = await createAnnotation(
        await db(),
        { articleUrl: sender.url, target: data.target, color: data.color, tags: data.tags, note: data.note },
        { now: now(), visit: visitOf({ ...page, url: sender.url }) },
      );
      await refreshBadge(sender.tabId, created.articleUrl);
      return created;
    },

    async 'annotation/update'({ id, changes }, sender) {
      const existing = await getAnnotation(await db(), id);
      if (!existing) throw new MessageError('not-found', 'This highlight no longer exists');
      await assertOwnPage(sender, existing.articleUrl);
      const updated = await updateAnnotation(await db(), id, changes, now());
      deps.notifyArticle?.(updated.articleUrl, sender.tabId);
      return updated;
    },

    async 'annotation/delete'({ id }, sender) {
      const existing = await getAnnotation(await db(), id);
      if (!existing) throw new MessageError('not-found', 'This highlight no longer exists');
      await assertOwnPage(sender, existing.articleUrl);
      const deleted = await deleteAnnotation(await db(), id);
      await tabs.keepDeleted(deleted);
      await refreshBadge(sender.tabId, existing.articleUrl);
      deps.notifyArticle?.(existing.articleUrl, sender.tabId);
      return { id };
    },

    async 'annotation/undelete'({ id }, sender) {
      const deleted = await tabs.deleted(id);
      if (!deleted) throw new MessageError('not-found', 'Nothing to undo for this highlight');
      await assertOwnPage(sender, deleted.annotation.articleUrl);
      const restored = await restoreAnnotation(await db(), deleted);
      await tabs.forgetDeleted(id);
      await refreshBadge(sender.tabId, restored.articleUrl);
      deps.notifyArticle?.(restored.articleUrl, sender.tabId);
      return restored;
    },

    async 'tags/list'() {
      return (await listTags(await db())).map((t) => ({ name: t.name, count: t.count }));
    },

    async 'tab/annotations'({ tabId }) {
      const page = await tabs.get(tabId);
      if (!page) return { page: null, article: null, annotations: [], orphans: [] };
      const database = await db();
      const article = (await findArticle(database, page.url)) ?? null;
      return { page, article, annotations: article ? await listByArticle(database, article.url) : [], orphans: page.orphans ?? [] };
    },

    async 'tab/activate'({ tabId }) {
      if (!deps.injectContentScript) throw new MessageError('failed', 'Not available in this browser');
      try {
        await deps.injectContentScript(tabId);
      } catch (error) {
        throw new MessageError('forbidden', `Sổ tay cannot run on this page: ${error instanceof Error ? error.message : String(error)}`);
      }
      return { activated: true };
    },

    async 'page/save'({ tabId }) {
      const page = await tabs.get(tabId);
      if (!page) throw new MessageError('not-found', 'Sổ tay is not active in that tab');
      return upsertArticle(await db(), visitOf(page), now());
    },

  };

  // Store failures reach the sender as typed errors with the store's clear message.
  const wrapped = {} as Record<string, unknown>;
  for (const [type, handler] of Object.entries(handlers) as [string, (d: unknown, s: VerifiedSender) => Promise<unknown>][]) {
    wrapped[type] = async (data: unknown, sender: VerifiedSender) => {
      try {
        return await handler(data, sender);
      } catch (error) {
        if (error instanceof StoreError) throw new MessageError(STORE_TO_MESSAGE[error.code], error.message);
        throw error;
      }
    };
  }
  return wrapped as Handlers;
}
