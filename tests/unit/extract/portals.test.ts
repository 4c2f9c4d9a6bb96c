/**
 * Government portal fixtures (tests/fixtures/portals, conventions in its README): for every page,
 * detection must match, and for articles the title, date, author and main text a reader would see.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '@/utils/extract';
import { wordF1 } from '../../helpers/wordF1';

const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/portals/', import.meta.url));
const MIN_TEXT_F1 = 0.98;
const MIN_LEAD_F1 = 0.95;

interface Expected {
  url: string;
  isArticle: boolean;
  title?: string;
  /** ISO with offset, or YYYY-MM-DD when the page shows only a day. */
  published?: string;
  author?: string | null;
  lead?: string | null;
  text?: string;
}

/** PORTALS.md §4 phrases that only ever appear as page furniture: never anywhere in the text. */
const FURNITURE_PHRASES = [
  'Tin liên quan', 'Bài liên quan', 'Tin cùng chuyên mục', 'Bài viết cùng chuyên mục', 'CÓ THỂ BẠN QUAN TÂM',
  'ĐƯỢC XEM NHIỀU', 'Tin mới nhất', 'Các tin khác', 'Tham khảo thêm', 'Video liên quan', 'Xem theo ngày', 'Từ khóa:',
  'In bài viết', 'Gửi email', 'Copy link', 'Lấy link!', 'Tăng cỡ chữ', 'Cỡ chữ mặc định', 'Giảm cỡ chữ',
  'Gửi bình luận', 'Đánh giá bài viết', 'Chọn Link liên kết', 'NỘI DUNG ĐƯỢC TÀI TRỢ', '(quảng cáo)', 'Trang chủ >',
  'Link bài gốc', 'link gốc', 'Share this page', 'Is this page useful?', 'Report a problem', 'Date modified:',
];
/** Short §4 words that are also ordinary prose ("chia sẻ những kinh nghiệm"): wrong only as a line of their own. */
const FURNITURE_LINES = [
  'TIN MỚI', 'Xem thêm', 'Đọc thêm', 'Đọc tiếp', 'Chia sẻ', 'Thích', 'Bình luận', 'Trang chủ', 'Print', 'Send email',
  'Related content', 'More News', 'Menu',
];

const comparable = (text: string) => text.normalize('NFC').replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();

function furnitureIn(text: string): string[] {
  const whole = comparable(text);
  const lines = new Set(text.split('\n').map((line) => comparable(line).replace(/:$/, '')));
  return [
    ...FURNITURE_PHRASES.filter((phrase) => whole.includes(comparable(phrase))),
    ...FURNITURE_LINES.filter((line) => lines.has(comparable(line))),
  ];
}

/** A day-only expectation holds when the page's own calendar day matches; otherwise the same instant. */
function samePublished(actual: string | undefined, expected: string): boolean {
  if (!actual) return false;
  if (/^\d{4}-\d{2}-\d{2}$/.test(expected)) return actual.slice(0, 10) === expected;
  return Date.parse(actual) === Date.parse(expected);
}

const fixtures = readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith('.expected.json'))
  .sort()
  .map((file) => {
    const name = file.replace(/\.expected\.json$/, '');
    const expected = JSON.parse(readFileSync(`${FIXTURE_DIR}${file}`, 'utf8')) as Expected;
    return { name, expected, html: readFileSync(`${FIXTURE_DIR}${name}.html`, 'utf8') };
  });

function extract(html: string, url: string) {
  const dom = new JSDOM(html, { url });
  return extractArticle(dom.window.document, url);
}

describe('Word F1 as corpus/README.md defines it', () => {
  it('counts Vietnamese syllables as whole tokens, whatever the normalisation form', () => {
    expect(wordF1('Học tập'.normalize('NFD'), 'học TẬP')).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(wordF1('học', 'hóc').f1).toBe(0);
  });

  it('scores tokens as a multiset', () => {
    const score = wordF1('tin tin mới', 'tin mới');
    expect(score.precision).toBeCloseTo(2 / 3);
    expect(score.recall).toBe(1);
    expect(score.f1).toBeCloseTo(0.8);
  });
});

describe('portal fixtures', () => {
  it('cover every family with an article and a page that is not one', () => {
    const families = new Map<string, { article: number; other: number }>();
    for (const { name, expected } of fixtures) {
      const family = name.split('-')[0]!;
      const counts = families.get(family) ?? { article: 0, other: 0 };
      counts[expected.isArticle ? 'article' : 'other'] += 1;
      families.set(family, counts);
    }
    const familyNames = [...families.keys()].sort();
    expect(familyNames).toEqual(
      ['canada', 'dangcongsan', 'govuk', 'hanoi', 'liferay62', 'liferay7', 'nhandan', 'sharepoint', 'vccorp', 'vietnamplus', 'whitehouse', 'wordpress'].sort(),
    );
    for (const [family, counts] of families) {
      // Nhân Dân and VietnamPlus are one family (same CMS): its non-article is the VietnamPlus listing.
      if (family === 'nhandan') continue;
      expect(counts.article, family).toBeGreaterThanOrEqual(1);
      expect(counts.other, family).toBeGreaterThanOrEqual(1);
    }
  });

  it('expected texts are themselves free of page furniture', () => {
    for (const { name, expected } of fixtures) {
      if (expected.text !== undefined) expect(furnitureIn(expected.text), name).toEqual([]);
    }
  });
});

describe.each(fixtures)('$name', ({ expected, html }) => {
  it(expected.isArticle ? 'is detected as an article' : 'is not taken for an article', () => {
    const result = extract(html, expected.url);
    expect(result.isArticle, result.reasons.join('; ')).toBe(expected.isArticle);
  });

  if (!expected.isArticle) return;

  it('has the exact title and publication date', () => {
    const { meta } = extract(html, expected.url);
    expect(meta.title.normalize('NFC')).toBe(expected.title);
    expect(samePublished(meta.published, expected.published!), `published ${meta.published} ≠ ${expected.published}`).toBe(true);
  });

  if (expected.author) {
    it('names the author', () => {
      const { meta, text } = extract(html, expected.url);
      expect(meta.author?.normalize('NFC').trim()).toBe(expected.author);
      // The signature line is metadata, not the last paragraph of the text.
      const lastBlock = text.trim().split(/\n\s*\n/).pop() ?? '';
      expect(comparable(lastBlock)).not.toBe(comparable(expected.author!));
    });
  }

  if (expected.lead) {
    it('finds the lead without its source prefix', () => {
      const { meta } = extract(html, expected.url);
      expect(meta.lead, 'lead').toBeDefined();
      expect(meta.lead!).not.toMatch(/^\(\s*[\w.]+\.(vn|gov\.vn)\s*\)/i);
      expect(wordF1(meta.lead!, expected.lead!).f1).toBeGreaterThanOrEqual(MIN_LEAD_F1);
    });
  }

  it(`extracts the main text (Word F1 ≥ ${MIN_TEXT_F1}) without page furniture`, () => {
    const { text } = extract(html, expected.url);
    const score = wordF1(text, expected.text!);
    expect(score.f1, `precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}`).toBeGreaterThanOrEqual(MIN_TEXT_F1);
    expect(furnitureIn(text)).toEqual([]);
  });
});

describe('a portal article in its profile form', () => {
  const STRUCTURE_SKIPPED = /page structure not read/;
  const seed = fixtures.find((f) => f.name === 'hanoi-seed-article')!;

  it('is judged without reading the rest of the page, and confidently', () => {
    const result = extract(seed.html, seed.expected.url);
    expect(result.reasons.some((reason) => STRUCTURE_SKIPPED.test(reason)), result.reasons.join('; ')).toBe(true);
    expect(result.isArticle).toBe(true);
    expect(result.confidence).toBeGreaterThan(0.8);
  });

  it('is read whole, structure included, under a host that is not the portal or at a URL not in article form', () => {
    const elsewhere = extract(seed.html, 'https://mirror.example.org/tin-tuc-su-kien/lan-toa-4230612171501234.htm');
    const otherForm = extract(seed.html, 'https://hanoi.gov.vn/tin-tuc-su-kien/lan-toa-tinh-than.htm');
    for (const result of [elsewhere, otherForm]) {
      expect(result.reasons.some((reason) => STRUCTURE_SKIPPED.test(reason)), result.reasons.join('; ')).toBe(false);
      expect(result.isArticle).toBe(true);
      expect(result.text).toBe(extract(seed.html, seed.expected.url).text);
    }
  });

  it('never lets a listing or search page of the same portals skip the structure', () => {
    for (const { name, expected, html } of fixtures.filter((f) => !f.expected.isArticle)) {
      const result = extract(html, expected.url);
      expect(result.reasons.some((reason) => STRUCTURE_SKIPPED.test(reason)), name).toBe(false);
    }
  }, 60_000);
});
