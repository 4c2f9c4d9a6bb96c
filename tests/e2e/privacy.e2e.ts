import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SiteServer } from '../../scripts/lib/site-server';
import type { ExtensionBrowser } from '../../scripts/lib/browser';
import { SAMPLE_ARTICLE_URL, launch, openPopupFor, paintedTexts, selectText, startSites, toolbar, waitForSotay } from './support';

let server: SiteServer;
let browser: ExtensionBrowser | undefined;

beforeAll(async () => {
  server = await startSites();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

describe('privacy', () => {
  it('makes no network request of its own during a full session, and leaves no note in the page', async () => {
    browser = await launch(server);
    const requests: string[] = [];
    browser.context.on('request', (request) => requests.push(request.url()));

    const page = await browser.context.newPage();
    await page.goto(SAMPLE_ARTICLE_URL);
    await waitForSotay(browser, page);
    const passage = 'Công tác kiểm tra, giám sát được chú trọng';
    await selectText(page, passage);
    const bar = toolbar(page);
    await bar.getByRole('button', { name: 'Thẻ' }).click();
    await bar.getByRole('combobox', { name: 'Thêm thẻ' }).fill('kiểm tra');
    await bar.getByRole('combobox', { name: 'Thêm thẻ' }).press('Enter');
    await bar.getByRole('button', { name: 'Ghi chú' }).click();
    await bar.getByRole('textbox').fill('GHI-CHU-RIENG-TU');
    await bar.getByRole('button', { name: 'Lưu ghi chú' }).click();
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('Đã lưu ghi chú.');
    await page.keyboard.press('Escape');
    await expect.poll(() => paintedTexts(page, 'yellow')).toEqual([passage]);

    // What the page's own scripts can see: the highlight ranges, but no note and no tag.
    const visibleToPage = await page.evaluate(() => document.documentElement.outerHTML);
    expect(visibleToPage).not.toContain('GHI-CHU-RIENG-TU');
    expect(visibleToPage).not.toContain('kiểm tra</');

    const popup = await openPopupFor(browser, page);
    await expect.poll(() => popup.getByTestId('highlights').textContent()).toContain('GHI-CHU-RIENG-TU');
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.waitForLoadState('networkidle');
    await page.reload();
    await expect.poll(() => paintedTexts(page, 'yellow')).toEqual([passage]);

    const ownPage = (url: string) => url.startsWith('http://hanoi.gov.vn/');
    const extension = (url: string) => url.startsWith(`chrome-extension://${browser!.extensionId}/`);
    const local = (url: string) => url.startsWith('data:') || url.startsWith('blob:');
    const foreign = requests.filter((url) => !ownPage(url) && !extension(url) && !local(url));
    expect(foreign).toEqual([]);
    // And the page requested only its own resources: nothing was added to it.
    expect(requests.filter(ownPage).every((url) => /\.(htm|svg|ico)(\?|$)/.test(url))).toBe(true);
  });
});
