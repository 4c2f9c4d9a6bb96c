import { strFromU8, unzipSync } from 'fflate';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPORT_OPTIONS,
  INDEX_FILE_NAME,
  MAX_NAME_BYTES,
  articleToMarkdown,
  fileLinkTarget,
  libraryFileNames,
  libraryToMarkdown,
  libraryToZip,
  safeBaseName,
  uniqueFileNames,
  type LibraryItem,
} from '../../../utils/export';
import { EXPORT_NOW, SEED_TEXT, SEED_URL, seedArticle, seedHighlights } from './seed';
import { forbiddenTokens, headings, linkHrefs, parseExport, topLevelBlocks } from './structure';

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

function item(title: string, withText = false): LibraryItem {
  const article = { ...seedArticle({ title }), url: `${SEED_URL}/${encodeURIComponent(title)}`, originalUrl: `${SEED_URL}?t=${encodeURIComponent(title)}` };
  const annotations = seedHighlights().map((annotation) => ({ ...annotation, articleUrl: article.url }));
  return withText ? { article, annotations, fullText: SEED_TEXT } : { article, annotations };
}

describe('file names from titles', () => {
  it('keep Vietnamese letters and replace characters illegal on Windows, macOS or Linux', () => {
    const name = safeBaseName('Hà Nội: "Mùa thu" <2023> | a/b\\c * d? #e [f] ^g', 'x');
    expect(name).toMatch(/^Hà Nội/);
    expect(name).toContain('Mùa thu');
    expect(name).not.toMatch(/[\\/:*?"<>|#^[\]\u0000-\u001f]/);
  });

  it('avoid reserved device names, hidden and trailing-dot names, and empty names', () => {
    for (const reserved of ['CON', 'nul', 'Com1', 'LPT9', 'aux.tar']) {
      const name = safeBaseName(reserved, 'x');
      expect(name.split('.')[0]?.toUpperCase()).not.toMatch(/^(CON|PRN|AUX|NUL|COM\d|LPT\d)$/);
    }
    expect(safeBaseName('...ẩn', 'x')).toBe('ẩn');
    expect(safeBaseName('Kết thúc. . .  ', 'x')).toBe('Kết thúc');
    expect(safeBaseName('???', 'Không có tiêu đề')).toBe('Không có tiêu đề');
    expect(safeBaseName('\u0000\u0007', '')).not.toBe('');
  });

  it('are cut to the byte budget without splitting a Vietnamese letter', () => {
    const title = 'Nghị quyết về tiếp tục đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh '.repeat(4);
    const name = safeBaseName(title, 'x');
    expect(utf8Bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(title.startsWith(name)).toBe(true);
    const decomposed = safeBaseName('ệ'.normalize('NFD').repeat(200), 'x');
    expect(decomposed.normalize('NFD').length % 3).toBe(0); // whole letters: base + two marks each
  });

  it('duplicates get " (2)", " (3)" — also when they differ only in case or Unicode form', () => {
    const names = uniqueFileNames(['Hà Nội', 'hà nội', 'Hà Nội'.normalize('NFD'), 'Khác'], '.md', 'x', ['index.md']);
    expect(names).toEqual(['Hà Nội.md', 'hà nội (2).md', `${'Hà Nội'.normalize('NFC')} (3).md`, 'Khác.md']);
    expect(uniqueFileNames(['index'], '.md', 'x', ['index.md'])).toEqual(['index (2).md']);
    const long = 'ư'.repeat(200);
    const [first, second] = uniqueFileNames([long, long], '.md', 'x');
    expect(second).toMatch(/ \(2\)\.md$/);
    expect(utf8Bytes((second as string).replace(/\.md$/, ''))).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(first).not.toBe(second);
  });

  it('links to them work in CommonMark: spaces and parentheses encoded, letters kept', () => {
    const target = fileLinkTarget('Hà Nội (2).md');
    expect(target).toBe('Hà%20Nội%20%282%29.md');
    const href = linkHrefs(new MarkdownIt('commonmark').parse(`[x](${target})`, {}))[0] as string;
    expect(decodeURIComponent(href)).toBe('Hà Nội (2).md');
  });
});

describe('library as a zip', () => {
  const items = [item('Lan tỏa tinh thần: học tập'), item('Lan tỏa tinh thần/ học tập', true), item('CON'), item('')];

  it('round-trips: one file per article plus index.md, each exactly the single-article export', async () => {
    const archive = await libraryToZip(items, DEFAULT_EXPORT_OPTIONS, EXPORT_NOW);
    const files = unzipSync(archive);
    const names = libraryFileNames(items, DEFAULT_EXPORT_OPTIONS);
    expect(Object.keys(files).sort()).toEqual([INDEX_FILE_NAME, ...names].sort());
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(items.length);
    items.forEach((entry, index) => {
      const text = strFromU8(files[names[index] as string] as Uint8Array);
      // Items with article text get unambiguous passage links, so compare with the same knowledge.
      const options = entry.fullText ? { ...DEFAULT_EXPORT_OPTIONS, articleText: entry.fullText } : DEFAULT_EXPORT_OPTIONS;
      expect(text).toBe(articleToMarkdown(entry.article, entry.annotations, options, EXPORT_NOW));
    });
  });

  it('index.md links every article file, and nothing else', async () => {
    const english = { ...DEFAULT_EXPORT_OPTIONS, locale: 'en' as const };
    const files = unzipSync(await libraryToZip(items, english, EXPORT_NOW));
    const index = parseExport(strFromU8(files[INDEX_FILE_NAME] as Uint8Array));
    expect(forbiddenTokens(index.tokens).filter((token) => !token.startsWith('bullet_list_open'))).toEqual([]);
    const targets = linkHrefs(index.gfmTokens).map(decodeURIComponent);
    expect(targets).toEqual(libraryFileNames(items, english));
    expect(targets).toContain('Untitled.md');
    for (const target of targets) expect(files[target]).toBeDefined();
  });

  it('includes each article full text only when asked and when the item has it', async () => {
    const files = unzipSync(await libraryToZip(items, { ...DEFAULT_EXPORT_OPTIONS, includeFullText: true }, EXPORT_NOW));
    const names = libraryFileNames(items, DEFAULT_EXPORT_OPTIONS);
    const withText = strFromU8(files[names[1] as string] as Uint8Array);
    const withoutText = strFromU8(files[names[0] as string] as Uint8Array);
    expect(headings(parseExport(withText).tokens)).toContain('h2 Toàn văn');
    expect(headings(parseExport(withoutText).tokens)).not.toContain('h2 Toàn văn');
  });

  it('reports progress per article and lets other work run while it builds', async () => {
    const many = Array.from({ length: 300 }, (_, index) => item(`Bài ${index}`));
    const progress: number[] = [];
    let timerRanDuringExport = false;
    let finished = false;
    setTimeout(() => {
      if (!finished) timerRanDuringExport = true;
    }, 0);
    await libraryToZip(many, DEFAULT_EXPORT_OPTIONS, EXPORT_NOW, (done, total) => {
      expect(total).toBe(many.length);
      progress.push(done);
    });
    finished = true;
    expect(progress).toEqual(many.map((_, index) => index + 1));
    expect(timerRanDuringExport).toBe(true);
  }, 60_000);
});

describe('library as one Markdown file', () => {
  it('one front matter, one section per article, one blockquote per highlight, only expected links', async () => {
    const items = [item('Bài một: "trích"'), item('# Bài hai'), item('---')];
    const markdown = await libraryToMarkdown(items, DEFAULT_EXPORT_OPTIONS, EXPORT_NOW);
    const parsed = parseExport(markdown);
    expect(parsed.frontMatter.title).toBe('Sổ tay');
    expect(parsed.frontMatter.tags).toEqual(['học-tập', 'Hà-Nội', 'hoà-bình', 'gương-mẫu']);
    expect(forbiddenTokens(parsed.tokens)).toEqual([]);
    expect(forbiddenTokens(parsed.gfmTokens)).toEqual([]);
    const articleHeadings = headings(parsed.tokens).filter((heading) => heading.startsWith('h2 '));
    expect(articleHeadings).toEqual(['h2 Bài một: "trích"', 'h2 # Bài hai', 'h2 ---']);
    const blockquotes = topLevelBlocks(parsed.tokens).filter((block) => block.kind === 'blockquote');
    expect(blockquotes).toHaveLength(items.reduce((sum, entry) => sum + entry.annotations.length, 0));
    const hrefs = linkHrefs(parsed.gfmTokens);
    const sources = items.map((entry) => entry.article.originalUrl);
    for (const href of hrefs) expect(sources.includes(href) || href.includes('#:~:text=')).toBe(true);
    expect(hrefs.filter((href) => sources.includes(href))).toHaveLength(items.length);
  });
});
