// A page image as one byte per pixel (0 black … 255 white), turned with sharp, and the grey
// levels that split ink from paper on it.
import { readFile, writeFile } from 'node:fs/promises';
import sharp from 'sharp';

export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A binary PGM (P5, 8 bit), as pdftoppm -gray writes it: PNG would cost more to compress
 * than all the rest of reading the page. */
export async function readGrey(file: string): Promise<GreyImage> {
  const bytes = await readFile(file);
  const head = /^P5\s+(?:#[^\n]*\s+)*(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 200).toString('latin1'));
  if (!head || Number(head[3]) !== 255) throw new Error('not an 8-bit binary PGM image');
  const width = Number(head[1]),
    height = Number(head[2]);
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset + head[0].length, width * height);
  if (data.length !== width * height) throw new Error('the PGM image is truncated');
  return { data, width, height };
}

export async function writePgm(img: GreyImage, file: string): Promise<void> {
  await writeFile(file, Buffer.concat([Buffer.from(`P5\n${img.width} ${img.height}\n255\n`), img.data]));
}

/**
 * Rotate by `degrees` (clockwise) about the centre, keeping the original frame: what leaves it
 * is cut off, what enters it is white. Pixel (x, y) of the result is the same page point as
 * (x, y) of an unskewed page.
 */
export async function rotateInFrame(img: GreyImage, degrees: number): Promise<GreyImage> {
  const { data, info } = await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), {
    raw: { width: img.width, height: img.height, channels: 1 },
  })
    .rotate(degrees, { background: { r: 255, g: 255, b: 255 } })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const out = new Uint8Array(img.width * img.height).fill(255);
  const dx = Math.round((info.width - img.width) / 2),
    dy = Math.round((info.height - img.height) / 2);
  const ch = info.channels;
  for (let y = 0; y < img.height; y++) {
    const sy = y + dy;
    if (sy < 0 || sy >= info.height) continue;
    for (let x = 0; x < img.width; x++) {
      const sx = x + dx;
      if (sx >= 0 && sx < info.width) out[y * img.width + x] = data[(sy * info.width + sx) * ch];
    }
  }
  return { data: out, width: img.width, height: img.height };
}

/** The grey of paper (the commonest grey: most of a page is paper) and of ink (the darkest
 * hundredth of the rest). */
export function inkLevels(img: GreyImage): { paper: number; ink: number } {
  const hist = new Float64Array(256);
  for (let i = 0; i < img.data.length; i++) hist[img.data[i]]++;
  let paper = 255;
  for (let g = 0; g < 256; g++) if (hist[g] > hist[paper]) paper = g;
  let below = 0;
  for (let g = 0; g < paper; g++) below += hist[g];
  let ink = 0;
  for (let g = 0, seen = 0; g < paper; g++) {
    seen += hist[g];
    if (seen >= below * 0.01) {
      ink = g;
      break;
    }
  }
  return { paper, ink };
}

/**
 * Darker than this is ink: `share` of the way from paper to ink. Halfway keeps the strokes of
 * text (Otsu's split puts scanner noise and JPEG halos on a grey page with the ink); a thin
 * ruling scanned at a low resolution is lighter, and is looked for nearer the paper.
 */
export const inkThreshold = (levels: { paper: number; ink: number }, share = 0.5) =>
  Math.round(levels.paper - (levels.paper - levels.ink) * share);

/**
 * Every pixel lighter than `threshold` made white. Tesseract splits ink from paper by its own
 * global threshold: on a page whose only ink was in its tables (blanked before the page is read)
 * that split falls inside the scanner's noise, and the speckled paper came back as lines of
 * invented words.
 */
export function whitenPaper(img: GreyImage, threshold: number): GreyImage {
  const data = Uint8Array.from(img.data);
  for (let i = 0; i < data.length; i++) if (data[i] >= threshold) data[i] = 255;
  return { data, width: img.width, height: img.height };
}
