/**
 * Which rows of a long list to render. Rows have one fixed height, except at most one expanded row
 * (the one being edited), so every offset is arithmetic: no measuring, and 100,000 rows cost nothing.
 */
export interface ListGeometry {
  count: number;
  rowHeight: number;
  /** Index of the one taller row, if any. */
  expandedIndex?: number;
  expandedHeight?: number;
}

function extra(geometry: ListGeometry): number {
  const { expandedIndex, expandedHeight, count, rowHeight } = geometry;
  if (expandedIndex === undefined || expandedHeight === undefined || expandedIndex < 0 || expandedIndex >= count) return 0;
  return Math.max(0, expandedHeight - rowHeight);
}

export function totalHeight(geometry: ListGeometry): number {
  return geometry.count * geometry.rowHeight + extra(geometry);
}

/** Top of row `index` from the top of the list. */
export function rowOffset(geometry: ListGeometry, index: number): number {
  const below = geometry.expandedIndex !== undefined && index > geometry.expandedIndex;
  return index * geometry.rowHeight + (below ? extra(geometry) : 0);
}

export function rowHeightAt(geometry: ListGeometry, index: number): number {
  return index === geometry.expandedIndex ? geometry.rowHeight + extra(geometry) : geometry.rowHeight;
}

/** The row that covers vertical position `y` (clamped to the list). */
export function rowAt(geometry: ListGeometry, y: number): number {
  if (geometry.count === 0) return 0;
  const { expandedIndex, rowHeight } = geometry;
  const grow = extra(geometry);
  let index: number;
  if (expandedIndex !== undefined && grow > 0 && y >= rowOffset(geometry, expandedIndex)) {
    const expandedEnd = rowOffset(geometry, expandedIndex) + rowHeight + grow;
    index = y < expandedEnd ? expandedIndex : Math.floor((y - grow) / rowHeight);
  } else {
    index = Math.floor(y / rowHeight);
  }
  return Math.max(0, Math.min(geometry.count - 1, index));
}

export interface VisibleWindow {
  /** First rendered row. */
  start: number;
  /** One past the last rendered row. */
  end: number;
}

/** The rows that intersect the viewport, plus `overscan` rows either side so fast scrolling shows no gaps. */
export function visibleWindow(geometry: ListGeometry, scrollTop: number, viewportHeight: number, overscan = 6): VisibleWindow {
  if (geometry.count === 0) return { start: 0, end: 0 };
  const first = rowAt(geometry, Math.max(0, scrollTop));
  const last = rowAt(geometry, Math.max(0, scrollTop + viewportHeight - 1));
  return { start: Math.max(0, first - overscan), end: Math.min(geometry.count, last + 1 + overscan) };
}

/**
 * A list whose entries have different heights (highlight rows, article headers, the row being edited):
 * offsets are prefix sums computed once per change of the entries, and finding the rows in view is a
 * binary search, so a long list still costs next to nothing per scroll frame.
 */
export interface ListLayout {
  /** offsets[i] is the top of entry i; offsets[count] is the total height. */
  offsets: Float64Array;
}

export function buildLayout(heights: ArrayLike<number>): ListLayout {
  const offsets = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = offsets[i]! + heights[i]!;
  return { offsets };
}

export function layoutCount(layout: ListLayout): number {
  return layout.offsets.length - 1;
}

export function layoutHeight(layout: ListLayout): number {
  return layout.offsets[layout.offsets.length - 1]!;
}

/** The entry that covers vertical position `y` (clamped to the list). */
export function entryAt(layout: ListLayout, y: number): number {
  const count = layoutCount(layout);
  if (count === 0) return 0;
  let low = 0;
  let high = count - 1;
  // The last entry whose top is at or above y.
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (layout.offsets[middle]! <= y) low = middle;
    else high = middle - 1;
  }
  return low;
}

export function layoutWindow(layout: ListLayout, scrollTop: number, viewportHeight: number, overscan = 6): VisibleWindow {
  const count = layoutCount(layout);
  if (count === 0) return { start: 0, end: 0 };
  const first = entryAt(layout, Math.max(0, scrollTop));
  const last = entryAt(layout, Math.max(0, scrollTop + viewportHeight - 1));
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + 1 + overscan) };
}
