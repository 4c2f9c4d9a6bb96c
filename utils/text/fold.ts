/**
 * Vietnamese-aware text keys. Pages mix NFC and NFD text and old/new tone placement ("hòa"/"hoà",
 * "Ủy"/"Uỷ"); users type without marks. Never rewrite what is shown: these build comparison keys only.
 */

/** Combining marks that carry the five Vietnamese tones: grave, acute, tilde, hook above, dot below. */
const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323';
const TONE_MARK_RE = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ANY_MARK_RE = /\p{M}/gu;

export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** Collapse runs of white space (including nbsp) to one space and trim. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

/**
 * Accent-insensitive search key: lower case, every mark removed, đ→d, white space collapsed.
 * "Học tập" and "hoc tap" give the same key; so do "hòa" and "hoà", "Đảng" and "dang".
 */
export function foldForSearch(text: string): string {
  return collapseWhitespace(
    text
      .normalize('NFD')
      .replace(ANY_MARK_RE, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase(),
  );
}

/**
 * Identity key that keeps the meaning of the marks but not where the tone sits: "hòa" and "hoà",
 * "Ủy ban" and "Uỷ ban" are equal; "học" and "hóc" are not. Each word's tone mark is taken off its
 * vowel and written once after the word, so placement style no longer matters.
 */
export function canonicalKey(text: string): string {
  const decomposed = collapseWhitespace(text).toLowerCase().normalize('NFD');
  return decomposed
    .replace(/[\p{L}\p{M}]+/gu, (word) => {
      const tones = [...word].filter((ch) => TONE_MARKS.includes(ch));
      const bare = word.replace(TONE_MARK_RE, '').normalize('NFC');
      return tones.length ? `${bare}${tones.join('')}`.normalize('NFC') : bare;
    })
    .normalize('NFC');
}
