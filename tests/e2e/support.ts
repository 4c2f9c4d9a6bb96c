/** Shared set-up for end-to-end tests: the site server plus Chromium with the built extension. */
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

/** Waits until the content script in a tab has reported its page to the background. */
export async function waitForReport(browser: ExtensionBrowser, page: Page): Promise<void> {
  const tabId = await tabIdOf(browser, page);
  await browser.serviceWorker.evaluate(async (id) => {
    for (let i = 0; i < 100; i++) {
      const state = await chrome.storage.session.get(`tab:${id}`);
      if (state[`tab:${id}`]) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`tab ${id} never reported`);
  }, tabId);
}
