/**
 * Runs inside Chromium (bundled by scripts/bench/content.ts and injected into the loaded page, as the
 * content script is at document_idle): the content script's start-up work — the page budget walk,
 * then detection + extraction — timed with performance.now().
 */
import { extractArticle } from '@/utils/extract';
import { measurePage } from '@/utils/page/budget';

export interface ContentRun {
  /** measurePage + extractArticle, as PageController.start times it (extractionMicros). */
  ms: number;
  isArticle: boolean;
  family: string;
  title: string;
  textLength: number;
}

declare global {
  interface Window {
    sotayContentBench: { run(): ContentRun; warmUp(): void };
  }
}

/**
 * A short article of our own, extracted once: compiles the code and the regular expressions it
 * reaches without working on the page, so a following cold call on the page costs what grows with it.
 */
function warmUp(): void {
  const doc = document.implementation.createHTMLDocument('Bài viết mẫu');
  const main = doc.createElement('article');
  const heading = doc.createElement('h1');
  heading.textContent = 'Bài viết mẫu';
  const date = doc.createElement('p');
  date.textContent = 'Thứ Hai, 12/06/2023 10:30';
  main.append(heading, date);
  for (let i = 0; i < 4; i++) {
    const paragraph = doc.createElement('p');
    paragraph.textContent = 'Sáng 12/6, hội nghị toàn quốc đánh giá tình hình thực hiện kết luận, với sự tham dự của đại diện các ban, bộ, ngành. '.repeat(3);
    main.append(paragraph);
  }
  const author = doc.createElement('p');
  author.textContent = 'Quỳnh Anh';
  main.append(author);
  doc.body.append(main);
  measurePage(doc.documentElement);
  extractArticle(doc, 'https://example.vn/tin-tuc/bai-viet-mau-123.htm');
}

window.sotayContentBench = {
  warmUp,
  run(): ContentRun {
    // The marks carry the main thread's CPU clock in a Chrome trace: the bench reads this call's CPU time there.
    performance.mark('sotay-run-start');
    const started = performance.now();
    measurePage(document.documentElement);
    const result = extractArticle(document, location.href);
    const ms = performance.now() - started;
    performance.mark('sotay-run-end');
    return { ms, isArticle: result.isArticle, family: result.family, title: result.meta.title, textLength: result.text.length };
  },
};
