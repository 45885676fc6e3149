// One page → its elements in reading order: ruled tables, then tables found from text
// alignment among the remaining text, and the text lines outside both.
import { findAlignedTables } from './alignedTables';
import { SINGLE_SPACED } from './tableSpacing';
import { fillGrid } from './fillGrid';
import type { RawPage } from './openPdf';
import type { TextItem } from './pageText';
import { MARGIN_BAND } from './pageFurniture';
import type { PageElement } from './pageElement';
import { findRuledGrids } from './rulingGrids';
import { groupLines } from './textLines';

/** `aligned: false` skips tables from text alignment (OCR words are too ragged for it);
 * `margin`: the document's left text edge (bodyMargin), where headings start; `lineSpacing`: its
 * tables' (documentLineSpacing), for a page with too few wrapped labels to tell its own. */
export function layoutPage(
  raw: RawPage,
  { aligned = true, margin = Infinity, lineSpacing = SINGLE_SPACED } = {},
): PageElement[] {
  let items: TextItem[] = raw.items;
  const elements: PageElement[] = [];
  for (const grid of findRuledGrids(raw.rulings)) {
    const { table, rest } = fillGrid(grid, items, raw.page);
    items = rest;
    elements.push({ kind: 'table', page: raw.page, table, top: table.y1 });
  }
  const found = aligned
    ? findAlignedTables(
        items,
        raw.page,
        margin,
        [raw.originY + raw.height * MARGIN_BAND, raw.originY + raw.height * (1 - MARGIN_BAND)],
        !elements.length,
        lineSpacing,
      )
    : { tables: [], rest: items };
  items = found.rest;
  for (const table of found.tables) elements.push({ kind: 'table', page: raw.page, table, top: table.y1 });
  for (const line of groupLines(items)) elements.push({ kind: 'line', page: raw.page, line, top: line.top });
  return elements.sort((a, b) => b.top - a.top);
}
