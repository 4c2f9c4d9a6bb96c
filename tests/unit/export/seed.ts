/** The seed article from ../shared with a handful of highlights, shared by the export tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Annotation, Article, HighlightColor } from '../../../utils/model/types';

export const SEED_TEXT = readFileSync(
  fileURLToPath(new URL('../../../../shared/seed-article.txt', import.meta.url)),
  'utf8',
).normalize('NFC');

export const SEED_URL = 'https://hanoi.gov.vn/tin-tuc/lan-toa-tinh-than-hoc-tap-va-lam-theo-tam-guong-cua-bac';

/** A fixed moment: 27/11/2026 19:00 in Hà Nội. */
export const EXPORT_NOW = new Date('2026-11-27T12:00:00Z');

export function seedArticle(overrides: Partial<Article['meta']> = {}): Article {
  return {
    url: SEED_URL,
    aliases: [],
    originalUrl: `${SEED_URL}#top`,
    meta: {
      title: SEED_TEXT.split('\n')[0] as string,
      lead: 'Sáng 12/6, Ban Tuyên giáo Trung ương tổ chức Hội nghị toàn quốc đánh giá tình hình thực hiện Kết luận số 01-KL/TW.',
      author: 'Quỳnh Anh',
      published: '2023-06-12T10:30:00+07:00',
      siteName: 'Cổng giao tiếp điện tử Hà Nội',
      lang: 'vi',
      ...overrides,
    },
    firstVisit: Date.parse('2026-11-20T01:00:00Z'),
    lastVisit: Date.parse('2026-11-26T01:00:00Z'),
  };
}

let nextId = 1;

/**
 * A highlight on `exact` as the anchoring stage would store it; `occurrence` picks which match
 * when the words appear several times.
 */
export function highlightOf(
  text: string,
  exact: string,
  extra: { color?: HighlightColor; tags?: string[]; note?: string; occurrence?: number } = {},
): Annotation {
  let start = -1;
  for (let seen = 0; seen <= (extra.occurrence ?? 0); seen++) {
    start = text.indexOf(exact, start + 1);
    if (start === -1) throw new Error(`quote not in text: ${exact}`);
  }
  const end = start + exact.length;
  const id = `h${nextId++}`;
  return {
    id,
    articleUrl: SEED_URL,
    target: {
      scope: 'article',
      quote: {
        type: 'TextQuoteSelector',
        exact,
        prefix: text.slice(Math.max(0, start - 32), start),
        suffix: text.slice(end, end + 32),
      },
      position: { type: 'TextPositionSelector', start, end },
    },
    quote: exact,
    color: extra.color ?? 'yellow',
    tags: extra.tags ?? [],
    note: extra.note ?? '',
    created: Date.parse('2026-11-21T02:00:00Z') + nextId * 60_000,
    updated: Date.parse('2026-11-21T02:00:00Z') + nextId * 60_000,
  };
}

const MULTI_PARAGRAPH_START = 'Hằng năm, Ban Tuyên giáo Trung ương ban hành';
const MULTI_PARAGRAPH_END = 'trong mỗi tổ chức và cá nhân, ở từng cấp, từng lĩnh vực.';

function spanning(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start) + to.length;
  return text.slice(start, end);
}

/** Listed out of page order on purpose: the export must sort them. */
export function seedHighlights(): Annotation[] {
  return [
    highlightOf(SEED_TEXT, 'phải nêu cao tinh thần gương mẫu, tự giác, trách nhiệm', {
      color: 'green',
      tags: ['Hà Nội', 'gương mẫu'],
      note: 'Ý chính của phần kết luận.',
    }),
    highlightOf(SEED_TEXT, 'Hội nghị được tổ chức theo hình thức trực tiếp kết hợp trực tuyến.', {
      tags: ['học tập'],
      note: 'Hình thức kết hợp — dùng cho báo cáo quý.\nHỏi lại số điểm cầu.',
    }),
    highlightOf(SEED_TEXT, spanning(SEED_TEXT, MULTI_PARAGRAPH_START, MULTI_PARAGRAPH_END), {
      color: 'blue',
      tags: ['học tập', 'Hà Nội'],
      note: '',
    }),
    highlightOf(SEED_TEXT, 'học tập và làm theo', { color: 'pink', occurrence: 3 }),
    highlightOf(
      SEED_TEXT,
      'Ban Thường vụ Quận ủy đã chỉ đạo tổ chức đợt sinh hoạt chính trị sâu rộng trong toàn Đảng bộ quận nhân dịp kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam',
      { color: 'yellow', tags: ['hoà bình', 'Hà Nội'], note: 'Xem thêm: chuyên đề năm 2023.\n\nĐoạn hai của ghi chú.' },
    ),
  ];
}
