/**
 * Attacks tried against the built extension in Chromium (issue 9; SECURITY.md maps each threat here).
 *
 * The hostile page (tests/fixtures/hostile/hostile.gov.vn) runs before the content script, replaces
 * built-ins with spies, listens to every message, and forges events; the crafted pages are generated
 * at run time (50 MB, 100,000-deep nesting, two million text nodes) so the repository stays small.
 * Each prints what it measured ("[security] …").
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SAMPLE_ARTICLE_URL,
  contentScriptWorld,
  openPopupFor,
  paintedTexts,
  selectText,
  tabIdOf,
  toolbar,
  useE2eSession,
  waitForSotay,
} from './support';

// Code passed to evaluate() in extension pages runs where `chrome` is the extension API.
declare const chrome: typeof import('@wxt-dev/browser').Browser;

interface HostileScan {
  html: string;
  shadows: string[];
  highlights: { name: string; text: string }[];
  added: string[];
  /** What attack() read from any Sổ tay UI it managed to open. */
  stolen: string[];
  messages: string;
  seen: string[];
}
interface HostileWindow {
  __hostile: { attack(): Promise<{ clicked: number }>; scan(): HostileScan; flood(): void; stopFlood(): void };
  __pwned?: unknown;
}

const HOSTILE_URL = 'http://hostile.gov.vn/tin-tuc/trang-thu-nghiem-an-ninh-4251127.htm';
const PASSAGE = 'đề nghị các đơn vị tăng cường diễn tập, rà soát lỗ hổng định kỳ';
const MARKUP_PASSAGE = 'đoạn mã <img src=x onerror="window.__pwned=1"> vào biểu mẫu góp ý';
const NOTE = 'GHI-CHU-RIENG-TU về diễn tập';
const TAG = 'tuyệt mật';

const craftedRoot = mkdtempSync(join(tmpdir(), 'sotay-crafted-'));

/** Writes the crafted pages: they are too big to keep in the repository. */
function writeCraftedSites(root: string): void {
  const head = (title: string, extra = '') =>
    `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title>` +
    `<meta property="og:type" content="article">${extra}</head><body><input id="search" aria-label="Tìm kiếm">`;
  const paragraph = (n: number) =>
    `<p>Đoạn ${n}: Ủy ban nhân dân thành phố tiếp tục chỉ đạo các sở, ngành rà soát thủ tục hành chính, ` +
    `bảo đảm công khai, minh bạch và thuận lợi cho người dân, doanh nghiệp trong năm ${2000 + (n % 26)}.</p>\n`;

  mkdirSync(join(root, 'lon.gov.vn/tin-tuc'), { recursive: true });
  const fd = openSync(join(root, 'lon.gov.vn/tin-tuc/trang-50-mb.htm'), 'w');
  let size = 0;
  const write = (s: string) => (size += writeSync(fd, s));
  // The bulk is hidden, as a page that wants to stall Sổ tay without stalling itself would do it: laid out,
  // 50 MB of paragraphs keep Chromium itself from finishing the page for minutes on a small machine.
  write(head('Trang 50 MB') + '<article><h1>Báo cáo tổng hợp năm</h1>' + paragraph(0) + '</article><div hidden>');
  let chunk = '';
  for (let n = 0; size < 50 * 1024 * 1024; n++) {
    chunk += paragraph(n);
    if (chunk.length > 1 << 20) {
      write(chunk);
      chunk = '';
    }
  }
  write(chunk + '</div></body></html>');
  closeSync(fd);

  mkdirSync(join(root, 'sau.gov.vn/tin-tuc'), { recursive: true });
  writeFileSync(
    join(root, 'sau.gov.vn/tin-tuc/long-sau-100000.htm'),
    head('Lồng sâu 100.000 tầng') + '<div>'.repeat(100_000) + 'Đáy' + '</div>'.repeat(100_000) + '</body></html>',
  );
  // Chromium's HTML parser stops nesting at 512 levels; a script can build deeper — but past about 3,000
  // levels Chromium's own renderer crashes, Sổ tay or not, so 2,000 is as deep as a page can usefully go.
  writeFileSync(
    join(root, 'sau.gov.vn/tin-tuc/long-sau-bang-script.htm'),
    head('Lồng sâu bằng script') +
      '<article><h1>Lồng sâu</h1><div id="root"></div></article><script>' +
      'var p = document.getElementById("root"); for (var i = 0; i < 2000; i++) { var d = document.createElement("div"); p.appendChild(d); p = d; }' +
      'p.textContent = "Đáy";</script></body></html>',
  );

  mkdirSync(join(root, 'vun.gov.vn/tin-tuc'), { recursive: true });
  writeFileSync(
    join(root, 'vun.gov.vn/tin-tuc/hai-trieu-nut-chu.htm'),
    head('Hai triệu nút chữ') +
      // Hidden, like the 50 MB page: laid out, two million text nodes in one paragraph take Chromium itself
      // minutes here.
      '<article><h1>Hai triệu nút chữ</h1><p>Mở đầu.</p><p id="dust" hidden></p></article><script>' +
      'var p = document.getElementById("dust"); for (var i = 0; i < 2000000; i++) p.appendChild(document.createTextNode(i % 7 ? "a" : " "));' +
      '</script></body></html>',
  );
}

const session = useE2eSession({
  extraRoots: () => {
    writeCraftedSites(craftedRoot);
    return ['tests/fixtures/hostile', craftedRoot];
  },
  afterAllTests: () => rmSync(craftedRoot, { recursive: true, force: true }),
});

/** Are these built-ins the browser's own, in the world the expression is evaluated in? */
const NATIVE_CHECK = `[Array.prototype.map, Array.prototype.push, Array.prototype.includes, JSON.stringify, JSON.parse,
  Node.prototype.appendChild, Element.prototype.attachShadow, Object.keys, Promise.prototype.then,
  String.prototype.normalize, EventTarget.prototype.addEventListener]
  .map((f) => /\\[native code\\]/.test(Function.prototype.toString.call(f)))`;

async function addNote(page: Page, passage: string, note: string, tag?: string): Promise<void> {
  await selectText(page, passage);
  const bar = toolbar(page);
  await bar.getByRole('button', { name: 'Đánh dấu màu vàng' }).click();
  // Saved: the toolbar now edits the new highlight (only that one offers to delete it).
  await bar.getByRole('button', { name: 'Xóa đánh dấu' }).waitFor();
  if (tag) {
    await bar.getByRole('button', { name: 'Thẻ' }).click();
    await bar.getByRole('combobox', { name: 'Thêm thẻ' }).fill(tag);
    await bar.getByRole('combobox', { name: 'Thêm thẻ' }).press('Enter');
    await expect.poll(() => bar.getByRole('button', { name: `Bỏ thẻ ${tag}` }).count()).toBe(1);
  }
  await bar.getByRole('button', { name: 'Ghi chú' }).click();
  await bar.getByRole('textbox').fill(note);
  await bar.getByRole('button', { name: 'Lưu ghi chú' }).click();
  await expect.poll(() => bar.getByRole('status').textContent()).toBe('Đã lưu ghi chú.');
  await page.keyboard.press('Escape');
  await expect.poll(() => bar.count()).toBe(0);
}

const scanOf = (page: Page) => page.evaluate(() => (window as unknown as HostileWindow).__hostile.scan());

describe('a hostile page', () => {
  it('that replaced built-ins before Sổ tay ran, listens to everything and forges events learns only the highlighted ranges — never a note or a tag — and cannot act for the reader', async () => {
    const browser = await session.launch();
    const page = await browser.context.newPage();
    await page.goto(HOSTILE_URL);
    await waitForSotay(browser, page);
    await addNote(page, PASSAGE, NOTE, TAG);
    await expect.poll(() => paintedTexts(page, 'yellow')).toEqual([PASSAGE]);
    // Even while the note was written, none of it went through the page's spied built-ins.
    const whileWriting = await scanOf(page);
    expect([...whileWriting.seen, whileWriting.messages].join('\n')).not.toContain('GHI-CHU');

    // A later visit: the page now goes looking for what the reader wrote.
    await page.reload();
    await waitForSotay(browser, page);
    await expect.poll(() => paintedTexts(page, 'yellow')).toEqual([PASSAGE]);
    const attack = await page.evaluate(() => (window as unknown as HostileWindow).__hostile.attack());
    const scan = await scanOf(page);
    const everything = [scan.html, ...scan.shadows, ...scan.added, ...scan.stolen, scan.messages, ...scan.seen].join('\n');
    expect(everything).not.toContain('GHI-CHU');
    expect(everything).not.toContain(TAG);
    // Forged mouse and keyboard events over the highlight opened no Sổ tay UI, so there was nothing to click.
    expect(scan.added).toEqual([]);
    expect(attack.clicked).toBe(0);
    // What the page can see is the highlight range itself, and nothing else.
    expect(scan.highlights).toEqual([{ name: 'sotay-yellow', text: PASSAGE }]);

    // Why: the content script has its own JavaScript world, with the browser's own built-ins.
    expect(await page.evaluate(NATIVE_CHECK)).toEqual(Array(11).fill(false));
    const world = await contentScriptWorld(page, browser.extensionId);
    expect(await world.evaluate(NATIVE_CHECK)).toEqual(Array(11).fill(true));
    await world.detach();

    // The reader's highlight, tag and note are untouched, and still work as before.
    const popup = await openPopupFor(browser, page);
    await expect.poll(() => popup.getByTestId('highlights').textContent()).toContain(NOTE);
    expect(await popup.getByTestId('highlights').textContent()).toContain(TAG);
    await selectText(page, 'mô hình bốn lớp bảo vệ');
    await toolbar(page).getByRole('button', { name: 'Đánh dấu màu tím' }).click();
    await expect.poll(() => paintedTexts(page, 'purple')).toEqual(['mô hình bốn lớp bảo vệ']);
    expect(await page.evaluate(() => (window as unknown as HostileWindow).__pwned)).toBeUndefined();
  }, 180_000);

  it('that floods the DOM with changes leaves Sổ tay responsive', async () => {
    const browser = await session.launch();
    const page = await browser.context.newPage();
    await page.goto(HOSTILE_URL);
    await waitForSotay(browser, page);
    const bar = toolbar(page);
    /** Select a passage and time how long the toolbar takes to appear, as the reader would wait for it. */
    const timeToToolbar = async (passage: string) => {
      const started = Date.now();
      await selectText(page, passage);
      await bar.getByRole('button', { name: 'Đánh dấu màu xanh lá' }).waitFor({ timeout: 20_000 });
      return Date.now() - started;
    };
    // The same action on the same page without the flood, in the same run: this machine's reference.
    const quiet = await timeToToolbar('tăng 18% so với cùng kỳ năm trước');
    await bar.getByRole('button', { name: 'Đóng' }).click();
    await expect.poll(() => bar.count()).toBe(0);

    await page.evaluate(() => (window as unknown as HostileWindow).__hostile.flood());
    await page.waitForTimeout(1000);
    const mutationsPerSecond = await page.evaluate(async () => {
      let count = 0;
      const observer = new MutationObserver((records) => (count += records.length));
      observer.observe(document.body, { childList: true, subtree: true, attributes: true });
      await new Promise((r) => setTimeout(r, 1000));
      observer.disconnect();
      return count;
    });
    expect(mutationsPerSecond).toBeGreaterThan(1000);

    const flooded = await timeToToolbar(PASSAGE);
    const started = Date.now();
    await bar.getByRole('button', { name: 'Đánh dấu màu xanh lá' }).click();
    await expect.poll(() => paintedTexts(page, 'green')).toEqual([PASSAGE]);
    const toPainted = Date.now() - started;
    await page.evaluate(() => (window as unknown as HostileWindow).__hostile.stopFlood());
    console.log(
      `[security] DOM flood of ~${mutationsPerSecond} mutation records/s: toolbar after ${flooded} ms (${quiet} ms without the flood, ` +
        `ratio ${(flooded / Math.max(quiet, 1)).toFixed(2)}), highlight saved and painted ${toPainted} ms after the click`,
    );
    // The flood costs the page itself (layout after every change); Sổ tay must add no more than that.
    expect(flooded).toBeLessThan(3 * quiet + 2_000);
  }, 120_000);

  it('cannot get another site’s notes through the content script: the background refuses its requests about other pages', async () => {
    const browser = await session.launch();
    const hanoi = await browser.context.newPage();
    await hanoi.goto(SAMPLE_ARTICLE_URL);
    await waitForSotay(browser, hanoi);
    await addNote(hanoi, 'Công tác kiểm tra, giám sát được chú trọng', 'NOTE-HANOI');
    const hanoiTab = await tabIdOf(browser, hanoi);
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    const ask = (tabId: number) =>
      options.evaluate((id) => chrome.runtime.sendMessage({ type: 'tab/annotations', data: { tabId: id } }), tabId) as Promise<{
        ok: boolean;
        value: { annotations: { id: string; note: string }[] };
      }>;
    const before = await ask(hanoiTab);
    expect(before.value.annotations.map((a) => a.note)).toEqual(['NOTE-HANOI']);
    const id = before.value.annotations[0]!.id;

    const page = await browser.context.newPage();
    await page.goto(HOSTILE_URL);
    await waitForSotay(browser, page);
    const world = await contentScriptWorld(page, browser.extensionId);
    const send = (message: unknown) => world.evaluate<{ ok: boolean; error?: { code: string }; value?: unknown }>(`chrome.runtime.sendMessage(${JSON.stringify(message)})`);
    const report = { title: 'x', article: { isArticle: true, confidence: 90, meta: { title: 'x' } } };

    expect(await send({ type: 'annotation/delete', data: { id } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send({ type: 'annotation/update', data: { id, changes: { note: 'overwritten' } } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send({ type: 'tab/annotations', data: { tabId: hanoiTab } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send({ type: 'page/save', data: { tabId: hanoiTab } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send({ type: 'page/report', data: { url: SAMPLE_ARTICLE_URL, ...report } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send({ type: 'annotation/delete', data: { id, tabId: hanoiTab } })).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    // Reporting its own page is allowed, and the answer carries only that page's highlights.
    const own = await send({ type: 'page/report', data: { url: HOSTILE_URL, ...report } });
    expect(own).toMatchObject({ ok: true, value: { active: true, annotations: [] } });
    await world.detach();

    const after = await ask(hanoiTab);
    expect(after.value.annotations).toEqual(before.value.annotations);
  });

  it('shows stored markup, javascript: links and direction overrides as text in the popup and the library, and runs none of them', async () => {
    const browser = await session.launch();
    const page = await browser.context.newPage();
    await page.goto(HOSTILE_URL);
    await waitForSotay(browser, page);
    const note = '<img src=x onerror="window.__pwned=4"> [bấm vào](javascript:window.__pwned=5) \u202Etxt.exe';
    await addNote(page, MARKUP_PASSAGE, note, '<b>thẻ</b>');
    await expect.poll(() => paintedTexts(page, 'yellow')).toEqual([MARKUP_PASSAGE]);

    const popup = await openPopupFor(browser, page);
    const list = popup.getByTestId('highlights');
    await expect.poll(() => list.textContent()).toContain(MARKUP_PASSAGE);
    expect(await list.textContent()).toContain(note);
    expect(await list.textContent()).toContain('<b>thẻ</b>');

    const library = await browser.context.newPage();
    await library.goto(browser.extensionUrl('options.html'));
    const row = library.getByTestId('highlight-row');
    await expect.poll(() => row.count()).toBe(1);
    const rowText = await row.textContent();
    expect(rowText).toContain(MARKUP_PASSAGE);
    expect(rowText).toContain(note);
    // The direction override stays inside its own text: the row's other text is not reversed around it.
    expect(rowText).toContain('\u202Etxt.exe');

    for (const view of [popup, library]) {
      const found = await view.evaluate(() => ({
        images: document.querySelectorAll('img[src="x"], img[onerror]').length,
        bold: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'thẻ').length,
        scriptLinks: [...document.querySelectorAll('a')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
        pwned: (window as unknown as HostileWindow).__pwned,
      }));
      expect(found).toEqual({ images: 0, bold: 0, scriptLinks: 0, pwned: undefined });
    }
    expect(await page.evaluate(() => (window as unknown as HostileWindow).__pwned)).toBeUndefined();
  });
});

describe('least privilege', () => {
  it('the shipped manifest asks for no more than SECURITY.md lists, exposes nothing to pages or other extensions, and its pages refuse inline script and inline handlers', async () => {
    const browser = await session.launch();
    const manifest = (await browser.serviceWorker.evaluate(() => chrome.runtime.getManifest())) as unknown as Record<string, unknown>;
    expect(manifest.permissions).toEqual(['storage', 'unlimitedStorage', 'contextMenus', 'activeTab', 'scripting']);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.content_security_policy).toEqual({ extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'" });
    const contentScripts = manifest.content_scripts as { matches: string[]; all_frames?: boolean; world?: string }[];
    expect(contentScripts).toHaveLength(1);
    expect(contentScripts[0]!.all_frames ?? false).toBe(false);
    expect(contentScripts[0]!.world ?? 'ISOLATED').toBe('ISOLATED');
    for (const pattern of contentScripts[0]!.matches) expect(pattern).toMatch(/^\*:\/\/\*\.[a-z.]+\.[a-z]+\/\*$/);

    const library = await browser.context.newPage();
    await library.goto(browser.extensionUrl('options.html'));
    // (eval itself cannot be tried from here: code run through the DevTools protocol is exempt from CSP.)
    const refused = await library.evaluate(async () => {
      const flags = window as unknown as { __inlineRan?: boolean; __handlerRan?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      const image = document.createElement('img');
      image.setAttribute('onerror', 'window.__handlerRan = true');
      image.src = 'does-not-exist.png';
      document.body.append(image);
      await new Promise((r) => setTimeout(r, 500));
      return { inlineScript: flags.__inlineRan ?? false, inlineHandler: flags.__handlerRan ?? false };
    });
    expect(refused).toEqual({ inlineScript: false, inlineHandler: false });
  });
});

describe('crafted pages', () => {
  /**
   * Loads a page, then waits for Sổ tay's decision: either it reported the page (tab state appears) or
   * it said in the console that the page is over its budget. Returns what happened and how fast.
   */
  async function visit(url: string) {
    const page = await session.browser!.context.newPage();
    const cdp = await session.browser!.context.newCDPSession(page);
    const notes: string[] = [];
    const errors: string[] = [];
    cdp.on('Runtime.consoleAPICalled', (event) => {
      const text = event.args.map((a) => String(a.value ?? a.description ?? '')).join(' ');
      if (text.includes('[Sổ tay]')) notes.push(text);
    });
    cdp.on('Runtime.exceptionThrown', (event) => errors.push(event.exceptionDetails.exception?.description ?? event.exceptionDetails.text));
    await cdp.send('Runtime.enable');
    const started = Date.now();
    await page.goto(url, { timeout: 180_000, waitUntil: 'load' });
    const loadedMs = Date.now() - started;
    const tabId = await tabIdOf(session.browser!, page);
    const tabState = () =>
      session.browser!.serviceWorker.evaluate(
        async (id) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`] as { article?: { extractionMicros?: number } } | undefined,
        tabId,
      );
    const reported = async () => (await tabState()) !== undefined;
    let decidedMs = -1;
    for (let waited = 0; waited < 30_000; waited += 100) {
      if (notes.length || (await reported())) {
        decidedMs = Date.now() - started - loadedMs;
        break;
      }
      await page.waitForTimeout(100);
    }
    // The page is still the reader's: its scripts answer and its search box takes typing.
    const answered = Date.now();
    expect(await page.evaluate(() => document.readyState)).toBe('complete');
    const answerMs = Date.now() - answered;
    await page.getByRole('textbox', { name: 'Tìm kiếm' }).click();
    await page.keyboard.type('an toàn');
    expect(await page.getByRole('textbox', { name: 'Tìm kiếm' }).inputValue()).toBe('an toàn');
    await cdp.detach();
    const extractionMs = Math.round(((await tabState())?.article?.extractionMicros ?? 0) / 1000);
    return { page, notes, errors, loadedMs, decidedMs, answerMs, extractionMs, reported: await reported() };
  }

  it('a 50 MB page, 100,000-deep nesting (and 2,000 deep by script) and two million text nodes: Sổ tay decides within its budget, stays off where the page is over it, and the page stays usable', async () => {
    const browser = await session.launch();
    const cases: { url: string; over: boolean }[] = [
      { url: 'http://lon.gov.vn/tin-tuc/trang-50-mb.htm', over: true },
      { url: 'http://sau.gov.vn/tin-tuc/long-sau-bang-script.htm', over: true },
      { url: 'http://vun.gov.vn/tin-tuc/hai-trieu-nut-chu.htm', over: true },
      // Chromium's parser flattens nesting past 512 levels: what reaches Sổ tay is 100,000 elements 512
      // deep — within the node and depth limits, but extraction took ten seconds on it (nesting work).
      { url: 'http://sau.gov.vn/tin-tuc/long-sau-100000.htm', over: true },
    ];
    for (const { url, over } of cases) {
      const result = await visit(url);
      console.log(
        `[security] ${url}: loaded in ${result.loadedMs} ms, Sổ tay decided ${result.decidedMs} ms after load` +
          ` (${result.notes[0] ?? (result.reported ? `reported the page, extraction took ${result.extractionMs} ms` : 'nothing')}), page answered in ${result.answerMs} ms`,
      );
      expect(result.decidedMs).toBeGreaterThanOrEqual(0);
      expect(result.decidedMs).toBeLessThan(10_000);
      expect(result.errors).toEqual([]);
      if (over) {
        expect(result.notes.join('\n')).toMatch(/off on this page\. Page too large for Sổ tay: over the \w+ limit/);
        expect(result.reported).toBe(false);
        const popup = await openPopupFor(browser, result.page);
        await expect.poll(() => popup.getByTestId('not-active').count()).toBe(1);
        await popup.close();
      } else {
        // Measured and extracted: it is reported, and it is not taken for an article.
        expect(result.notes).toEqual([]);
        expect(result.reported).toBe(true);
        const popup = await openPopupFor(browser, result.page);
        await expect.poll(() => popup.getByTestId('page-kind').count()).toBe(1);
        expect(await popup.getByTestId('page-kind').textContent()).toContain('Không phải trang bài viết');
        await popup.close();
      }
      await result.page.close();
    }
    // The same browser still turns Sổ tay on for an ordinary article.
    const normal = await browser.context.newPage();
    await normal.goto(HOSTILE_URL);
    await waitForSotay(browser, normal);
  }, 600_000);
});
