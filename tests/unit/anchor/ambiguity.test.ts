import { describe, expect, it } from 'vitest';
import {
  CONTEXT_LENGTH,
  EXTENDED_CONTEXT_LENGTH,
  buildQuoteIndex,
  isOrphan,
  locateQuote,
  quoteSelectorAt,
  type LocateResult,
  type TargetLike,
} from '@/utils/anchor/quote-index';

/** Selectors for the `occurrence`-th copy of `quote` in `text`, as describeRange stores them. */
function highlight(text: string, quote: string, occurrence = 0): TargetLike {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = start + quote.length;
  return { quote: quoteSelectorAt(buildQuoteIndex(text), start, end), position: { start, end } };
}

const locate = (text: string, target: TargetLike): LocateResult => locateQuote(buildQuoteIndex(text), target);

function landed(text: string, result: LocateResult): { start: number; text: string } {
  if (isOrphan(result)) throw new Error(`orphan: ${result.reason}`);
  return { start: result.start, text: text.slice(result.start, result.end) };
}

/** Paragraphs that differ from each other (numbered from `from`), to separate the passages under test. */
const filler = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `Đoạn ${from + i + 1}: Ủy ban nhân dân thành phố họp bàn kế hoạch số ${100 + from + i} về giao thông.`).join('\n\n');

describe('selectors stored at creation', () => {
  it('keep 32 characters of context for a quote found once, and more when it recurs on the page', () => {
    const text = `${filler(3)}\n\nTổng số lượt đánh giá: 12.\n\n${filler(3, 3)}\n\nTổng số lượt đánh giá: 40.`;
    const unique = highlight(text, 'kế hoạch số 101');
    expect(unique.quote.prefix).toHaveLength(CONTEXT_LENGTH);
    expect(unique.quote.suffix).toHaveLength(CONTEXT_LENGTH);
    const recurring = highlight(text, 'Tổng số lượt đánh giá', 0);
    expect(recurring.quote.prefix).toHaveLength(EXTENDED_CONTEXT_LENGTH);
    expect(recurring.quote.suffix).toHaveLength(EXTENDED_CONTEXT_LENGTH);
    // Still found where it was on the unchanged page.
    expect(landed(text, locate(text, recurring)).start).toBe(recurring.position.start);
  });
});

describe('copies of the quote', () => {
  const section = (name: string) =>
    `Hình thức ${name}.\n\nNgười học cần tự giác, có kỹ năng công nghệ và tự học được. Sinh viên sẽ gặp nhiều mục tiêu của khóa học qua Canvas.`;
  const page = [section('trực tuyến'), filler(2), section('kết hợp'), filler(2, 2), section('trực tiếp')].join('\n\n');

  it('land on the edited original, not on a copy that is still exact', () => {
    const target = highlight(page, 'Sinh viên sẽ gặp nhiều mục tiêu', 1);
    // A typo fixed inside the original: the other two copies are still exact, with the same near context.
    const edited = page.replace(/(Hình thức kết hợp\.\n\n[^]*?)Sinh viên sẽ gặp nhiều/, '$1Sinh viên sẽ gặp nhiêu');
    const found = landed(edited, locate(edited, target));
    expect(found.start).toBe(edited.indexOf('Sinh viên sẽ gặp nhiêu'));
  });

  it('make an orphan when the original is removed and only copies elsewhere remain', () => {
    const target = highlight(page, 'Sinh viên sẽ gặp nhiều mục tiêu', 1);
    const removed = page.replace(/(Hình thức kết hợp\.\n\n)[^\n]+/, '$1Nội dung đang cập nhật.');
    expect(isOrphan(locate(removed, target))).toBe(true);
  });

  it('still come back when their far surroundings only had small edits', () => {
    const target = highlight(page, 'Sinh viên sẽ gặp nhiều mục tiêu', 1);
    const edited = page.replace('Hình thức kết hợp.', 'Hình thức học kết hợp.').replace('kế hoạch số 100', 'kế hoạch 100');
    const found = landed(edited, locate(edited, target));
    expect(found.start).toBe(edited.indexOf('Sinh viên sẽ gặp', edited.indexOf('Hình thức học kết hợp')));
  });
});

describe('short quotes', () => {
  it('do not move onto the same letter nearby when their own letter was deleted', () => {
    const text = `${filler(2)}\n\nPersonally, I have never needed this so far (hopefully it stays that way).\n\n${filler(2, 2)}`;
    const at = text.indexOf('far (');
    const target: TargetLike = { quote: quoteSelectorAt(buildQuoteIndex(text), at, at + 1), position: { start: at, end: at + 1 } };
    const edited = text.replace('so far (', 'so (');
    expect(isOrphan(locate(edited, target))).toBe(true);
  });

  it('need context on both sides: the same phrase after the same words elsewhere is another passage', () => {
    const text = `${filler(2)}\n\nNước súc miệng sát khuẩn giúp giảm mảng bám, ngừa sâu răng.\n\n${filler(2, 2)}\n\nDùng chỉ nha khoa và chất kháng khuẩn giúp giảm mảng bám, ngừa sâu răng.`;
    const target = highlight(text, 'giú', 0);
    const removed = text.replace('Nước súc miệng sát khuẩn giúp giảm mảng bám, ngừa sâu răng.\n\n', '');
    expect(isOrphan(locate(removed, target))).toBe(true);
    // With its sentence still there (a word inserted before it), it comes back.
    const edited = text.replace('Nước súc miệng sát khuẩn', 'Nước súc miệng có sát khuẩn');
    expect(landed(edited, locate(edited, target)).start).toBe(edited.indexOf('giúp giảm'));
  });

  it('are not confused with the same letters a few characters away', () => {
    const text = `${filler(3)}\n\nThay vì ăn kiêng cực đoan, xu hướng là sự cân bằng.\n\n${filler(3, 3)}`;
    const at = text.indexOf('là sự') + 3;
    const target: TargetLike = { quote: quoteSelectorAt(buildQuoteIndex(text), at, at + 1), position: { start: at, end: at + 1 } };
    const shifted = `Tin mới.\n\n${text}`;
    expect(landed(shifted, locate(shifted, target)).start).toBe(at + 'Tin mới.\n\n'.length);
  });
});

describe('approximate matches', () => {
  it('do not take a template line with a word swapped after the same shared text', () => {
    const line = (kind: string, next: string) => `học tại nhà hoặc ở trường.\n\nHọc ${kind} có phát trực tiếp\n\n${next}`;
    const text = [filler(2), line('trực tuyến', 'Phát trực tiếp là đồng bộ theo thời gian thực.'), filler(2, 2), line('kết hợp', 'Các khóa học loại này kết hợp hai hình thức.')].join('\n\n');
    const target = highlight(text, 'trường.\n\nHọc trực tuyến có phát trực tiếp\n\nPhát', 0);
    const removed = text.replace('học tại nhà hoặc ở trường.\n\nHọc trực tuyến có phát trực tiếp\n\nPhát trực tiếp là đồng bộ theo thời gian thực.', 'Mục này đã được chuyển.');
    expect(isOrphan(locate(removed, target))).toBe(true);
  });
});
