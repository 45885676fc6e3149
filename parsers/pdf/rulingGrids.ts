// Ruling lines → table grids. Lines that touch form a cluster; a cluster with at least two
// rows and two columns of cells is a table. Merged cells are found where an inner border is
// missing. A frame drawn around the whole page (one big cell) is not a table.
import type { Ruling } from './pageRulings';

/** One cell of a bordered grid, in slot coordinates (row 0 = top). */
export interface GridBox {
  r: number;
  c: number;
  rowSpan: number;
  colSpan: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** A bordered table on one page: xs left→right, ys top→bottom (descending PDF y). */
export interface RuledGrid {
  xs: number[];
  ys: number[];
  boxes: GridBox[];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const SNAP = 2; // lines this close are the same line / touch each other
const MIN_CELL = 4; // row or column narrower than this is a double line, not a cell

const isH = (l: Ruling) => l.y0 === l.y1;

/** Merge collinear pieces of one line (Word draws a border per cell). */
function mergeCollinear(lines: Ruling[], horizontal: boolean): Ruling[] {
  const pos = (l: Ruling) => (horizontal ? l.y0 : l.x0);
  const lo = (l: Ruling) => (horizontal ? l.x0 : l.y0);
  const hi = (l: Ruling) => (horizontal ? l.x1 : l.y1);
  const sorted = [...lines].sort((a, b) => pos(a) - pos(b) || lo(a) - lo(b));
  const out: Ruling[] = [];
  // bucket by position, then sweep along the line
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && pos(sorted[j + 1]) - pos(sorted[i]) <= SNAP) j++;
    const group = sorted.slice(i, j + 1).sort((a, b) => lo(a) - lo(b));
    const p = group.reduce((s, l) => s + pos(l), 0) / group.length;
    let a = lo(group[0]),
      b = hi(group[0]);
    const flush = () => out.push(horizontal ? { x0: a, x1: b, y0: p, y1: p } : { x0: p, x1: p, y0: a, y1: b });
    for (const l of group.slice(1)) {
      if (lo(l) <= b + SNAP) b = Math.max(b, hi(l));
      else {
        flush();
        a = lo(l);
        b = hi(l);
      }
    }
    flush();
    i = j + 1;
  }
  return out;
}

const touches = (h: Ruling, v: Ruling) =>
  v.x0 >= h.x0 - SNAP && v.x0 <= h.x1 + SNAP && h.y0 >= v.y0 - SNAP && h.y0 <= v.y1 + SNAP;

/** Distinct positions, each a cluster of values within SNAP. */
function distinct(values: number[]): number[] {
  const s = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of s) if (!out.length || v - out[out.length - 1] > SNAP) out.push(v);
  return out.filter((v, i) => i === 0 || v - out[i - 1] >= MIN_CELL);
}

export function findRuledGrids(rulings: Ruling[]): RuledGrid[] {
  const hs = mergeCollinear(rulings.filter(isH), true);
  const vs = mergeCollinear(
    rulings.filter((l) => !isH(l)),
    false,
  );
  // union-find over h and v lines that touch (lines per page are few: O(h·v) is fine)
  const all = [...hs, ...vs];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < hs.length; i++) {
    for (let j = 0; j < vs.length; j++) if (touches(hs[i], vs[j])) parent[find(i)] = find(hs.length + j);
  }
  const clusters = new Map<number, Ruling[]>();
  all.forEach((l, i) => {
    const k = find(i);
    const list = clusters.get(k);
    if (list) list.push(l);
    else clusters.set(k, [l]);
  });

  const grids: RuledGrid[] = [];
  for (const lines of clusters.values()) {
    const grid = buildGrid(
      lines.filter(isH),
      lines.filter((l) => !isH(l)),
    );
    if (grid) grids.push(grid);
  }
  return grids.sort((a, b) => b.y1 - a.y1);
}

/**
 * A table cut by a page break often has no border line at the cut: its column lines just stop.
 * Close such an open edge with a virtual line where the column lines end.
 */
function closeOpenEdges(hs: Ruling[], vs: Ruling[]): Ruling[] {
  if (!hs.length || vs.length < 2) return hs;
  const x0 = Math.min(...vs.map((v) => v.x0)),
    x1 = Math.max(...vs.map((v) => v.x1));
  const lowest = Math.min(...hs.map((h) => h.y0)),
    highest = Math.max(...hs.map((h) => h.y0));
  const out = [...hs];
  const down = vs.filter((v) => v.y0 < lowest - MIN_CELL);
  if (down.length >= 2) {
    const y = Math.min(...down.map((v) => v.y0));
    out.push({ x0, x1, y0: y, y1: y });
  }
  const up = vs.filter((v) => v.y1 > highest + MIN_CELL);
  if (up.length >= 2) {
    const y = Math.max(...up.map((v) => v.y1));
    out.push({ x0, x1, y0: y, y1: y });
  }
  return out;
}

function buildGrid(lines: Ruling[], vs: Ruling[]): RuledGrid | null {
  const hs = closeOpenEdges(lines, vs);
  if (hs.length < 2 || vs.length < 2) return null;
  const xs = distinct(vs.map((v) => v.x0));
  const ys = distinct(hs.map((h) => h.y0)).reverse();
  const nr = ys.length - 1,
    nc = xs.length - 1;
  // one column only: a page frame or a boxed note, read as text rather than as a table
  if (nr < 1 || nc < 2) return null;

  const covers = (lines: Ruling[], horizontal: boolean, at: number, from: number, to: number) => {
    const mid0 = from + (to - from) * 0.25,
      mid1 = from + (to - from) * 0.75;
    return lines.some((l) =>
      horizontal
        ? Math.abs(l.y0 - at) <= SNAP && l.x0 <= mid0 + SNAP && l.x1 >= mid1 - SNAP
        : Math.abs(l.x0 - at) <= SNAP && l.y0 <= mid0 + SNAP && l.y1 >= mid1 - SNAP,
    );
  };
  // right[r][c]: border between col c and c+1 in row r; below[r][c]: border under row r in col c
  const right = Array.from({ length: nr }, (_, r) =>
    Array.from({ length: nc }, (_, c) => c === nc - 1 || covers(vs, false, xs[c + 1], ys[r + 1], ys[r])),
  );
  const below = Array.from({ length: nr }, (_, r) =>
    Array.from({ length: nc }, (_, c) => r === nr - 1 || covers(hs, true, ys[r + 1], xs[c], xs[c + 1])),
  );

  const taken = Array.from({ length: nr }, () => new Array<boolean>(nc).fill(false));
  const boxes: GridBox[] = [];
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      if (taken[r][c]) continue;
      let cs = 1;
      while (c + cs < nc && !right[r][c + cs - 1] && !taken[r][c + cs]) cs++;
      let rs = 1;
      const open = (rr: number) => {
        for (let k = c; k < c + cs; k++) if (below[rr][k] || taken[rr + 1][k]) return false;
        return true;
      };
      while (r + rs < nr && open(r + rs - 1)) rs++;
      for (let rr = r; rr < r + rs; rr++) for (let cc = c; cc < c + cs; cc++) taken[rr][cc] = true;
      boxes.push({ r, c, rowSpan: rs, colSpan: cs, x0: xs[c], x1: xs[c + cs], y0: ys[r + rs], y1: ys[r] });
    }
  }
  if (boxes.length < 2) return null;
  return { xs, ys, boxes, x0: xs[0], x1: xs[nc], y0: ys[nr], y1: ys[0] };
}
