/** Shared set-up for end-to-end tests: the site server plus Chromium with the built extension. */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { startSiteServer, type SiteServer } from '../../scripts/lib/site-server';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/browser';

// Code passed to evaluate() runs inside the extension, where `chrome` is the extension API.
declare const chrome: typeof import('@wxt-dev/browser').Browser;

export const SAMPLE_ARTICLE_URL =
  'http://hanoi.gov.vn/tin-tuc-su-kien/lan-toa-tinh-than-hoc-tap-va-lam-theo-tam-guong-cua-bac-4230612155218163.htm';
export const SAMPLE_TITLE = 'Lan tỏa tinh thần học tập và làm theo tấm gương của Bác';
export const NON_PORTAL_URL = 'http://example.org/';

export const SITE_ROOTS = ['sample/sites', 'tests/fixtures/sites'];

export function startSites(): Promise<SiteServer> {
  return startSiteServer(SITE_ROOTS);
}

export function launch(server: SiteServer, userDataDir?: string): Promise<ExtensionBrowser> {
  return launchWithExtension({ headless: true, hostResolverRules: server.hostResolverRules, userDataDir });
}

export interface E2eSession {
  /** This file's site server, started before its first test. */
  readonly server: SiteServer;
  /** The browser the running test launched: closed after the test, pass or fail. */
  browser: ExtensionBrowser | undefined;
  /** Chromium with the extension for the running test; on `userDataDir` to restart on a kept profile. */
  launch(userDataDir?: string): Promise<ExtensionBrowser>;
}

/**
 * Registers one e2e file's set-up: the site server (SITE_ROOTS plus `extraRoots`, made in beforeAll) for
 * the whole file, a browser per test closed after it, and the caller's own clean-up after each test and
 * after the file. A test that killed its browser itself sets `session.browser = undefined`.
 */
export function useE2eSession(hooks: { extraRoots?: () => string[]; afterEachTest?: () => void; afterAllTests?: () => void } = {}): E2eSession {
  let server: SiteServer | undefined;
  const session: E2eSession = {
    get server() {
      if (!server) throw new Error('The site server starts in beforeAll: use it inside a test');
      return server;
    },
    browser: undefined,
    async launch(userDataDir) {
      session.browser = await launch(session.server, userDataDir);
      return session.browser;
    },
  };
  beforeAll(async () => {
    server = await startSiteServer([...SITE_ROOTS, ...(hooks.extraRoots?.() ?? [])]);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    hooks.afterAllTests?.();
  });
  afterEach(async () => {
    await session.browser?.close();
    session.browser = undefined;
    hooks.afterEachTest?.();
  });
  return session;
}

/** The browser's tab id for a page (what the real popup gets from tabs.query). */
export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await browser.serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });
  if (typeof id !== 'number') throw new Error('No active tab');
  return id;
}

/** Opens the popup as an extension page about the given tab, as the toolbar button would. */
export async function openPopupFor(browser: ExtensionBrowser, page: Page): Promise<Page> {
  const tabId = await tabIdOf(browser, page);
  const popup = await browser.context.newPage();
  await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
  return popup;
}

/**
 * Waits until Sổ tay is ready in a tab: its content script has reported the page and finished restoring
 * the page's highlights (it then tells the background which ones it placed), so it listens for selections.
 */
export async function waitForSotay(browser: ExtensionBrowser, page: Page): Promise<void> {
  const tabId = await tabIdOf(browser, page);
  await browser.serviceWorker.evaluate(async (id) => {
    for (let i = 0; i < 400; i++) {
      const state = (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`] as { orphans?: unknown } | undefined;
      if (state?.orphans) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`Sổ tay never got ready in tab ${id}`);
  }, tabId);
}

/**
 * Selects the `occurrence`-th appearance of `text` in the page (as a user's drag would) and releases the
 * mouse over it, which is what makes Sổ tay show its toolbar.
 */
export async function selectText(page: Page, text: string, occurrence = 0): Promise<void> {
  const point = await page.evaluate(
    ({ text, occurrence }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push(n as Text);
        all += (n as Text).data;
      }
      let at = -1;
      for (let i = 0; i <= occurrence; i++) at = all.indexOf(text, at + 1);
      if (at < 0) throw new Error(`text not found: ${text}`);
      const locate = (offset: number) => {
        let seen = 0;
        for (const node of nodes) {
          if (offset <= seen + node.data.length) return { node, offset: offset - seen };
          seen += node.data.length;
        }
        throw new Error('offset out of range');
      };
      const start = locate(at);
      const end = locate(at + text.length);
      const range = document.createRange();
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
      range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const selection = getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      const rect = range.getClientRects()[range.getClientRects().length - 1]!;
      return { x: rect.right - 2, y: rect.top + rect.height / 2 };
    },
    { text, occurrence },
  );
  await page.mouse.move(point.x, point.y);
  await page.mouse.up();
}

/** The text of every range painted in a colour, read as the page itself could read it. */
export function paintedTexts(page: Page, color: string): Promise<string[]> {
  return page.evaluate((name) => {
    const highlight = CSS.highlights.get(`sotay-${name}`);
    return highlight ? [...highlight].map((range) => range.toString()) : [];
  }, color);
}

export function toolbar(page: Page) {
  return page.getByRole('toolbar', { name: 'Công cụ đánh dấu Sổ tay' });
}

/**
 * The JavaScript world Sổ tay's content script runs in on a page, reached through the DevTools protocol:
 * lets a test look at its built-ins and send messages exactly as the content script can.
 */
export async function contentScriptWorld(page: Page, extensionId: string) {
  const cdp = await page.context().newCDPSession(page);
  const contexts = new Map<number, { origin: string; frameId?: string; type?: string }>();
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    const aux = context.auxData as { frameId?: string; type?: string } | undefined;
    contexts.set(context.id, { origin: context.origin, frameId: aux?.frameId, type: aux?.type });
  });
  cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => contexts.delete(executionContextId));
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  let contextId: number | undefined;
  for (let i = 0; i < 100 && contextId === undefined; i++) {
    for (const [id, c] of contexts) {
      if (c.frameId === frameTree.frame.id && c.type === 'isolated' && c.origin.includes(extensionId)) contextId = id;
    }
    if (contextId === undefined) await new Promise((r) => setTimeout(r, 50));
  }
  if (contextId === undefined) throw new Error(`No content-script world among ${JSON.stringify([...contexts.values()])}`);
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const reply = await cdp.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true });
      if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
      return reply.result.value as T;
    },
    detach: () => cdp.detach(),
  };
}
