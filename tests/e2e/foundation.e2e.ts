import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  NON_PORTAL_URL,
  SAMPLE_ARTICLE_URL,
  SAMPLE_TITLE,
  openPopupFor,
  tabIdOf,
  useE2eSession,
  waitForSotay,
} from './support';

// Code passed to evaluate() runs inside the extension, where `chrome` is the extension API.
declare const chrome: typeof import('@wxt-dev/browser').Browser;

const session = useE2eSession();

describe('the extension in Chromium', () => {
  it('is active on a portal page: the popup shows the page and saves it; the library lists it', async () => {
    const browser = await session.launch();
    const article = await browser.context.newPage();
    await article.goto(SAMPLE_ARTICLE_URL);
    await waitForSotay(browser, article);

    const popup = await openPopupFor(browser, article);
    await expect.poll(() => popup.getByTestId('page-title').textContent()).toContain(SAMPLE_TITLE);
    await popup.getByRole('button', { name: 'Lưu trang này' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toBe('Đã lưu vào thư viện.');

    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html#articles'));
    const link = options.getByRole('table').getByRole('link', { name: SAMPLE_TITLE });
    await expect.poll(() => link.count()).toBe(1);
    expect(await link.getAttribute('href')).toBe(SAMPLE_ARTICLE_URL);
  });

  it('is not active on a page outside the portal list', async () => {
    const browser = await session.launch();
    const page = await browser.context.newPage();
    await page.goto(NON_PORTAL_URL);
    await page.waitForLoadState('load');
    const tabId = await tabIdOf(browser, page);
    // Give a content script, had one been injected, time to report.
    await page.waitForTimeout(500);
    const reported = await browser.serviceWorker.evaluate((id) => chrome.storage.session.get(`tab:${id}`), tabId);
    expect(reported).toEqual({});
    const popup = await openPopupFor(browser, page);
    await expect.poll(() => popup.getByTestId('not-active').isVisible()).toBe(true);
    expect(await popup.getByRole('button', { name: 'Lưu trang này' }).count()).toBe(0);
  });

  it('keeps saved pages when the browser is closed and started again with the same profile', async () => {
    let browser = await session.launch();
    const article = await browser.context.newPage();
    await article.goto(SAMPLE_ARTICLE_URL + '?utm_source=zalo');
    await waitForSotay(browser, article);
    const popup = await openPopupFor(browser, article);
    await popup.getByRole('button', { name: 'Lưu trang này' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toBe('Đã lưu vào thư viện.');
    const profile = browser.userDataDir;
    await browser.close({ keepProfile: true });

    browser = await session.launch(profile);
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html#articles'));
    await expect.poll(() => options.getByRole('table').getByRole('row').count()).toBe(2); // header + the page
    expect(await options.getByRole('table').textContent()).toContain(SAMPLE_TITLE);
    await browser.close();
    session.browser = undefined;
    rmSync(profile, { recursive: true, force: true });
  });

  it('rejects malformed and forbidden messages from an extension page and changes nothing', async () => {
    const browser = await session.launch();
    const article = await browser.context.newPage();
    await article.goto(SAMPLE_ARTICLE_URL);
    await waitForSotay(browser, article);
    const tabId = await tabIdOf(browser, article);
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));

    const replies = await options.evaluate(async (id) => {
      const send = (m: unknown) => chrome.runtime.sendMessage(m);
      return {
        garbage: await send('drop table'),
        unknownType: await send({ type: 'pages/delete-all', data: {} }),
        wrongType: await send({ type: 'page/save', data: { tabId: String(id) } }),
        extraKey: await send({ type: 'page/save', data: { tabId: id, title: 'forged' } }),
        forged: await send({ type: 'page/report', data: { url: 'http://hanoi.gov.vn/forged.htm', title: 'Forged' } }),
        state: await send({ type: 'tab/annotations', data: { tabId: id } }),
      };
    }, tabId);
    expect(replies.garbage).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    expect(replies.unknownType).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    expect(replies.wrongType).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    expect(replies.extraKey).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    expect(replies.forged).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Nothing was saved and the tab still shows what its own content script reported.
    expect(replies.state).toMatchObject({ ok: true, value: { article: null, annotations: [], page: { url: SAMPLE_ARTICLE_URL } } });
  });
});
