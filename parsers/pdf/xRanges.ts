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
