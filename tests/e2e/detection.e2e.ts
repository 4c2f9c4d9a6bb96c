import { describe, expect, it } from 'vitest';
import { SAMPLE_ARTICLE_URL, openPopupFor, tabIdOf, useE2eSession, waitForSotay } from './support';

declare const chrome: typeof import('@wxt-dev/browser').Browser;


const session = useE2eSession();

describe('article detection on the live page', () => {
  it('recognises the sample article and shows its title, date and author in the popup', async () => {
    const browser = await session.launch();
    const page = await browser.context.newPage();
    await page.goto(SAMPLE_ARTICLE_URL);
    await waitForSotay(browser, page);
    const popup = await openPopupFor(browser, page);
    await expect.poll(() => popup.getByTestId('page-kind').textContent()).toContain('Bài viết');
    // The site-name suffix of <title> is gone; the date is day-first; the author comes from the last line.
    expect(await popup.getByTestId('page-title').textContent()).toBe('Lan tỏa tinh thần học tập và làm theo tấm gương của Bác');
    expect(await popup.getByTestId('page-date').textContent()).toBe('Đăng ngày 12/06/2023');
    expect(await popup.getByTestId('page-author').textContent()).toContain('Quỳnh Anh');

    // How long detection + extraction took in the content script, for BENCHMARKS.md.
    const tabId = await tabIdOf(browser, page);
    const micros = await browser.serviceWorker.evaluate(async (id) => {
      const state = (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`] as { article?: { extractionMicros?: number } };
      return state.article?.extractionMicros;
    }, tabId);
    console.log(`content script: detection + extraction of the sample article took ${((micros ?? 0) / 1000).toFixed(1)} ms`);
    expect(micros).toBeGreaterThan(0);
  });

  it('does not take the category listing for an article', async () => {
    const browser = await session.launch();
    const page = await browser.context.newPage();
    await page.goto('http://hanoi.gov.vn/tin-tuc-su-kien.htm');
    await waitForSotay(browser, page);
    const popup = await openPopupFor(browser, page);
    await expect.poll(() => popup.getByTestId('page-kind').textContent()).toContain('Không phải trang bài viết');
  });
});
