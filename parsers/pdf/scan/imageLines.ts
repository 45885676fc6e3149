// Ruling lines of a (deskewed) page image: long runs of ink along a row or a column, allowing
// small gaps (noise, JPEG) and a thickness of a few pixels. Text strokes are shorter than a
// ruling; a thick run is a filled area, not a line.
import type { GreyImage } from './greyImage';

/** A horizontal (along x) or vertical (along y) line in pixels: `at` across, `from`–`to` along. */
export interface PixelLine {
  at: number;
  from: number;
  to: number;
  /** pixels across, the rows (columns) the line was seen on */
  thickness: number;
  /** first and last row (column) of ink across the line */
  first: number;
  last: number;
}

export interface LineSizes {
  /** shortest run that is a line, px */
  minLength: number;
  /** widest gap bridged within a run, px */
  maxGap: number;
  /** thicker than this, ink is an area, px */
  maxThickness: number;
}

/** sizes at `dpi`: a line is at least 4.5 mm long (a one-row cell border), at most 1 mm thick */
export function lineSizes(dpi: number): LineSizes {
  const mm = dpi / 25.4;
  return { minLength: Math.round(4.5 * mm), maxGap: Math.max(2, Math.round(0.3 * mm)), maxThickness: Math.round(mm) };
}

interface Run {
  at: number;
  from: number;
  to: number;
}

/** Runs of ink along each row (horizontal) or column (vertical) at least minLength long. */
function runs(ink: Uint8Array, w: number, h: number, horizontal: boolean, s: LineSizes): Run[] {
  const out: Run[] = [];
  const lines = horizontal ? h : w,
    len = horizontal ? w : h;
  for (let a = 0; a < lines; a++) {
    let start = -1,
      lastInk = -Infinity;
    for (let b = 0; b <= len; b++) {
      const dark = b < len && ink[horizontal ? a * w + b : b * w + a] === 1;
      if (dark) {
        if (start < 0 || b - lastInk - 1 > s.maxGap) {
          if (start >= 0 && lastInk - start + 1 >= s.minLength) out.push({ at: a, from: start, to: lastInk });
          start = b;
        }
        lastInk = b;
      }
    }
    if (start >= 0 && lastInk - start + 1 >= s.minLength) out.push({ at: a, from: start, to: lastInk });
  }
  return out;
}

/** Runs on neighbouring rows that overlap along most of their length are one line. */
function groupRuns(list: Run[], s: LineSizes): PixelLine[] {
  const open: { runs: Run[]; from: number; to: number; last: number }[] = [];
  const done: { runs: Run[]; from: number; to: number; last: number }[] = [];
  for (const r of list) {
    const g = open.find(
      (o) =>
        r.at - o.last <= 1 &&
        Math.min(o.to, r.to) - Math.max(o.from, r.from) >= 0.5 * Math.min(o.to - o.from, r.to - r.from),
    );
    if (g) {
      g.runs.push(r);
      g.from = Math.min(g.from, r.from);
      g.to = Math.max(g.to, r.to);
      g.last = r.at;
    } else open.push({ runs: [r], from: r.from, to: r.to, last: r.at });
    for (let i = open.length - 1; i >= 0; i--) {
      if (r.at - open[i].last > 1) done.push(...open.splice(i, 1));
    }
  }
  done.push(...open);
  const out: PixelLine[] = [];
  for (const g of done) {
    const first = g.runs[0].at,
      last = g.runs[g.runs.length - 1].at;
    const thickness = last - first + 1;
    if (thickness > s.maxThickness) continue;
    // the line's extent: where most of its rows agree, not one noisy row's overshoot
    const froms = g.runs.map((r) => r.from).sort((a, b) => a - b);
    const tos = g.runs.map((r) => r.to).sort((a, b) => a - b);
    const weight = g.runs.reduce((sum, r) => sum + (r.to - r.from + 1), 0);
    const at = g.runs.reduce((sum, r) => sum + r.at * (r.to - r.from + 1), 0) / weight;
    out.push({ at, from: froms[0], to: tos[tos.length - 1], thickness, first, last });
  }
  return out;
}

export function findLines(ink: Uint8Array, img: GreyImage, s: LineSizes): { h: PixelLine[]; v: PixelLine[] } {
  return {
    h: groupRuns(runs(ink, img.width, img.height, true, s), s),
    v: groupRuns(runs(ink, img.width, img.height, false, s), s),
  };
}

/** 1 where the pixel is ink */
export function inkMask(img: GreyImage, threshold: number): Uint8Array {
  const ink = new Uint8Array(img.data.length);
  for (let i = 0; i < ink.length; i++) ink[i] = img.data[i] < threshold ? 1 : 0;
  return ink;
}

/** Paint the lines white (a pixel around them too), so that OCR reads no border as 1 or |. */
export function eraseLines(img: GreyImage, lines: { h: PixelLine[]; v: PixelLine[] }): GreyImage {
  const data = Uint8Array.from(img.data);
  const { width: w, height: h } = img;
  for (const l of lines.h)
    for (let y = Math.max(0, l.first - 1); y <= Math.min(h - 1, l.last + 1); y++)
      data.fill(255, y * w + Math.max(0, l.from - 1), y * w + Math.min(w, l.to + 2));
  for (const l of lines.v)
    for (let x = Math.max(0, l.first - 1); x <= Math.min(w - 1, l.last + 1); x++)
      for (let y = Math.max(0, l.from - 1); y <= Math.min(h - 1, l.to + 1); y++) data[y * w + x] = 255;
  return { data, width: w, height: h };
}

/** how much of a stretch along a line faint ink traces: the share of its positions, and the
 * longest run of positions with paper only */
export interface Trace {
  share: number;
  longestPaper: number;
}

/**
 * The positions `from`–`to` along a line (rows `first`–`last` across it, a row either side too)
 * where two neighbouring pixels across the line are on average darker than `threshold`. A thin
 * ruling turned straight again lies half on one row, half on the next: each pixel is pale, the
 * pair is as dark as the line.
 */
export function traceAlong(
  img: GreyImage,
  horizontal: boolean,
  line: { first: number; last: number },
  from: number,
  to: number,
  threshold: number,
): Trace {
  const { width: w, height: h, data } = img;
  const across = horizontal ? h : w;
  const a0 = Math.max(0, line.first - 1),
    a1 = Math.min(across - 2, line.last + 1);
  let dark = 0,
    paper = 0,
    longestPaper = 0;
  for (let b = from; b <= to; b++) {
    let inked = false;
    for (let a = a0; a <= a1 && !inked; a++) {
      const [i, j] = horizontal ? [a * w + b, (a + 1) * w + b] : [b * w + a, b * w + a + 1];
      inked = data[i] + data[j] < 2 * threshold;
    }
    if (inked) {
      dark++;
      paper = 0;
    } else longestPaper = Math.max(longestPaper, ++paper);
  }
  return { share: to >= from ? dark / (to - from + 1) : 1, longestPaper };
}

/** the share of a line's own length (`from`–`to`, rows `first`–`last` across) with ink in the mask */
export function inkCover(ink: Uint8Array, width: number, horizontal: boolean, line: PixelLine): number {
  const from = Math.round(line.from),
    to = Math.round(line.to);
  let inked = 0;
  for (let b = from; b <= to; b++)
    for (let a = line.first; a <= line.last; a++)
      if (ink[horizontal ? a * width + b : b * width + a]) {
        inked++;
        break;
      }
  return to >= from ? inked / (to - from + 1) : 1;
}
