import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLE_ARTICLE_URL, openPopupFor, paintedTexts, selectText, tabIdOf, useE2eSession, waitForSotay } from './support';

declare const chrome: typeof import('@wxt-dev/browser').Browser;


const session = useE2eSession();

const PASSAGES = [
  'Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến',
  'trên cả nước có 25.525 mô hình khác nhau trong học tập và làm theo Bác',
  'Công tác kiểm tra, giám sát được chú trọng',
  'nâng cao chất lượng cải cách hành chính, văn hóa công vụ',
];

describe('the store under stress', () => {
  it('loses nothing that was acknowledged when Chromium is killed mid-work (worker and all)', { timeout: 150_000 }, async () => {
    let browser = await session.launch();
    const page = await browser.context.newPage();
    await page.goto(SAMPLE_ARTICLE_URL);
    await waitForSotay(browser, page);
    const tabId = await tabIdOf(browser, page);
    // Commands reach the page from an extension page, which lives on while the worker is stopped.
    const commander = await browser.context.newPage();
    await commander.goto(browser.extensionUrl('options.html'));

    for (const passage of PASSAGES) {
      await page.bringToFront();
      await selectText(page, passage);
      // The shortcut path: the content script's create is acknowledged once the transaction has committed.
      await commander.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'content/highlight-selection', data: {} }), tabId);
      await expect.poll(() => paintedTexts(page, 'yellow').then((t) => t.includes(passage))).toBe(true);
    }
    // Right after the last acknowledgement, kill every Chromium process of this profile (SIGKILL: no
    // shutdown, no flush, the service worker dies mid-flight)…

    const profile = browser.userDataDir;
    execFileSync('pkill', ['-9', '-f', '--', `user-data-dir=${profile}`]);
    session.browser = undefined;
    // …then everything acknowledged is there in a new browser on the same profile.
    browser = await session.launch(profile);
    const again = await browser.context.newPage();
    await again.goto(SAMPLE_ARTICLE_URL);
    await expect.poll(async () => (await paintedTexts(again, 'yellow')).sort()).toEqual([...PASSAGES].sort());
    const popup = await openPopupFor(browser, again);
    await expect.poll(() => popup.getByTestId('highlights').getByRole('listitem').count()).toBe(PASSAGES.length);
    await browser.close();
    session.browser = undefined;
    rmSync(profile, { recursive: true, force: true });
  });

  it('keeps every highlight and exact tag counts when several tabs write at once', { timeout: 150_000 }, async () => {
    const browser = await session.launch();
    const pages = await Promise.all(PASSAGES.map(() => browser.context.newPage()));
    for (const page of pages) {
      await page.goto(SAMPLE_ARTICLE_URL);
      await waitForSotay(browser, page);
    }
    // Each tab selects its own passage; then all of them highlight with the same tag at the same time.
    const tabIds: number[] = [];
    for (const [i, page] of pages.entries()) {
      await selectText(page, PASSAGES[i]!);
      await page.keyboard.press('Escape');
      tabIds.push(await tabIdOf(browser, page));
    }
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.evaluate(
      (ids) => Promise.all(ids.map((id) => chrome.tabs.sendMessage(id, { type: 'content/highlight-selection', data: {} }))),
      tabIds,
    );
    for (const [i, page] of pages.entries()) {
      await expect.poll(() => paintedTexts(page, 'yellow').then((t) => t.includes(PASSAGES[i]!))).toBe(true);
    }
    // Now every highlight gets the same tag at the same moment: the tag's count must come out exact.
    const counts = await options.evaluate(async (tabId) => {
      const send = (type: string, data: unknown) => chrome.runtime.sendMessage({ type, data }) as Promise<{ ok: boolean; value: any }>;
      const { value } = await send('tab/annotations', { tabId });
      const ids = (value.annotations as { id: string }[]).map((a) => a.id);
      const replies = await Promise.all(ids.map((id) => send('annotation/update', { id, changes: { tags: ['học tập', 'Hà Nội'] } })));
      return { ids: ids.length, ok: replies.every((r) => r.ok), tags: (await send('tags/list', {})).value };
    }, tabIds[0]!);
    expect(counts.ids).toBe(PASSAGES.length);
    expect(counts.ok).toBe(true);
    expect(counts.tags).toEqual(
      expect.arrayContaining([
        { name: 'học tập', count: PASSAGES.length },
        { name: 'Hà Nội', count: PASSAGES.length },
      ]),
    );
    const popup = await openPopupFor(browser, pages[0]!);
    await expect.poll(() => popup.getByTestId('highlights').getByRole('listitem').count()).toBe(PASSAGES.length);
  });
});
