/**
 * The arithmetic of a virtualized list of rows of varying height: where each row starts (measured
 * heights where known, estimates elsewhere), which rows a viewport needs, and where to scroll so that
 * a row seen before a change stays where it was (prepending older pages, rows measured late).
 */

export interface Layout {
  /** offsets[i] is the top of row i; offsets[rows] is the total height. */
  readonly offsets: Float64Array;
}

export function computeLayout(keys: readonly string[], heightOf: (index: number, key: string) => number): Layout {
  const offsets = new Float64Array(keys.length + 1);
  for (let i = 0; i < keys.length; i += 1) offsets[i + 1] = offsets[i]! + heightOf(i, keys[i]!);
  return { offsets };
}

export const totalHeight = (layout: Layout): number => layout.offsets[layout.offsets.length - 1] ?? 0;

/** The index of the row that covers `y` (the last row when y is past the end; 0 for an empty list). */
export function rowAt(layout: Layout, y: number): number {
  const rows = layout.offsets.length - 1;
  if (rows <= 0) return 0;
  let low = 0;
  let high = rows - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (layout.offsets[middle]! <= y) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Rows [start, end) to render for a viewport at `scrollTop` of `height`, with `overscan` px more on each side. */
export function visibleRange(layout: Layout, scrollTop: number, height: number, overscan: number): { start: number; end: number } {
  const rows = layout.offsets.length - 1;
  if (rows <= 0) return { start: 0, end: 0 };
  const start = rowAt(layout, Math.max(0, scrollTop - overscan));
  const end = Math.min(rows, rowAt(layout, scrollTop + height + overscan) + 1);
  return { start, end };
}

/** A row to keep in place: its key and how far its top is from the viewport's top. */
export interface Anchor {
  readonly key: string;
  readonly offset: number;
}

/** The first row whose bottom is below the viewport's top, and where it sits. */
export function anchorAt(layout: Layout, keys: readonly string[], scrollTop: number): Anchor | null {
  if (keys.length === 0) return null;
  const index = rowAt(layout, scrollTop);
  return { key: keys[index]!, offset: layout.offsets[index]! - scrollTop };
}

/** The scrollTop that puts the anchor's row where it was; null when the row is gone. */
export function scrollTopFor(layout: Layout, indexOfKey: (key: string) => number, anchor: Anchor): number | null {
  const index = indexOfKey(anchor.key);
  if (index < 0) return null;
  return layout.offsets[index]! - anchor.offset;
}
