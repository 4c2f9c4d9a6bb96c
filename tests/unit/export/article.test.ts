import { describe, expect, it } from 'vitest';
import { articleToMarkdown, DEFAULT_EXPORT_OPTIONS, type ExportOptions } from '../../../utils/export';
import { canonicalKey, collapseWhitespace } from '../../../utils/text/fold';
import { EXPORT_NOW, SEED_TEXT, SEED_URL, highlightOf, seedArticle, seedHighlights } from './seed';
import { forbiddenTokens, headings, linkHrefs, parseExport, topLevelBlocks } from './structure';

const GOLDEN_DIR = '../../fixtures/export';

const VARIANTS: Record<string, Partial<ExportOptions>> = {
  'seed-vi': {},
  'seed-vi-by-color': { groupBy: 'color' },
  'seed-en-by-tag': { groupBy: 'tag', locale: 'en' },
  'seed-vi-full-text': { fullText: SEED_TEXT },
  'seed-vi-quotes-only': { includeNotes: false, includeTags: false, includeLinks: false },
};

function exportSeed(options: Partial<ExportOptions>): string {
  return articleToMarkdown(seedArticle(), seedHighlights(), { ...DEFAULT_EXPORT_OPTIONS, ...options }, EXPORT_NOW);
}

/** Quote paragraphs as a reader sees them once rendered. */
function renderedQuote(quote: string): string {
  return quote
    .split('\n')
    .map(collapseWhitespace)
    .filter(Boolean)
    .join('\n\n');
}

describe('seed article export: golden files', () => {
  for (const [name, options] of Object.entries(VARIANTS)) {
    it(`matches ${name}.md`, async () => {
      await expect(exportSeed(options)).toMatchFileSnapshot(`${GOLDEN_DIR}/${name}.md`);
    });
  }
});

describe('seed article export: document structure', () => {
  const highlights = seedHighlights();
  const pageOrder = [...highlights].sort((a, b) => a.target.position.start - b.target.position.start);

  it('front matter round-trips through YAML with every field', () => {
    const { frontMatter } = parseExport(exportSeed({}));
    expect(frontMatter).toEqual({
      title: 'Lan tỏa tinh thần học tập và làm theo tấm gương của Bác',
      source: `${SEED_URL}#top`,
      site: 'Cổng giao tiếp điện tử Hà Nội',
      author: 'Quỳnh Anh',
      published: '2023-06-12',
      tags: ['học-tập', 'Hà-Nội', 'hoà-bình', 'gương-mẫu'],
      created: '2026-11-20',
      exported: '2026-11-27',
    });
  });

  it('dates are the day in Vietnam, not in UTC', () => {
    const lateEvening = seedArticle({ published: '2023-06-11T18:30:00Z' });
    const markdown = articleToMarkdown(lateEvening, [], DEFAULT_EXPORT_OPTIONS, new Date('2026-11-27T17:30:00Z'));
    const { frontMatter } = parseExport(markdown);
    expect(frontMatter.published).toBe('2023-06-12');
    expect(frontMatter.exported).toBe('2026-11-28');
  });

  it('tags spelled with different tone placement ("hòa"/"hoà") appear once', () => {
    const annotations = [
      highlightOf(SEED_TEXT, 'Toàn cảnh hội nghị', { tags: ['hoà bình'] }),
      highlightOf(SEED_TEXT, 'Các đại biểu tham dự Hội nghị', { tags: ['hòa bình', 'Học tập'] }),
    ];
    const { frontMatter } = parseExport(articleToMarkdown(seedArticle(), annotations, DEFAULT_EXPORT_OPTIONS, EXPORT_NOW));
    const tags = frontMatter.tags as string[];
    expect(new Set(tags.map(canonicalKey)).size).toBe(tags.length);
    expect(tags).toHaveLength(2);
  });

  for (const [name, options] of Object.entries(VARIANTS)) {
    it(`${name}: no HTML, code, lists, tables or rules; links only back to passages`, () => {
      const parsed = parseExport(exportSeed(options));
      expect(forbiddenTokens(parsed.tokens)).toEqual([]);
      expect(forbiddenTokens(parsed.gfmTokens)).toEqual([]);
      const hrefs = linkHrefs(parsed.gfmTokens);
      for (const href of hrefs) expect(href.startsWith(`${SEED_URL}#:~:text=`)).toBe(true);
      const withLinks = options.includeLinks ?? true;
      // Grouped by tag, a highlight shows once per tag (once if untagged).
      const shownTimes =
        options.groupBy === 'tag'
          ? highlights.reduce((sum, annotation) => sum + Math.max(1, new Set(annotation.tags).size), 0)
          : highlights.length;
      expect(hrefs).toHaveLength(withLinks ? shownTimes : 0);
    });
  }

  it('each highlight is exactly one blockquote, in page order, with its text intact', () => {
    const blocks = topLevelBlocks(parseExport(exportSeed({})).tokens);
    const quotes = blocks.filter((block) => block.kind === 'blockquote').map((block) => block.text);
    expect(quotes).toEqual(pageOrder.map((annotation) => renderedQuote(annotation.quote)));
  });

  it('a quote spanning two paragraphs stays one blockquote with two paragraphs', () => {
    const blocks = topLevelBlocks(parseExport(exportSeed({})).tokens);
    const multi = blocks.filter((block) => block.kind === 'blockquote' && block.text.includes('\n\n'));
    expect(multi).toHaveLength(1);
    expect(multi[0]?.text.startsWith('Hằng năm')).toBe(true);
  });

  it('headings: title, highlights section, and one per colour / tag group', () => {
    expect(headings(parseExport(exportSeed({})).tokens)).toEqual([
      'h1 Lan tỏa tinh thần học tập và làm theo tấm gương của Bác',
      'h2 Đoạn đánh dấu',
    ]);
    expect(headings(parseExport(exportSeed({ groupBy: 'color' })).tokens).slice(2)).toEqual([
      'h3 Vàng',
      'h3 Xanh lá',
      'h3 Xanh dương',
      'h3 Hồng',
    ]);
    expect(headings(parseExport(exportSeed({ groupBy: 'tag', locale: 'en' })).tokens).slice(1)).toEqual([
      'h2 Highlights',
      'h3 gương mẫu',
      'h3 Hà Nội',
      'h3 hoà bình',
      'h3 học tập',
      'h3 Untagged',
    ]);
    expect(headings(parseExport(exportSeed({ fullText: SEED_TEXT })).tokens).at(-1)).toBe('h2 Toàn văn');
  });

  it('grouping by tag lists a highlight under each of its tags', () => {
    const blocks = topLevelBlocks(parseExport(exportSeed({ groupBy: 'tag' })).tokens);
    const underHaNoi: string[] = [];
    let group = '';
    for (const block of blocks) {
      if (block.kind === 'heading') group = block.text;
      else if (block.kind === 'blockquote' && group === 'Hà Nội') underHaNoi.push(block.text);
    }
    const expected = pageOrder.filter((annotation) => annotation.tags.includes('Hà Nội'));
    expect(underHaNoi).toEqual(expected.map((annotation) => renderedQuote(annotation.quote)));
  });

  it('tags become #tags with Vietnamese letters and hyphens; notes follow with their label', () => {
    const blocks = topLevelBlocks(parseExport(exportSeed({})).tokens);
    const paragraphs = blocks.filter((block) => block.kind === 'paragraph').map((block) => block.text);
    expect(paragraphs).toContain('#học-tập #Hà-Nội');
    expect(paragraphs).toContain('Ghi chú: Hình thức kết hợp — dùng cho báo cáo quý.\nHỏi lại số điểm cầu.');
    expect(paragraphs).toContain('Đoạn hai của ghi chú.');
  });

  it('options leave out notes, tags and links', () => {
    const blocks = topLevelBlocks(parseExport(exportSeed(VARIANTS['seed-vi-quotes-only'] ?? {})).tokens);
    const afterSection = blocks.slice(blocks.findIndex((block) => block.text === 'Đoạn đánh dấu') + 1);
    expect(afterSection.every((block) => block.kind === 'blockquote')).toBe(true);
    expect(afterSection).toHaveLength(highlights.length);
  });

  it('full text marks exactly the highlighted passages with ==…==', () => {
    const markdown = exportSeed({ fullText: SEED_TEXT });
    const fullTextPart = markdown.slice(markdown.indexOf('## Toàn văn'));
    const marked = [...fullTextPart.matchAll(/(?<!\\)==(.+?)(?<!\\)==/g)].map((match) => match[1]);
    // The two-paragraph highlight is marked once in each of its paragraphs.
    const expected = pageOrder.flatMap((annotation) => annotation.quote.split('\n').map((line) => line.trim()).filter(Boolean));
    expect(marked).toEqual(expected);
  });
});
