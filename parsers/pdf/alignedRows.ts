// The rows and cells of a table printed without ruling lines (alignedTables.ts), from the pieces
// of its lines and its columns (alignedColumns.ts): lines at about one line's distance continue
// the row above unless they start a numbered label, repeat a value in the same column or cut
// across a spanning cell; rows whose values cannot be placed in a column for sure keep their
// labels and leave their values unread. The result has the shape of a ruled table on its page.
import { findColumns, splitAtGutters, type Column } from './alignedColumns';
import { round, type PageCell, type PageTable } from './fillGrid';
import { isNumeric, isValuePiece, NUMBERED, type Segment } from './lineSegments';
import { lineGap as gap, type Spacing } from './tableSpacing';
import { spanIn } from './xRanges';
import { groupLines, joinWrapped, type TextLine } from './textLines';

interface Cell {
  r: number;
  c0: number;
  c1: number;
  parts: Segment[];
}

export function buildTable(
  lines: TextLine[],
  segs: Segment[],
  page: number,
  sp: Spacing,
  oneColumn = false,
  cutAbove = false,
): PageTable | null {
  // the columns again only where a piece was cut (most tables have none to cut)
  const found = findColumns(segs, sp);
  const pieces = splitAtGutters(segs, found);
  const cols = pieces === segs ? found : findColumns(pieces, sp);
  segs = pieces;
  if (cols.length < (oneColumn ? 1 : 2)) return null;
  const colsOf = (s: Segment): [number, number] => spanIn(cols, s);
  const cells: Cell[] = [];
  const doubled = new Set<number>();
  let row: Cell[] = [];
  let r = -1;
  let prevLine: TextLine | undefined;
  // each row's first and last line: how far apart two rows stand
  const rowLines: Array<{ first: TextLine; last: TextLine }> = [];
  const lineIds = [...new Set(segs.map((s) => s.line))].sort((a, b) => a - b);
  for (const id of lineIds) {
    const line = lines[id];
    const parts = segs.filter((s) => s.line === id).map((s) => ({ s, span: colsOf(s) }));
    const newRow =
      !prevLine ||
      gap(prevLine, line) > sp.row * line.size ||
      numbersUnderColumnLabels(parts, row) ||
      parts.some(({ s, span }) => {
        // a numbered label starts a row, but for one in a column the row has no text in yet,
        // before any of its numbers: a group's label (（四）无法提供) beside the second line of
        // its first row's label (1.本机关不掌握相关 / 政府信息), or the row's next label beside
        // a label wrapped round it (三、本年度办理结 / （一）予以公开 / 果)
        if (NUMBERED.test(s.text))
          return row.some((c) => c.parts.some(isValuePiece) || (c.c0 <= span[1] && span[0] <= c.c1));
        const clash = row.find((c) => c.c0 <= span[1] && span[0] <= c.c1);
        if (!clash) return false;
        if (isNumeric(s.text) && clash.parts.some((p) => isNumeric(p.text))) return true;
        const inside = clash.parts.some((p) => s.x0 >= p.x0 - p.size && s.x1 <= p.x1 + p.size);
        // labels side by side under one label over their columns (科研机构 | 社会公益组织 under
        // 法人或其他组织) are the row of column labels below it, not its wrapped lines
        const side = parts.filter((o) => !isValuePiece(o.s) && o.span[0] <= clash.c1 && clash.c0 <= o.span[1]);
        if (side.length >= 2 && !isValuePiece(s) && clash.c1 > clash.c0) return true;
        return (clash.c0 !== span[0] || clash.c1 !== span[1]) && !inside;
      });
    if (newRow) {
      r++;
      row = [];
      rowLines[r] = { first: line, last: line };
    } else rowLines[r].last = line;
    for (const { s, span } of parts) {
      const into = row.find((c) => c.c0 <= span[1] && span[0] <= c.c1);
      if (into) {
        // two pieces of one line in one column, a value among them or the line a header: the
        // column holds two, and a value slot hides in it (blank, or joined to a label)
        const header = !parts.some((x) => isValuePiece(x.s));
        if (into.parts.some((p) => p.line === s.line && (header || isValuePiece(p) || isValuePiece(s))))
          for (let c = into.c0; c <= into.c1; c++) doubled.add(c);
        into.parts.push(s);
        into.c0 = Math.min(into.c0, span[0]);
        into.c1 = Math.max(into.c1, span[1]);
      } else {
        const c = { r, c0: span[0], c1: span[1], parts: [s] };
        row.push(c);
        cells.push(c);
      }
    }
    prevLine = line;
  }
  // which column a row's values are in is not known where the row reaches a doubled column
  const rowsWhere = (f: (c: Cell) => boolean) => new Set(cells.filter(f).map((c) => c.r));
  const valued = rowsWhere((c) => c.parts.some(isValuePiece));
  // (a column no row prints a number in is a column of labels: two labels of one line there, a
  // group's wrapped line beside its first row's, hide no value: 提供 | 息 under （四）无法 | 1.本机关…)
  const holdsValues = (k: number) => cells.some((c) => c.c0 <= k && k <= c.c1 && c.parts.some(isValuePiece));
  const hiding = [...doubled].filter(holdsValues);
  const reaching = rowsWhere((c) => hiding.some((k) => c.c0 <= k && k <= c.c1));
  // a column where one labelled row prints its first number and another its second label: the
  // rows do not share one grid (a row without its group's label cell prints its numbers one
  // column on), and a row of the same numbers that has neither a number nor a second label
  // there (blank, or its only label reaching over it) may have its first value there
  const isLabel = (c: Cell) => !c.parts.some(isValuePiece);
  const rowOf = (k: number) => cells.filter((c) => c.r === k).sort((a, b) => a.c0 - b.c0);
  const numbered = [...valued].map(rowOf).filter((cs) => isLabel(cs[0]));
  const lastValue = (cs: Cell[]) => Math.max(...cs.filter((c) => !isLabel(c)).map((c) => c.c1));
  for (let k = 0; k < cols.length; k++) {
    const firstAt = numbered.filter((cs) => cs.find((c) => !isLabel(c))!.c0 === k);
    const secondLabel = numbered.some((cs) => cs.some((c, i) => i > 0 && isLabel(c) && c.c0 <= k && k <= c.c1));
    if (!firstAt.length || !secondLabel) continue;
    for (const cs of numbered) {
      const at = cs.findIndex((c) => c.c0 <= k && k <= c.c1);
      const hidden = at === -1 || (at === 0 && cs[0].c0 < k && !isLabel(cs[1]));
      const first = cs.find((c) => !isLabel(c))!.c0;
      if (hidden && first > k && firstAt.some((h) => lastValue(h) >= lastValue(cs) - 1)) reaching.add(cs[0].r);
    }
  }
  // values alone at a line's distance above or below a row of values: numbers wrapped in their
  // cells around the row's label (８２ over, １ under the label of ８２１: full-width digits
  // break anywhere), or a row whose label was lost. Which number is whole is not known: neither
  // row is read. Nor is a row whose values print on two lines or more (２５ beside its group
  // label's first line, ８ beside its last), nor its rows at a line's distance: one row's numbers
  // print on one line, however its labels wrap
  const labelled = (k: number) => cells.some((c) => c.r === k && isLabel(c));
  const valueLines = (k: number) =>
    new Set(cells.filter((c) => c.r === k).flatMap((c) => c.parts.filter(isValuePiece).map((p) => p.line))).size;
  const near = (k: number) => gap(rowLines[k - 1].last, rowLines[k].first) <= sp.row * rowLines[k].first.size;
  for (let k = 0; k <= r; k++) {
    if (k > 0 && near(k) && valued.has(k) && valued.has(k - 1) && (!labelled(k) || !labelled(k - 1)))
      reaching.add(k).add(k - 1);
    if (valueLines(k) < 2) continue;
    reaching.add(k);
    if (k > 0 && near(k) && valued.has(k - 1)) reaching.add(k - 1);
    if (k < r && near(k + 1) && valued.has(k + 1)) reaching.add(k + 1);
  }
  if (cutAbove) reaching.add(0);
  const unsettled = new Set([...reaching].filter((k) => valued.has(k)));
  return toPageTable(cells, cols, r + 1, page, unsettled);
}

/**
 * Two numbers of a line or more, each under another cell of a row that prints no number yet: the
 * row is column labels (本年新 / 制作数量 over 13), and the line the first row under them, however
 * close (rows set with no spacing stand a line apart, as a label's wrapped lines do). A row's
 * label wrapped over its numbers' line is one cell, which two numbers never both stand under.
 */
function numbersUnderColumnLabels(parts: Array<{ s: Segment; span: [number, number] }>, row: Cell[]): boolean {
  if (row.some((c) => c.parts.some(isValuePiece))) return false;
  const over = new Set<Cell>();
  for (const { s, span } of parts) {
    if (!isValuePiece(s)) continue;
    const label = row.find((c) => c.c0 <= span[1] && span[0] <= c.c1);
    if (label) over.add(label);
  }
  return over.size >= 2;
}

/** U+FFFD: a value the parser could not place for sure (toTableBlock's settleValues reads it so) */
const UNSURE = '\uFFFD';

/**
 * Rows whose columns are not settled keep their labels and leave every value unread (U+FFFD):
 * a value joined to a label would shift the values after it into the next columns.
 */
function unsettle(out: PageCell[], row: Cell[], r: number): void {
  const slots = out.filter((x) => x.r === r);
  let marked = false;
  for (const cell of row) {
    const slot = slots.find((x) => x.c === cell.c0);
    if (!slot) continue;
    const labels = cell.parts.filter((p) => !isValuePiece(p));
    if (labels.length === cell.parts.length) continue;
    slot.text = labels.length ? textOf(labels) : UNSURE;
    marked ||= !labels.length;
  }
  if (marked) return;
  // every value was joined to a label: the first blank slot right of the labels is unread
  const lastLabel = Math.max(...slots.filter((x) => x.text.trim()).map((x) => x.c + x.colSpan - 1));
  const blank = slots.find((x) => x.c > lastLabel && !x.text.trim());
  if (blank) blank.text = UNSURE;
  else slots[slots.length - 1].text += UNSURE;
}

const textOf = (parts: Segment[]) =>
  joinWrapped(
    groupLines([...parts].sort((a, b) => b.y - a.y || a.x0 - b.x0).flatMap((p) => p.items)).map((l) => l.text),
  );

function toPageTable(cells: Cell[], cols: Column[], nRows: number, page: number, unsettled: Set<number>): PageTable {
  // column edges halfway between columns
  const xs = [cols[0].x0, ...cols.slice(1).map((c, k) => (cols[k].x1 + c.x0) / 2), cols[cols.length - 1].x1];
  const rowTop = new Array<number>(nRows).fill(-Infinity),
    rowBottom = new Array<number>(nRows).fill(Infinity);
  for (const c of cells)
    for (const p of c.parts) {
      rowTop[c.r] = Math.max(rowTop[c.r], p.top);
      rowBottom[c.r] = Math.min(rowBottom[c.r], p.bottom);
    }
  const out: PageCell[] = [];
  for (let r = 0; r < nRows; r++) {
    const inRow = cells.filter((c) => c.r === r).sort((a, b) => a.c0 - b.c0);
    for (let c = 0; c < cols.length; c++) {
      const cell = inRow.find((x) => x.c0 === c);
      if (inRow.some((x) => x.c0 < c && x.c1 >= c)) continue; // covered by a spanning cell
      if (!cell) {
        out.push({
          r,
          c,
          rowSpan: 1,
          colSpan: 1,
          text: '',
          page,
          bbox: [round(xs[c]), round(rowBottom[r]), round(xs[c + 1]), round(rowTop[r])],
        });
        continue;
      }
      const parts = cell.parts;
      const text = textOf(parts);
      const bbox: [number, number, number, number] = [
        round(Math.min(...parts.map((p) => p.x0))),
        round(Math.min(...parts.map((p) => p.bottom))),
        round(Math.max(...parts.map((p) => p.x1))),
        round(Math.max(...parts.map((p) => p.top))),
      ];
      out.push({ r, c, rowSpan: 1, colSpan: cell.c1 - cell.c0 + 1, text, page, bbox });
    }
    if (unsettled.has(r)) unsettle(out, inRow, r);
  }
  const y0 = Math.min(...rowBottom),
    y1 = Math.max(...rowTop);
  return { page, xs, nRows, cells: out, x0: xs[0], x1: xs[xs.length - 1], y0, y1, aligned: true };
}
