/**
 * The same hostile stored text the end-to-end test puts in the popup and library (tests/e2e/security.e2e.ts),
 * exported: in Markdown it stays text — no HTML, no link but Sổ tay's own link back to the article, the
 * direction override kept inside its own text.
 */
import { describe, expect, it } from 'vitest';
import { articleToMarkdown, DEFAULT_EXPORT_OPTIONS, libraryToMarkdown } from '../../../utils/export';
import type { Annotation, Article } from '../../../utils/model/types';
import { EXPORT_NOW, SEED_URL, seedArticle } from '../export/seed';
import { forbiddenTokens, linkHrefs, parseExport } from '../export/structure';

const QUOTE = 'đoạn mã <img src=x onerror="window.__pwned=1"> vào biểu mẫu góp ý';
const NOTE = '<img src=x onerror="window.__pwned=4"> [bấm vào](javascript:window.__pwned=5) \u202Etxt.exe';
const TAG = '<b>thẻ</b>';

function hostileAnnotation(): Annotation {
  return {
    id: 'h1',
    articleUrl: SEED_URL,
    target: {
      scope: 'article',
      quote: { type: 'TextQuoteSelector', exact: QUOTE, prefix: 'chèn ', suffix: ', hoặc' },
      position: { type: 'TextPositionSelector', start: 100, end: 100 + QUOTE.length },
    },
    quote: QUOTE,
    color: 'yellow',
    tags: [TAG],
    note: NOTE,
    created: EXPORT_NOW.getTime(),
    updated: EXPORT_NOW.getTime(),
  };
}

function hostileArticle(): Article {
  // A page chooses its own title, author and "source" line: all of them are page text.
  const article = seedArticle({
    title: 'Tin <script>alert(1)</script> [x](javascript:alert(2))',
    author: '<img src=x onerror=alert(3)>',
    sourceUrl: 'javascript:alert(4)',
    sourceName: '[nguồn](javascript:alert(5))',
  });
  return article;
}

describe('export of hostile stored text', () => {
  for (const [name, render] of [
    ['one article', async () => articleToMarkdown(hostileArticle(), [hostileAnnotation()], DEFAULT_EXPORT_OPTIONS, EXPORT_NOW)],
    ['the combined library file', () => libraryToMarkdown([{ article: hostileArticle(), annotations: [hostileAnnotation()] }], DEFAULT_EXPORT_OPTIONS, EXPORT_NOW)],
  ] as const) {
    it(`${name}: markup and javascript: links stay text; the only links go back to the article over https`, async () => {
      const markdown = await render();
      const parsed = parseExport(markdown);
      for (const tokens of [parsed.tokens, parsed.gfmTokens]) {
        expect(forbiddenTokens(tokens)).toEqual([]);
        for (const href of linkHrefs(tokens)) expect(href).toMatch(/^https:\/\/hanoi\.gov\.vn\//);
      }
      expect(JSON.stringify(parsed.frontMatter)).not.toMatch(/"javascript:/i);
      // The reader still sees what was written, direction override included.
      expect(parsed.body).toContain('\u202Etxt.exe');
      expect(parsed.body).toMatch(/onerror/);
    });
  }
});
