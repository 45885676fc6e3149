// tesseract's TSV output → text items in PDF user space, each word with its confidence.
import type { TextItem } from '../pageText';
import type { PageFrame } from './scanRulings';

/** TSV level 5 rows (words): pixel box from the top left, confidence 0–100 (-1: not a word). */
export function tsvToItems(tsv: string, f: PageFrame): TextItem[] {
  const items: TextItem[] = [];
  for (const row of tsv.split('\n').slice(1)) {
    const col = row.split('\t');
    if (col[0] !== '5' || col.length < 12) continue;
    const text = col[11].trim();
    const confidence = Number(col[10]);
    if (!text || !(confidence >= 0)) continue;
    const [left, topPx, width, height] = [col[6], col[7], col[8], col[9]].map(Number);
    const size = Math.max(height * f.ky, 4);
    items.push({
      str: text,
      x0: f.originX + left * f.kx,
      x1: f.originX + (left + width) * f.kx,
      y: f.top - (topPx + height) * f.ky + size * 0.15,
      size,
      vertical: false,
      confidence: Math.round(confidence * 10) / 10,
    });
  }
  return items;
}
