import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSiteServer, type SiteServer } from '../../scripts/lib/site-server';
import type { ExtensionBrowser } from '../../scripts/lib/browser';
import { SAMPLE_ARTICLE_URL, SITE_ROOTS, launch, openPopupFor, paintedTexts, selectText, toolbar, waitForSotay } from './support';

const PASSAGE = 'trên cả nước có 25.525 mô hình khác nhau trong học tập và làm theo Bác';
const SAMPLE_FILE = 'sample/sites/hanoi.gov.vn/tin-tuc-su-kien/lan-toa-tinh-than-hoc-tap-va-lam-theo-tam-guong-cua-bac-4230612155218163.htm';

let overlay: string;
let server: SiteServer;
let browser: ExtensionBrowser | undefined;

/** Serve a changed copy of the sample article at its own URL (the portal edited it). */
function publishEditedSample(edit: (html: string) => string) {
  const target = join(overlay, 'hanoi.gov.vn', SAMPLE_FILE.replace('sample/sites/hanoi.gov.vn/', ''));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, edit(readFileSync(SAMPLE_FILE, 'utf8')));
}

beforeAll(async () => {
  overlay = mkdtempSync(join(tmpdir(), 'sotay-overlay-'));
  server = await startSiteServer([...SITE_ROOTS, overlay]);
});
afterAll(async () => {
  await server.close();
  rmSync(overlay, { recursive: true, force: true });
});
afterEach(async () => {
  await browser?.close();
  browser = undefined;
  rmSync(join(overlay, 'hanoi.gov.vn'), { recursive: true, force: true });
});

async function openSample(url = SAMPLE_ARTICLE_URL) {
  const page = await browser!.context.newPage();
  await page.goto(url);
  await waitForSotay(browser!, page);
  return page;
}

describe('highlighting through the toolbar', () => {
  it('highlights with a colour, tags and a note; all of it comes back after a reload', async () => {
    browser = await launch(server);
    const page = await openSample();
    await selectText(page, PASSAGE);
    const bar = toolbar(page);
    await bar.getByRole('button', { name: 'Đánh dấu màu xanh lá' }).click();
    await expect.poll(() => paintedTexts(page, 'green')).toEqual([PASSAGE]);
    // The toolbar now edits the new highlight.
    await bar.getByRole('button', { name: 'Thẻ' }).click();
    const tagInput = bar.getByRole('combobox', { name: 'Thêm thẻ' });
    await tagInput.fill('học tập');
    await tagInput.press('Enter');
    await tagInput.fill('Hà Nội');
    await tagInput.press('Enter');
    await expect.poll(() => bar.getByRole('button', { name: 'Bỏ thẻ Hà Nội' }).count()).toBe(1);
    await bar.getByRole('button', { name: 'Ghi chú' }).click();
    await bar.getByRole('textbox', { name: 'Ghi chú cho đoạn đánh dấu' }).fill('Số liệu đến tháng 4/2023');
    await bar.getByRole('button', { name: 'Lưu ghi chú' }).click();
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('Đã lưu ghi chú.');
    await page.keyboard.press('Escape');
    await expect.poll(() => bar.count()).toBe(0);
    // Closed toolbar: no note or tag text left in the page's DOM.
    expect(await page.evaluate(() => document.documentElement.outerHTML.includes('Số liệu đến tháng 4/2023'))).toBe(false);

    await page.reload();
    await expect.poll(() => paintedTexts(page, 'green')).toEqual([PASSAGE]);
    const popup = await openPopupFor(browser, page);
    const item = popup.getByTestId('highlights').getByRole('listitem');
    await expect.poll(() => item.count()).toBe(1);
    const text = await item.textContent();
    expect(text).toContain(PASSAGE);
    expect(text).toContain('#học tập #Hà Nội');
    expect(text).toContain('Số liệu đến tháng 4/2023');
  });

  it('finds the same highlights behind utm_ parameters and a #fragment', async () => {
    browser = await launch(server);
    const page = await openSample();
    await selectText(page, PASSAGE);
    await toolbar(page).getByRole('button', { name: 'Đánh dấu màu vàng' }).click();
    await expect.poll(() => paintedTexts(page, 'yellow')).toEqual([PASSAGE]);
    const shared = await openSample(`${SAMPLE_ARTICLE_URL}?utm_source=zalo&utm_medium=social&fbclid=abc#binh-luan`);
    await expect.poll(() => paintedTexts(shared, 'yellow')).toEqual([PASSAGE]);
  });

  it('restores a highlight by fuzzy matching after the portal edits the article a little', async () => {
    browser = await launch(server);
    const page = await openSample();
    await selectText(page, PASSAGE);
    await toolbar(page).getByRole('button', { name: 'Đánh dấu màu hồng' }).click();
    await expect.poll(() => paintedTexts(page, 'pink')).toEqual([PASSAGE]);

    publishEditedSample((html) =>
      html
        .replace('Tính đến tháng 4/2023,', 'Theo số liệu cập nhật, tính đến tháng 4/2023,')
        .replace('25.525 mô hình khác nhau', '25.526 mô hình khác nhau'),
    );
    await page.reload();
    await expect.poll(() => paintedTexts(page, 'pink')).toEqual([PASSAGE.replace('25.525', '25.526')]);
  });

  it('keeps a highlight whose passage was removed as an orphan, shown in the popup', async () => {
    browser = await launch(server);
    const page = await openSample();
    await selectText(page, PASSAGE);
    await toolbar(page).getByRole('button', { name: 'Đánh dấu màu tím' }).click();
    await expect.poll(() => paintedTexts(page, 'purple')).toEqual([PASSAGE]);

    publishEditedSample((html) => html.replace(/Tính đến tháng 4\/2023[^<]*/, ''));
    await page.reload();
    await waitForSotay(browser, page);
    const popup = await openPopupFor(browser, page);
    const item = popup.getByTestId('highlights').getByRole('listitem');
    await expect.poll(() => item.textContent()).toContain('Không tìm thấy trên trang này');
    expect(await item.textContent()).toContain(PASSAGE);
    expect(await paintedTexts(page, 'purple')).toEqual([]);
  });

  it('suggests an existing Vietnamese tag from unaccented input', async () => {
    browser = await launch(server);
    const page = await openSample();
    await selectText(page, PASSAGE);
    const bar = toolbar(page);
    await bar.getByRole('button', { name: 'Thẻ' }).click();
    const input = bar.getByRole('combobox', { name: 'Thêm thẻ' });
    await input.fill('học tập');
    await input.press('Enter');
    await expect.poll(() => paintedTexts(page, 'yellow')).toEqual([PASSAGE]);
    await page.keyboard.press('Escape');

    await selectText(page, 'Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến');
    await bar.getByRole('button', { name: 'Thẻ' }).click();
    await bar.getByRole('combobox', { name: 'Thêm thẻ' }).fill('hoc');
    await expect.poll(() => bar.getByRole('option').allTextContents()).toEqual([expect.stringContaining('học tập')]);
    await bar.getByRole('option').first().dispatchEvent('mousedown');
    await expect.poll(() => bar.getByRole('button', { name: 'Bỏ thẻ học tập' }).count()).toBe(1);
  });
});
