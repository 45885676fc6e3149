// Two more readings of the numbers in table cells. Every cell the first reading (cellStack.ts)
// read as digits, or as at most a few signs (chi_sim reads a lone 1 as j or 儿, 2 as 芝), is cut
// out and trimmed to its ink, and the cuts, stacked, are read twice more with digits only: by
// eng and by chi_sim, two models that do not make the same mistakes. A number read by the first
// reading is taken when both agree with it; a number it missed when both give it, sure. Where
// they differ, the cell's words get confidence 0, so the analysis leaves it empty (T-OCR-LOW).
import { OCR_SETTINGS } from '../../../src/model/config';
import { findRuledGrids } from '../rulingGrids';
import type { TextItem } from '../pageText';
import type { Ruling } from '../pageRulings';
import type { GreyImage } from './greyImage';
import type { PageFrame } from './scanRulings';
import { boxPixels, stackCells, wordsOnPage, type Cut, type Pixels } from './cellStack';
import { tsvWords, wordsToItems, type PixelWord } from './tesseractWords';

/** runs tesseract with digits only (eng or chi_sim) on an image and gives its TSV */
export type ReadDigits = (image: GreyImage, language: 'eng' | 'chi_sim') => Promise<string>;

/** a first reading this short may be a misread number */
const MAX_SIGNS = 3;
/** a number the first reading missed is taken from the other two only this sure */
const MIN_CONFIDENCE = 80;

const DIGITS = /^\d+$/;
/** a Chinese character: a reading with one is a label or a note, not a misread number */
const HAN = /[\u3400-\u9fff]/;
/** digits mixed with Latin letters or signs and no Chinese ('5SHL2' for 5112): a number misread,
 * never a label; left as it is, the analysis took it for the row's label and lost the row */
const garbled = (t: string) => /\d/.test(t) && /[A-Za-z]/.test(t) && !HAN.test(t) && [...t].length <= 12;
/** a scanner speck read as a stop or a quote before or after a number */
const bare = (t: string) => t.replace(/^[.,，。、·'"‘’“”|:;]+|[.,，。、·'"‘’“”|:;]+$/g, '');

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  px: Pixels;
  items: TextItem[];
}

interface Reading {
  text: string;
  confidence: number;
  words: PixelWord[];
}

/** the page's items, with the numbers of table cells checked (and some misreads read again) */
export async function checkDigits(
  img: GreyImage,
  ink: Uint8Array,
  dpi: number,
  items: TextItem[],
  rulings: Ruling[],
  f: PageFrame,
  read: ReadDigits,
): Promise<TextItem[]> {
  const boxes: Box[] = [];
  findRuledGrids(rulings).forEach((grid) => {
    for (const b of grid.boxes) boxes.push({ ...b, items: [], px: boxPixels(b, f, img) });
  });
  const outside: TextItem[] = [];
  for (const it of items) {
    const x = (it.x0 + it.x1) / 2,
      y = it.y + it.size * 0.3;
    const box = boxes.find((b) => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1);
    (box ? box.items : outside).push(it);
  }
  // numbers, and short readings that may be misread numbers (a longer one is a label)
  const cand = boxes.filter((b) => {
    const t = text(b.items);
    return DIGITS.test(bare(t)) || [...t].length <= MAX_SIGNS || garbled(t);
  });
  const all = cand.map((_, k) => k);
  const readAll = async (language: 'eng' | 'chi_sim', which: number[], into: Reading[]) => {
    const stacked = stackCells(
      img,
      ink,
      which.map((k) => cand[k].px),
      dpi,
    );
    if (stacked)
      readingOf(await read(stacked.stack, language), stacked.cuts, which.length).forEach(
        (r, i) => (into[which[i]] = r),
      );
  };
  const eng = cand.map(nothingRead),
    chi = cand.map(nothingRead);
  await readAll('eng', all, eng);
  await readAll('chi_sim', all, chi);
  // tesseract sometimes passes over a lone digit on a line of its own in a tall stack: the cuts a
  // reading missed, where another reading saw a number, are read again among themselves
  const missed = (r: Reading[], other: Reading[]) =>
    all.filter((k) => !r[k].text && (DIGITS.test(other[k].text) || mayBeNumber(cand[k].items)));
  const [engMissed, chiMissed] = [missed(eng, chi), missed(chi, eng)];
  if (engMissed.length) await readAll('eng', engMissed, eng);
  if (chiMissed.length) await readAll('chi_sim', chiMissed, chi);
  cand.forEach((b, k) => {
    const first = { text: text(b.items), confidence: sureness(b.items) };
    const settled = settle(first, eng[k], chi[k]);
    if (!settled) return;
    const at = [eng[k], chi[k]].find((r) => r.text === settled.text && r.words.length);
    // placed where the digits were read (each cut is a line of its own in the stack, so its line
    // is the cell's), else where the first reading put it
    const words = at ? wordsToItems(at.words, f) : b.items;
    if (!words.length) return;
    const x1 = Math.max(...words.map((i) => i.x1));
    b.items = [{ ...words[0], str: settled.text, x1, confidence: settled.confidence }];
  });
  return [...outside, ...boxes.flatMap((b) => b.items)];
}

/**
 * A cell's text from its three readings: undefined where the first stands. A number the first
 * reading gave stands when eng reads it too and chi_sim reads no other number sure. The number
 * both digit readings give, sure, replaces a first reading that is unsure or a lone sign (a
 * number or label read sure is never replaced). Any other number read is kept with confidence
 * 0: the analysis leaves it empty unless one of the table's equations holds with it (T-OCR-LOW).
 */
export function settle(
  first: { text: string; confidence: number },
  eng: { text: string; confidence: number },
  chi: { text: string; confidence: number },
): { text: string; confidence: number } | undefined {
  const read = bare(first.text);
  const number = DIGITS.test(read);
  const unsure = !first.text || first.confidence < OCR_SETTINGS.minCellConfidence;
  // a lone sign where a number is printed is a misread as often as not (7 as 观), however sure
  const replaceable = unsure || (!number && [...first.text].length <= 1) || garbled(first.text);
  const agreed = DIGITS.test(eng.text) && chi.text === eng.text;
  // chi_sim with digits only is the weaker reader: an unsure other number of its is no veto
  const chiOther = DIGITS.test(chi.text) && chi.text !== read && chi.confidence >= OCR_SETTINGS.minCellConfidence;
  if (number && eng.text === read && !chiOther) {
    // read alike three times: as sure as the two digit readings
    const confidence = agreed ? Math.max(first.confidence, Math.min(eng.confidence, chi.confidence)) : first.confidence;
    return read === first.text && confidence === first.confidence ? undefined : { text: read, confidence };
  }
  if (agreed && Math.min(eng.confidence, chi.confidence) >= MIN_CONFIDENCE && replaceable)
    return { text: eng.text, confidence: Math.min(eng.confidence, chi.confidence) };
  if (number) return { text: read, confidence: 0 };
  if (!replaceable) return undefined;
  // one number read, or the same number twice, not sure
  const numbers = [eng.text, chi.text].filter((t) => DIGITS.test(t));
  if (numbers.length && numbers.every((t) => t === numbers[0])) return { text: numbers[0], confidence: 0 };
  // an unsure reading with a digit in it ('0 多': a 0 and a speck), or a lone sign both digit
  // readings take for a number (22 read 现 at 75, sure enough to stand), is a number misread,
  // never a row's label: left as it is, the analysis took it for a label and read the row's
  // numbers one cell to the left, where a blank last cell let them fit (5 wrong cells); unread,
  // the row is flagged instead
  if ((unsure && /\d/.test(first.text)) || ([...first.text].length === 1 && numbers.length === 2))
    return { text: UNREAD, confidence: 0 };
  return undefined;
}

/** text a reading could not settle: the analysis reads no number from it and flags its row */
const UNREAD = '\uFFFD';

/** each cut's text in one reading of the stack (empty where nothing was read) */
function readingOf(tsv: string, cuts: Cut[], boxes: number): Reading[] {
  const out: Reading[] = Array.from({ length: boxes }, nothingRead);
  // words in reading order within a cut: top line first, then left to right (tesseract's order)
  for (const w of wordsOnPage(tsvWords(tsv), cuts)) {
    const r = out[w.box];
    r.text += w.text;
    r.confidence = Math.min(r.confidence, w.confidence);
    r.words.push(w);
  }
  return out;
}

const text = (items: TextItem[]) => items.map((i) => i.str).join('');
/** the least sure word's confidence; 0 where nothing was read */
const sureness = (items: TextItem[]) => (items.length ? Math.min(...items.map((i) => i.confidence ?? 100)) : 0);
/** read as a number, or unsure, or as a lone sign (a misread number as often as not) */
const mayBeNumber = (items: TextItem[]) => {
  const t = text(items);
  return DIGITS.test(bare(t)) || sureness(items) < OCR_SETTINGS.minCellConfidence || [...t].length === 1 || garbled(t);
};
const nothingRead = (): Reading => ({ text: '', confidence: 100, words: [] });
