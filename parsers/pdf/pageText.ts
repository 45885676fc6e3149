// Text items of one page with their boxes in PDF user space (built by opText.ts).

/** One run of text: x0/y is the baseline start, size the font size. */
export interface TextItem {
  str: string;
  x0: number;
  x1: number;
  /** baseline */
  y: number;
  /** font size: glyphs occupy roughly [y - 0.2·size, y + 0.85·size] */
  size: number;
  /** true when the glyphs are read top to bottom (rotated text or a vertical font) */
  vertical: boolean;
  /** vertical font strings: the length of the column of glyphs */
  height?: number;
  /** the font maps glyphs to no characters (no usable ToUnicode): `str` is U+FFFD per glyph */
  undecodable?: boolean;
  /** read by OCR: tesseract's confidence in the word, 0–100 */
  confidence?: number;
}

export const itemTop = (t: TextItem) => (t.height ? t.y - 0.2 * t.size + t.height : t.y + 0.85 * t.size);
export const itemBottom = (t: TextItem) => t.y - 0.2 * t.size;
/** the point that decides which cell an item falls in */
export const itemMidY = (t: TextItem) => (itemTop(t) + itemBottom(t)) / 2;
