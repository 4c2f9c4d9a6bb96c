import { describe, expect, it } from 'vitest';
import { LetterKind, isAuthorLine, letterKind, withoutFinalInitial } from '@/utils/extract/byline';
import { seededRandom } from '../../../scripts/lib/seeded-random';

/** The pattern isAuthorLine stands for (slow to compile, so no longer used by extraction). */
const AUTHOR_LINE_PATTERN =
  /^(?:(?:Bài(?: và ảnh)?|Tin(?:, ảnh)?|Ảnh|PV|Nhóm PV|BTV|Phóng viên)\s*:\s*)?[\p{Lu}][\p{Ll}\p{Lu}.]*(?:\s+[\p{Lu}][\p{Ll}\p{Lu}.]*){0,5}(?:\s*[-–,]\s*[\p{Lu}][\p{L}.]*(?:\s+[\p{Lu}][\p{L}.]*){0,5})?(?:\s*\((?:thực hiện|tổng hợp|biên dịch|lược dịch|dịch|TTXVN|st|ST|t\/h|TH)\))?$/u;

const expectedKind = (char: string): LetterKind =>
  /^\p{Lu}$/u.test(char) ? LetterKind.Uppercase : /^\p{Ll}$/u.test(char) ? LetterKind.Lowercase : /^\p{L}$/u.test(char) ? LetterKind.OtherLetter : LetterKind.NotALetter;

describe('letterKind', () => {
  it('gives every code point of the Latin, Greek, Cyrillic and Vietnamese blocks the category \\p{…} gives it', () => {
    const wrong: string[] = [];
    for (let code = 0; code < 0x2000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if (letterKind(char) !== expectedKind(char)) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('reads letters outside those blocks too (Cyrillic, CJK, astral)', () => {
    for (const char of ['Ж', 'ж', '中', 'ǅ', 'ʰ', '𝐀', '𝐚', '1', '.', '–']) expect(letterKind(char)).toBe(expectedKind(char));
  });
});

describe('isAuthorLine', () => {
  it('takes the author lines that end Vietnamese articles', () => {
    for (const line of ['Quỳnh Anh', 'Bài và ảnh: Minh Đức', 'PV: Nguyễn Văn A.', 'Thu Hằng - Ngọc Anh', 'Thu Hằng, Ngọc Anh (thực hiện)', 'Hà An (TTXVN)', 'Phóng viên: Lê Hồng Sơn']) {
      expect(isAuthorLine(line), line).toBe(true);
    }
  });

  it('rejects prose, dates and names that are too long', () => {
    for (const line of ['Sáng 12/6, hội nghị toàn quốc', 'ngọc Anh', '12/06/2023', 'A B C D E F G', 'Quỳnh Anh ', '', 'PV:']) {
      expect(isAuthorLine(line), line).toBe(false);
    }
  });

  it('agrees with the Unicode pattern it replaces on 20,000 generated lines', () => {
    const pieces = ['Quỳnh', 'Anh', 'Đức', 'ngọc', 'NGUYỄN', 'V.', 'A.', 'Ж', 'ǅa', 'ʰ', '中', '𝐀b', 'x1', 'Bài', 'Bài và ảnh', 'Tin, ảnh', 'PV', 'Nhóm PV', 'Phóng viên', ':', ' : ', ' ', '  ', '\u00a0', '-', ' - ', '–', ',', ', ', '(thực hiện)', ' (TTXVN)', '(st)', '(abc)', '.', '?'];
    const next = seededRandom(20261128);
    const disagreements: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const count = 1 + Math.floor(next() * 9);
      let line = '';
      for (let k = 0; k < count; k++) line += pieces[Math.floor(next() * pieces.length)];
      if (isAuthorLine(line) !== AUTHOR_LINE_PATTERN.test(line)) disagreements.push(line);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('withoutFinalInitial', () => {
  it('does what text.replace(/\\b\\p{Lu}\\.$/u, "") does', () => {
    for (const text of ['Nguyễn Văn A.', 'Trần Đ.', 'xĐ.', 'Anh.', 'A.', '.', '', 'abc', 'Văn 𝐀.', '1A.', 'Đ.', 'ab.']) {
      expect(withoutFinalInitial(text), text).toBe(text.replace(/\b\p{Lu}\.$/u, ''));
    }
  });
});
