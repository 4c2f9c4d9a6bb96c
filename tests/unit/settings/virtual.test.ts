import { describe, expect, it } from 'vitest';
import { rowAt, rowHeightAt, rowOffset, totalHeight, visibleWindow } from '@/utils/library/virtual';

describe('virtual list maths', () => {
  const plain = { count: 100_000, rowHeight: 100 };
  it('renders only the rows in view plus overscan, anywhere in a huge list', () => {
    expect(visibleWindow(plain, 0, 550, 2)).toEqual({ start: 0, end: 8 });
    expect(visibleWindow(plain, 5_000_000, 550, 2)).toEqual({ start: 49_998, end: 50_008 });
    expect(visibleWindow(plain, 99_999 * 100, 550, 2)).toEqual({ start: 99_997, end: 100_000 });
    expect(totalHeight(plain)).toBe(10_000_000);
  });

  it('accounts for one expanded row above and below it', () => {
    const g = { count: 10, rowHeight: 100, expandedIndex: 3, expandedHeight: 250 };
    expect(totalHeight(g)).toBe(1150);
    expect(rowOffset(g, 3)).toBe(300);
    expect(rowHeightAt(g, 3)).toBe(250);
    expect(rowOffset(g, 4)).toBe(550);
    expect(rowAt(g, 549)).toBe(3);
    expect(rowAt(g, 550)).toBe(4);
    expect(rowAt(g, 299)).toBe(2);
    expect(rowAt(g, 99_999)).toBe(9);
  });

  it('has nothing to render for an empty list', () => {
    expect(visibleWindow({ count: 0, rowHeight: 100 }, 0, 500)).toEqual({ start: 0, end: 0 });
  });
});
