// A table row flattened to one line with bars between its cells, as pages come out of a
// crawler or a copy from the browser: "规章 | 0 | 0 | 0 |", "行政许可 | 0 | ||",
// "| 行政处罚 | 5 | | 3 |". The bars are the cell boundaries: a cell is a label or a value as a
// whole (a text cell holding digits, "公务用车10辆", is no number), and an empty cell between two
// bars is a blank cell, so the row reads like a row of a grid.
import type { ParagraphBlock, TableBlock } from '../model/document';
import { cell } from '../model/document';

const BAR = /[|｜│]/;
/**
 * whether the text holds one of BAR's characters: three searches for one character each cost
 * less than one pass of the class over a long paragraph (most paragraphs hold no bar)
 */
export const hasBar = (text: string) => text.includes('|') || text.includes('｜') || text.includes('│');

/** The cells of a line printed with bars, or undefined when it is not such a line. */
export function barCells(block: ParagraphBlock): TableBlock | undefined {
  const text = block.text;
  if (!hasBar(text)) return undefined;
  const parts = text.split(BAR);
  // the text before the first bar and after the last is a cell unless it is empty
  if (!parts[0].trim()) parts.shift();
  if (parts.length && !parts[parts.length - 1].trim()) parts.pop();
  const filled = parts.filter((p) => p.trim()).length;
  // one cell and its bar is a cell a line (read with its neighbours), not a row
  if (filled < 2) return undefined;
  const column0 = block.source.column ?? 1;
  let offset = text.search(/\S/);
  if (BAR.test(text.charAt(offset))) offset++;
  const cells = parts.map((p) => {
    const at = offset + (p.length - p.trimStart().length);
    offset += p.length + 1;
    return cell(p.trim(), { ...block.source, column: column0 + at });
  });
  return { type: 'table', rows: [cells], source: block.source };
}

/** A line that is only a bar: the separator some flattenings print between rows or cells. */
export const isLoneBar = (text: string) => /^\s*[|｜│]+\s*$/.test(text);
