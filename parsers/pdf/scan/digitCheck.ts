// A second reading of the numbers in table cells: every cell the first pass read as digits is
// cut out, the cuts are stacked into one image (one tesseract run, not one per cell), and read
// again with digits only. Where the two readings differ, neither is trusted: the words of that
// cell get confidence 0, so the analysis leaves the cell empty (T-OCR-LOW).
import { findRuledGrids } from '../rulingGrids';
import type { TextItem } from '../pageText';
import type { Ruling } from '../pageRulings';
import type { GreyImage } from './greyImage';
import type { PageFrame } from './scanRulings';

/** runs tesseract (digits only) on an image and gives its TSV */
export type ReadDigits = (image: GreyImage) => Promise<string>;

const GAP = 24; // white pixels between two stacked cells
const INSET = 3; // pixels cut off each side of a cell (what is left of its borders)

interface Cut {
  items: TextItem[];
  text: string;
  top: number;
  height: number;
}

export async function checkDigits(
  img: GreyImage,
  items: TextItem[],
  rulings: Ruling[],
  f: PageFrame,
  readDigits: ReadDigits,
): Promise<void> {
  const cuts: Cut[] = [];
  const boxes: { x0: number; y0: number; x1: number; y1: number; items: TextItem[] }[] = [];
  for (const grid of findRuledGrids(rulings)) for (const b of grid.boxes) boxes.push({ ...b, items: [] });
  for (const it of items) {
    const x = (it.x0 + it.x1) / 2,
      y = it.y + it.size * 0.3;
    boxes.find((b) => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1)?.items.push(it);
  }
  let height = 0,
    width = 0;
  const pieces: { box: (typeof boxes)[number]; px: [number, number, number, number] }[] = [];
  for (const box of boxes) {
    const text = box.items.map((i) => i.str).join('');
    if (!/^\d+$/.test(text)) continue;
    const x0 = Math.max(0, Math.round((box.x0 - f.originX) / f.kx) + INSET),
      x1 = Math.min(img.width, Math.round((box.x1 - f.originX) / f.kx) - INSET),
      y0 = Math.max(0, Math.round((f.top - box.y1) / f.ky) + INSET),
      y1 = Math.min(img.height, Math.round((f.top - box.y0) / f.ky) - INSET);
    if (x1 - x0 < 4 || y1 - y0 < 4) continue;
    pieces.push({ box, px: [x0, y0, x1, y1] });
    cuts.push({ items: box.items, text, top: height + GAP, height: y1 - y0 });
    height += GAP + (y1 - y0);
    width = Math.max(width, x1 - x0);
  }
  if (!cuts.length) return;
  const stack: GreyImage = {
    data: new Uint8Array((width + 2 * GAP) * (height + GAP)).fill(255),
    width: width + 2 * GAP,
    height: height + GAP,
  };
  pieces.forEach(({ px: [x0, y0, x1, y1] }, k) => {
    for (let y = y0; y < y1; y++)
      stack.data.set(
        img.data.subarray(y * img.width + x0, y * img.width + x1),
        (cuts[k].top + y - y0) * stack.width + GAP,
      );
  });
  const read = cuts.map(() => '');
  for (const row of (await readDigits(stack)).split('\n').slice(1)) {
    const col = row.split('\t');
    if (col[0] !== '5' || col.length < 12 || !col[11].trim()) continue;
    const mid = Number(col[7]) + Number(col[9]) / 2;
    const k = cuts.findIndex((c) => mid >= c.top && mid <= c.top + c.height);
    if (k >= 0) read[k] += col[11].trim();
  }
  cuts.forEach((c, k) => {
    if (read[k] !== c.text) for (const it of c.items) it.confidence = 0;
  });
}
