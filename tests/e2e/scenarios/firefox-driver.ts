/**
 * The shared scenarios' driver for Firefox ESR: puppeteer-core over WebDriver BiDi and the launcher in
 * scripts/lib/firefox.ts. Extension pages (the popup) are opened through the test bridge; one of them
 * stays open in the background as the place to ask extension APIs (tabs, storage.session) from, as the
 * Chromium driver asks its service worker.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { FIREFOX_TEST_EXTENSION_DIR, launchFirefoxWithExtension } from '../../../scripts/lib/firefox';
import type { SiteServer } from '../../../scripts/lib/site-server';
import { dragToSelect, type Role, type SavedFile, type ScenarioBrowser, type ScenarioPage } from './driver';
import { findByRole } from './page-scripts';
import type { DriverFactory } from './scenarios';

// Code passed to evaluate() in an extension page runs with the extension API.
declare const browser: typeof import('webextension-polyfill');

/** Generous: a browser on a loaded 2-core machine. */
const WAIT_MS = 30_000;

async function poll<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type FirefoxScenarioPage = ScenarioPage & { page: Page };

function wrap(page: Page): FirefoxScenarioPage {
  const all = (role: Role, name: string) => page.evaluate(findByRole, { role, name }).then((found) => found.length);
  // Like Playwright's locators: wait for the element, and refuse to guess between several.
  async function one(role: Role, name: string): Promise<ElementHandle<Element>> {
    return poll(`the ${role} "${name}"`, async () => {
      const list = await page.evaluateHandle(findByRole, { role, name });
      const length = await list.evaluate((found) => found.length);
      if (length > 1) throw new Error(`${length} elements are ${role} "${name}"`);
      const element = length === 1 ? (await list.evaluateHandle((found) => found[0]!)).asElement() : null;
      await list.dispose();
      return (element as ElementHandle<Element> | null) ?? undefined;
    });
  }
  return {
    page,
    async click(role, name) {
      await (await one(role, name)).click();
    },
    async type(role, name, text) {
      const field = await one(role, name);
      await field.click();
      await page.keyboard.type(text);
    },
    press: (key) => page.keyboard.press(key),
    count: all,
    textOf: (testId) => page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '', testId),
    dragSelect: (text) => dragToSelect(page, text),
    evaluate: (fn, arg) => (page.evaluate as (f: unknown, a: unknown) => Promise<never>)(fn, arg),
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
  };
}

export const FIREFOX_SITE_ROOTS = ['tests/e2e/firefox-bridge/sites'];

export const firefoxDriver: DriverFactory = {
  name: 'firefox',
  extraSiteRoots: FIREFOX_SITE_ROOTS,
  launch: (server) => launchFirefoxScenarioBrowser(server),
};

export async function launchFirefoxScenarioBrowser(
  server: SiteServer,
  options: { autoGrantOptionalPermissions?: boolean } = {},
): Promise<ScenarioBrowser> {
  const downloadDir = mkdtempSync(join(tmpdir(), 'sotay-downloads-'));
  const firefox = await launchFirefoxWithExtension({
    headless: true,
    proxyPort: server.port,
    downloadDir,
    extensionDir: FIREFOX_TEST_EXTENSION_DIR,
    ...options,
  });
  let consolePage: Promise<Page> | undefined;
  const extensionConsole = () => (consolePage ??= firefox.openExtensionPage('popup.html'));

  async function tabIdOf(page: Page): Promise<number> {
    const extension = await extensionConsole(); // before: opening it makes it the active tab
    await page.bringToFront();
    const id = await poll('the active tab', () =>
      extension.evaluate(async (url) => {
        const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
        // Without the tabs permission a tab's URL shows only where Sổ tay has host access.
        return tab?.id !== undefined && (tab.url === undefined || tab.url === url) ? tab.id : undefined;
      }, page.url()),
    );
    return id;
  }

  return {
    name: 'firefox',
    async open(url) {
      const page = await firefox.browser.newPage();
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      return wrap(page);
    },
    async waitForSotay(page) {
      const tabId = await tabIdOf((page as FirefoxScenarioPage).page);
      const extension = await extensionConsole();
      await poll(`Sổ tay in tab ${tabId}`, () =>
        extension.evaluate(async (id) => {
          const state = (await browser.storage.session.get(`tab:${id}`))[`tab:${id}`] as { orphans?: unknown } | undefined;
          return state?.orphans ? true : undefined;
        }, tabId),
      );
    },
    async openPopupFor(page) {
      const tabId = await tabIdOf((page as FirefoxScenarioPage).page);
      return wrap(await firefox.openExtensionPage(`popup.html?tab=${tabId}`));
    },
    async openLibrary(hash = '') {
      return wrap(await firefox.openExtensionPage(`options.html${hash ? `#${hash}` : ''}`));
    },
    async download(action): Promise<SavedFile> {
      const before = new Set(readdirSync(downloadDir));
      await action();
      let lastSize = -1;
      const fileName = await poll('a finished download', async () => {
        const name = readdirSync(downloadDir).find((f) => !before.has(f) && !f.endsWith('.part'));
        if (!name) return undefined;
        // Firefox writes into <name>.part and renames it; wait for the size to settle anyway.
        const size = statSync(join(downloadDir, name)).size;
        const settled = size > 0 && size === lastSize;
        lastSize = size;
        return settled ? name : undefined;
      });
      return { fileName, text: readFileSync(join(downloadDir, fileName), 'utf8') };
    },
    async close() {
      await firefox.close();
      rmSync(downloadDir, { recursive: true, force: true });
    },
  };
}
