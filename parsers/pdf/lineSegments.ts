// A printed line cut where the text has a wide gap: in a table without borders each piece is
// (part of) one cell; in running text a line is one piece.
import type { TextItem } from './pageText';
import { makeLine, type TextLine } from './textLines';

export interface Segment {
  line: number;
  items: TextItem[];
  text: string;
  x0: number;
  x1: number;
  y: number;
  top: number;
  bottom: number;
  size: number;
}

/** Wider than this (in font sizes) a gap separates cells (narrow padding in LibreOffice and
 * WPS tables leaves ~half a character); opText already joined runs closer than 0.3. */
const CELL_GAP = 0.4;
/** in a table row, two numbers side by side are two cells at any visible gap */
const DIGIT_GAP = 0.1;
/** in a table row, a numbered label after a label is a cell of its own at this gap */
const LABEL_GAP = 0.3;
const digitsApart = (before: string, after: string) => /\d$/.test(before) && /^\d/.test(after);
/** a label's numbering at its start: （一）, (2), 一、, 3. (not a number: 1.5) */
export const NUMBERED = /^\s*([（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+\s*[.、．](?!\d))/;
const labelAfter = (before: string, after: string) => !/\d$/.test(before) && NUMBERED.test(after);

export function segmentsOf(line: TextLine, index: number): Segment[] {
  const cells = cut(line.items, CELL_GAP);
  // a line already cut into cells is a table row: there two numbers side by side are two
  // cells at any visible gap (running text keeps letter-spaced digits, 2 0 1 9, together), and a
  // numbered label is a cell of its own past a gap narrower than a cell's: a row's label set
  // close after its group's (三、本年度 （一）予以公开, ~0.4 font sizes apart at 12 pt)
  const pieces =
    cells.length > 1
      ? cells.flatMap((run) => cut(run, DIGIT_GAP, digitsApart)).flatMap((run) => cut(run, LABEL_GAP, labelAfter))
      : cells;
  return pieces.map((run) => segmentOf(run, index));
}

/** the piece of line `index` that items `run` print */
export function segmentOf(run: TextItem[], index: number): Segment {
  const l = makeLine(run);
  return {
    line: index,
    items: run,
    text: l.text,
    x0: l.x0,
    x1: l.x1,
    y: l.y,
    top: l.top,
    bottom: l.bottom,
    size: l.size,
  };
}

/** items (left to right) cut into runs at gaps wider than `gap` font sizes (where `between` accepts the texts) */
function cut(items: TextItem[], gap: number, between?: (before: string, after: string) => boolean): TextItem[][] {
  const out: TextItem[][] = [];
  let run: TextItem[] = [];
  let end = -Infinity;
  for (const it of items) {
    const wide = it.x0 - end > Math.max(it.size, run[0]?.size ?? 0) * gap;
    if (run.length && wide && (!between || between(run[run.length - 1].str, it.str))) {
      out.push(run);
      run = [];
    }
    run.push(it);
    end = Math.max(end, it.x1);
  }
  if (run.length) out.push(run);
  return out;
}

/** A number as tables print it: 821, 0.34%, 251000元, -3 */
export const isNumeric = (text: string) => /^[-−]?\d[\d,，.]*\s*(%|％|元|万元|件|个|条)?$/.test(text.trim());
const PLACEHOLDER = /^[—–\-－/／\\×xX*＊]+$/;
/** a piece a value slot prints: a number or a placeholder for none */
export const isValuePiece = (s: Segment) => isNumeric(s.text) || PLACEHOLDER.test(s.text.trim());
