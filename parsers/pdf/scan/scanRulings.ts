// Ruling lines of a page image → the ruling segments the vector path gives (pageRulings.ts),
// in PDF user space, so that the same grid and cell code reads scanned tables.
import type { Ruling } from '../pageRulings';
import type { PixelLine, Trace } from './imageLines';

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
export function tableLines(found: { h: PixelLine[]; v: PixelLine[] }, reach: number, minRow: number, faint?: FaintInk) {
  // a line broken by noise is one line again first: a piece alone may meet no other line
  const joined = {
    h: joinPieces(found.h, reach * 4, faint && ((l, from, to) => faint(true, l, from, to))),
    v: joinPieces(found.v, reach * 4, faint && ((l, from, to) => faint(false, l, from, to))),
  };
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

/**
 * Where faint ink goes on along a gap in a line (positions from–to): a thin ruling scanned pale
 * breaks into pieces wherever noise lifts it above the threshold of ink, but its pale trace
 * still runs through the gaps; a gap between two strokes of text is paper.
 */
export type FaintInk = (horizontal: boolean, line: PixelLine, from: number, to: number) => Trace;

/** a gap this much traced by faint ink is the line going on */
const TRACED = 0.9;

/** pieces on one row (column), within `bridge` pixels of each other along it (or further, where
 * faint ink runs between them), as one line */
function joinPieces(
  pieces: PixelLine[],
  bridge: number,
  faint?: (line: PixelLine, from: number, to: number) => Trace,
): PixelLine[] {
  // until nothing joins: a piece joined to one line may bring it within reach of another
  let lines = pieces;
  for (let n = Infinity; lines.length < n;) {
    n = lines.length;
    lines = joinOnce(lines, bridge, faint);
  }
  return lines;
}

function joinOnce(
  pieces: PixelLine[],
  bridge: number,
  faint?: (line: PixelLine, from: number, to: number) => Trace,
): PixelLine[] {
  const sorted = [...pieces].sort((a, b) => a.at - b.at || a.from - b.from);
  const out: PixelLine[] = [];
  for (const p of sorted) {
    // one border seen twice (its two edges, a line spread over two rows by the turn) lies within
    // the pieces' own thickness of itself
    const near = (l: PixelLine) => Math.abs(l.at - p.at) <= Math.max(3, (l.thickness + p.thickness) / 2 + 2);
    // a stretch of paper longer than the pieces' own bridge is a break, however long the traced
    // rest: two tables one above the other, whose column borders line up, are not one table
    // (a gap of a centimetre between them was 91% 'traced' when measured to a piece far down
    // the lower table's border)
    const traced = (l: PixelLine) => {
      if (!faint) return false;
      const [from, to] = p.from > l.to ? [l.to + 1, p.from - 1] : [p.to + 1, l.from - 1];
      const across = { ...l, first: Math.min(l.first, p.first), last: Math.max(l.last, p.last) };
      const trace = faint(across, from, to);
      return trace.share >= TRACED && trace.longestPaper <= bridge;
    };
    const q =
      out.find((l) => near(l) && p.from <= l.to + bridge && p.to >= l.from - bridge) ??
      out.find((l) => near(l) && traced(l));
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

/** how a found line is inked along its own length: the share of positions with ink (at the
 * threshold of ink) and the share a faint trace covers */
export type LineInk = (horizontal: boolean, line: PixelLine) => { ink: number; faint: number };

/** a border is inked along nearly all its length; a row of digits is not, between its characters */
const SOLID_INK = 0.9;
const SOLID_TRACE = 0.95;

/**
 * Lines that are runs through a row of digits, not borders: in a narrow cell the numbers of a
 * crowded row stand close, and their strokes at one height, bridged across the small gaps
 * between characters, made a 'row border' through the middle of the row ('3552 3403 33920',
 * then erased, read '3SS7 34n3 339720'). A border is ink along nearly all of its length (a pale
 * one is at least traced by faint ink); such a run has a gap at every character.
 */
export function solidLines(lines: { h: PixelLine[]; v: PixelLine[] }, inkOf: LineInk) {
  const solid = (horizontal: boolean) => (l: PixelLine) => {
    const { ink, faint } = inkOf(horizontal, l);
    return ink >= SOLID_INK || faint >= SOLID_TRACE;
  };
  return { h: lines.h.filter(solid(true)), v: lines.v.filter(solid(false)) };
}

/**
 * Lines of one direction that overlap across (their `at`s within their thickness) are one
 * border position: the pieces of a column's border, found apart in rows of different cells,
 * are a pixel or three apart, and the grid took them for two columns.
 */
export function alignLines(lines: { h: PixelLine[]; v: PixelLine[] }) {
  const align = (list: PixelLine[]): PixelLine[] => {
    const out: PixelLine[] = [];
    let group: PixelLine[] = [];
    const flush = () => {
      const weight = group.reduce((s, l) => s + l.to - l.from + 1, 0);
      const at = group.reduce((s, l) => s + l.at * (l.to - l.from + 1), 0) / weight;
      out.push(...group.map((l) => ({ ...l, at })));
      group = [];
    };
    for (const l of [...list].sort((a, b) => a.at - b.at)) {
      const last = group[group.length - 1];
      if (last && l.at - last.at > (l.thickness + last.thickness) / 2) flush();
      group.push(l);
    }
    if (group.length) flush();
    return out;
  };
  return { h: align(lines.h), v: align(lines.v) };
}

/**
 * Each line's ends put where it meets the border it runs to: a scanned line's run goes on
 * through the thickness of the line across it (and its JPEG smear), and those few pixels past
 * the table's last border made a row a pixel or two high.
 */
export function snapEnds(lines: { h: PixelLine[]; v: PixelLine[] }, reach: number) {
  const snap = (l: PixelLine, across: PixelLine[]): PixelLine => {
    const crossing = across.filter((c) => l.at >= c.from - reach && l.at <= c.to + reach);
    const near = (end: number) =>
      crossing
        .filter((c) => Math.abs(c.at - end) <= reach + c.thickness / 2)
        .sort((a, b) => Math.abs(a.at - end) - Math.abs(b.at - end))[0];
    const [first, last] = [near(l.from), near(l.to)];
    // toRulings draws a line from `from` to `to + 1`: the crossing line's middle is at `at + 0.5`
    return { ...l, from: first ? first.at + 0.5 : l.from, to: last ? last.at - 0.5 : l.to };
  };
  return { h: lines.h.map((l) => snap(l, lines.v)), v: lines.v.map((l) => snap(l, lines.h)) };
}

export function toRulings(lines: { h: PixelLine[]; v: PixelLine[] }, f: PageFrame): Ruling[] {
  const X = (px: number) => f.originX + px * f.kx;
  const Y = (py: number) => f.top - py * f.ky;
  return [
    ...lines.h.map((l) => ({ x0: X(l.from), x1: X(l.to + 1), y0: Y(l.at + 0.5), y1: Y(l.at + 0.5) })),
    ...lines.v.map((l) => ({ x0: X(l.at + 0.5), x1: X(l.at + 0.5), y0: Y(l.to + 1), y1: Y(l.from) })),
  ];
}
