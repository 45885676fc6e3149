// Plain text (and Markdown) → Doc. Lines holding tabs, Markdown pipe rows, or rows of a table
// drawn with box characters (w3m, pandoc grid tables: │…│ between ├──┼──┤ rules) form table
// rows (a run of them, blank lines allowed inside, is one table); `#` lines are headings; every
// other non-empty line is a paragraph. A crawler header of `标题: …` lines gives the title.
import type { FormatParser } from '../types';
import { decodeTextOrFail } from '../encoding';
import type { Block, GridCell } from '../../src/model/document';
import { XxgkError } from '../../src/model/errors';

const MARKDOWN_HEADING = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/;
const PIPE_ROW = /^\s*[|│┃║].*[|│┃║]\s*$/;
const BAR = /[|│┃║]/;
/** BAR's characters: | │ ┃ ║ */
const isBar = (c: number) => c === 0x7c || c === 0x2502 || c === 0x2503 || c === 0x2551;
const PIPE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
/** a rule between the rows of a drawn table: ├────┼────┤, +----+----+, ╠════╬════╣ */
const BOX_RULE = /^\s*[┌┬┐├┼┤└┴┘╔╦╗╠╬╣╚╩╝╞╪╡╒╤╕╘╧╛+][─━═┌┬┐├┼┤└┴┘╔╦╗╠╬╣╚╩╝╞╪╡╒╤╕╘╧╛+\-=:|│┃║\s]*$/;
/** a rule under some cells only, beside a cell that spans on (│（六）其├────┼────┤) */
const PARTIAL_RULE = /[┌┬┐├┼┤└┴┘╔╦╗╠╬╣╚╩╝╞╪╡╒╤╕╘╧╛][─━═]{2,}/;
const JUNCTION_OR_BAR = /[|│┃║┌┬┐├┼┤└┴┘╔╦╗╠╬╣╚╩╝╞╪╡╒╤╕╘╧╛]/;
const HEADER_TITLE = /^\s*(?:标题|题目|title)\s*[:：]\s*(.+)$/i;
/** a page number of text taken from a PDF ("-3-", "— 4 —", "第 5 页 共 9 页"): layout, not content */
const PAGE_NUMBER = /^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?)\s*$/;

export const parseText: FormatParser = async (bytes) => {
  const { text } = decodeTextOrFail(bytes);
  const lines = (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n');
  if (!lines.some((l) => l.trim())) throw new XxgkError('EMPTY_FILE', 'the file holds only white space');
  const blocks: Block[] = [];
  let title: string | undefined;
  let table: GridCell[][] | null = null;
  let tableLine = 0;
  /** the lines of one row of a drawn table: a cell's text wraps over them until the next rule */
  let boxRow: GridCell[][] | null = null;

  const flushBoxRow = () => {
    if (boxRow && boxRow.length && table) table.push(...mergeWrappedLines(boxRow));
    boxRow = null;
  };
  const closeTable = () => {
    flushBoxRow();
    if (table && table.length) blocks.push({ type: 'table', rows: table, source: { line: tableLine, column: 1 } });
    table = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    if (!line.trim()) {
      // a blank line ends a table only when the next non-blank line is not a table row
      if (table && !nextNonBlankHasTab(lines, i + 1)) closeTable();
      continue;
    }
    const fullRule = BOX_RULE.test(line) && /[─━═-]/.test(line);
    if (fullRule || (table && /^\s*[|│┃║]/.test(line) && PARTIAL_RULE.test(line))) {
      // a drawn table's rule: the lines since the last one were one row; the text of cells that
      // span on past a partial rule stays, as a row of its own
      if (!table) {
        table = [];
        tableLine = lineNo;
      }
      flushBoxRow();
      if (!fullRule) {
        const fragments = splitRuledLine(line, lineNo);
        if (fragments.some((c) => c.text)) table.push(fragments);
      }
      boxRow = [];
      continue;
    }
    if (PIPE_SEPARATOR.test(line) && table) continue;
    const piped = PIPE_ROW.test(line);
    if (piped || line.includes('\t')) {
      if (!table) {
        table = [];
        tableLine = lineNo;
      }
      const row = piped ? splitPipeRow(line, lineNo) : splitTabRow(line, lineNo);
      if (boxRow && piped) boxRow.push(row);
      else table.push(row);
      continue;
    }
    if (PAGE_NUMBER.test(line)) continue;
    closeTable();
    const heading = MARKDOWN_HEADING.exec(line);
    if (heading) {
      blocks.push({
        type: 'heading',
        text: heading[2],
        level: heading[1].length,
        source: { line: lineNo, column: line.indexOf(heading[2]) + 1 },
      });
      continue;
    }
    const m = !title && i < 15 ? HEADER_TITLE.exec(line) : null;
    if (m) title = m[1].trim();
    blocks.push({ type: 'paragraph', text: line.trim(), source: { line: lineNo, column: firstNonSpace(line) } });
  }
  closeTable();
  return { format: 'text', title, blocks, notes: [] };
};

function splitTabRow(line: string, lineNo: number): GridCell[] {
  const cells: GridCell[] = [];
  let column = 1;
  for (const part of line.split('\t')) {
    const lead = part.length - part.trimStart().length;
    cells.push({ text: part.trim(), rowSpan: 1, colSpan: 1, source: { line: lineNo, column: column + lead } });
    column += part.length + 1;
  }
  return cells;
}

/** Markdown pipe tables: `| 规章 | 0 | 0 | 0 |`, and rows drawn with box characters: `│规章│0│` */
function splitPipeRow(line: string, lineNo: number): GridCell[] {
  const cells: GridCell[] = [];
  const start = line.search(BAR);
  let end = line.length - 1;
  while (end > start && !isBar(line.charCodeAt(end))) end--;
  let column = start + 2;
  for (const part of line.slice(start + 1, end).split(BAR)) {
    const lead = part.length - part.trimStart().length;
    cells.push({ text: part.trim(), rowSpan: 1, colSpan: 1, source: { line: lineNo, column: column + lead } });
    column += part.length + 1;
  }
  return cells;
}

/** the cells of a partial rule line: rule segments become blank cells */
function splitRuledLine(line: string, lineNo: number): GridCell[] {
  const cells: GridCell[] = [];
  let column = 1;
  for (const part of line.split(JUNCTION_OR_BAR)) {
    const text = /^[\s─━═-]*$/.test(part) ? '' : part.trim();
    cells.push({
      text,
      rowSpan: 1,
      colSpan: 1,
      source: { line: lineNo, column: column + (part.length - part.trimStart().length) },
    });
    column += part.length + 1;
  }
  while (cells.length && !cells[0].text) cells.shift();
  return cells;
}

function nextNonBlankHasTab(lines: string[], from: number): boolean {
  for (let j = from; j < lines.length; j++)
    if (lines[j].trim()) return lines[j].includes('\t') || PIPE_ROW.test(lines[j]) || BOX_RULE.test(lines[j]);
  return false;
}

/**
 * The lines of one drawn row, cell by cell: "（二）部分公开（区分处理的，只计这一情" and
 * "形，不计其他情形）" under it are one label. Lines split differently are kept as rows.
 */
function mergeWrappedLines(lines: GridCell[][]): GridCell[][] {
  if (lines.length === 1 || lines.some((l) => l.length !== lines[0].length)) return lines;
  return [
    lines[0].map((first, i) => {
      let text = '';
      let source = first.source;
      for (const l of lines) {
        const t = l[i].text;
        if (!t) continue;
        if (!text) source = l[i].source;
        text += text && /[A-Za-z]$/.test(text) && /^[A-Za-z]/.test(t) ? ` ${t}` : t;
      }
      return { ...first, text, source };
    }),
  ];
}

const firstNonSpace = (line: string) => line.length - line.trimStart().length + 1;
