// A (possibly joined) table → the model's TableBlock: columns from the union of cell edges,
// spans resolved into covered slots, every slot with its page and box.
import type { GridCell, TableBlock } from '../../src/model/document';
import type { FlowTable } from './joinTables';

const SNAP = 3;

export function toTableBlock(t: FlowTable, ocr = false): TableBlock {
  const edges: number[] = [];
  for (const v of t.cells.flatMap((c) => [c.xl, c.xr]).sort((a, b) => a - b)) {
    if (!edges.length || v - edges[edges.length - 1] > SNAP) edges.push(v);
  }
  const col = (x: number) => {
    let best = 0;
    for (let i = 1; i < edges.length; i++) if (Math.abs(edges[i] - x) < Math.abs(edges[best] - x)) best = i;
    return best;
  };
  const nc = Math.max(1, edges.length - 1);
  const rows: (GridCell | undefined)[][] = Array.from({ length: t.nRows }, () =>
    new Array<GridCell | undefined>(nc).fill(undefined),
  );
  const ordered = [...t.cells].sort((a, b) => a.r - b.r || a.xl - b.xl);
  for (const c of ordered) {
    const c0 = col(c.xl);
    const colSpan = Math.max(1, col(c.xr) - c0);
    const source = { page: c.page, bbox: c.bbox, ...(ocr ? { ocr: true } : {}) };
    const there = rows[c.r]?.[c0];
    // overlapping parts keep the first, except that printed text wins over the blank part of a
    // merged cell reaching into its slot (a part whose column lines differ from the part above)
    if (there && !(there.covered && !there.text.trim() && c.text.trim())) continue;
    rows[c.r][c0] = { text: c.text, rowSpan: c.rowSpan, colSpan, source };
    for (let r = c.r; r < c.r + c.rowSpan && r < t.nRows; r++) {
      for (let k = c0; k < c0 + colSpan && k < nc; k++) {
        if (r === c.r && k === c0) continue;
        rows[r][k] ??= { text: c.text, rowSpan: 1, colSpan: 1, covered: true, anchor: [c.r, c0], source };
      }
    }
  }
  if (t.aligned) widenLabels(rows);
  const filled: GridCell[][] = rows.map((row) =>
    row.map((slot) => slot ?? { text: '', rowSpan: 1, colSpan: 1, source: { page: t.page } }),
  );
  return {
    type: 'table',
    rows: filled,
    source: {
      page: t.page,
      bbox: t.bbox.map((v) => Math.round(v * 10) / 10) as [number, number, number, number],
      ...(ocr ? { ocr: true } : {}),
    },
  };
}

const NUMBER = /^[-−]?\d[\d,，.]*\s*(%|％|元|万元|件|个|条)?$/;

/**
 * Without ruling lines a label does not show which columns it spans: a label printed in one
 * column of a wider label area leaves blank slots between it and its row's numbers, and a
 * blank slot there would read as the row's first value. A blank slot in a column that holds
 * no number in any row, right of a label, is that label's.
 */
const blank = (x: GridCell | undefined) => !x || (!x.covered && !x.text.trim() && x.rowSpan === 1 && x.colSpan === 1);

function widenLabels(rows: (GridCell | undefined)[][]): void {
  const nc = Math.max(0, ...rows.map((r) => r.length));
  const labelColumn = Array.from({ length: nc }, (_, k) =>
    rows.every((r) => !r[k] || r[k]!.covered || !NUMBER.test(r[k]!.text.trim())),
  );
  rows.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || cell.covered || !cell.text.trim() || NUMBER.test(cell.text.trim()) || cell.rowSpan > 1) continue;
      let k = c + cell.colSpan;
      while (k < row.length && blank(row[k]) && labelColumn[k]) {
        row[k] = { text: cell.text, rowSpan: 1, colSpan: 1, covered: true, anchor: [r, c], source: cell.source };
        cell.colSpan++;
        k++;
      }
    }
  });
}
