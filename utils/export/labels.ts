import type { HighlightColor } from '../model/types';

/**
 * The few words an export writes into the Markdown itself. They live here rather than in
 * public/_locales because the output must be identical in Node (tests, benchmarks) and the browser,
 * and the export language is the user's choice for the file, not the UI language.
 */
export type ExportLocale = 'vi' | 'en';

export interface ExportLabels {
  highlights: string;
  fullText: string;
  note: string;
  openPassage: string;
  untagged: string;
  source: string;
  untitled: string;
  libraryTitle: string;
  highlightCount: (count: number) => string;
  exportedOn: (dayFirstDate: string) => string;
  colors: Record<HighlightColor, string>;
}

export const EXPORT_LABELS: Record<ExportLocale, ExportLabels> = {
  vi: {
    highlights: 'Đoạn đánh dấu',
    fullText: 'Toàn văn',
    note: 'Ghi chú',
    openPassage: 'Mở đoạn này trong bài',
    untagged: 'Chưa gắn thẻ',
    source: 'Nguồn',
    untitled: 'Không có tiêu đề',
    libraryTitle: 'Sổ tay',
    highlightCount: (count) => `${count} đoạn đánh dấu`,
    exportedOn: (date) => `Xuất ngày ${date}`,
    colors: { yellow: 'Vàng', green: 'Xanh lá', blue: 'Xanh dương', pink: 'Hồng', purple: 'Tím' },
  },
  en: {
    highlights: 'Highlights',
    fullText: 'Full text',
    note: 'Note',
    openPassage: 'Open this passage in the article',
    untagged: 'Untagged',
    source: 'Source',
    untitled: 'Untitled',
    libraryTitle: 'Sổ tay',
    highlightCount: (count) => `${count} highlight${count === 1 ? '' : 's'}`,
    exportedOn: (date) => `Exported on ${date}`,
    colors: { yellow: 'Yellow', green: 'Green', blue: 'Blue', pink: 'Pink', purple: 'Purple' },
  },
};
