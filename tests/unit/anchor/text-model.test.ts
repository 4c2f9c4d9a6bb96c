// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTextModel, buildTextModelInSlices, rangeFromTextOffsets, textOffsetOfPoint } from '@/utils/anchor/text-model';

function mount(html: string): HTMLElement {
  const root = document.createElement('article');
  root.innerHTML = html; // test fixture markup, not page/user text
  document.body.append(root);
  return root;
}

beforeEach(() => {
  document.body.replaceChildren();
});

describe('buildTextModel: the text a reader sees', () => {
  it('separates blocks by one blank line and keeps inline formatting in the flow', () => {
    const root = mount('<h1>Tiêu đề</h1>\n  <p>Một <b>đoạn</b> <a href="#">văn</a>.</p><div><p>Hai</p></div>');
    expect(buildTextModel(root).text).toBe('Tiêu đề\n\nMột đoạn văn.\n\nHai');
  });

  it('reads <br> as a line break and drops white space around it', () => {
    const root = mount('<p>dòng một <br>  dòng hai<br><br>dòng bốn</p>');
    expect(buildTextModel(root).text).toBe('dòng một\ndòng hai\n\ndòng bốn');
  });

  it('collapses white space and no-break spaces like rendered text', () => {
    const root = mount('<p>  Hà\u00a0\u00a0Nội \n\t ngày   12/6  </p>');
    expect(buildTextModel(root).text).toBe('Hà Nội ngày 12/6');
  });

  it('ignores comments, scripts, styles, hidden and excluded elements', () => {
    const root = mount(
      '<p>A<!-- bình luận -->B</p><script>var x = 1;</script><style>p{}</style><noscript>bật JS</noscript>' +
        '<p hidden>ẩn</p><p style="display:none">ẩn nữa</p><aside id="ads">Quảng cáo</aside><p>C</p>',
    );
    const ads = root.querySelector('#ads') as Element;
    expect(buildTextModel(root, [ads]).text).toBe('AB\n\nC');
  });

  it('puts list items and table cells on their own blocks', () => {
    const root = mount('<ul><li>một</li><li>hai</li></ul><table><tr><td>ô 1</td><td>ô 2</td></tr></table>');
    expect(buildTextModel(root).text).toBe('một\n\nhai\n\nô 1\n\nô 2');
  });

  it('keeps white space inside <pre>', () => {
    const root = mount('<pre>a  b\n  c</pre>');
    expect(buildTextModel(root).text).toBe('a  b\n  c');
  });

  it('keeps the page’s own characters (NFD stays NFD) so offsets map one to one', () => {
    const decomposed = 'Hội nghị'.normalize('NFD');
    const root = mount(`<p>${decomposed}</p>`);
    const model = buildTextModel(root);
    expect(model.text).toBe(decomposed);
    const range = rangeFromTextOffsets(model, 0, model.text.length) as Range;
    expect(range.toString()).toBe(decomposed);
  });
});

describe('mapping between text offsets and the DOM', () => {
  it('maps a text span across formatting and paragraphs back to the same characters', () => {
    const root = mount('<p>Sáng <em>12/6</em>, Ban Tuyên giáo</p><p>tổ chức <a href="#">Hội nghị</a> toàn quốc</p>');
    const model = buildTextModel(root);
    const start = model.text.indexOf('12/6');
    const end = model.text.indexOf('Hội nghị') + 'Hội nghị'.length;
    const range = rangeFromTextOffsets(model, start, end) as Range;
    expect(range.startContainer.textContent).toBe('12/6');
    expect(range.endContainer.textContent).toBe('Hội nghị');
    expect(textOffsetOfPoint(model, range.startContainer, range.startOffset)).toBe(start);
    expect(textOffsetOfPoint(model, range.endContainer, range.endOffset)).toBe(end);
  });

  it('maps boundary points between elements to the next visible text', () => {
    const root = mount('<p>một</p><p>hai</p>');
    const model = buildTextModel(root);
    const second = root.children[1] as Element;
    expect(textOffsetOfPoint(model, root, 1)).toBe(model.text.indexOf('hai'));
    expect(textOffsetOfPoint(model, second, 0)).toBe(model.text.indexOf('hai'));
    expect(textOffsetOfPoint(model, root, 2)).toBe(model.text.length);
  });

  it('returns no range for a span made only of added line breaks', () => {
    const root = mount('<p>một</p><p>hai</p>');
    const model = buildTextModel(root);
    expect(rangeFromTextOffsets(model, 3, 5)).toBeNull();
  });
});

describe('buildTextModelInSlices', () => {
  it('builds the same model as buildTextModel while letting timers run', async () => {
    const paragraphs = Array.from({ length: 150 }, (_, i) => `<p>Đoạn <b>${i}</b>: học tập<br>và <a href="#">làm theo</a> Bác.</p>`);
    const root = mount(`<div>${paragraphs.join('')}</div><ul><li>một</li></ul>`);
    let timerRan = false;
    setTimeout(() => {
      timerRan = true;
    }, 0);
    const sliced = await buildTextModelInSlices(root, [], { budgetMs: 0, useComputedStyle: false });
    const whole = buildTextModel(root, [], { useComputedStyle: false });
    expect(timerRan).toBe(true);
    expect(sliced.text).toBe(whole.text);
    expect([...sliced.charOffset]).toEqual([...whole.charOffset]);
    expect(sliced.nodes).toEqual(whole.nodes);
  });
});
