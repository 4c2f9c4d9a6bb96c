import { describe, expect, it } from 'vitest';
import type { SiteServer } from '../../scripts/lib/site-server';
import type { ExtensionBrowser } from '../../scripts/lib/browser';
import { SAMPLE_ARTICLE_URL, contentScriptWorld, openPopupFor, paintedTexts, selectText, toolbar, useE2eSession, waitForSotay } from './support';

/**
 * Two recorders for everything leaving the browser: the browser's own request events (every context:
 * pages, extension pages, the service worker) and the loopback server every host name resolves to
 * (--host-resolver-rules), which sees any http request from anywhere in Chromium, content-script
 * fetches included, whether or not the browser reports it.
 */
function recordRequests(b: ExtensionBrowser, sites: SiteServer) {
  const fromBrowser: string[] = [];
  b.context.on('request', (request) => fromBrowser.push(request.url()));
  const alreadyServed = sites.requests.length;
  return { fromBrowser, atServer: () => sites.requests.slice(alreadyServed) };
}


const session = useE2eSession();

describe('privacy', () => {
  it('makes no network request of its own during a full session, and leaves no note in the page', async () => {
    const browser = await session.launch();
    const recorder = recordRequests(browser, session.server);
    const requests = recorder.fromBrowser;

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
    const extension = (url: string) => url.startsWith(`chrome-extension://${browser.extensionId}/`);
    const local = (url: string) => url.startsWith('data:') || url.startsWith('blob:');
    const foreign = requests.filter((url) => !ownPage(url) && !extension(url) && !local(url));
    expect(foreign).toEqual([]);
    // And the page requested only its own resources: nothing was added to it.
    expect(requests.filter(ownPage).every((url) => /\.(htm|svg|ico)(\?|$)/.test(url))).toBe(true);
    // Nothing reached any other host either, from any context. (Chromium's own clock and component
    // updater calls to Google are the browser's, not an extension context's: the browser recorder
    // above, which sees every context, would have caught them from Sổ tay.)
    const chromiumItself = (hostPath: string) => /^[^/]*\.(google\.com|googleapis\.com|gvt1\.com)\//.test(hostPath);
    expect(recorder.atServer().filter((hostPath) => !hostPath.startsWith('hanoi.gov.vn/') && !chromiumItself(hostPath))).toEqual([]);
  });

  it('the recorders above do hear a request from each of the extension’s contexts (so their silence means something)', async () => {
    const browser = await session.launch();
    const recorder = recordRequests(browser, session.server);
    const page = await browser.context.newPage();
    await page.goto(SAMPLE_ARTICLE_URL);
    await waitForSotay(browser, page);
    const popup = await openPopupFor(browser, page);
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    const probe = (from: string) => `http://probe.example/${from}`;
    // The loopback server answers 404 without CORS headers, so the fetches fail in the caller: what
    // matters is that each request was made, and seen.
    await browser.serviceWorker.evaluate((url) => fetch(url).catch(() => undefined), probe('worker'));
    await popup.evaluate((url) => fetch(url).catch(() => undefined), probe('popup'));
    await options.evaluate((url) => fetch(url).catch(() => undefined), probe('options'));
    const world = await contentScriptWorld(page, browser.extensionId);
    await world.evaluate(`fetch(${JSON.stringify(probe('content-script'))}).catch(() => undefined)`);
    await world.detach();
    const contexts = ['worker', 'popup', 'options', 'content-script'];
    expect(recorder.atServer().filter((p) => p.startsWith('probe.example/')).sort()).toEqual(contexts.map((c) => `probe.example/${c}`).sort());
    // The browser's own events miss none of the extension's contexts either.
    await expect.poll(() => recorder.fromBrowser.filter((u) => u.startsWith('http://probe.example/')).sort()).toEqual(contexts.map(probe).sort());
  });
});
