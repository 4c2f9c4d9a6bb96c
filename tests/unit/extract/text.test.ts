import { parseHTML } from 'linkedom';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { articleTextOf, articleTextWithSegments } from '../../../utils/extract/text';

const dom = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document as unknown as Document;
const textOf = (html: string, excludedSelector?: string) => {
  const doc = dom(html);
  const excluded = excludedSelector ? Array.from(doc.querySelectorAll(excludedSelector)) : [];
  return articleTextOf(doc.body, excluded);
};

describe('articleTextOf: the text highlights are anchored to', () => {
  it('separates blocks by one blank line and runs inline text together', () => {
    expect(textOf('<p>Một <b>hai</b> ba.</p><p>Bốn</p><div><div>Năm</div></div>')).toBe('Một hai ba.\n\nBốn\n\nNăm');
  });

  it('turns <br> into a line break, which textContent would lose', () => {
    expect(textOf('<p>Dòng một<br>Dòng hai<br/>Dòng ba</p>')).toBe('Dòng một\nDòng hai\nDòng ba');
  });

  it('never treats HTML comments as text (VCCorp bodies carry them)', () => {
    expect(textOf('<p>Trước<!--bonewsrelation--> sau<!-- 12/06/2023 10:30 --></p>')).toBe('Trước sau');
  });

  it('reads &nbsp; as a space and collapses white space runs', () => {
    expect(textOf('<p>Hà&nbsp;Nội&nbsp;&nbsp;  ngày\n\t12/6</p>')).toBe('Hà Nội ngày 12/6');
  });

  it('returns NFC even when the page is written in decomposed Unicode', () => {
    const decomposed = 'Ủy ban nhân dân'.normalize('NFD');
    const text = textOf(`<p>${decomposed}</p>`);
    expect(text).toBe('Ủy ban nhân dân'.normalize('NFC'));
    expect(text).toBe(text.normalize('NFC'));
  });

  it('leaves out excluded subtrees, scripts, styles and markup-hidden elements', () => {
    const html =
      '<p>Giữ lại</p><div class="related"><h3>Tin liên quan</h3><a>Bài khác</a></div>' +
      '<script>var x = "mã";</script><style>p{}</style><p hidden>ẩn</p><p style="display:none">ẩn</p><p>Cuối</p>';
    expect(textOf(html, '.related')).toBe('Giữ lại\n\nCuối');
  });

  it('keeps preformatted white space', () => {
    expect(textOf('<pre>a  b\n  c</pre>')).toBe('a  b\n  c');
  });

  it('puts table cells on one line and rows on separate lines', () => {
    expect(textOf('<table><tr><td>Tỉnh</td><td>Số</td></tr><tr><td>Hà Nội</td><td>25</td></tr></table>')).toBe('Tỉnh Số\nHà Nội 25');
  });

  it('maps every character back to the text node it came from', () => {
    const doc = dom('<p>Xin <b>chào</b></p><p>bạn</p>');
    const { text, segments } = articleTextWithSegments(doc.body);
    expect(text).toBe('Xin chào\n\nbạn');
    for (const segment of segments) {
      expect(text.slice(segment.start, segment.end).trim()).toBe(segment.node.data.trim());
    }
  });

  it('gives the same text under jsdom as under linkedom', () => {
    const html = '<article><h2>Tiêu đề</h2><p>Đoạn&nbsp;một<br>dòng hai<!--x--></p><ul><li>A</li><li>B</li></ul></article>';
    const viaJsdom = new JSDOM(`<body>${html}</body>`).window.document;
    expect(articleTextOf(viaJsdom.body)).toBe(textOf(html));
  });

  it('survives nesting far deeper than the call stack allows', () => {
    const depth = 20_000;
    const html = '<div>'.repeat(depth) + 'sâu' + '</div>'.repeat(depth);
    expect(textOf(html)).toBe('sâu');
  }, 60_000);
});
