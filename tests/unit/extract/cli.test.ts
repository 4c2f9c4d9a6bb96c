/**
 * The command-line extractor as a user runs it: one file, and a batch list where a broken entry
 * gives an error line and the rest go on, in input order.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/extract/index';
import { parseDocument } from '../../../scripts/extract';

const projectRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const tsx = join(projectRoot, 'node_modules/.bin/tsx');
const run = (args: string[]) => execFileSync(tsx, ['scripts/extract.ts', ...args], { cwd: projectRoot, encoding: 'utf8' });

const ARTICLE = `<!doctype html><html lang="vi"><head><title>Hội nghị toàn quốc - Cổng</title><meta property="og:type" content="article">
<meta property="article:published_time" content="2023-06-12T10:30:00+07:00"></head><body><nav><a href="/">Trang chủ</a></nav>
<article><h1>Hội nghị toàn quốc</h1>${'<p>Sáng 12/6, Ban Tuyên giáo Trung ương tổ chức Hội nghị toàn quốc, với sự tham dự của lãnh đạo các ban, bộ, ngành, đoàn thể Trung ương và các địa phương.</p>'.repeat(6)}
<p>Quỳnh Anh</p></article></body></html>`;

describe('npm run extract', () => {
  it('prints one JSON object for a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sotay-extract-'));
    const file = join(dir, 'bai.html');
    writeFileSync(file, ARTICLE);
    const output = JSON.parse(run(['--url', 'https://example.gov.vn/hoi-nghi-toan-quoc-4230612103000.htm', file]));
    expect(output).toMatchObject({
      file,
      isArticle: true,
      title: 'Hội nghị toàn quốc',
      author: 'Quỳnh Anh',
      published: '2023-06-12T10:30:00+07:00',
      lang: 'vi',
    });
    expect(output.text).toContain('Sáng 12/6');
    expect(typeof output.ms).toBe('number');
  }, 120_000);

  it('reads a page with a stray <script> before <html>, or with no <html> at all, as a browser does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sotay-extract-'));
    const stray = join(dir, 'stray.html');
    writeFileSync(stray, `<script>var source = 'Direct';</script>\n${ARTICLE}`);
    const bare = join(dir, 'bare.html');
    writeFileSync(bare, ARTICLE.replace(/<html[^>]*>/, '').replace('</html>', ''));
    for (const file of [stray, bare]) {
      const output = JSON.parse(run(['--url', 'https://example.gov.vn/hoi-nghi-toan-quoc-4230612103000.htm', file]));
      expect(output.title).toBe('Hội nghị toàn quốc');
      expect(output.text).toContain('Sáng 12/6');
    }
  }, 120_000);

  it('batch: one line per input in order, .html.gz read, broken entries reported and skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sotay-extract-'));
    writeFileSync(join(dir, 'a.html'), ARTICLE);
    const list = join(dir, 'list.jsonl');
    const gz = join(projectRoot, 'tests/fixtures/corpus/wcxb/0064.html.gz');
    writeFileSync(
      list,
      [
        JSON.stringify({ file: join(dir, 'a.html'), url: 'https://example.gov.vn/hoi-nghi-toan-quoc-4230612103000.htm' }),
        JSON.stringify({ file: join(dir, 'missing.html'), url: 'https://example.gov.vn/x' }),
        'not json',
        JSON.stringify({ file: gz, url: 'https://www.fda.gov/drugs/fdas-concerns-unapproved-glp-1-drugs-used-weight-loss' }),
      ].join('\n'),
    );
    const lines = run(['--batch', list]).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ file: join(dir, 'a.html'), isArticle: true, title: 'Hội nghị toàn quốc' });
    expect(lines[1].file).toBe(join(dir, 'missing.html'));
    expect(lines[1].error).toMatch(/ENOENT|no such file/);
    expect(lines[2].error).toBeTruthy();
    expect(lines[3]).toMatchObject({ file: gz, isArticle: true });
    expect(lines[3].title).toMatch(/GLP-1/);
  }, 120_000);
});

describe('parseDocument', () => {
  const posts = '<div class="post"><p>I want a watch that measures heart rate and sleep, and works with Android phones.</p></div>'.repeat(4);

  it('reads past a stray <![CDATA[ in the body as a browser does (a bogus comment up to the next >)', () => {
    const doc = parseDocument(`<!doctype html><html><head><title>Thread</title></head><body><![CDATA[\n<div id="top"></div>${posts}</body></html>`);
    expect(doc.body.textContent).toContain('heart rate and sleep');
    expect(extractArticle(doc, 'https://forum.example.com/threads/watch.1/').text).toContain('works with Android phones');
  });

  it('leaves CDATA inside scripts and SVG alone', () => {
    const doc = parseDocument(`<html><body><script>//<![CDATA[\nvar a = "<b>";\n//]]></script><svg><style><![CDATA[.x{}]]></style></svg>${posts}</body></html>`);
    expect(doc.querySelector('script')?.textContent).toContain('<![CDATA[');
    expect(doc.querySelector('script')?.textContent).toContain('var a');
    expect(doc.body.textContent).toContain('heart rate and sleep');
  });
});
