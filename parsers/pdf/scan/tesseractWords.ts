// tesseract's TSV output → text items in PDF user space, each word with its confidence.
import type { TextItem } from '../pageText';
import type { PageFrame } from './scanRulings';

/** a word as tesseract read it, in pixels from the image's top left */
export interface PixelWord {
  text: string;
  /** 0–100 */
  confidence: number;
  left: number;
  width: number;
  top: number;
  height: number;
  /** the text line the word is on: a word's own box is its glyphs' (一 is flat, 口 tall), the
   * line's is the same for every word on it, so the words of a line stay one line */
  lineTop: number;
  lineHeight: number;
}

/**
 * chi_sim reads a full-width bracket （ as 〈 (and ） as 〉) now and then; a report prints 〈〉 nowhere
 * (titles stand in 《》), and a row label's note then kept its opening bracket unread as one, so
 * the note was taken for words naming another row and the row was lost.
 */
const asPrinted = (text: string) => text.replace(/〈/g, '（').replace(/〉/g, '）');

/** TSV level 4 rows (lines) and level 5 rows (words, confidence -1: not a word). */
export function tsvWords(tsv: string): PixelWord[] {
  const words: PixelWord[] = [];
  let line = { top: 0, height: 0 };
  for (const row of tsv.split('\n').slice(1)) {
    const col = row.split('\t');
    if (col.length < 12) continue;
    const [left, top, width, height] = [col[6], col[7], col[8], col[9]].map(Number);
    if (col[0] === '4') line = { top, height };
    if (col[0] !== '5') continue;
    const text = asPrinted(col[11].trim());
    const confidence = Number(col[10]);
    if (!text || !(confidence >= 0)) continue;
    // a word outside its line's rows: its own box. One whose box a speck of noise made taller
    // (本 of 打印本页 reaching above and below its line) still stands on its line where its
    // middle does: on a box of its own it read as a larger font on a line of its own, and the
    // page's opening lines were taken for one paragraph
    const middle = top + height / 2;
    const inLine = middle >= line.top && middle <= line.top + line.height && height <= 2 * line.height;
    words.push({
      text,
      confidence,
      left,
      width,
      top,
      height,
      lineTop: inLine ? line.top : top,
      lineHeight: inLine ? line.height : height,
    });
  }
  return words;
}

export function wordsToItems(words: PixelWord[], f: PageFrame): TextItem[] {
  return words.map((w) => {
    const size = Math.max(w.lineHeight * f.ky, 4);
    return {
      str: w.text,
      x0: f.originX + w.left * f.kx,
      x1: f.originX + (w.left + w.width) * f.kx,
      y: f.top - (w.lineTop + w.lineHeight) * f.ky + size * 0.15,
      size,
      vertical: false,
      confidence: Math.round(w.confidence * 10) / 10,
    };
  });
}

export const tsvToItems = (tsv: string, f: PageFrame): TextItem[] => wordsToItems(tsvWords(tsv), f);
