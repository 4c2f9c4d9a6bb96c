import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { PORTAL_MATCH_PATTERNS } from '@/utils/portals/builtin';
import { sendMessage } from '@/utils/messaging/client';
import { CONTENT_PROTOCOL, type ContentMessageType } from '@/utils/messaging/protocol';
import { isPlainObject } from '@/utils/messaging/guard';
import { PageController, type PageBackend } from '@/utils/page/controller';
import { PageTooLargeError } from '@/utils/page/budget';
import { createPageUi } from '@/components/toolbar/mount';
import { uiLocale } from '@/components/locale';
import { createTranslator } from '@/utils/i18n';
import './highlights.css';

const backend: PageBackend = {
  report: (page) => sendMessage('page/report', page),
  anchored: (state) => sendMessage('page/anchored', state),
  create: (input) => sendMessage('annotation/create', input),
  update: (id, changes) => sendMessage('annotation/update', { id, changes }),
  remove: (id) => sendMessage('annotation/delete', { id }),
  undelete: (id) => sendMessage('annotation/undelete', { id }),
  tags: () => sendMessage('tags/list', {}),
  copy: (text) => navigator.clipboard.writeText(text),
};

export default defineContentScript({
  matches: PORTAL_MATCH_PATTERNS,
  runAt: 'document_idle',
  async main() {
    // Injected twice (portal match + "turn on here" from the popup)? One controller per page.
    const marker = Symbol.for('sotay.controller');
    const scope = globalThis as unknown as Record<symbol, boolean>;
    if (scope[marker]) return;
    scope[marker] = true;

    const locale = await uiLocale();
    const t = createTranslator(locale);
    const ui = createPageUi(document, locale);
    let controller: PageController | undefined;
    let currentUrl = location.href;

    async function start() {
      controller?.stop();
      currentUrl = location.href;
      controller = new PageController(document, currentUrl, backend, ui, { copied: t('copied'), noteSaved: t('noteSaved') });
      try {
        await controller.start();
      } catch (error) {
        // The page must never break because of us; the popup shows "not active" instead.
        if (error instanceof PageTooLargeError) console.info(`[Sổ tay] off on this page. ${error.message}`);
        else console.debug('[Sổ tay] not started on this page', error);
      }
    }

    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      // Only the extension itself (background or its pages) may command us; check the shape too.
      if (sender.id !== browser.runtime.id || !isPlainObject(message)) return undefined;
      const type = message.type as ContentMessageType;
      if (typeof type !== 'string' || !Object.hasOwn(CONTENT_PROTOCOL, type)) return undefined;
      let data: Record<string, unknown>;
      try {
        data = CONTENT_PROTOCOL[type](message.data, 'data') as Record<string, unknown>;
      } catch (error) {
        return Promise.resolve({ ok: false, error: { code: 'bad-message', message: String(error) } });
      }
      if (!controller) return Promise.resolve({ ok: false, error: { code: 'not-found', message: 'not started' } });
      const c = controller;
      const run = async () => {
        if (type === 'content/refresh') await c.refresh();
        else if (type === 'content/scroll-to') return c.scrollTo(data.id as string);
        else if (type === 'content/highlight-selection') await c.highlightSelection(data.color as never);
        return true;
      };
      return run().then(
        (value) => ({ ok: true, value }),
        (error: unknown) => ({ ok: false, error: { code: 'failed', message: String(error) } }),
      );
    });

    // Pages that change articles without reloading (history.pushState): start again on the new URL.
    setInterval(() => {
      if (location.href !== currentUrl && location.href.split('#')[0] !== currentUrl.split('#')[0]) void start();
    }, 1000);

    void start();
  },
});
