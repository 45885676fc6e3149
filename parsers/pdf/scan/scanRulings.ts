// Ruling lines of a page image → the ruling segments the vector path gives (pageRulings.ts),
// in PDF user space, so that the same grid and cell code reads scanned tables.
import type { Ruling } from '../pageRulings';
import type { PixelLine } from './imageLines';

/** where a page image lies in PDF user space: pixel (0, 0) is the page's top left corner */
export interface PageFrame {
  originX: number;
  /** the page's top edge in user space */
  top: number;
  /** points per pixel */
  kx: number;
  ky: number;
}

/**
 * Only lines that cross or touch two lines of the other direction are table borders (a border
 * runs from one border to another): a lone long stroke is an underline, a dash or a large 一,
 * and a stroke of a cell's text touches at most the one border beside it.
 */
export function tableLines(found: { h: PixelLine[]; v: PixelLine[] }, reach: number, minRow: number) {
  // a line broken by noise is one line again first: a piece alone may meet no other line
  const joined = { h: joinPieces(found.h, reach * 4), v: joinPieces(found.v, reach * 4) };
  // a row border spans at least a column; the strokes of a large title's 口, 田 or 门 do not,
  // and erasing them as borders garbled the title
  const lines = { h: joined.h.filter((h) => h.to - h.from + 1 >= minRow), v: joined.v };
  const meets = (h: PixelLine, v: PixelLine) =>
    v.at >= h.from - reach && v.at <= h.to + reach && h.at >= v.from - reach && h.at <= v.to + reach;
  return {
    h: lines.h.filter((h) => lines.v.filter((v) => meets(h, v)).length >= 2),
    v: lines.v.filter((v) => lines.h.filter((h) => meets(h, v)).length >= 2),
  };
}

/** pieces on one row (column), within `bridge` pixels of each other along it, as one line */
function joinPieces(pieces: PixelLine[], bridge: number): PixelLine[] {
  const sorted = [...pieces].sort((a, b) => a.at - b.at || a.from - b.from);
  const out: PixelLine[] = [];
  for (const p of sorted) {
    const q = out.find((l) => Math.abs(l.at - p.at) <= 3 && p.from <= l.to + bridge && p.to >= l.from - bridge);
    if (!q) out.push({ ...p });
    else {
      q.from = Math.min(q.from, p.from);
      q.to = Math.max(q.to, p.to);
      q.first = Math.min(q.first, p.first);
      q.last = Math.max(q.last, p.last);
      q.thickness = q.last - q.first + 1;
    }
  }
  return out;
}

export function toRulings(lines: { h: PixelLine[]; v: PixelLine[] }, f: PageFrame): Ruling[] {
  const X = (px: number) => f.originX + px * f.kx;
  const Y = (py: number) => f.top - py * f.ky;
  return [
    ...lines.h.map((l) => ({ x0: X(l.from), x1: X(l.to + 1), y0: Y(l.at + 0.5), y1: Y(l.at + 0.5) })),
    ...lines.v.map((l) => ({ x0: X(l.at + 0.5), x1: X(l.at + 0.5), y0: Y(l.to + 1), y1: Y(l.from) })),
  ];
}
