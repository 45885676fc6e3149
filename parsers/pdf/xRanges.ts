// Horizontal extents on a page merged where they overlap: the columns that pieces of text print in.

export interface XRange {
  x0: number;
  x1: number;
}

/** the ranges left to right, each run of overlapping ones merged into one */
export function mergeOverlapping(ranges: XRange[]): XRange[] {
  const out: XRange[] = [];
  for (const r of [...ranges].sort((a, b) => a.x0 - b.x0)) {
    const last = out[out.length - 1];
    if (last && r.x0 < last.x1) last.x1 = Math.max(last.x1, r.x1);
    else out.push({ x0: r.x0, x1: r.x1 });
  }
  return out;
}

/** two extents that share some width */
export const overlaps = (a: XRange, b: XRange): boolean => a.x0 < b.x1 && b.x0 < a.x1;

const middle = (r: XRange) => (r.x0 + r.x1) / 2;

/**
 * The first and last of the columns (left to right) that `r` lies over; in a gap between them,
 * the one whose middle is nearest its own.
 */
export function spanIn(cols: XRange[], r: XRange): [number, number] {
  const hit = cols.flatMap((c, k) => (overlaps(r, c) ? [k] : []));
  if (hit.length) return [hit[0], hit[hit.length - 1]];
  const mid = middle(r);
  let best = 0;
  cols.forEach((c, k) => {
    if (Math.abs(middle(c) - mid) < Math.abs(middle(cols[best]) - mid)) best = k;
  });
  return [best, best];
}

/** two spans of columns, [first, last] as spanIn gives them, that share a column */
const shareColumn = (a: [number, number], b: [number, number]): boolean => a[0] <= b[1] && b[0] <= a[1];

/** some two of the spans share a column: two cells would fall into one slot */
export const anyShareColumn = (spans: [number, number][]): boolean =>
  spans.some((a, i) => spans.some((b, j) => j > i && shareColumn(a, b)));

/**
 * The items that lie over no two items of one other line: a header over the columns under it,
 * a label over two label columns, is no column of its own. `on`: whether an item stands on a
 * line (a cell over several rows stands on each).
 */
export function unspanned<T>(
  items: T[],
  range: (t: T) => XRange,
  lineOf: (t: T) => number,
  on: (t: T, line: number) => boolean,
): T[] {
  const byLine = new Map<number, T[]>();
  for (const t of items) byLine.set(lineOf(t), [...(byLine.get(lineOf(t)) ?? []), t]);
  const spanning = (t: T) =>
    [...byLine].some(
      ([line, others]) => !on(t, line) && others.filter((o) => overlaps(range(t), range(o))).length >= 2,
    );
  return items.filter((t) => !spanning(t));
}
