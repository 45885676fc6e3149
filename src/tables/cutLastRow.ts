// A page's opening, as a crawler or a search index keeps it, stops anywhere: inside a table's
// row, inside a number. A report goes on after its tables, so a text whose last printed thing
// is a row of a table may have lost that row's end: the row the text's end cuts is left unread,
// with a finding, unless its shape proves it complete (every column it has printed, its last
// cell closed).
import type { Doc } from '../model/document';
import type { TableKey } from '../model/record';
import { CATALOG } from './catalog';
import { BLANK_CELL } from './flattenedRows';
import type { TextPiece } from './logicalRows';

/** what the collector keeps of a table: its rows and what it could not read */
interface CutTable {
  rows: { table: TableKey; row: string; values: TextPiece[] }[];
  unmatched: string[];
}

/** a number the text ends with (a footnote mark or a decimal point may close it) */
const CUT_NUMBER = /[\d.,，]*\d[*＊※①-⑳注]?[.．、]?\s*$/;
/** a closing bar: the cell before it was printed whole */
const CLOSING_BAR = /[|｜│]\s*$/;
/** rows whose last cell is an amount of money (a lone 0 may be 0.35 cut short) */
const MONEY_ROWS = new Set(['fees', 'procurement']);
/** words: a label printed after a row's numbers, so the row ended before the text did */
const WORDS = /[\p{Script=Han}A-Za-z]{2,}/u;

/**
 * The most cells a row of this key prints, in either layout: table 四's one row holds all fifteen,
 * and 2019's （六）其他处理 stands in 2021 for three rows (a page that lost their own labels prints
 * all their numbers under it).
 */
function columnsOf(table: TableKey, row: string): number {
  if (row === '*all') return CATALOG.reviewLitigation['2021'].reduce((n, r) => n + r.columns.length, 0);
  const widths = (['2021', '2019'] as const).map((layout) =>
    CATALOG[table][layout]
      .filter((r) => r.key === row || r.key.startsWith(`${row}.`))
      .reduce((n, r) => n + r.columns.length, 0),
  );
  return Math.max(...widths) || Infinity;
}

/**
 * The cells a row's values print: a grid's cell each (blanks kept), or each number of a run of
 * cells read together (a blank cell's bar counted). Digits run together (crawler text) cannot be
 * counted: undefined.
 */
function printedSlots(values: TextPiece[]): number | undefined {
  let n = 0;
  for (const v of values) {
    if (v.runTogether) return undefined;
    const text = v.text.replace(new RegExp(BLANK_CELL, 'g'), ` ${BLANK_CELL} `).trim();
    n += text ? text.split(/\s+/).length : 1;
  }
  return n;
}

/** where a piece's last character stands (a cell's own line, or the last line of a run read together) */
function endOf(v: TextPiece): { line: number; column: number } | undefined {
  const at = v.end ?? v.source;
  if (at.line === undefined) return undefined;
  const column = (at.column ?? 1) + (v.end ? 0 : Math.max(0, v.text.length - 1));
  return { line: at.line, column };
}

/** the text's last row as printed: the last table block's last row, or the last line */
interface TextEnd {
  line: number;
  /** the text of the last line from its first column (a paragraph), a tab row's last cell, or a bar */
  text: string;
  column: number;
  /** the grid row's cells, where the text ends with a table's row */
  cells?: Set<string>;
}

function textEndOf(doc: Doc): TextEnd | undefined {
  const last = doc.blocks[doc.blocks.length - 1];
  if (!last || last.type === 'heading') return undefined;
  if (last.type === 'table') {
    const row = last.rows[last.rows.length - 1] ?? [];
    const line = row.find((c) => c.source.line !== undefined)?.source.line;
    if (line === undefined) return undefined;
    // a row opened by a bar (its first cell stands after it) is closed by one, or it would be no
    // row of the grid; a tab row, its first cell at the line's start, does not close its last cell
    const openedByBar = (row[0]?.source.column ?? 1) > 1;
    const text = openedByBar ? '|' : (row[row.length - 1]?.text ?? '');
    return { line, column: 1, text, cells: new Set(row.map((c) => `${c.source.line}:${c.source.column}`)) };
  }
  if (last.source.line === undefined) return undefined;
  return { line: last.source.line, column: last.source.column ?? 1, text: last.text };
}

/** where a row's values end: the last character of its last printed value */
function valuesEnd(values: TextPiece[]): { line: number; column: number } | undefined {
  let best: { line: number; column: number } | undefined;
  for (const v of values) {
    const e = endOf(v);
    if (e && (!best || e.line > best.line || (e.line === best.line && e.column > best.column))) best = e;
  }
  return best;
}

/**
 * The row the text's end cuts: the row whose values end last, when they end on the text's last
 * line with no words after them (a label after its numbers says the row ended before the text).
 */
function rowCutByEnd<R extends CutTable['rows'][number]>(rows: R[], end: TextEnd): R | undefined {
  let found: { r: R; line: number; column: number } | undefined;
  for (const r of rows) {
    const e = valuesEnd(r.values);
    if (!e || e.line > end.line) continue;
    if (!found || e.line > found.line || (e.line === found.line && e.column > found.column)) found = { r, ...e };
  }
  if (!found || found.line !== end.line) return undefined;
  if (end.cells)
    return found.r.values.some((v) => end.cells!.has(`${v.source.line}:${v.source.column}`)) ? found.r : undefined;
  const after = end.text.slice(found.column - end.column + 1);
  return WORDS.test(after) ? undefined : found.r;
}

/**
 * Whether the text's end closed the row's last cell: a bar after it, or the text (a grid's last
 * cell) ends with no number. A number the text ends with may be cut short ("行政处罚 | 1" of 1472,
 * "100000." of 100000.01), except a lone 0 outside an amount of money (no count goes on after a
 * leading 0). A tab row's last cell is judged alike: no bar closes it.
 */
function lastCellClosed(end: TextEnd, row: string): boolean {
  if (CLOSING_BAR.test(end.text)) return true;
  const number = CUT_NUMBER.exec(end.text)?.[0].trim();
  return !number || (number === '0' && !MONEY_ROWS.has(row));
}

/** The text's last row, cut by the text's end, is left unread with a finding naming it. */
export function leaveCutLastRowUnread(doc: Doc, tables: Iterable<CutTable>): void {
  const end = textEndOf(doc);
  if (!end) return;
  const all = [...tables];
  const cut = rowCutByEnd(
    all.flatMap((t) => t.rows),
    end,
  );
  if (!cut) return;
  const slots = printedSlots(cut.values);
  const complete = lastCellClosed(end, cut.row) && slots !== undefined && slots >= columnsOf(cut.table, cut.row);
  if (complete) return;
  const t = all.find((x) => x.rows.includes(cut))!;
  cut.values = [];
  t.unmatched.push(`${cut.row}: the text stops inside the row (its last cells may be missing or cut short): not read`);
}
