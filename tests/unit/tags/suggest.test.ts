import { describe, expect, it } from 'vitest';
import { addTag, suggestTags, tidyTagInput } from '@/utils/tags/suggest';

const known = [
  { name: 'học tập', count: 12 },
  { name: 'Học viện', count: 3 },
  { name: 'tự học', count: 5 },
  { name: 'Hà Nội', count: 20 },
  { name: 'hòa bình', count: 2 },
  { name: 'Đảng', count: 7 },
];

describe('suggestTags', () => {
  it('suggests Vietnamese tags from unaccented input, prefix matches first', () => {
    expect(suggestTags('hoc', known, []).map((t) => t.name)).toEqual(['học tập', 'Học viện', 'tự học']);
  });
  it('treats đ as d and old/new tone placement alike', () => {
    expect(suggestTags('dang', known, []).map((t) => t.name)).toEqual(['Đảng']);
    expect(suggestTags('hoà', known, []).map((t) => t.name)).toEqual(['hòa bình']);
  });
  it('leaves out tags already on the highlight', () => {
    expect(suggestTags('hoc', known, ['HỌC TẬP']).map((t) => t.name)).toEqual(['Học viện', 'tự học']);
  });
  it('lists the most used tags for an empty input', () => {
    expect(suggestTags('', known, [], 2).map((t) => t.name)).toEqual(['Hà Nội', 'học tập']);
  });
});

describe('addTag', () => {
  it('adds a new tag, tidied', () => {
    expect(addTag([], '  #kinh   tế ')).toEqual(['kinh tế']);
  });
  it('does not add the same tag twice, whatever the tone placement or case', () => {
    expect(addTag(['hòa bình'], 'Hoà Bình')).toEqual(['hòa bình']);
  });
  it('reuses the spelling of a known tag', () => {
    expect(addTag([], 'ha noi', known)).toEqual(['ha noi']);
    expect(addTag([], 'hà nội', known)).toEqual(['Hà Nội']);
  });
  it('ignores empty input', () => {
    expect(addTag(['a'], '   ')).toEqual(['a']);
    expect(tidyTagInput('#')).toBe('');
  });
  it('never offers the store a tag it would refuse (control characters)', () => {
    expect(addTag([], 'a\u0007b')).toEqual([]);
  });
});
