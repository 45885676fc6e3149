// One scanned page image → its words and ruling lines in PDF user space: straighten the page,
// find the table borders, erase them (a border next to a digit reads as 1), then read the page
// without its tables, the tables' cells on their own (cellStack.ts), and the numbers in the
// cells twice more with digits only (digitCheck.ts).
import path from 'node:path';
import { eraseLines, findLines, inkCover, inkMask, lineSizes, traceAlong } from './imageLines';
import { inkLevels, inkThreshold, readGrey, rotateInFrame, whitenPaper, writePgm } from './greyImage';
import { skewAngle } from './skewAngle';
import { alignLines, snapEnds, solidLines, tableLines, toRulings, type PageFrame } from './scanRulings';
import { tsvWords, wordsToItems, type PixelWord } from './tesseractWords';
import { blankBoxes, boxPixels, stackCells, wordsOnPage, type Pixels } from './cellStack';
import { findRuledGrids } from '../rulingGrids';
import { checkDigits } from './digitCheck';
import { rereadLabels } from './labelReread';
import type { TextItem } from '../pageText';
import type { Ruling } from '../pageRulings';

export interface ScanPage {
  items: TextItem[];
  rulings: Ruling[];
  /** degrees the page was turned back (its skew) */
  skew: number;
}

/** tesseract on an image file → its TSV, reading all text (chi_sim) or digits only with the
 * language given (the caller owns the time limit) */
export type ReadWords = (image: string, digitsOnly?: 'eng' | 'chi_sim') => Promise<string>;

/** below this skew (degrees) the page is read as it is: a turn would only blur it */
const MIN_TURN = 0.05;
/** the shortest row border, mm: a table column is wider than a title's character */
const MIN_ROW_MM = 12;
/** how far from paper towards ink a pixel of a ruling line is (thin lines scan light) */
const LINE_INK = 0.2;
/** how far from paper towards ink the faint trace of a ruling is, between its pieces */
const FAINT_INK = 0.12;
/** how far from paper towards ink the scanner's noise on paper goes: lighter is paper */
const PAPER_NOISE = 0.25;

/** a word of the page read without its tables that lies mostly in the tables' cells: its line's
 * middle in a cell, or half its line's box over cells */
const inCells = (w: PixelWord, boxes: Pixels[]) => {
  const [wx0, wy0, wx1, wy1] = [w.left, w.lineTop, w.left + w.width, w.lineTop + w.lineHeight];
  const x = (wx0 + wx1) / 2,
    y = (wy0 + wy1) / 2;
  let over = 0;
  for (const [x0, y0, x1, y1] of boxes) {
    if (x >= x0 && x < x1 && y >= y0 && y < y1) return true;
    over += Math.max(0, Math.min(x1, wx1) - Math.max(x0, wx0)) * Math.max(0, Math.min(y1, wy1) - Math.max(y0, wy0));
  }
  return over >= 0.5 * (wx1 - wx0) * (wy1 - wy0);
};

export async function readScanPage(
  image: string,
  page: { originX: number; originY: number; width: number; height: number },
  dpi: number,
  readWords: ReadWords,
): Promise<ScanPage> {
  let img = await readGrey(image);
  const levels = inkLevels(img);
  const skew = skewAngle(img, inkThreshold(levels));
  if (Math.abs(skew) >= MIN_TURN) img = await rotateInFrame(img, -skew);
  const sizes = lineSizes(dpi);
  const lineMask = inkMask(img, inkThreshold(levels, LINE_INK));
  const found = findLines(lineMask, img, sizes);
  const faint = inkThreshold(levels, FAINT_INK);
  const lines = solidLines(
    tableLines(found, sizes.maxGap * 2, Math.round((MIN_ROW_MM * dpi) / 25.4), (horizontal, l, from, to) =>
      traceAlong(img, horizontal, l, from, to, faint),
    ),
    (horizontal, l) => ({
      ink: inkCover(lineMask, img.width, horizontal, l),
      faint: traceAlong(img, horizontal, l, Math.round(l.from), Math.round(l.to), faint).share,
    }),
  );
  const frame: PageFrame = {
    originX: page.originX,
    top: page.originY + page.height,
    kx: page.width / img.width,
    ky: page.height / img.height,
  };
  const rulings = toRulings(snapEnds(alignLines(lines), sizes.maxGap * 2), frame);
  const erased = eraseLines(img, lines);
  const boxes = findRuledGrids(rulings).flatMap((g) => g.boxes.map((b) => boxPixels(b, frame, img)));
  // the page without its tables, then the tables' cells on their own (cellStack.ts)
  const clean = path.join(path.dirname(image), `clean-${path.basename(image)}`);
  await writePgm(whitenPaper(blankBoxes(erased, boxes), inkThreshold(levels, PAPER_NOISE)), clean);
  // the cells were blanked: a word read there is tesseract's guess at noise (a page all table,
  // its margins speckled, came back as lines of invented words running across the cells)
  const words = tsvWords(await readWords(clean)).filter((w) => !inCells(w, boxes));
  const ink = inkMask(erased, inkThreshold(levels));
  const stacked = stackCells(erased, ink, boxes, dpi);
  if (stacked) {
    const cells = path.join(path.dirname(image), `cells-${path.basename(image)}`);
    await writePgm(stacked.stack, cells);
    const cellWords = wordsOnPage(tsvWords(await readWords(cells)), stacked.cuts);
    const again = path.join(path.dirname(image), `labels-${path.basename(image)}`);
    words.push(
      ...(await rereadLabels(erased, ink, boxes, dpi, cellWords, async (labels) => {
        await writePgm(labels, again);
        return readWords(again);
      })),
    );
  }
  const stacks = path.join(path.dirname(image), `stack-${path.basename(image)}`);
  const items = await checkDigits(
    erased,
    ink,
    dpi,
    wordsToItems(words, frame),
    rulings,
    frame,
    async (stack, language) => {
      await writePgm(stack, stacks);
      return readWords(stacks, language);
    },
  );
  return { items, rulings, skew };
}
