// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { anchor, anchorMany, isOrphan, type AnchorResult } from '@/utils/anchor/anchor';
import { describeRange, isRejected } from '@/utils/anchor/describe';
import { buildTextModel, rangeFromTextOffsets, type TextModel } from '@/utils/anchor/text-model';
import type { AnnotationTarget } from '@/utils/model/types';

const SEED_PARAGRAPHS = readFileSync(join(process.cwd(), '../shared/seed-article.txt'), 'utf8')
  .split(/\n\s*\n/)
  .map((paragraph) => paragraph.trim())
  .filter((paragraph) => paragraph.length > 60);

function mount(html: string): HTMLElement {
  const root = document.createElement('article');
  root.innerHTML = html; // fixture markup written in this test
  document.body.append(root);
  return root;
}

/** An article whose paragraphs carry their original number, to tell which passage a range landed in. */
function mountParagraphs(paragraphs: readonly { id: number; text: string }[]): HTMLElement {
  const root = document.createElement('article');
  for (const { id, text } of paragraphs) {
    const p = document.createElement('p');
    p.dataset.id = String(id);
    p.textContent = text;
    root.append(p);
  }
  document.body.append(root);
  return root;
}

const numbered = (texts: readonly string[]) => texts.map((text, id) => ({ id, text }));

/** Selects `quote` inside paragraph `id` of a freshly mounted article and describes it. */
function highlightIn(paragraphs: readonly { id: number; text: string }[], id: number, quote: string): AnnotationTarget {
  const root = mountParagraphs(paragraphs);
  const model = buildTextModel(root);
  const paragraphStart = model.text.indexOf((paragraphs.find((p) => p.id === id) as { text: string }).text);
  const start = model.text.indexOf(quote, paragraphStart);
  expect(start).toBeGreaterThanOrEqual(0);
  const range = rangeFromTextOffsets(model, start, start + quote.length) as Range;
  const target = describeRange(model, range);
  if (isRejected(target)) throw new Error(`rejected: ${target.rejected}`);
  root.remove();
  return target;
}

function anchorIn(paragraphs: readonly { id: number; text: string }[], target: AnnotationTarget) {
  const root = mountParagraphs(paragraphs);
  const model = buildTextModel(root);
  return { model, result: anchor(model, target) };
}

function landedIn(result: AnchorResult): { paragraph: string | undefined; text: string } {
  if (isOrphan(result)) throw new Error(`orphan: ${result.reason}`);
  const paragraph = result.range.startContainer.parentElement?.closest('p')?.dataset.id;
  return { paragraph, text: result.range.toString() };
}

beforeEach(() => {
  document.body.replaceChildren();
});

describe('describeRange + anchor round trip on varied markup', () => {
  const cases: [string, string, (root: HTMLElement) => Range][] = [
    [
      'inline formatting and a link',
      '<p>Sáng 12/6, <b>Ban <i>Tuyên giáo</i></b> Trung ương tổ chức <a href="/x">Hội nghị toàn quốc</a> về học tập.</p>',
      (root) => spanRange(root, 'Tuyên giáo Trung ương tổ chức Hội nghị'),
    ],
    [
      'across paragraphs',
      '<p>Đoạn thứ nhất kết thúc ở đây.</p><p>Đoạn thứ hai bắt đầu ở đây.</p>',
      (root) => spanRange(root, 'kết thúc ở đây.\n\nĐoạn thứ hai'),
    ],
    [
      'list items',
      '<ul><li>Nghị quyết số 01</li><li>Chỉ thị số 05</li><li>Kết luận số 21</li></ul>',
      (root) => spanRange(root, 'số 01\n\nChỉ thị số 05'),
    ],
    [
      'table cells',
      '<table><tr><th>Đơn vị</th><th>Số lượng</th></tr><tr><td>Quận Hoàn Kiếm</td><td>93 tổ chức</td></tr></table>',
      (root) => spanRange(root, 'Hoàn Kiếm\n\n93 tổ'),
    ],
    ['line breaks', '<p>Dòng một<br>Dòng hai<br>Dòng ba</p>', (root) => spanRange(root, 'một\nDòng hai')],
    ['comments between words', '<p>Hội <!-- x -->nghị toàn<!-- y --> quốc</p>', (root) => spanRange(root, 'nghị toàn quốc')],
    ['no-break spaces', '<p>Bộ&nbsp;Chính&nbsp;trị khóa XIII</p>', (root) => spanRange(root, 'Chính trị khóa')],
  ];

  function spanRange(root: HTMLElement, quote: string): Range {
    const model = buildTextModel(root);
    const start = model.text.indexOf(quote);
    expect(start).toBeGreaterThanOrEqual(0);
    return rangeFromTextOffsets(model, start, start + quote.length) as Range;
  }

  it.each(cases)('%s', (_name, html, select) => {
    const root = mount(html);
    const model = buildTextModel(root);
    const selection = select(root);
    const target = describeRange(model, selection);
    if (isRejected(target)) throw new Error(target.rejected);
    expect(target.quote.exact).toBe(model.text.slice(target.position.start, target.position.end));
    expect(target.quote.prefix.length).toBeLessThanOrEqual(32);

    const fresh = buildTextModel(root);
    const result = anchor(fresh, target);
    if (isOrphan(result)) throw new Error(result.reason);
    expect(result.method).toBe('position');
    expect(result.range.compareBoundaryPoints(Range.START_TO_START, selection)).toBe(0);
    expect(result.range.compareBoundaryPoints(Range.END_TO_END, selection)).toBe(0);
  });

  it('stores 32 characters of context on each side, in NFC', () => {
    const text = SEED_PARAGRAPHS[0] as string;
    const target = highlightIn(numbered([text]), 0, 'Hội nghị toàn quốc');
    const at = text.indexOf('Hội nghị toàn quốc');
    expect(target.quote.prefix).toBe(text.slice(at - 32, at));
    expect(target.quote.suffix).toBe(text.slice(at + 18, at + 18 + 32));
  });

  it('leaves out white space at the ends of a triple-click selection', () => {
    const root = mount('<p>Một đoạn.</p><p>Đoạn sau.</p>');
    const range = document.createRange();
    range.setStart(root.children[0] as Element, 0);
    range.setEnd(root.children[1] as Element, 0);
    const target = describeRange(buildTextModel(root), range);
    expect(isRejected(target) ? target.rejected : target.quote.exact).toBe('Một đoạn.');
  });

  it('finds NFD page text from an NFC quote and the other way round', () => {
    const nfcTarget = highlightIn(numbered(['Đồng chí Nguyễn Trọng Nghĩa phát biểu chỉ đạo tại hội nghị.']), 0, 'Nguyễn Trọng Nghĩa');
    const decomposedPage = numbered(['Đồng chí Nguyễn Trọng Nghĩa phát biểu chỉ đạo tại hội nghị.'.normalize('NFD')]);
    const { result } = anchorIn(decomposedPage, nfcTarget);
    expect(landedIn(result).text).toBe('Nguyễn Trọng Nghĩa'.normalize('NFD'));

    const nfdTarget = highlightIn(decomposedPage, 0, 'Nguyễn Trọng Nghĩa'.normalize('NFD'));
    expect(nfdTarget.quote.exact).toBe('Nguyễn Trọng Nghĩa'); // stored NFC
    const back = anchorIn(numbered(['Đồng chí Nguyễn Trọng Nghĩa phát biểu chỉ đạo tại hội nghị.']), nfdTarget);
    expect(landedIn(back.result).text).toBe('Nguyễn Trọng Nghĩa');
  });
});

describe('describeRange refuses what is not a passage', () => {
  it('rejects a collapsed selection', () => {
    const root = mount('<p>Hội nghị</p>');
    const range = document.createRange();
    range.setStart(root.querySelector('p')?.firstChild as Text, 2);
    expect(describeRange(buildTextModel(root), range)).toEqual({ rejected: 'collapsed' });
  });

  it('rejects a selection of white space only', () => {
    const root = mount('<p>Hội</p>  <p>nghị</p>');
    const range = document.createRange();
    range.setStart(root.querySelector('p')?.firstChild as Text, 3);
    range.setEnd(root.querySelectorAll('p')[1]?.firstChild as Text, 0);
    expect(describeRange(buildTextModel(root), range)).toEqual({ rejected: 'whitespace-only' });
  });

  it.each([
    ['a textarea', '<p>Bài</p><textarea>ghi chú của tôi</textarea>', 'textarea'],
    ['an editable area', '<p>Bài</p><div contenteditable="true"><p>soạn thảo</p></div>', '[contenteditable] p'],
  ])('rejects a selection inside %s', (_name, html, selector) => {
    const root = mount(html);
    const field = root.querySelector(selector) as Element;
    const range = document.createRange();
    range.selectNodeContents(field.firstChild as Text);
    expect(describeRange(buildTextModel(root), range)).toEqual({ rejected: 'editable' });
  });
});

describe('re-anchoring on an edited article', () => {
  const original = numbered(SEED_PARAGRAPHS.slice(0, 8));
  const quote = 'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh';
  const quoteParagraph = original.findIndex((p, index) => index > 0 && p.text.includes(quote));

  it('the fixture has the quote in a paragraph other than the first', () => {
    expect(quoteParagraph).toBeGreaterThan(0);
  });

  it('follows the passage when words are inserted and deleted before it', () => {
    const target = highlightIn(original, quoteParagraph, quote);
    const edited = original.map((p) =>
      p.id === quoteParagraph
        ? { ...p, text: `Theo phóng viên, ${p.text.replace(quote, `nhất là ${quote}`)}` }
        : p.id === 0
          ? { ...p, text: p.text.slice(40) }
          : p,
    );
    const { result } = anchorIn(edited, target);
    expect(landedIn(result)).toEqual({ paragraph: String(quoteParagraph), text: quote });
    expect(isOrphan(result) ? null : result.method).toBe('exact');
  });

  it('finds a passage whose typo was fixed, by approximate matching', () => {
    const withTypo = original.map((p) => (p.id === quoteParagraph ? { ...p, text: p.text.replace(quote, quote.replace('phong cách', 'phong cácg')) } : p));
    const target = highlightIn(withTypo, quoteParagraph, quote.replace('phong cách', 'phong cácg'));
    const { result } = anchorIn(original, target);
    expect(isOrphan(result) ? null : result.method).toBe('fuzzy');
    const landed = landedIn(result);
    expect(landed.paragraph).toBe(String(quoteParagraph));
    expect(landed.text).toContain('phong cách Hồ Chí Minh');
  });

  it('finds a passage whose paragraph moved to the end', () => {
    const target = highlightIn(original, quoteParagraph, quote);
    const moved = [...original.filter((p) => p.id !== quoteParagraph), original[quoteParagraph] as { id: number; text: string }];
    const { result } = anchorIn(moved, target);
    expect(landedIn(result).paragraph).toBe(String(quoteParagraph));
  });

  it('makes an orphan of a deleted passage instead of highlighting something else', () => {
    const sentence = (original[1] as { text: string }).text.split('. ')[0] as string;
    const target = highlightIn(original, 1, sentence);
    const edited = original.map((p) => (p.id === 1 ? { ...p, text: p.text.replace(`${sentence}. `, '') } : p));
    expect(edited[1]?.text).not.toContain(sentence);
    const { result } = anchorIn(edited, target);
    expect(result).toMatchObject({ orphan: true });
  });

  it('picks the right one of two identical passages by its context', () => {
    const shared = 'Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến.';
    const page = numbered([
      `Sáng 12/6 tại Hà Nội, ${shared} Đây là lần thứ nhất.`,
      `Chiều 13/6 tại Đà Nẵng, ${shared} Đây là lần thứ hai.`,
    ]);
    const target = highlightIn(page, 1, shared);
    // A paragraph inserted at the top shifts every offset: the old position now points elsewhere.
    const edited = [{ id: 9, text: `Tin mới: ${shared} Cập nhật lúc 8 giờ.` }, ...page];
    const { result } = anchorIn(edited, target);
    expect(landedIn(result)).toEqual({ paragraph: '1', text: shared });
  });

  it('makes an orphan rather than guess between two copies whose surroundings look alike', () => {
    const lead = 'Đánh giá của khách hàng về dịch vụ chuyển nhà:';
    const quote = 'Tổng số lượt đánh giá';
    const listing = (code: string) => `${lead} Công ty ${code}. ${quote} ${code} xem.`;
    const page = numbered([listing('A1'), listing('B2'), `${lead} hết danh sách.`]);
    const target = highlightIn(page, 0, quote);
    // Company A1 renamed C1: both copies now differ from the stored near context by about as much,
    // but the quote recurred when it was highlighted, so the far context was stored too and it
    // still says which listing this was (the B2 listing follows it).
    const renamed = page.map((p) => (p.id === 0 ? { ...p, text: listing('C1') } : p));
    expect(landedIn(anchorIn(renamed, target).result).paragraph).toBe('0');
    document.body.replaceChildren();
    // Listings identical for far more than the stored context: a typo next to the original does not
    // make an untouched copy the passage — nothing can tell them apart.
    const same = numbered(Array.from({ length: 6 }, () => listing('A1')));
    const first = highlightIn(same, 0, quote);
    const typo = same.map((p) => (p.id === 0 ? { ...p, text: p.text.replace('Công ty', 'Cong ty') } : p));
    expect(anchorIn(typo, first).result).toMatchObject({ orphan: true, reason: 'ambiguous' });
    // Untouched but shifted, the copy whose context still matches exactly wins over the look-alike.
    document.body.replaceChildren();
    expect(landedIn(anchorIn([{ id: 9, text: 'Danh sách cập nhật.' }, ...page], target).result).paragraph).toBe('0');
  });

  it('never lands a short quote on the same word elsewhere once its sentence is gone', () => {
    const page = numbered(['Hội nghị có 93 đại biểu dự.', 'Các quận báo cáo 93 mô hình.']);
    const target = highlightIn(page, 0, '93');
    const { result } = anchorIn(numbered(['Hội nghị có nhiều đại biểu dự.', 'Các quận báo cáo 93 mô hình.']), target);
    expect(result).toMatchObject({ orphan: true });
  });
});

describe('very short quotes', () => {
  const page = numbered([
    'Ban Tuyên giáo và Ban Dân vận và Ban Tổ chức.',
    'Quận Hoàn Kiếm và quận Ba Đình và quận Đống Đa.',
  ]);

  it.each(['và', 'v', 'quậ'])('anchors "%s" by its context after the text around it shifted', (short) => {
    const target = highlightIn(page, 1, short);
    const anchored = anchorIn([{ id: 9, text: 'Tin mới: quận và phường.' }, ...page], target);
    const landed = landedIn(anchored.result);
    expect(landed.paragraph).toBe('1');
    expect(landed.text).toBe(short);
  });

  it('anchors a one-letter quote on a huge page quickly, by context', () => {
    const sentence = 'học tập và làm theo tấm gương đạo đức Hồ Chí Minh, nêu gương và làm theo Bác. ';
    // Only paragraph 321 opens differently, so only there does the chosen letter have its context.
    const lead = (i: number) => (i === 321 ? 'Phát biểu của đồng chí Bí thư Quận ủy' : `Đoạn ${i}`);
    const filler = Array.from({ length: 400 }, (_, i) => `${lead(i)}: ${sentence}Tiếp theo là ${sentence}${sentence}`);
    const big = numbered(filler);
    const marker = `${lead(321)}: `;
    const root = mountParagraphs(big);
    const model = buildTextModel(root);
    expect(model.text.length).toBeGreaterThan(100_000);
    const at = model.text.indexOf(marker) + marker.length + 'học tập '.length;
    const target = describeRange(model, rangeFromTextOffsets(model, at, at + 1) as Range);
    if (isRejected(target)) throw new Error(target.rejected);
    // Shift everything so the stored position is useless and context must decide.
    root.prepend(Object.assign(document.createElement('p'), { textContent: 'Tin cập nhật. ' }));
    const shifted = buildTextModel(root);
    const started = performance.now();
    const result = anchor(shifted, target);
    const elapsed = performance.now() - started;
    if (isOrphan(result)) throw new Error(result.reason);
    expect(result.range.startContainer.parentElement?.dataset.id).toBe('321');
    expect(result.start).toBe(at + 'Tin cập nhật.\n\n'.length);
    expect(elapsed).toBeLessThan(500);
  });
});

describe('anchorMany', () => {
  function bigModel(): { model: TextModel; targets: AnnotationTarget[] } {
    const root = mountParagraphs(numbered(Array.from({ length: 12 }, () => SEED_PARAGRAPHS).flat()));
    const model = buildTextModel(root);
    const targets: AnnotationTarget[] = [];
    for (let i = 0; i < 300; i++) {
      const start = (i * 997) % (model.text.length - 80);
      const target = describeRange(model, rangeFromTextOffsets(model, start, start + 40) as Range);
      if (!isRejected(target)) targets.push(target);
    }
    return { model, targets };
  }

  it('gives the same answers as anchor, in order, and lets timers run in between', async () => {
    const { model, targets } = bigModel();
    let timerRan = false;
    setTimeout(() => {
      timerRan = true;
    }, 0);
    const results = await anchorMany(model, targets, { budgetMs: 1 });
    expect(timerRan).toBe(true);
    expect(results).toHaveLength(targets.length);
    results.forEach((result, i) => {
      const single = anchor(model, targets[i] as AnnotationTarget);
      expect(isOrphan(result) ? result : result.start).toEqual(isOrphan(single) ? single : single.start);
    });
  });

  it('stops when aborted', async () => {
    const { model, targets } = bigModel();
    const controller = new AbortController();
    const seen: number[] = [];
    const running = anchorMany(model, targets, {
      signal: controller.signal,
      budgetMs: 0,
      onResult: (index) => {
        seen.push(index);
        if (index === 5) controller.abort();
      },
    });
    await expect(running).rejects.toThrow();
    expect(seen.length).toBeLessThan(targets.length);
  });
});
