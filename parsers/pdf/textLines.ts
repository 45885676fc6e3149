// Text items → printed lines (same baseline, left to right) and line text with the spaces a
// reader sees: a visible gap becomes one space, CJK characters never get one.
import { itemBottom, itemTop, type TextItem } from './pageText';

export interface TextLine {
  items: TextItem[];
  text: string;
  x0: number;
  x1: number;
  /** baseline */
  y: number;
  size: number;
  top: number;
  bottom: number;
}

/** Group items into lines, top to bottom. Sorting first keeps this O(n log n). */
export function groupLines(items: TextItem[]): TextLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const lines: TextItem[][] = [];
  let current: TextItem[] = [];
  let baseline = NaN;
  for (const it of sorted) {
    // same line when baselines differ by less than a third of the font size (superscripts,
    // digits in another font sit a little off the Chinese baseline)
    if (current.length && Math.abs(it.y - baseline) <= Math.max(it.size, current[0].size) * 0.35) current.push(it);
    else {
      if (current.length) lines.push(current);
      current = [it];
      baseline = it.y;
    }
  }
  if (current.length) lines.push(current);
  return lines.map(makeLine);
}

export function makeLine(items: TextItem[]): TextLine {
  const row = [...items].sort((a, b) => a.x0 - b.x0);
  let text = '';
  let prevEnd = -Infinity;
  let size = 0;
  for (const it of row) {
    size = Math.max(size, it.size);
    if (text && it.x0 - prevEnd > it.size * 0.3 && !/\s$/.test(text) && !/^\s/.test(it.str)) {
      text += needsSpace(text, it.str) ? ' ' : '';
    }
    text += it.str;
    prevEnd = Math.max(prevEnd, it.x1);
  }
  return {
    items: row,
    text: squeeze(text),
    size,
    x0: Math.min(...row.map((i) => i.x0)),
    x1: Math.max(...row.map((i) => i.x1)),
    y: row[0].y,
    top: Math.max(...row.map(itemTop)),
    bottom: Math.min(...row.map(itemBottom)),
  };
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** Justified CJK text is printed with spaces between characters (`邮 编 ：`): drop them. */
function squeeze(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(
      /([\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]) (?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’])/g,
      '$1',
    );
}

/** A gap between two runs is a space unless one side is CJK text or punctuation. */
function needsSpace(before: string, after: string): boolean {
  const a = before[before.length - 1];
  const b = after[0];
  if (CJK.test(a) && CJK.test(b)) return false;
  return true;
}

/** Join wrapped lines of one paragraph or cell: no space at a CJK line break. */
export function joinWrapped(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (!p) continue;
    if (out && /[A-Za-z]$/.test(out) && /^[A-Za-z]/.test(p)) out += ' ';
    out += p;
  }
  return out;
}
