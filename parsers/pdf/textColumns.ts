// A borderless table joined from parts on several pages: each part's columns were guessed on
// its own page, from the text it prints there, and the joined table's columns are the union of
// those guesses. Where the parts differ (a part with one label column over a part with three:
// 一、本年新收… spanning them on one page, 1.属于国家秘密 beside （三）不予公开 on the next), the
// union cuts columns where neither part has one, and rows come out with blank slots between
// their labels and numbers. The columns again from where all parts' text lies, as one page's
// are found: the cells that span no two cells of another row, merged where they overlap.
import type { FlowCell, FlowTable } from './joinTables';
import { anyShareColumn, mergeOverlapping, spanIn, unspanned, type XRange } from './xRanges';

const extent = (c: FlowCell): XRange => ({ x0: c.bbox[0], x1: c.bbox[2] });

export function columnsFromText(t: FlowTable): FlowTable {
  const printed = t.cells.filter((c) => c.text.trim());
  const narrow = unspanned(
    printed,
    extent,
    (c) => c.r,
    (c, r) => r >= c.r && r < c.r + c.rowSpan,
  );
  const cols = mergeOverlapping(narrow.map(extent));
  if (cols.length < 2) return t;
  const edges = [
    Math.min(t.x0, cols[0].x0),
    ...cols.slice(1).map((c, k) => (cols[k].x1 + c.x0) / 2),
    Math.max(t.x1, cols[cols.length - 1].x1),
  ];
  const spans = printed.map((c) => spanIn(cols, extent(c)));
  // two printed cells of one row in one column: one of them would be lost (a part's labels run
  // together over two of its value columns merge them); the parts' own columns stay
  const rows = new Set(printed.map((c) => c.r));
  if ([...rows].some((r) => anyShareColumn(spans.filter((_, i) => printed[i].r === r)))) return t;
  const cells = printed.map((c, i) => ({ ...c, xl: edges[spans[i][0]], xr: edges[spans[i][1] + 1] }));
  return { ...t, cells };
}
