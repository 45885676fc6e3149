// Table cells read one by one, not as part of the page: tesseract reading a whole page takes a
// table row for a line of text, and across a row's wide gaps it merges two cells' numbers into
// one word ('13 13' read as '3'), or reads scanner specks in an empty cell as a character. Every
// cell with ink is cut out, trimmed to its ink, and the cuts are stacked into one image (one
// tesseract run, not one per cell); each word read is put back where it was on the page.
import type { GreyImage } from './greyImage';
import type { PageFrame } from './scanRulings';
import type { GridBox } from '../rulingGrids';
import type { PixelWord } from './tesseractWords';

const GAP = 48; // white pixels between two stacked cuts, and left of each
const INSET = 3; // pixels cut off each side of a cell (what is left of its borders)
/** white kept around a cell's ink, mm: tesseract reads a glyph touching the edge badly */
const MARGIN_MM = 0.6;
/** the grey edge of a stroke, mm */
const EDGE_MM = 0.2;
/** ink no larger than this either way (mm) is a speck of scanner noise, not a stroke or a dot */
const SPECK_MM = 0.25;

/** x0, y0, x1, y1 on a page image, the ends exclusive */
export type Pixels = [number, number, number, number];

/** a cut: where it lies on the page image and in the stack (pixels) */
export interface Cut {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** its top left corner in the stack */
  left: number;
  top: number;
  /** the index of its cell in the boxes stacked */
  box: number;
}

/** a cell box of a ruled grid (PDF user space) → its inside on the page image, in pixels */
export function boxPixels(b: GridBox, f: PageFrame, img: GreyImage): Pixels {
  return [
    Math.max(0, Math.round((b.x0 - f.originX) / f.kx) + INSET),
    Math.max(0, Math.round((f.top - b.y1) / f.ky) + INSET),
    Math.min(img.width, Math.round((b.x1 - f.originX) / f.kx) - INSET),
    Math.min(img.height, Math.round((f.top - b.y0) / f.ky) - INSET),
  ];
}

/**
 * The bounding box of the ink inside [x0, y0, x1, y1), leaving out specks (a speck is a patch of
 * ink no larger than `speck` either way with paper all round it); undefined when only specks or
 * nothing is there. Specks inside the box are kept, so a decimal point is never lost.
 */
export function inkBox(ink: Uint8Array, width: number, [x0, y0, x1, y1]: Pixels, speck: number): Pixels | undefined {
  let bx0 = Infinity,
    by0 = Infinity,
    bx1 = -Infinity,
    by1 = -Infinity;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      if (!ink[y * width + x] || (x >= bx0 && x < bx1 && y >= by0 && y < by1)) continue;
      if (isSpeck(ink, width, x, y, speck, [x0, y0, x1, y1])) continue;
      bx0 = Math.min(bx0, x);
      by0 = Math.min(by0, y);
      bx1 = Math.max(bx1, x + 1);
      by1 = Math.max(by1, y + 1);
    }
  return bx1 > bx0 ? [bx0, by0, bx1, by1] : undefined;
}

/** the ink at (x, y) has paper all round it within a square of `speck` + 1 pixels */
function isSpeck(
  ink: Uint8Array,
  width: number,
  x: number,
  y: number,
  speck: number,
  [x0, y0, x1, y1]: Pixels,
): boolean {
  // the speck's extent from (x, y): at most `speck` pixels, so a ring just outside it is paper
  for (let sx = x - speck + 1; sx <= x; sx++)
    for (let sy = y - speck + 1; sy <= y; sy++) {
      // a window of speck × speck pixels holding (x, y) with a paper ring around it
      let clear = true;
      for (let i = -1; i <= speck && clear; i++)
        for (let j = -1; j <= speck && clear; j++) {
          if (i >= 0 && i < speck && j >= 0 && j < speck) continue;
          const px = sx + i,
            py = sy + j;
          if (px < x0 || px >= x1 || py < y0 || py >= y1) continue;
          if (ink[py * width + px]) clear = false;
        }
      if (clear) return true;
    }
  return false;
}

/**
 * The cells' ink, cut and stacked one above another, and where each cut came from. A cut is its
 * cell's ink (specks around it left out: a speck after a label was read as a full stop) in a
 * white margin.
 */
export function stackCells(
  img: GreyImage,
  ink: Uint8Array,
  boxes: Pixels[],
  dpi: number,
): { stack: GreyImage; cuts: Cut[] } | undefined {
  const mm = dpi / 25.4;
  const speck = Math.max(1, Math.round(SPECK_MM * mm)),
    margin = Math.round(MARGIN_MM * mm);
  const cuts: (Cut & { ink: Pixels })[] = [];
  let height = 0,
    width = 0;
  for (const [box, px] of boxes.entries()) {
    const found = inkBox(ink, img.width, px, speck);
    if (!found) continue;
    const [x0, y0, x1, y1] = [found[0] - margin, found[1] - margin, found[2] + margin, found[3] + margin];
    // the ink's box with its grey edge (the box is where ink is darker than halfway)
    const edge = Math.max(1, Math.round(EDGE_MM * mm));
    const kept: Pixels = [
      Math.max(px[0], found[0] - edge),
      Math.max(px[1], found[1] - edge),
      Math.min(px[2], found[2] + edge),
      Math.min(px[3], found[3] + edge),
    ];
    cuts.push({ x0, y0, x1, y1, left: GAP, top: height + GAP, box, ink: kept });
    height += GAP + (y1 - y0);
    width = Math.max(width, x1 - x0);
  }
  if (!cuts.length) return undefined;
  const stack: GreyImage = {
    data: new Uint8Array((width + 2 * GAP) * (height + GAP)).fill(255),
    width: width + 2 * GAP,
    height: height + GAP,
  };
  for (const c of cuts) {
    const [ix0, iy0, ix1, iy1] = c.ink;
    for (let y = iy0; y < iy1; y++)
      stack.data.set(
        img.data.subarray(y * img.width + ix0, y * img.width + ix1),
        (c.top + y - c.y0) * stack.width + c.left + ix0 - c.x0,
      );
  }
  return { stack, cuts: cuts.map(({ ink: _, ...c }) => c) };
}

/** a point of the stack → the cut it lies in; undefined between cuts */
function cutAt(cuts: Cut[], x: number, y: number): Cut | undefined {
  return cuts.find((c) => y >= c.top && y <= c.top + (c.y1 - c.y0) && x >= c.left && x <= c.left + (c.x1 - c.x0));
}

/** whiten the cells' insides: the page is then read without its tables */
export function blankBoxes(img: GreyImage, boxes: Pixels[]): GreyImage {
  const data = Uint8Array.from(img.data);
  for (const [x0, y0, x1, y1] of boxes)
    for (let y = y0; y < y1; y++) data.fill(255, y * img.width + x0, y * img.width + x1);
  return { data, width: img.width, height: img.height };
}

/** words read from the stack, put back where they were on the page image, each with the index
 * of its cell in the boxes stacked (a word between cuts is noise) */
export function wordsOnPage(words: PixelWord[], cuts: Cut[]): (PixelWord & { box: number })[] {
  const out: (PixelWord & { box: number })[] = [];
  for (const w of words) {
    const c = cutAt(cuts, w.left + w.width / 2, w.top + w.height / 2);
    if (!c) continue;
    const [dx, dy] = [c.x0 - c.left, c.y0 - c.top];
    out.push({ ...w, left: w.left + dx, top: w.top + dy, lineTop: w.lineTop + dy, box: c.box });
  }
  return out;
}
