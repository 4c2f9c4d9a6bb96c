/**
 * Failure modes: whatever the page, extraction returns a result (possibly "not an article" with a
 * reason), never throws, never hangs, and never changes the document it reads.
 */
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { articleTextOf, extractArticle } from '../../../utils/extract/index';

const parse = (html: string) => parseHTML(html).document as unknown as Document;

const ARTICLE_HTML = `<!doctype html><html lang="vi"><head><title>Hội nghị toàn quốc - Cổng thông tin</title>
<meta property="og:type" content="article"></head><body><nav><a href="/">Trang chủ</a><a href="/a">Tin tức</a></nav>
<article><h1>Hội nghị toàn quốc</h1><p>${'Sáng 12/6, Ban Tuyên giáo Trung ương tổ chức Hội nghị toàn quốc, với sự tham dự của các đại biểu. '.repeat(4)}</p>
<p>${'Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến, với nhiều tham luận, kinh nghiệm hay. '.repeat(4)}</p>
<p>${'Các đại biểu đã trao đổi về các vấn đề cần quan tâm, chia sẻ cách làm sáng tạo, hiệu quả. '.repeat(4)}</p></article>
<footer>Bản quyền</footer></body></html>`;

describe('extractArticle never throws', () => {
  it('calls an empty document not an article, with a reason', () => {
    const result = extractArticle(parse(''), 'https://example.gov.vn/');
    expect(result.isArticle).toBe(false);
    expect(result.reasons.length).toBeGreaterThan(0);
    expect(result.text).toBe('');
  });

  it('handles a frameset page (no body to read)', () => {
    const html = '<html><head><title>Cổng</title></head><frameset cols="50%,50%"><frame src="a.htm"><frame src="b.htm"></frameset></html>';
    const viaJsdom = new JSDOM(html).window.document;
    for (const doc of [parse(html), viaJsdom]) {
      const result = extractArticle(doc, 'https://example.gov.vn/index.htm');
      expect(result.isArticle).toBe(false);
      expect(result.reasons.join(' ')).toMatch(/body|text/);
    }
  });

  it('handles a body with no text at all', () => {
    const result = extractArticle(parse('<html><body><img src="a.png"><div><span></span></div></body></html>'), 'https://x.vn/a');
    expect(result.isArticle).toBe(false);
    expect(result.reasons.join(' ')).toMatch(/no text/);
  });

  it('handles pathological nesting and size quickly', () => {
    const deep = '<html><body>' + '<div>'.repeat(8_000) + '<p>Đoạn văn sâu.</p>' + '</div>'.repeat(8_000) + '</body></html>';
    const wide = '<html><body>' + '<p>Một câu ngắn, có dấu phẩy, nằm trong rất nhiều đoạn.</p>'.repeat(10_000) + '</body></html>';
    for (const html of [deep, wide]) {
      const doc = parse(html);
      const started = performance.now();
      const result = extractArticle(doc, 'https://x.vn/bai-viet-rat-dai-12345.html');
      // The point is "no hang" on an 8,000-deep or 10,000-wide page: about a second on a quiet machine,
      // and 5 s was passed on a 2-core machine running five benchmarks, so the bound is generous.
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(typeof result.isArticle).toBe('boolean');
    }
  }, 60_000);

  it('reports a DOM that throws as "not an article" instead of throwing', () => {
    const doc = parse(ARTICLE_HTML);
    Object.defineProperty(doc, 'body', { get: () => { throw new Error('detached document'); } });
    const result = extractArticle(doc, 'https://x.vn/a');
    expect(result.isArticle).toBe(false);
    expect(result.reasons[0]).toMatch(/detached document/);
  });

  it('reads the body with content when a broken page leaves the parser with two', () => {
    const doc = parse('<html><head><title>T</title></head><body></body></html>');
    const second = doc.createElement('body');
    const article = doc.createElement('article');
    article.textContent = 'Sáng 12/6, Hội nghị toàn quốc được tổ chức tại Hà Nội, với sự tham dự của các đại biểu. '.repeat(20);
    second.appendChild(article);
    doc.documentElement.appendChild(second);
    const result = extractArticle(doc, 'https://x.vn/hoi-nghi-toan-quoc-duoc-to-chuc-tai-ha-noi-123456.html');
    expect(result.text).toContain('Hội nghị toàn quốc');
    expect(second.contains(result.root!)).toBe(true);
  });

  it('reads a saved page whose content waits hidden for a script, and says so', () => {
    const paragraph = '<p>Sáng 12/6, Hội nghị toàn quốc được tổ chức tại Hà Nội, với sự tham dự của các đại biểu từ nhiều tỉnh.</p>';
    const doc = parse(`<html><body><div id="root"></div><div hidden id="app-content"><article><h1>Hội nghị</h1>${paragraph.repeat(15)}</article></div></body></html>`);
    const result = extractArticle(doc, 'https://x.vn/hoi-nghi-toan-quoc-123456.html');
    expect(result.text).toContain('Hội nghị toàn quốc');
    expect(result.textOptions.includeHidden).toBe(true);
    expect(articleTextOf(result.root!, result.excluded, result.textOptions)).toBe(result.text);
    // A live page whose hidden parts are small keeps skipping them.
    const live = parse(`<html><body><article>${paragraph.repeat(15)}<p hidden>ẩn đi</p></article></body></html>`);
    const liveResult = extractArticle(live, 'https://x.vn/hoi-nghi-toan-quoc-123456.html');
    expect(liveResult.textOptions.includeHidden).toBeUndefined();
    expect(liveResult.text).not.toContain('ẩn đi');
  });

  it('reads the streamed part of a saved React page as the script would have placed it, even under a long menu', () => {
    const paragraph = '<p>If you sleep on your side, a medium mattress keeps your spine straight and takes the pressure off your hips and shoulders.</p>';
    const menu = Array.from({ length: 60 }, (_, i) => `<li><a href="/c/${i}">Mattress collection number ${i}</a></li>`).join('');
    const page = (segmentAttributes: string) => parse(`<html><body><header><nav><ul>${menu}</ul></nav></header>
<main><!--$?--><template id="B:0"></template><p>Loading…</p><!--/$--></main><footer><p>© Mattress Makers</p></footer>
<div ${segmentAttributes}><article><h1>The best mattress for side sleepers</h1>${paragraph.repeat(10)}</article></div></body></html>`);
    const result = extractArticle(page('hidden id="S:0"'), 'https://mattress.example.com/blog/best-mattress-side-sleepers');
    expect(result.text).toContain('takes the pressure off your hips');
    expect(result.text).not.toContain('Mattress collection number');
    expect(result.textOptions.includeHidden).toBeUndefined();
    expect(articleTextOf(result.root!, result.excluded, result.textOptions)).toBe(result.text);
    // React numbers its segments in hexadecimal: the eleventh is S:a.
    expect(extractArticle(page('hidden id="S:a"'), 'https://mattress.example.com/blog/best-mattress-side-sleepers').text).toContain('takes the pressure off your hips');
    // Any other hidden block stays unread when the visible page has text of its own.
    const other = extractArticle(page('hidden id="drawer"'), 'https://mattress.example.com/blog/best-mattress-side-sleepers');
    expect(other.text).not.toContain('takes the pressure off your hips');
  });

  it('finds the body of a page that repeats its <html> tag', () => {
    const paragraph = '<p>Start with the venue: the date you can book decides almost everything else on the wedding checklist.</p>';
    const doc = parse(`<!DOCTYPE html><html class="fonts-loaded"><html lang="en"><head><title>Wedding checklist</title></head><body><main><h1>Wedding checklist</h1>${paragraph.repeat(12)}</main></body></html></html>`);
    const result = extractArticle(doc, 'https://weddings.example.com/ideas/wedding-checklist');
    expect(result.text).toContain('the date you can book');
  });

  it('reads a saved forum page whose posts are only in <noscript>, but never raw <noscript> text on a live page', () => {
    const post = '<p>We upgraded last night and since then the dashboard stays blank after login, on every browser we tried.</p>';
    const saved = `<html><head><title>Dashboard blank after upgrade - Forum</title></head><body><section id="main"></section>
<noscript><div id="main-outlet"><h1>Dashboard blank after upgrade</h1>${`<div class="post">${post.repeat(3)}</div>`.repeat(6)}</div></noscript></body></html>`;
    const result = extractArticle(parse(saved), 'https://forum.example.org/t/dashboard-blank/123');
    expect(result.text).toContain('dashboard stays blank');
    expect(result.textOptions.includeHidden).toBe(true);
    expect(articleTextOf(result.root!, result.excluded, result.textOptions)).toBe(result.text);
    // A browser with scripts on keeps <noscript> content as one raw text node (jsdom does so when it
    // runs scripts; the page has none): never read as text.
    const live = new JSDOM(saved, { runScripts: 'dangerously', url: 'https://forum.example.org/t/dashboard-blank/123' }).window.document;
    expect(live.querySelector('noscript')!.firstElementChild).toBeNull();
    const liveResult = extractArticle(live, 'https://forum.example.org/t/dashboard-blank/123');
    expect(liveResult.text).not.toContain('<p>');
    expect(liveResult.text).not.toContain('dashboard stays blank');
  });

  it('does not modify the document it reads', () => {
    const doc = parse(ARTICLE_HTML);
    const before = doc.documentElement.outerHTML;
    const result = extractArticle(doc, 'https://x.vn/hoi-nghi-toan-quoc-123456.html');
    expect(result.isArticle).toBe(true);
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(result.root && doc.contains(result.root)).toBe(true);
  });

  it('property: random and truncated HTML always gives a result whose text matches its root', () => {
    const tag = fc.constantFrom('div', 'p', 'span', 'a', 'ul', 'li', 'table', 'tr', 'td', 'br', 'h1', 'h2', 'article', 'nav', 'script', 'pre', 'b');
    const text = fc.string({ unit: fc.constantFrom('a', 'ệ', 'Đ', ' ', '\u00a0', ',', '.', '<', '>', '&', '"', 'x', '\n'), maxLength: 40 });
    const node: fc.Arbitrary<string> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.tuple(tag, fc.array(tie('node'), { maxLength: 4 })).map(([t, kids]) => `<${t} class="content">${kids.join('')}</${t}>`),
        fc.constant('<!-- bình luận -->'),
      ),
    })).node;
    fc.assert(
      fc.property(fc.array(node, { maxLength: 6 }), fc.nat(), (parts, cut) => {
        const full = `<html><body>${parts.join('')}</body></html>`;
        const html = full.slice(0, cut % (full.length + 1));
        const doc = parse(html);
        const result = extractArticle(doc, 'https://x.vn/a-b-c-d-12345.html');
        expect(typeof result.isArticle).toBe('boolean');
        expect(result.confidence).toBeGreaterThanOrEqual(0);
        expect(result.confidence).toBeLessThanOrEqual(1);
        expect(result.text).toBe(result.text.normalize('NFC'));
        if (result.root) expect(articleTextOf(result.root, result.excluded, result.textOptions)).toBe(result.text);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('property: arbitrary strings as HTML and URL never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 40 }), (html, url) => {
        const result = extractArticle(parse(html), url);
        expect(Array.isArray(result.reasons)).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
