// A printed line cut where the text has a wide gap: in a table without borders each piece is
// (part of) one cell; in running text a line is one piece.
import type { TextItem } from './pageText';
import { makeLine, type TextLine } from './textLines';

export interface Segment { line: number; items: TextItem[]; text: string; x0: number; x1: number; y: number; top: number; bottom: number; size: number }

/** Wider than this (in font sizes) a gap separates cells (narrow padding in LibreOffice and
 * WPS tables leaves ~half a character); opText already joined runs closer than 0.3. */
const CELL_GAP = 0.4;

export function segmentsOf(line: TextLine, index: number): Segment[] {
  const out: Segment[] = [];
  let run: TextItem[] = [];
  let end = -Infinity;
  const flush = () => {
    if (!run.length) return;
    const l = makeLine(run);
    out.push({ line: index, items: run, text: l.text, x0: l.x0, x1: l.x1, y: l.y, top: l.top, bottom: l.bottom, size: l.size });
    run = [];
  };
  for (const it of line.items) {
    if (run.length && it.x0 - end > Math.max(it.size, run[0].size) * CELL_GAP) flush();
    run.push(it);
    end = Math.max(end, it.x1);
  }
  flush();
  return out;
}

/** A number as tables print it: 821, 0.34%, 251000元, -3 */
export const isNumeric = (text: string) => /^[-−]?\d[\d,，.]*\s*(%|％|元|万元|件|个|条)?$/.test(text.trim());
