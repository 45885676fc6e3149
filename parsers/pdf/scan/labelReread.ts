// Row labels read unsure are read once more at another scale. chi_sim garbles a label now and
// then at one size of glyph and reads it right at another ('生守矛以公开' for '（一）予以公开' in a
// 200 dpi scan, right at 150 and 300 dpi), and a garbled label loses its row. The cells whose
// reading holds Chinese but whose least sure word is unsure, or that holds Latin letters only (a
// label garbled whole), are stacked again, scaled, and read; a cell takes the second reading only
// where it holds Chinese and is surer throughout than the first.
import sharp from 'sharp';
import { OCR_SETTINGS } from '../../../src/model/config';
import type { GreyImage } from './greyImage';
import { stackCells, wordsOnPage, type Pixels } from './cellStack';
import { tsvWords, type PixelWord } from './tesseractWords';

/** the second reading's scale: glyphs two thirds the size */
const SCALE = 2 / 3;
const HAN = /[\u3400-\u9fff]/;
/** Latin letters and no digit or Chinese ('WarOm' for 5.要求行政机关确认或重新出具已获取信息): a
 * Chinese label chi_sim garbled whole, however sure it says it is */
const LETTERS_ONLY = /^(?=.*[A-Za-z].*[A-Za-z])[A-Za-z\s.,'"|\-_:;]+$/;

type CellWord = PixelWord & { box: number };

/** the words of the cells (each with the index of its box), unsure labels read again */
export async function rereadLabels(
  img: GreyImage,
  ink: Uint8Array,
  boxes: Pixels[],
  dpi: number,
  words: CellWord[],
  read: (image: GreyImage) => Promise<string>,
): Promise<CellWord[]> {
  const byBox = new Map<number, CellWord[]>();
  for (const w of words) byBox.set(w.box, [...(byBox.get(w.box) ?? []), w]);
  const least = (ws: PixelWord[]) => Math.min(...ws.map((w) => w.confidence));
  const unsure = [...byBox.entries()]
    .filter(([, ws]) => {
      const text = ws.map((w) => w.text).join('');
      return (HAN.test(text) && least(ws) < OCR_SETTINGS.minCellConfidence) || LETTERS_ONLY.test(text);
    })
    .map(([box]) => box);
  if (!unsure.length) return words;
  const stacked = stackCells(
    img,
    ink,
    unsure.map((b) => boxes[b]),
    dpi,
  );
  if (!stacked) return words;
  const scaled = await scale(stacked.stack, SCALE);
  const back = (v: number) => Math.round(v / SCALE);
  const again = wordsOnPage(
    tsvWords(await read(scaled)).map((w) => ({
      ...w,
      left: back(w.left),
      top: back(w.top),
      width: back(w.width),
      height: back(w.height),
      lineTop: back(w.lineTop),
      lineHeight: back(w.lineHeight),
    })),
    stacked.cuts,
  );
  const replaced = new Map<number, CellWord[]>();
  unsure.forEach((box, k) => {
    const second = again.filter((w) => w.box === k).map((w) => ({ ...w, box }));
    const first = byBox.get(box)!;
    // a first reading in Latin letters only was no reading of the label at all
    const better = LETTERS_ONLY.test(first.map((w) => w.text).join('')) || least(second) > least(first);
    if (second.length && HAN.test(second.map((w) => w.text).join('')) && better) replaced.set(box, second);
  });
  return [...words.filter((w) => !replaced.has(w.box)), ...[...replaced.values()].flat()];
}

async function scale(img: GreyImage, k: number): Promise<GreyImage> {
  const width = Math.max(1, Math.round(img.width * k)),
    height = Math.max(1, Math.round(img.height * k));
  const { data, info } = await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), {
    raw: { width: img.width, height: img.height, channels: 1 },
  })
    .resize(width, height, { kernel: 'linear' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  // sharp may give three bands for a grey image: the first is the grey
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = data[i * info.channels];
  return { data: out, width, height };
}
