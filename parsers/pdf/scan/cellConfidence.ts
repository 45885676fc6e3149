// Each OCR'd table cell carries the confidence of the least sure word read into it, so that the
// analysis can leave a doubtful number unread rather than take a misread one.
import type { Block } from '../../../src/model/document';
import { itemMidY, type TextItem } from '../pageText';

export function markCellConfidence(blocks: Block[], pages: { page: number; items: TextItem[] }[]): void {
  const byPage = new Map(pages.map((p) => [p.page, p.items]));
  for (const b of blocks) {
    if (b.type !== 'table') continue;
    for (const cell of b.rows.flat()) {
      const { page, bbox } = cell.source;
      if (cell.covered || !cell.text.trim() || page === undefined || !bbox) continue;
      let least = Infinity;
      for (const it of byPage.get(page) ?? []) {
        if (it.confidence === undefined) continue;
        const x = (it.x0 + it.x1) / 2,
          y = itemMidY(it);
        if (x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3]) least = Math.min(least, it.confidence);
      }
      if (least < Infinity) cell.source = { ...cell.source, confidence: least };
    }
  }
}
