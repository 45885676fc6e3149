// A table grid (or a flattened paragraph) → rows of "labels, then values": the one shape the
// recognisers read, whatever the format and however merged cells shifted the columns.
import type { Provenance, TableBlock } from '../model/document';
import { looksLikeValue } from './parseValue';

export interface TextPiece {
  text: string;
  source: Provenance;
  /**
   * digits run together with nothing between cells (crawler text, "898989"): they may be cut
   * into cells on plausibility alone. Any other printed cell is cut only where the row's own
   * arithmetic holds, because a cell vanished (a blank) looks the same as cells run together.
   */
  runTogether?: boolean;
  /** where the piece's last character stands, when it runs over several lines (cells a line read together) */
  end?: Provenance;
}
export interface LogicalRow {
  /** label texts in printed order, group labels from merged (covered) slots included */
  labels: TextPiece[];
  /** value cells after the last label, in column order (blanks kept) */
  values: TextPiece[];
  source: Provenance;
}

export function logicalRowsOfGrid(block: TableBlock): LogicalRow[] {
  const rows: LogicalRow[] = [];
  for (const slots of block.rows) {
    // the last slot whose text is a label: everything after it is a value (U+FFFD is text a
    // parser could not read for sure: a value unread, which the row's reading then flags)
    let lastLabel = -1;
    slots.forEach((s, i) => {
      if (s.text.trim() && !looksLikeValue(s.text) && !s.text.includes('\uFFFD')) lastLabel = i;
    });
    const labels: TextPiece[] = [];
    const seen = new Set<string>();
    for (let i = 0; i <= lastLabel; i++) {
      const s = slots[i];
      if (!s.text.trim()) continue;
      const id = s.anchor ? s.anchor.join(',') : `${i}`;
      if (s.covered && seen.has(id)) continue;
      seen.add(s.covered ? id : `${i}`);
      if (!labels.length || labels[labels.length - 1].text !== s.text || !s.covered)
        labels.push({ text: s.text, source: s.source });
    }
    const values: TextPiece[] = [];
    for (let i = lastLabel + 1; i < slots.length; i++) {
      const s = slots[i];
      if (s.covered && s.anchor && s.anchor[1] !== i) continue; // a colspan's tail: printed once
      if (s.covered && s.anchor) continue; // a rowspan from an earlier row: printed there
      values.push({ text: s.text.trim(), source: s.source });
    }
    rows.push({ labels, values, source: slots[0]?.source ?? block.source });
  }
  return rows;
}
