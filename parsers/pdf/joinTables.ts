// Tables continued over pages become one table. Cells keep their x edges rather than column
// numbers, so parts whose column lines differ a little (or that have extra columns) still line
// up: the columns of the joined table are the union of all parts' edges.
import type { PageTable } from './fillGrid';
import { anyShareColumn, mergeOverlapping } from './xRanges';

export interface FlowCell {
  r: number;
  rowSpan: number;
  xl: number;
  xr: number;
  text: string;
  page: number;
  bbox: [number, number, number, number];
  endsFull?: boolean;
}

export interface FlowTable {
  cells: FlowCell[];
  nRows: number;
  x0: number;
  x1: number;
  page: number;
  bbox: [number, number, number, number];
  /** some part's columns were found from text alignment (no ruling lines) */
  aligned?: boolean;
  /** how many page parts were joined into it, and whether one of them had ruling lines */
  parts?: number;
  ruled?: boolean;
}

const EDGE_TOLERANCE = 6;
/** the least share of a labels-only part's width that lies over the numbers below it */
const LABELS_OVER = 0.8;

export function toFlowTable(t: PageTable): FlowTable {
  return {
    cells: t.cells.map((c) => ({
      r: c.r,
      rowSpan: c.rowSpan,
      xl: t.xs[c.c],
      xr: t.xs[c.c + c.colSpan],
      text: c.text,
      page: c.page,
      bbox: c.bbox,
      endsFull: c.endsFull,
    })),
    nRows: t.nRows,
    x0: t.x0,
    x1: t.x1,
    page: t.page,
    bbox: [t.x0, t.y0, t.x1, t.y1],
    ...(t.aligned ? { aligned: true } : { ruled: true }),
    parts: 1,
  };
}

/**
 * How many rows at the top of part b continue table a (0: none, b is a table of its own).
 * A ruled part continues whole where its outer borders are a's. A borderless part's outer
 * edges are where text happens to end: inside the table above is enough, and its numbers
 * must lie under a's. Its rows go on from the row where two values would fall into one
 * column of a: there another table starts, printed right after the end of a on the page (三
 * under the last rows of 二) and found as one with it, with more value columns than a; joined,
 * one value would hide the other and the rest stand a column off. That table's heading and
 * header rows (rows without values) go with it.
 */
export function continuedRows(a: FlowTable, b: PageTable): number {
  if (!b.aligned)
    return Math.abs(a.x0 - b.x0) <= EDGE_TOLERANCE && Math.abs(a.x1 - b.x1) <= EDGE_TOLERANCE ? b.nRows : 0;
  // the part below a part of labels alone whose columns are too few for it goes on under it
  // where its labels stand over it
  if (labelsTooFewColumns(a, b)) {
    // most of the labels' width over the part below (a first column blank in every row below
    // leaves its label left of the numbers: 结果维持 of 行政复议)
    const printed = a.cells.filter((c) => c.text.trim());
    const x0 = Math.min(...printed.map((c) => c.bbox[0])),
      x1 = Math.max(...printed.map((c) => c.bbox[2]));
    const over = Math.min(x1, b.x1 + EDGE_TOLERANCE) - Math.max(x0, b.x0 - EDGE_TOLERANCE);
    return printed.length && over >= LABELS_OVER * (x1 - x0) && b.cells.some(isValueCell) ? b.nRows : 0;
  }
  if ((b.x0 < a.x0 - EDGE_TOLERANCE && !labelsLeftOf(a, b)) || b.x1 > a.x1 + EDGE_TOLERANCE) return 0;
  let k = firstCollidingRow(a, b);
  const hasValue = (r: number) => b.cells.some((c) => c.r === r && isValueCell(c));
  if (k < b.nRows) while (k > 0 && !hasValue(k - 1)) k--;
  if (k === 0) return 0;
  const part = rowsOf(b, 0, k);
  return numbersAlign(a, part) && labelsClear(a, part) ? k : 0;
}

/**
 * What of part b lies left of a is labels, left of a's numbers: a borderless part's left edge
 * is where its labels' text starts (一、本年新收… centred in a wide label cell above, 三、本年度办
 * at the cell's edge below), not the table's.
 */
function labelsLeftOf(a: FlowTable, b: PageTable): boolean {
  // (above, column labels alone at a page's foot: its first may be the label column's own,
  // centred or indented there, and the rows' labels below reach further left in that column;
  // they need only stand left of the part's own numbers, which must then lie under a's labels)
  const above = a.cells.filter(isValueCell);
  const numbers = above.length ? above : b.cells.filter(isValueCell);
  if (!numbers.length) return false;
  const firstNumber = Math.min(...numbers.map((c) => c.bbox[0]));
  return b.cells
    .filter((c) => c.text.trim() && c.bbox[0] < a.x0 - EDGE_TOLERANCE)
    .every((c) => isLabel(c.text) && c.bbox[2] < firstNumber);
}

/**
 * A borderless part of column labels alone ends the page (四's header rows, its numbers on the
 * next page), its columns guessed from labels too few for the numbers of the part below: two
 * of one row would fall into one of its columns.
 */
function labelsTooFewColumns(a: FlowTable, b: PageTable): boolean {
  // (by a's own columns: the gaps between b's column labels are no edges of a's; cut there,
  // they would give a column to every number below and hide the collision)
  return !!a.aligned && !a.cells.some(isValueCell) && firstCollidingRow(a, b, false) < b.nRows;
}

/** rows [from, to) of an aligned page table (its cells are one row high), renumbered from 0 */
export function rowsOf(t: PageTable, from: number, to: number): PageTable {
  if (from === 0 && to === t.nRows) return t;
  const cells = t.cells.filter((c) => c.r >= from && c.r < to).map((c) => ({ ...c, r: c.r - from }));
  const boxes = cells.filter((c) => c.text.trim()).map((c) => c.bbox);
  return {
    ...t,
    cells,
    nRows: to - from,
    y0: boxes.length ? Math.min(...boxes.map((b) => b[1])) : t.y0,
    y1: boxes.length ? Math.max(...boxes.map((b) => b[3])) : t.y1,
  };
}

/**
 * What shows where a's columns of numbers stand: its numbers, or for a part of column labels
 * alone (a header at a page's foot), its labels, under which the numbers below stand
 */
function columnMarks(a: FlowTable): FlowCell[] {
  const numbers = a.cells.filter(isValueCell);
  return numbers.length ? numbers : a.cells.filter((c) => c.text.trim());
}

/**
 * The numbers of a borderless part lie under numbers of the part above: its columns are
 * put into the columns above by position, so where they do not line up (columns sized apart)
 * a number would land in the wrong column. Then the part stays a table of its own.
 */
function numbersAlign(a: FlowTable, b: PageTable): boolean {
  const above = columnMarks(a).map((c) => c.bbox);
  if (!above.length) return true;
  const numbers = b.cells.filter(isValueCell);
  const astray = numbers.filter((c) => {
    const cx = (c.bbox[0] + c.bbox[2]) / 2;
    return !above.some((x) => cx >= x[0] - EDGE_TOLERANCE && cx <= x[2] + EDGE_TOLERANCE);
  }).length;
  // a number spanning two columns (251000元 under 采购总金额) may stand apart; most may not
  return astray < 2 || astray <= numbers.length / 2;
}

/**
 * No label of a borderless part lies over a column where the part above prints numbers: a
 * table printed in two (a page break made into two tables, each sized to its own text: labels
 * 60pt wider below) puts its numbers under other columns of the part above, though each may
 * still lie under some number there. Row labels only (numbered, or beside numbers): column
 * labels stand over their numbers, and a label over several such columns is a heading across
 * the table.
 */
function labelsClear(a: FlowTable, b: PageTable): boolean {
  const columns = mergeOverlapping(a.cells.filter(isValueCell).map(({ bbox }) => ({ x0: bbox[0], x1: bbox[2] })));
  const over = (box: [number, number, number, number]) =>
    columns.filter((c) => Math.min(c.x1, box[2]) - Math.max(c.x0, box[0]) > LABEL_OVERLAP).length;
  const rowLabel = (c: PageTable['cells'][number]) =>
    isLabel(c.text) &&
    ((NUMBERED.test(c.text) && !SECTION_ROW.test(c.text)) || b.cells.some((v) => v.r === c.r && isValueCell(v)));
  return !b.cells.some((c) => rowLabel(c) && over(c.bbox) === 1);
}
/** 第二十条第（九）项: a row of 二 across the table, centred, not a row's label */
const SECTION_ROW = /^\s*第[一二三四五六七八九十\d]+条/;
/** how far (pt) a label may reach over a column of numbers: none, but for rounding */
const LABEL_OVERLAP = 2;

/** Numbered labels start a new row: （四）, 2., 3、, 一、, 第二十条 */
const NUMBERED =
  /^\s*([（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+\s*[.、．]|第[一二三四五六七八九十\d]+[条项章])/;
const NUMERIC = /^[\s\d.,，%％\-—–/／()（）元万件个条]*$/;
const isLabel = (text: string) => text.trim() !== '' && !NUMERIC.test(text);
const isValueCell = (c: { text: string }) => c.text.trim() !== '' && !isLabel(c.text);

export function appendTable(a: FlowTable, part: PageTable): void {
  const b = toFlowTable(part);
  // where labels alone above have too few columns for the numbers, the columns are those of the
  // part that prints them: the labels go in as they fall (two in one column: one cell)
  const labelsAbove = !!part.aligned && labelsTooFewColumns(a, part);
  if (labelsAbove) snapToColumns(a, b, false);
  else if (part.aligned) snapToColumns(b, a);
  if (part.aligned) {
    a.aligned = true;
    // a borderless part's width is where its text ends: the next part lies within the table's
    // widest so far (三's labels on this page, only its column labels on the page before)
    a.x0 = Math.min(a.x0, part.x0);
    a.x1 = Math.max(a.x1, part.x1);
  } else a.ruled = true;
  a.parts = (a.parts ?? 1) + 1;
  dropRepeatedHeader(a, b);
  const lastRow = a.nRows - 1;
  const enders = a.cells.filter((c) => c.r + c.rowSpan - 1 === lastRow);
  const merged = new Set<FlowCell>();
  // (labels above put into the columns below: a label over several columns went into the first
  // of them, over the first label of the row below, and is no cell cut in two with it)
  for (const bc of labelsAbove ? [] : b.cells.filter((c) => c.r === 0)) {
    const ac = enders.find((c) => Math.abs(c.xl - bc.xl) <= EDGE_TOLERANCE && Math.abs(c.xr - bc.xr) <= EDGE_TOLERANCE);
    if (!ac || !isLabel(ac.text)) continue;
    const spans = ac.rowSpan > 1 || bc.rowSpan > 1;
    const repeated = bc.text === ac.text;
    const cut = isLabel(bc.text) && !NUMBERED.test(bc.text);
    // a merged cell run over the break leaves a blank cell below: one spanning rows itself, or
    // beside the labels of its sub-rows; a blank among numbers is an empty value, not that
    const blankContinuation =
      bc.text.trim() === '' &&
      spans &&
      (bc.rowSpan > 1 ||
        labelRightOf(
          bc,
          b.cells.filter((c) => c.r === 0),
        ));
    if (!(repeated || cut || blankContinuation)) continue;
    // a cell one row high on both sides goes on over the break only when the printed rows are
    // the two halves of one row: else the upper row's numbers would end up under the lower
    // row's label (规章 | 13 | 13 | 524 above the break, 规范性文件 | 60 | 60 | 368 below)
    if (!spans && !halvesOfOneRow(enders, ac, b.cells, bc, cut && !repeated)) continue;
    // the label goes on: one cell over both pages, text rejoined where it was cut
    if (cut && !repeated) ac.text = ac.text + bc.text;
    ac.rowSpan += bc.rowSpan;
    merged.add(bc);
  }
  for (const bc of b.cells) {
    if (merged.has(bc)) continue;
    a.cells.push({ ...bc, r: bc.r + a.nRows });
  }
  a.nRows += b.nRows;
  collapseSplitRow(a, lastRow);
}

const labelRightOf = (cell: FlowCell, row: FlowCell[]) =>
  row.some((c) => c !== cell && c.xl >= cell.xr - EDGE_TOLERANCE && isLabel(c.text));

/**
 * The last printed row above the break and the first below are one row cut in two: right of
 * the cut cell every column is filled on at most one side, and a text cut in two filled its
 * line above (it wrapped there).
 */
function halvesOfOneRow(
  upper: FlowCell[],
  ac: FlowCell,
  lowerPart: FlowCell[],
  bc: FlowCell,
  cutText: boolean,
): boolean {
  if (cutText && ac.endsFull === false) return false;
  const lower = lowerPart.filter((c) => c.r === 0 && c !== bc && c.xl >= bc.xr - EDGE_TOLERANCE);
  for (const l of lower) {
    if (!l.text.trim()) continue;
    const u = upper.find((c) => c !== ac && c.xl < l.xr - EDGE_TOLERANCE && l.xl < c.xr - EDGE_TOLERANCE);
    if (u && u.text.trim()) return false;
  }
  return true;
}

/** A header row repeated at the top of the continued part (Word's "repeat header rows"). */
function dropRepeatedHeader(a: FlowTable, b: FlowTable): void {
  const rowText = (t: FlowTable, r: number) =>
    t.cells
      .filter((c) => c.r === r)
      .map((c) => c.text)
      .join('|');
  let k = 0;
  while (k < b.nRows - 1 && k < a.nRows && rowText(b, k) === rowText(a, k) && isLabel(rowText(b, k))) k++;
  if (!k) return;
  b.cells = b.cells.filter((c) => c.r >= k).map((c) => ({ ...c, r: c.r - k }));
  b.nRows -= k;
}

/**
 * A row cut by the page break: its label was rejoined above, and each value sits on one side
 * only. Then the two printed rows are one: fold the second into the first.
 */
function collapseSplitRow(t: FlowTable, r: number): void {
  const upper = t.cells.filter((c) => c.r === r && c.rowSpan === 1);
  const lower = t.cells.filter((c) => c.r === r + 1 && c.rowSpan === 1);
  const spanning = t.cells.filter((c) => c.r <= r && c.r + c.rowSpan - 1 >= r + 1);
  if (!upper.length || !lower.length || !spanning.some((c) => c.r === r && isLabel(c.text))) return;
  // every column of the two rows must be one cell wide in both and filled on at most one side
  if (upper.length !== lower.length) return;
  for (const u of upper) {
    const l = lower.find((c) => Math.abs(c.xl - u.xl) <= EDGE_TOLERANCE && Math.abs(c.xr - u.xr) <= EDGE_TOLERANCE);
    if (!l || (u.text.trim() && l.text.trim())) return;
  }
  // a spanning label cell that ends exactly at the lower row must be the cut one
  if (spanning.some((c) => c.r + c.rowSpan - 1 === r + 1 && c.rowSpan === 2) === false) return;
  for (const u of upper) {
    const l = lower.find((c) => Math.abs(c.xl - u.xl) <= EDGE_TOLERANCE && Math.abs(c.xr - u.xr) <= EDGE_TOLERANCE)!;
    if (!u.text.trim()) {
      u.text = l.text;
      u.bbox = l.bbox;
      u.page = l.page;
    }
  }
  t.cells = t.cells.filter((c) => !lower.includes(c));
  for (const c of t.cells) {
    if (c.r <= r && c.r + c.rowSpan - 1 >= r + 1) c.rowSpan -= 1;
    else if (c.r > r + 1) c.r -= 1;
  }
  t.nRows -= 1;
}

/**
 * A borderless part's columns were guessed from its own page, where some columns may be
 * empty: put each printed cell into the columns of the part above by where its text lies.
 * Where the part above had fewer label columns (its labels all spanned them: 一、本年新收…),
 * two labels of one row would fall into one column and one of them would be lost: the gap
 * between them becomes a column edge. Blank cells are dropped (the model fills empty slots).
 */
function snapToColumns(b: FlowTable, a: FlowTable, cutLabels = true): void {
  const placed = placeInColumns(b, a, cutLabels);
  if (!placed) return;
  b.cells = placed.printed.map((c) => {
    const [first, last] = placed.slots.get(c)!;
    return { ...c, xl: placed.edges[first], xr: placed.edges[last + 1] };
  });
}

/** the first row of part b where two values would fall into one column of a (nRows: none) */
function firstCollidingRow(a: FlowTable, part: PageTable, cutLabels = true): number {
  const b = toFlowTable(part);
  const placed = placeInColumns(b, a, cutLabels);
  if (!placed) return part.nRows;
  for (let r = 0; r < b.nRows; r++) {
    const spans = placed.printed.filter((c) => c.r === r && isValueCell(c)).map((c) => placed.slots.get(c)!);
    if (anyShareColumn(spans)) return r;
  }
  return part.nRows;
}

/** the printed cells of part b and the columns of a (with label cuts) each would take */
function placeInColumns(
  b: FlowTable,
  a: FlowTable,
  cutLabels = true,
): { printed: FlowCell[]; edges: number[]; slots: Map<FlowCell, [number, number]> } | null {
  const edges = distinctEdges(a.cells.flatMap((c) => [c.xl, c.xr]));
  if (edges.length < 2) return null;
  const printed = b.cells.filter((c) => c.text.trim());
  const span = (c: FlowCell) => {
    const pad = Math.min(2, (c.bbox[2] - c.bbox[0]) / 4);
    return [slot(edges, c.bbox[0] + pad), slot(edges, c.bbox[2] - pad)];
  };
  const cuts: number[] = [];
  for (let r = 0; r < b.nRows && cutLabels; r++) {
    const row = printed.filter((c) => c.r === r).sort((x, y) => x.bbox[0] - y.bbox[0]);
    for (let k = 1; k < row.length; k++) {
      const [left, right] = [row[k - 1], row[k]];
      // two labels, or a label and the row's first number in one column of the part above (a
      // label column that part lacks, over its first number column): the gap is an edge
      const together = span(left)[1] >= span(right)[0] && isLabel(left.text);
      if (together && (isLabel(right.text) || span(left)[0] >= span(right)[0]))
        cuts.push((left.bbox[2] + right.bbox[0]) / 2);
    }
  }
  const all = cuts.length ? distinctEdges([...edges, ...cuts]) : edges;
  const slots = new Map<FlowCell, [number, number]>(
    printed.map((c) => {
      const pad = Math.min(2, (c.bbox[2] - c.bbox[0]) / 4);
      return [c, [slot(all, c.bbox[0] + pad), slot(all, c.bbox[2] - pad)]];
    }),
  );
  // a long label reaching over the estimated edge into its row's first number column ends
  // before that number's column (else the label covers it and the number is lost)
  for (let r = 0; r < b.nRows; r++) {
    const row = printed.filter((c) => c.r === r).sort((x, y) => x.bbox[0] - y.bbox[0]);
    for (let k = 1; k < row.length; k++) {
      const left = slots.get(row[k - 1])!,
        right = slots.get(row[k])!;
      if (left[1] >= right[0] && right[0] > left[0]) left[1] = right[0] - 1;
    }
  }
  // nor into a column that holds numbers above (a label alone in its row has no neighbour to stop it)
  const numberSlots = new Set(a.cells.filter(isValueCell).map((c) => slot(all, (c.xl + c.xr) / 2)));
  for (const c of printed) {
    const span = slots.get(c)!;
    if (isLabel(c.text)) while (span[1] > span[0] && numberSlots.has(span[1])) span[1]--;
  }
  return { printed, edges: all, slots };
}

function distinctEdges(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((x, y) => x - y)) if (!out.length || v - out[out.length - 1] > 3) out.push(v);
  return out;
}

/** the column of `edges` that x lies in (the first or last when outside) */
function slot(edges: number[], x: number): number {
  let i = 0;
  while (i < edges.length - 2 && x >= edges[i + 1]) i++;
  return i;
}
