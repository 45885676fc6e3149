// Plain text (and Markdown) → Doc. Lines holding tabs, or Markdown pipe rows, form table rows
// (a run of them, blank lines allowed inside, is one table); `#` lines are headings; every
// other non-empty line is a paragraph. A crawler header of `标题: …` lines gives the title.
// Plain text → Doc. Lines holding tabs form table rows (a run of them, blank lines allowed
// inside, is one table); every other non-empty line is a paragraph. A crawler header of
// `标题: …` lines, when present, gives the title.
import type { FormatParser } from '../types';
import { decodeTextOrFail } from '../encoding';
import type { Block, GridCell } from '../../src/model';
import { XxgkError } from '../../src/errors';

const MARKDOWN_HEADING = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/;
const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const HEADER_TITLE = /^\s*(?:标题|题目|title)\s*[:：]\s*(.+)$/i;
/** a page number of text taken from a PDF ("-3-", "— 4 —", "第 5 页 共 9 页"): layout, not content */
const PAGE_NUMBER = /^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?)\s*$/;

export const parseText: FormatParser = async (bytes) => {
  const { text } = decodeTextOrFail(bytes);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (!lines.some((l) => l.trim())) throw new XxgkError('EMPTY_FILE', 'the file holds only white space');
  const blocks: Block[] = [];
  let title: string | undefined;
  let table: GridCell[][] | null = null;
  let tableLine = 0;

  const closeTable = () => {
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
    if (PIPE_SEPARATOR.test(line) && table) continue;
    if (line.includes('\t') || PIPE_ROW.test(line)) {
      if (!table) { table = []; tableLine = lineNo; }
      table.push(PIPE_ROW.test(line) ? splitPipeRow(line, lineNo) : splitTabRow(line, lineNo));
      continue;
    }
    if (PAGE_NUMBER.test(line)) continue;
    closeTable();
    const heading = MARKDOWN_HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', text: heading[2], level: heading[1].length, source: { line: lineNo, column: line.indexOf(heading[2]) + 1 } });
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

/** Markdown pipe tables: `| 规章 | 0 | 0 | 0 |` */
function splitPipeRow(line: string, lineNo: number): GridCell[] {
  const cells: GridCell[] = [];
  const start = line.indexOf('|');
  const end = line.lastIndexOf('|');
  let column = start + 2;
  for (const part of line.slice(start + 1, end).split('|')) {
    const lead = part.length - part.trimStart().length;
    cells.push({ text: part.trim(), rowSpan: 1, colSpan: 1, source: { line: lineNo, column: column + lead } });
    column += part.length + 1;
  }
  return cells;
}

function nextNonBlankHasTab(lines: string[], from: number): boolean {
  for (let j = from; j < lines.length; j++) if (lines[j].trim()) return lines[j].includes('\t') || PIPE_ROW.test(lines[j]);
  return false;
}

const firstNonSpace = (line: string) => line.length - line.trimStart().length + 1;
