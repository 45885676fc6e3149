// The columns of a table printed without ruling lines (alignedTables.ts), from its pieces of
// text: the x-ranges of pieces that span no others, with labels that only bridge two columns and
// cells printed with an indented first line taken apart; and the pieces that hold two cells
// (labels set close, or run together in one string) cut where a gutter lies between them.
import { isValuePiece, segmentOf, type Segment } from './lineSegments';
import type { Spacing } from './tableSpacing';
import type { TextItem } from './pageText';
import { mergeOverlapping, overlaps, unspanned, type XRange } from './xRanges';

export type Column = XRange;

/** Columns from the pieces that do not span others, merged where they overlap. */
export function findColumns(segs: Segment[], sp: Spacing): Column[] {
  const kept = unspanned(
    segs,
    (s) => s,
    (s) => s.line,
    (s, line) => s.line === line,
  );
  const bridges = bridgingLabels(kept);
  return joinIndentedCells(mergeOverlapping(bridges.size ? kept.filter((s) => !bridges.has(s)) : kept), segs, sp);
}

/** the least gap (font sizes) between two columns that only bridging labels cross */
const BRIDGED_GAP = 0.4;

/**
 * Labels that alone join two columns: a gap no other piece crosses, with pieces of two lines
 * or more wholly on each side (table 三's group labels wrapped in a narrow column, 六）其 over
 * 他处理, their lines between the lines of the row labels beside them, never on one line with
 * them). A row label over both columns (四、结转下年度继续办理) spans them as a header spans
 * the columns under it, though no line prints two pieces under it.
 */
function bridgingLabels(pieces: Segment[]): Set<Segment> {
  const out = new Set<Segment>();
  const lines = (list: Segment[]) => new Set(list.map((s) => s.line)).size;
  for (const col of mergeOverlapping(pieces)) {
    const inside = pieces.filter((s) => overlaps(s, col));
    if (inside.length < 5) continue;
    for (const u of new Set(inside.map((s) => s.x1))) {
      const starts = inside.filter((s) => s.x0 > u).map((s) => s.x0);
      if (!starts.length) continue;
      const v = Math.min(...starts);
      const crossing = inside.filter((s) => s.x0 <= u && s.x1 >= v);
      const left = inside.filter((s) => s.x1 <= u);
      const right = inside.filter((s) => s.x0 >= v);
      const size = Math.max(...inside.map((s) => s.size));
      if (
        v - u >= BRIDGED_GAP * size &&
        crossing.length &&
        crossing.every((s) => !isValuePiece(s)) &&
        lines(left) >= 2 &&
        lines(right) >= 2 &&
        crossing.length < Math.min(left.length, right.length)
      )
        for (const s of crossing) out.add(s);
    }
  }
  return out;
}

/** how far (font sizes) a cell's first line may be indented: two characters, and some slack */
const FIRST_LINE_INDENT = 2.5;

/**
 * A cell printed with its first line indented (a body style's `text-indent: 2em` left on the
 * paragraphs in cells, as Word and WPS do) starts its first line right of the lines below; in
 * a narrow column a short first line (总 over 计) then sits clear of them, and the lines below
 * make a column of their own. Such a column holds no value, and each of its pieces continues,
 * one line down and up to an indent to the left, a piece of the column to its right that has
 * nothing under it: it is that column's cell, and joins it. Left apart, the column would
 * shift the columns after it by one, and every value with them.
 */
function joinIndentedCells(cols: Column[], segs: Segment[], sp: Spacing): Column[] {
  const continues = (left: Column, right: Column) => {
    const own = segs.filter((s) => s.x0 >= left.x0 && s.x1 <= left.x1);
    if (!own.length || own.some(isValuePiece)) return false;
    // the line above, at about one line's distance
    const above = (q: Segment, p: Segment) => p.y - q.y > 0.5 * q.size && p.y - q.y <= sp.row * q.size;
    const firstLine = (q: Segment, p: Segment) =>
      above(q, p) &&
      overlaps(p, right) &&
      !overlaps(p, left) &&
      p.x0 >= q.x1 &&
      p.x0 - q.x0 <= FIRST_LINE_INDENT * q.size &&
      !segs.some((o) => o.line === q.line && o !== q && overlaps(o, p)) &&
      !segs.some((o) => o.line === p.line && overlaps(o, left));
    // every piece is such a wrapped line, or a further line under one of the column's own
    return (
      own.some((q) => segs.some((p) => firstLine(q, p))) &&
      own.every((q) => segs.some((p) => firstLine(q, p) || (above(q, p) && overlaps(p, left) && own.includes(p))))
    );
  };
  const out: Column[] = [];
  for (let k = 0; k < cols.length; k++) {
    const next = cols[k + 1];
    if (next && continues(cols[k], next)) {
      out.push({ x0: cols[k].x0, x1: Math.max(cols[k].x1, next.x1) });
      k++;
    } else out.push(cols[k]);
  }
  return out;
}

/** the x-ranges the values print in, merged where they overlap, left to right */
export const valueColumns = (segs: Segment[]): Column[] => mergeOverlapping(segs.filter(isValuePiece));

/**
 * Labels of narrow columns set close (a browser's 1px cell padding leaves a third of a
 * character between 结果维 and 结果纠) come out of a line as one piece over several columns,
 * as a spanning header would; its columns then hold two labels, and the rows of values under
 * them are unsettled. A piece cut by a visible gap between its runs that lies wholly in a
 * gutter (between two columns of values, or of the pieces that span none) is two cells, where
 * each side lies over such a column; a header spanning columns is one run with no such gap.
 * `columns`: findColumns' for these pieces. The pieces come back as they were where none is cut.
 */
export function splitAtGutters(segs: Segment[], columns: Column[]): Segment[] {
  const sets = [valueColumns(segs), columns].filter((cols) => cols.length >= 2);
  if (!sets.length) return segs;
  const overColumn = (items: TextItem[]) => {
    const run = { x0: items[0].x0, x1: Math.max(...items.map((it) => it.x1)) };
    return sets.some((cols) => cols.some((c) => overlaps(run, c)));
  };
  const inGutter = (x0: number, x1: number) =>
    sets.some((cols) => cols.some((c, k) => k + 1 < cols.length && x0 >= c.x1 && x1 <= cols[k + 1].x0));
  const valueCols = sets[0] === columns ? [] : sets[0];
  let split = false;
  const out = segs.flatMap((s) => {
    if (isValuePiece(s)) return [s];
    const items = s.items
      .flatMap((it) => cutAtHiddenGap(it, valueCols, inGutter, overColumn))
      .sort((a, b) => a.x0 - b.x0);
    if (items.length < 2) return [s];
    const runs: TextItem[][] = [[items[0]]];
    for (let k = 1; k < items.length; k++) {
      const run = runs[runs.length - 1];
      const end = Math.max(...run.map((it) => it.x1));
      const cutHere =
        items[k].x0 - end > GUTTER_GAP * s.size &&
        inGutter(end, items[k].x0) &&
        overColumn(run) &&
        overColumn(items.slice(k));
      if (cutHere) runs.push([items[k]]);
      else run.push(items[k]);
    }
    if (runs.length === 1) return [s];
    split = true;
    return runs.map((run) => segmentOf(run, s.line));
  });
  return split ? out : segs;
}

/** the least gap (font sizes) between two runs that may part two cells in a gutter */
const GUTTER_GAP = 0.1;

/** a full-width character: a CJK ideograph, CJK punctuation or a full-width form, one em wide */
const FULL_WIDTH = /^[\u3000-\u303f\u3400-\u9fff\uff01-\uff5e]+$/;

/**
 * Two labels set close can come out as one text run (結果 of one cell, then of the next, in one
 * string: 本年废止件数现行有效件数). Full-width characters are one em wide each, so a run wider
 * than its characters by a little holds a gap between two of them, though not where. Where
 * exactly one place for it lies in a gutter between two value columns, with each side over one
 * of them, or one such place centres each side over its column best by far (labels centred in
 * their cells), the run is two, parted there; else it stays whole.
 */
function cutAtHiddenGap(
  it: TextItem,
  valueCols: Column[],
  inGutter: (x0: number, x1: number) => boolean,
  overColumn: (items: TextItem[]) => boolean,
): TextItem[] {
  const chars = Array.from(it.str);
  const gap = it.x1 - it.x0 - chars.length * it.size;
  if (valueCols.length < 2 || chars.length < 2 || it.vertical || !FULL_WIDTH.test(it.str)) return [it];
  if (gap < GUTTER_GAP * it.size || gap > 1.5 * it.size) return [it];
  const parts = (k: number): [TextItem, TextItem] => [
    { ...it, str: chars.slice(0, k).join(''), x1: it.x0 + k * it.size },
    { ...it, str: chars.slice(k).join(''), x0: it.x0 + k * it.size + gap },
  ];
  const mid = (a: { x0: number; x1: number }) => (a.x0 + a.x1) / 2;
  // how far each side's middle is from the middle of the value column under it
  const offCentre = (p: TextItem) => {
    const under = valueCols.filter((c) => overlaps(c, p));
    return under.length === 1 ? Math.abs(mid(under[0]) - mid(p)) : Infinity;
  };
  const fits = [];
  for (let k = 1; k < chars.length; k++) {
    const [a, b] = parts(k);
    if (inGutter(a.x1, b.x0) && overColumn([a]) && overColumn([b])) fits.push({ k, off: offCentre(a) + offCentre(b) });
  }
  if (!fits.length) return [it];
  fits.sort((x, y) => x.off - y.off);
  const [best, next] = fits;
  if (next && !(best.off <= 0.5 * it.size && next.off >= 2 * best.off + 0.5 * it.size)) return [it];
  return parts(best.k);
}
