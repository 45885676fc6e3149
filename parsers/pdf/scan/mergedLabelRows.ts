// A scanned row border can break in the label column only (noise, a faint line). Then one label
// box spans two rows whose numbers, to its right, still sit in rows of their own, and the lower
// row's numbers would be read under the upper row's label. In a scan that cannot be told from a
// printed merged label, so the numbers of such rows are left unread (U+FFFD, which the analysis
// flags) rather than placed under a label that may not be theirs.
import type { Block, GridCell } from '../../../src/model/document';

const UNREAD = '\uFFFD';
const NUMBER = /^\s*[-−]?\d[\d,.\s]*$/;
const LABEL = /[\u4e00-\u9fff]/;

export function unsettleMergedLabelRows(blocks: Block[]): void {
  for (const b of blocks) {
    if (b.type !== 'table') continue;
    const rows = b.rows;
    const marked = new Set<string>();
    rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell.covered || cell.rowSpan < 2 || !LABEL.test(cell.text)) return;
        const span = rows.slice(r, r + cell.rowSpan);
        const right = c + cell.colSpan;
        // the boxes just right of the label, one per row they start in, that print a number
        const numbered = span.filter((rw) => isNumber(rw[right]));
        if (numbered.length < 2) return;
        span.forEach((rw, i) => {
          for (let k = right; k < rw.length; k++) if (isNumber(rw[k])) marked.add(`${r + i},${k}`);
        });
      }),
    );
    // a marked box's covered slots carry its text too
    for (const at of marked) {
      const [r, k] = at.split(',').map(Number);
      const box = rows[r][k];
      for (let i = r; i < r + box.rowSpan; i++)
        for (let j = k; j < k + box.colSpan; j++) if (rows[i]?.[j]) rows[i][j].text = UNREAD;
    }
  }
}

const isNumber = (cell: GridCell | undefined) => !!cell && !cell.covered && NUMBER.test(cell.text);
