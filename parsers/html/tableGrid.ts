// One `<table>` → a grid of slots as src/model.ts defines it: each merged cell at its anchor
// slot with rowSpan/colSpan, every other slot it covers marked `covered` with the anchor's text.
// Shared by HTML pages and DOCX (through mammoth's HTML).
import type { Element } from 'domhandler';
import type { GridCell, TableBlock } from '../../src/model/document';
import { cellText, rowCells, tableRows } from './domText';

/** Spans beyond these are typos or hostile; no real report table is this big. */
const MAX_COLSPAN = 200;
const MAX_ROWSPAN = 2000;

function spanOf(el: Element, attr: 'rowspan' | 'colspan', max: number): number {
  // spelt out, not attribs[attr]: a load by a variable name takes V8's generic path
  const value = attr === 'rowspan' ? el.attribs.rowspan : el.attribs.colspan;
  if (value === undefined) return 1;
  const n = parseInt(value, 10);
  // rowspan="0" means "to the end of the table section": clamped below like any overlong span
  if (attr === 'rowspan' && n === 0) return max;
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

export function buildTableBlock(table: Element, tableIndex: number, trs = tableRows(table)): TableBlock {
  const grid: (GridCell | undefined)[][] = trs.map(() => []);

  trs.forEach((tr, r) => {
    let c = 0;
    rowCells(tr).forEach((td, cellIndex) => {
      while (grid[r][c]) c++;
      const rowSpan = Math.min(spanOf(td, 'rowspan', MAX_ROWSPAN), trs.length - r);
      const colSpan = spanOf(td, 'colspan', MAX_COLSPAN);
      const text = cellText(td);
      const source = { table: tableIndex, row: r, cell: cellIndex };
      grid[r][c] = { text, rowSpan, colSpan, source };
      for (let dr = 0; dr < rowSpan; dr++) {
        for (let dc = 0; dc < colSpan; dc++) {
          if (dr === 0 && dc === 0) continue;
          // a slot already claimed by an earlier rowspan keeps its owner (overlapping spans)
          if (grid[r + dr][c + dc]) continue;
          grid[r + dr][c + dc] = { text, rowSpan: 1, colSpan: 1, covered: true, anchor: [r, c], source };
        }
      }
      c += colSpan;
    });
  });

  // Rows shorter than the widest one (a `<tr>` with missing cells) are padded with blanks so
  // every column index means the same column in every row.
  const width = Math.max(0, ...grid.map((row) => row.length));
  const rows: GridCell[][] = grid.map((row, r) => {
    const out: GridCell[] = [];
    for (let c = 0; c < width; c++) {
      out.push(row[c] ?? { text: '', rowSpan: 1, colSpan: 1, source: { table: tableIndex, row: r } });
    }
    return out;
  });
  return { type: 'table', rows, source: { table: tableIndex } };
}
