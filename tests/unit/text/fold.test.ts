import { describe, expect, it } from 'vitest';
import { canonicalKey, collapseWhitespace, foldForSearch, nfc } from '@/utils/text/fold';

const nfd = (s: string) => s.normalize('NFD');

describe('foldForSearch', () => {
  it.each([
    ['Học tập', 'hoc tap'],
    ['hòa', 'hoa'],
    ['hoà', 'hoa'],
    ['Đảng Cộng sản', 'dang cong san'],
    ['ĐỒNG CHÍ  Nguyễn\u00a0Trọng Nghĩa', 'dong chi nguyen trong nghia'],
    [nfd('Ủy ban nhân dân'), 'uy ban nhan dan'],
  ])('%s → %s', (input, expected) => {
    expect(foldForSearch(input)).toBe(expected);
  });
});

describe('canonicalKey', () => {
  it('treats old and new tone placement as the same word', () => {
    expect(canonicalKey('hòa')).toBe(canonicalKey('hoà'));
    expect(canonicalKey('Ủy ban')).toBe(canonicalKey('Uỷ ban'));
    expect(canonicalKey('khỏe')).toBe(canonicalKey('khoẻ'));
    expect(canonicalKey('thúy')).toBe(canonicalKey('thuý'));
  });
  it('treats NFD and NFC input alike', () => {
    expect(canonicalKey(nfd('Hài hoà'))).toBe(canonicalKey('hài hòa'));
  });
  it('keeps words with different tones or vowel marks apart', () => {
    expect(canonicalKey('học')).not.toBe(canonicalKey('hóc'));
    expect(canonicalKey('hoc')).not.toBe(canonicalKey('học'));
    expect(canonicalKey('Đảng')).not.toBe(canonicalKey('dang'));
    expect(canonicalKey('tâm')).not.toBe(canonicalKey('tam'));
  });
  it('ignores case and extra spaces', () => {
    expect(canonicalKey('  Học   Tập ')).toBe(canonicalKey('học tập'));
  });
});

describe('nfc and collapseWhitespace', () => {
  it('composes letters with two marks', () => {
    expect(nfc('e\u0323\u0302')).toBe('ệ');
  });
  it('collapses nbsp and zero-width spaces', () => {
    expect(collapseWhitespace(' a\u00a0\u00a0b\u200bc ')).toBe('a b c');
  });
});
