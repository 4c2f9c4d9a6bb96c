/**
 * The exported passage links, opened in real Chromium (Debian's, through playwright-core): the browser
 * must scroll to the paragraph holding the passage — for unique quotes, repeated phrases, long quotes
 * and quotes across paragraphs, with and without the article text known at export time.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textFragmentLink } from '../../../utils/export';
import type { Annotation } from '../../../utils/model/types';
import { SEED_TEXT, highlightOf, seedHighlights } from './seed';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const PARAGRAPHS = SEED_TEXT.split('\n');

/** The seed text as a page: one <p> per line, tall spacers so every passage needs a scroll. */
function seedPage(): string {
  const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const paragraphs = PARAGRAPHS.map((line, index) => (line.trim() ? `<p id="line-${index}">${escapeHtml(line)}</p>` : '')).join('\n');
  return `<!doctype html><html lang="vi"><meta charset="utf-8"><body><div style="height:3000px"></div>${paragraphs}<div style="height:3000px"></div></body></html>`;
}

/** Index of the line (= paragraph element) where a highlight starts. */
function lineOf(annotation: Annotation): number {
  return SEED_TEXT.slice(0, annotation.target.position.start).split('\n').length - 1;
}

let server: Server;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `Chromium at ${CHROMIUM}`).toBe(true);
  const html = seedPage();
  server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/bai-viet`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

const cases: [string, Annotation][] = [
  ...seedHighlights().map((annotation): [string, Annotation] => [annotation.quote.slice(0, 30), annotation]),
  ['repeated phrase, 6th time', highlightOf(SEED_TEXT, 'học tập và làm theo', { occurrence: 5 })],
  ['short name, 3rd time', highlightOf(SEED_TEXT, 'Hà Nội', { occurrence: 2 })],
];

describe('passage links open at the passage in Chromium', () => {
  for (const [name, annotation] of cases) {
    it(`${name}`, async () => {
      const link = textFragmentLink(baseUrl, annotation.target.quote, SEED_TEXT, annotation.target.position);
      const page = await browser.newPage();
      try {
        await page.goto(link);
        await page.waitForFunction(() => window.scrollY > 0, undefined, { timeout: 15_000 });
        const target = `#line-${lineOf(annotation)}`;
        const box = await page.locator(target).boundingBox();
        const viewport = page.viewportSize();
        expect(box, target).not.toBeNull();
        expect((box?.y ?? -1) + (box?.height ?? 0)).toBeGreaterThan(0);
        expect(box?.y ?? Infinity).toBeLessThan(viewport?.height ?? 0);
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
