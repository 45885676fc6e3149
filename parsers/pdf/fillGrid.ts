// Put a page's text items into the cells of a ruled grid. Items inside the grid are consumed;
// the rest stay for the narrative.
import { itemMidY, type TextItem } from './pageText';
import type { RuledGrid } from './rulingGrids';
import { splitAtColumns } from './splitItems';
import { groupLines, joinWrapped, type TextLine } from './textLines';

/** A cell of a table still on its page: slot coordinates plus printed text and box. */
export interface PageCell {
  r: number;
  c: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  page: number;
  bbox: [number, number, number, number];
  /** the text's last line runs across the cell, so the text may go on below (a row cut by a
   * page break); false when it ends short; unknown (undefined) without ruled cell edges */
  endsFull?: boolean;
}

export interface PageTable {
  page: number;
  xs: number[];
  nRows: number;
  cells: PageCell[];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** columns found from text alignment (no ruling lines): edges are estimates */
  aligned?: boolean;
  /**
   * column labels alone at a page's foot, in one row of pieces: a table only where the next
   * page's part goes on under them (buildBlocks); else these lines are text again
   */
  tentative?: TextLine[];
}

/** index of the interval [edges[i], edges[i+1]] holding v, edges ascending; -1 outside */
function interval(edges: number[], v: number): number {
  if (v < edges[0] || v > edges[edges.length - 1]) return -1;
  let lo = 0,
    hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** a wrapped line leaves less than this much of its cell (in font sizes) for padding and the
 * glyph that did not fit */
const FULL_LINE_SLACK = 3;

export function fillGrid(grid: RuledGrid, items: TextItem[], page: number): { table: PageTable; rest: TextItem[] } {
  const nr = grid.ys.length - 1,
    nc = grid.xs.length - 1;
  const slotOwner = Array.from({ length: nr }, () => new Array<number>(nc).fill(-1));
  grid.boxes.forEach((b, i) => {
    for (let r = b.r; r < b.r + b.rowSpan; r++) for (let c = b.c; c < b.c + b.colSpan; c++) slotOwner[r][c] = i;
  });
  const ysAsc = [...grid.ys].reverse();
  const inner = grid.xs.slice(1, -1);
  const perBox: TextItem[][] = grid.boxes.map(() => []);
  const rest: TextItem[] = [];
  for (const item of items) {
    const cy = itemMidY(item);
    const cx0 = (item.x0 + item.x1) / 2;
    if (cy < grid.y0 || cy > grid.y1 || cx0 < grid.x0 || cx0 > grid.x1) {
      rest.push(item);
      continue;
    }
    for (const piece of splitAtColumns(item, inner)) {
      const cx = (piece.x0 + piece.x1) / 2;
      const c = interval(grid.xs, cx);
      const rAsc = interval(ysAsc, cy);
      if (c < 0 || rAsc < 0) {
        rest.push(piece);
        continue;
      }
      perBox[slotOwner[nr - 1 - rAsc][c]].push(piece);
    }
  }
  const cells: PageCell[] = grid.boxes.map((b, i) => {
    const lines = groupLines(perBox[i]);
    const last = lines[lines.length - 1];
    return {
      r: b.r,
      c: b.c,
      rowSpan: b.rowSpan,
      colSpan: b.colSpan,
      text: joinWrapped(lines.map((l) => l.text)),
      page,
      bbox: [round(b.x0), round(b.y0), round(b.x1), round(b.y1)],
      endsFull: !!last && last.x1 - last.x0 >= b.x1 - b.x0 - FULL_LINE_SLACK * last.size,
    };
  });
  return {
    table: { page, xs: grid.xs, nRows: nr, cells, x0: grid.x0, x1: grid.x1, y0: grid.y0, y1: grid.y1 },
    rest,
  };
}

export const round = (v: number) => Math.round(v * 10) / 10;
