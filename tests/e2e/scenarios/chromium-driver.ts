/** The shared scenarios' driver for Chromium: playwright-core and the launcher in scripts/lib/browser.ts. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SiteServer } from '../../../scripts/lib/site-server';
import { launch, openPopupFor, waitForSotay } from '../support';
import { dragToSelect, type ScenarioBrowser, type ScenarioPage } from './driver';
import type { DriverFactory } from './scenarios';

function wrap(page: Page): ScenarioPage & { page: Page } {
  const byRole = (role: Parameters<Page['getByRole']>[0], name: string) => page.getByRole(role, { name, exact: true });
  return {
    page,
    click: (role, name) => byRole(role, name).click(),
    async type(role, name, text) {
      await byRole(role, name).click();
      await page.keyboard.type(text);
    },
    press: (key) => page.keyboard.press(key),
    count: (role, name) => byRole(role, name).count(),
    async textOf(testId) {
      const found = page.getByTestId(testId);
      return (await found.count()) ? ((await found.first().textContent()) ?? '') : '';
    },
    dragSelect: (text) => dragToSelect(page, text),
    // Playwright's own generic (Unboxed<A>) is stricter than the interface's; the call is the same.
    evaluate: (fn, arg) => (page.evaluate as (f: unknown, a: unknown) => Promise<never>)(fn, arg),
    async reload() {
      await page.reload();
    },
  };
}

export const chromiumDriver: DriverFactory = {
  name: 'chromium',
  async launch(server: SiteServer): Promise<ScenarioBrowser> {
    const browser = await launch(server);
    const downloads = mkdtempSync(join(tmpdir(), 'sotay-downloads-'));
    return {
      name: 'chromium',
      async open(url) {
        const page = await browser.context.newPage();
        await page.goto(url);
        return wrap(page);
      },
      waitForSotay: (page) => waitForSotay(browser, (page as ReturnType<typeof wrap>).page),
      async openPopupFor(page) {
        return wrap(await openPopupFor(browser, (page as ReturnType<typeof wrap>).page));
      },
      async openLibrary(hash = '') {
        const page = await browser.context.newPage();
        await page.goto(browser.extensionUrl(`options.html${hash ? `#${hash}` : ''}`));
        return wrap(page);
      },
      async download(action) {
        const saved = browser.context.waitForEvent('download', { timeout: 60_000 });
        await action();
        const download = await saved;
        const path = join(downloads, download.suggestedFilename());
        await download.saveAs(path);
        return { fileName: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
      },
      async close() {
        await browser.close();
        rmSync(downloads, { recursive: true, force: true });
      },
    };
  },
};
