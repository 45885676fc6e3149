// The page elements of the whole document, in reading order → the model's blocks: tables
// continued over pages joined, lines rebuilt into paragraphs, standalone numbered lines and the
// title lines as headings.
import type { Block } from '../../src/model/document';
import { round } from './fillGrid';
import { appendTable, continuedRows, rowsOf, toFlowTable, type FlowTable } from './joinTables';
import type { PageElement } from './pageElement';
import { joinWrapped, type TextLine } from './textLines';
import { toTableBlock } from './toTableBlock';
import { MAX_NOTE_LINES, TABLE_NOTE } from './tableNote';
import { columnsFromText } from './textColumns';

const HEADING =
  /^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[章节部分])/;
const SENTENCE_END = /[。！？；：!?;:]$/;

interface Margins {
  left: number;
  right: number;
  bodySize: number;
}

/** The most common left edge, the usual right edge and font size of body lines. */
function measure(lines: TextLine[]): Margins {
  const mode = (values: number[]) => {
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  };
  // the body's size from lines of some length: OCR's specks and stray glyphs make many short
  // lines of any size (人, 和), which outnumbered the text on a scan's last page, and every line
  // of the opening, larger than them, was taken for the title
  const long = lines.filter((l) => l.text.replace(/\s+/g, '').length >= 8);
  const bodySize = mode((long.length >= 5 ? long : lines).map((l) => Math.round(l.size)));
  const body = lines.filter((l) => Math.round(l.size) === bodySize);
  const left = mode(body.map((l) => Math.round(l.x0)));
  const rights = body.map((l) => l.x1).sort((a, b) => a - b);
  const right = rights[Math.floor(rights.length * 0.9)] ?? 0;
  return { left, right, bodySize };
}

interface Para {
  lines: TextLine[];
  page: number;
  onFirstPage: number;
}

const NO_PAGES: ReadonlySet<number> = new Set();

/** `ocrPages`: the pages whose text OCR read (in whole or in their pictures): their blocks say so */
export function buildBlocks(
  elements: PageElement[],
  ocrPages: ReadonlySet<number> = NO_PAGES,
): { blocks: Block[]; titleLines: TextLine[] } {
  const allLines = elements.flatMap((e) => (e.kind === 'line' ? [e.line] : []));
  const m = measure(allLines);
  const blocks: Block[] = [];
  const titleLines = findTitleLines(elements, m);

  let para: Para | null = null;
  let table: FlowTable | null = null;
  /**
   * the lines of `table` while it is only tentatively one (PageTable.tentative), and whether the
   * element before it was on its page
   */
  let tentative: { lines: TextLine[]; samePage: boolean } | null = null;
  const flushPara = () => {
    if (!para) return;
    const text = joinWrapped(para.lines.map((l) => l.text));
    const bbox = boxOf(para.lines.slice(0, para.onFirstPage)); // the box is on the first page
    const source = { page: para.page, bbox, ...(ocrPages.has(para.page) ? { ocr: true } : {}) };
    const heading =
      titleLines.includes(para.lines[0]) || (HEADING.test(text) && text.length <= 40 && !/[。；]./.test(text));
    blocks.push(heading ? { type: 'heading', text, source } : { type: 'paragraph', text, source });
    para = null;
  };
  const takeLine = (line: TextLine, page: number, samePage: boolean) => {
    const last: TextLine | undefined = para?.lines[para.lines.length - 1];
    if (para && last && !startsParagraph(last, line, m, samePage, titleLines)) {
      para.lines.push(line);
      if (page === para.page) para.onFirstPage = para.lines.length;
    } else {
      flushPara();
      para = { lines: [line], page, onFirstPage: 1 };
    }
  };
  /** the page of the table's last part */
  let tablePage = 0;
  type HeldLine = { line: TextLine; page: number; samePage: boolean };
  /**
   * a note printed under the table's last part on its page (注：…): held until the next
   * element shows whether the table goes on past it; then it is text after the table
   */
  let held: HeldLine[] = [];
  let notesAfter: HeldLine[] = [];
  const release = (lines: HeldLine[]) => lines.forEach((n) => takeLine(n.line, n.page, n.samePage));
  const flushTable = () => {
    const lines = tentative;
    tentative = null;
    // labels at a page's foot that no part on the next page went on under: text after all
    if (table && lines) lines.lines.forEach((l, k) => takeLine(l, table!.page, k > 0 || lines.samePage));
    else if (table)
      blocks.push(toTableBlock(table.parts! > 1 && !table.ruled ? columnsFromText(table) : table, ocrPages));
    table = null;
    release([...notesAfter, ...held]);
    notesAfter = [];
    held = [];
  };
  let prev: PageElement | null = null;
  /**
   * a line right under the table on its last page that opens a note, or a wrapped line of the
   * note held (its size, no blank line before it, no heading): a heading after the table ends
   * it, and a part on the next page is then another table
   */
  const noteLine = (el: PageElement & { kind: 'line' }) => {
    if (!table || tentative || el.page !== tablePage) return false;
    if (!held.length) return prev?.kind === 'table' && TABLE_NOTE.test(el.line.text);
    const last = held[held.length - 1].line;
    const line = el.line;
    return (
      held.length < MAX_NOTE_LINES &&
      Math.abs(line.size - last.size) <= 0.15 * last.size &&
      last.bottom - line.top <= line.size * 1.2 &&
      !HEADING.test(line.text)
    );
  };
  for (const el of elements) {
    if (el.kind === 'table') {
      flushPara();
      // a part on another page goes on from the table above, right after it or past a note under it
      const after = held.length ? tablePage : prev?.kind === 'table' ? prev.page : undefined;
      const joined = table && after !== undefined && after !== el.page ? continuedRows(table, el.table) : 0;
      if (table && joined) {
        appendTable(table, rowsOf(el.table, 0, joined));
        tentative = null;
        notesAfter.push(...held);
        held = [];
      }
      if (joined < el.table.nRows) {
        // a new table, or one that starts on this page right under the end of the one above
        flushTable();
        table = toFlowTable(rowsOf(el.table, joined, el.table.nRows));
        if (el.table.tentative && !joined) tentative = { lines: el.table.tentative, samePage: prev?.page === el.page };
      }
      tablePage = el.page;
    } else if (noteLine(el)) {
      held.push({ line: el.line, page: el.page, samePage: prev?.page === el.page });
    } else {
      flushTable();
      takeLine(el.line, el.page, prev?.page === el.page);
    }
    prev = el;
  }
  flushPara();
  flushTable();
  return { blocks, titleLines };
}

function startsParagraph(
  prev: TextLine,
  line: TextLine,
  m: Margins,
  samePage: boolean,
  titleLines: TextLine[],
): boolean {
  const size = line.size || m.bodySize;
  if (titleLines.includes(prev) !== titleLines.includes(line)) return true;
  if (titleLines.includes(line)) return false; // the title's lines are one heading
  if (Math.abs(prev.size - line.size) > Math.max(prev.size, line.size) * 0.15) return true;
  if (line.x0 > m.left + size * 1.2) return true; // indented first line
  if (prev.x1 < m.right - size * 1.5) return true; // the line before ended short
  if (SENTENCE_END.test(prev.text) && prev.x1 < m.right - size * 0.5) return true;
  if (HEADING.test(line.text) && SENTENCE_END.test(prev.text)) return true;
  if (samePage && prev.bottom - line.top > size * 1.2) return true; // a blank line between
  return false;
}

/** Page 1 lines above the first body line that are printed larger than the body: the title. */
function findTitleLines(elements: PageElement[], m: Margins): TextLine[] {
  const out: TextLine[] = [];
  for (const el of elements) {
    if (el.page !== 1 || el.kind !== 'line') break;
    if (el.line.size < m.bodySize * 1.15) break;
    out.push(el.line);
  }
  return out;
}

function boxOf(lines: TextLine[]): [number, number, number, number] {
  return [
    round(Math.min(...lines.map((l) => l.x0))),
    round(Math.min(...lines.map((l) => l.bottom))),
    round(Math.max(...lines.map((l) => l.x1))),
    round(Math.max(...lines.map((l) => l.top))),
  ];
}
