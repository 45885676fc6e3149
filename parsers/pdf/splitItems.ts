// A text run that crosses a column border belongs to two cells: split it where the border
// falls, estimating glyph positions from character widths (pdfjs gives only the run's width).
// A cut estimated inside a number moves to the number's edge when a gap is near.
import type { TextItem } from './pageText';

/** a CJK character or full-width form is one glyph wide, anything else about half (no regex:
 * this runs for every character of every item that crosses a column line) */
const weight = (ch: string) => {
  const c = ch.charCodeAt(0);
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef) ? 1 : 0.5;
};

/** Split `item` at every x in `cuts` that falls inside it by more than a third of a glyph. */
export function splitAtColumns(item: TextItem, cuts: readonly number[]): TextItem[] {
  const inside = cuts.filter((x) => x > item.x0 + item.size * 0.3 && x < item.x1 - item.size * 0.3);
  if (!inside.length || item.vertical) return [item];
  const chars = Array.from(item.str);
  const total = chars.reduce((s, ch) => s + weight(ch), 0) || 1;
  const unit = (item.x1 - item.x0) / total;
  // left edge of every character, and the run's right edge
  const edges: number[] = [item.x0];
  for (const ch of chars) edges.push(edges[edges.length - 1] + weight(ch) * unit);
  const splitAt = new Set<number>();
  for (const cut of inside) {
    let i = 1;
    while (i < chars.length && (edges[i] + edges[i + 1]) / 2 <= cut) i++;
    splitAt.add(snapOutOfNumber(chars, i));
  }
  const pieces: TextItem[] = [];
  let start = 0;
  for (const i of [...splitAt].filter((i) => i > 0 && i < chars.length).sort((a, b) => a - b)) {
    pieces.push({ ...item, str: chars.slice(start, i).join(''), x0: edges[start], x1: edges[i] });
    start = i;
  }
  pieces.push({ ...item, str: chars.slice(start).join(''), x0: edges[start], x1: item.x1 });
  return pieces.filter((p) => p.str.trim());
}

const digit = (ch: string | undefined) => ch !== undefined && /[\d.,%]/.test(ch);

/** A cut estimated between two digits moves to the nearest non-digit within two characters. */
function snapOutOfNumber(chars: string[], i: number): number {
  if (!(digit(chars[i - 1]) && digit(chars[i]))) return i;
  for (const d of [1, -1, 2, -2]) {
    const j = i + d;
    if (j > 0 && j < chars.length && !(digit(chars[j - 1]) && digit(chars[j]))) return j;
  }
  return i;
}
