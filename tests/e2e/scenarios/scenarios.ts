/**
 * The end-to-end scenarios both browsers must pass, written once. Each browser's test file calls
 * defineScenarios with its driver; a scenario sees only the ScenarioBrowser interface.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSiteServer, type SiteServer } from '../../../scripts/lib/site-server';
import { NON_PORTAL_URL, SAMPLE_ARTICLE_URL, SAMPLE_TITLE, SITE_ROOTS } from '../support';
import type { ScenarioBrowser } from './driver';
import { paintedTexts } from './page-scripts';

const PASSAGE = 'trên cả nước có 25.525 mô hình khác nhau trong học tập và làm theo Bác';
// Generous for a browser on a loaded 2-core machine, whichever vitest config runs the file.
const POLL = { timeout: 30_000, interval: 100 };
const TEST_TIMEOUT = 240_000;

export interface DriverFactory {
  name: ScenarioBrowser['name'];
  /** Extra site roots the driver needs served (later roots win). */
  extraSiteRoots?: string[];
  launch(server: SiteServer): Promise<ScenarioBrowser>;
}

export function defineScenarios(factory: DriverFactory): void {
  let server: SiteServer;
  let browser: ScenarioBrowser | undefined;

  beforeAll(async () => {
    server = await startSiteServer([...SITE_ROOTS, ...(factory.extraSiteRoots ?? [])]);
  });
  afterAll(async () => {
    await server?.close();
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  async function openSample(b: ScenarioBrowser) {
    const page = await b.open(SAMPLE_ARTICLE_URL);
    await b.waitForSotay(page);
    return page;
  }

  describe(`shared scenarios in ${factory.name}`, () => {
    it('detects the sample article: the popup shows it as an article with its title and site', async () => {
      browser = await factory.launch(server);
      const article = await openSample(browser);
      const popup = await browser.openPopupFor(article);
      await expect.poll(() => popup.textOf('page-title'), POLL).toBe(SAMPLE_TITLE);
      expect(await popup.textOf('page-kind')).toMatch(/^Bài viết · /);
      expect(await popup.textOf('page-author')).not.toBe('');
      expect(await popup.count('button', 'Lưu trang này')).toBe(1);
    }, TEST_TIMEOUT);

    it('is not active on a page outside the portal list', async () => {
      browser = await factory.launch(server);
      const page = await browser.open(NON_PORTAL_URL);
      const popup = await browser.openPopupFor(page);
      await expect.poll(() => popup.textOf('not-active'), POLL).not.toBe('');
      expect(await popup.count('button', 'Lưu trang này')).toBe(0);
      expect(await page.evaluate(paintedTexts, 'yellow')).toEqual([]);
    }, TEST_TIMEOUT);

    it('highlights and tags a passage; after a reload it is restored, the popup lists it and exports it as Markdown, the library lists it', async () => {
      browser = await factory.launch(server);
      const page = await openSample(browser);
      await page.dragSelect(PASSAGE);
      await expect.poll(() => page.count('toolbar', 'Công cụ đánh dấu Sổ tay'), POLL).toBe(1);
      await page.click('button', 'Đánh dấu màu xanh lá');
      await expect.poll(() => page.evaluate(paintedTexts, 'green'), POLL).toEqual([PASSAGE]);
      await page.click('button', 'Thẻ');
      await page.type('combobox', 'Thêm thẻ', 'học tập');
      await page.press('Enter');
      await expect.poll(() => page.count('button', 'Bỏ thẻ học tập'), POLL).toBe(1);
      await page.press('Escape');
      await expect.poll(() => page.count('toolbar', 'Công cụ đánh dấu Sổ tay'), POLL).toBe(0);

      await page.reload();
      await browser.waitForSotay(page);
      await expect.poll(() => page.evaluate(paintedTexts, 'green'), POLL).toEqual([PASSAGE]);

      const popup = await browser.openPopupFor(page);
      await expect.poll(() => popup.textOf('highlights'), POLL).toContain(PASSAGE);
      expect(await popup.textOf('highlights')).toContain('#học tập');

      const file = await browser.download(() => popup.click('button', 'Tải Markdown'));
      expect(file.fileName).toMatch(/\.md$/);
      expect(file.text).toContain(`title: ${SAMPLE_TITLE}\n`);
      expect(file.text).toContain(`> ${PASSAGE}`);
      expect(file.text).toContain('#học-tập');
      expect(file.text).toContain('#:~:text=');

      const library = await browser.openLibrary();
      await expect.poll(() => library.textOf('highlight-row'), POLL).toContain(PASSAGE);
      expect(await library.textOf('highlight-row')).toContain('học tập');
    }, TEST_TIMEOUT);
  });
}
