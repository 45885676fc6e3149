// Text items of one page with their boxes in PDF user space.

/** One run of text as pdfjs reports it: x/y is the baseline start, size the font size. */
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
}

interface RawItem { str?: string; transform?: number[]; width?: number; height?: number; fontName?: string }

/** pdfjs text items → ours, leaving out the fonts whose text is rebuilt elsewhere */
export function toTextItems(items: readonly unknown[], skipFonts: ReadonlySet<string> = new Set()): TextItem[] {
  const out: TextItem[] = [];
  for (const raw of items as RawItem[]) {
    if (typeof raw.str !== 'string' || !raw.transform || skipFonts.has(raw.fontName ?? '')) continue;
    // Full-width and no-break spaces count as spaces; the rest keeps its characters.
    const str = raw.str.replace(/[\u00a0\u3000]/g, ' ');
    if (!str.trim()) continue;
    const [a, b, c, d, e, f] = raw.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || raw.height || 10;
    const vertical = Math.abs(b) > Math.abs(a);
    const width = raw.width ?? size * str.length;
    out.push({ str, x0: e, x1: e + (vertical ? size : width), y: f, size, vertical });
  }
  return out;
}

export const itemTop = (t: TextItem) => (t.height ? t.y - 0.2 * t.size + t.height : t.y + 0.85 * t.size);
export const itemBottom = (t: TextItem) => t.y - 0.2 * t.size;
/** the point that decides which cell an item falls in */
export const itemMidY = (t: TextItem) => (itemTop(t) + itemBottom(t)) / 2;
