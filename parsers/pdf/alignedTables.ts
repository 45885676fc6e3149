// Tables printed without ruling lines, found from text alignment alone:
// - region: a run of lines that are cut into several pieces by wide gaps and hold numbers, with
//   the header lines just above and wrapped label lines just below;
// - columns: the x-ranges of the pieces that sit in one column (a piece over two pieces of
//   another line is a spanning header and does not define columns);
// - rows: lines at about one line's distance continue the row above (wrapped cells, values
//   centred between two label lines) unless they start a numbered label, repeat a value in
//   the same column or cut across a spanning cell.
// The result has the shape of a ruled table on its page, so joining and the model are shared.
import { round, type PageCell, type PageTable } from './fillGrid';
import { isNumeric, isValuePiece, NUMBERED, segmentOf, segmentsOf, type Segment } from './lineSegments';
import {
  lineGap as gap,
  median,
  spacingFor,
  spacingOf,
  labelLineGaps,
  SINGLE_SPACED,
  type Spacing,
} from './tableSpacing';
import { TABLE_NOTE } from './tableNote';
import { mergeOverlapping, overlaps, spanIn, unspanned, type XRange } from './xRanges';
import type { TextItem } from './pageText';
import { groupLines, joinWrapped, type TextLine } from './textLines';

const MAX_PLAIN_RUN = 12;
/** as many rows printing no number, however many lines their labels take */
const MAX_PLAIN_ROWS = 5;
const MAX_HEADER_LINES = 20;

/** `bodyMargin`: where the document's text lines start. A page that holds only a table has no
 * text at the margin, and its left edge is the table's: a group label there is no heading. */
export function findAlignedTables(
  items: TextItem[],
  page: number,
  bodyMargin = Infinity,
  band: [number, number] = [-Infinity, Infinity],
  labelsOnlyPage = true,
  lineSpacing = SINGLE_SPACED,
): { tables: PageTable[]; rest: TextItem[] } {
  const lines = groupLines(items);
  if (!lines.length) return { tables: [], rest: items };
  const segs = lines.map(segmentsOf);
  const tabular = segs.map(isTabular);
  const bodyEdge = Number.isFinite(bodyMargin) ? bodyMargin : Math.min(...lines.map((l) => l.x0));
  const sp = spacingFor(spacingOf(labelLineGaps(lines, segs)) ?? lineSpacing);
  // a row whose label wraps over more lines than its numbers prints the numbers on a line of
  // their own, between the label's lines: that line is the row's
  for (let k = 0; k < lines.length; k++) {
    if (tabular[k] || !segs[k].every((x) => isNumeric(x.text))) continue;
    const beside = (j: number) =>
      j >= 0 &&
      j < lines.length &&
      !tabular[j] &&
      Math.abs(lines[j].y - lines[k].y) <= sp.row * lines[k].size &&
      lines[j].x1 < segs[k][0].x0 - 0.5 * lines[k].size &&
      !segs[j].some((x) => isNumeric(x.text));
    tabular[k] = beside(k - 1) && beside(k + 1);
  }
  // the first line below any running header (a line in the top band set apart from the body):
  // where a table continued from the page before starts
  // (set apart: further than the page's rows stand apart, which padding may set 4.5 font sizes
  // apart: 3.要求提供公开出版物 atop a page of such rows is its first row, no running header. At
  // the foot, a note under the table may stand as close: 4 font sizes set it apart there)
  const apart = regionGapOf(lines, tabular, bodyEdge, sp);
  let pageTop = 0;
  while (
    pageTop + 1 < lines.length &&
    lines[pageTop].bottom >= band[1] &&
    !tabular[pageTop] &&
    gap(lines[pageTop], lines[pageTop + 1]) > apart * lines[pageTop].size
  )
    pageTop++;
  // likewise the last line above any running footer: where a table going on over the page ends
  let pageBottom = lines.length - 1;
  while (
    pageBottom > pageTop &&
    lines[pageBottom].top <= band[0] &&
    !tabular[pageBottom] &&
    gap(lines[pageBottom - 1], lines[pageBottom]) > sp.region * lines[pageBottom].size
  )
    pageBottom--;
  // the left text edge, running header and footer left out: a date or URL printed in the page's
  // corner would put every body line inside it, and running text would read as table labels
  const margin = Math.min(bodyMargin, ...lines.slice(pageTop, pageBottom + 1).map((l) => l.x0));
  const regionGap = regionGapOf(lines, tabular, margin, sp);
  const tables: PageTable[] = [];
  const used = new Set<number>();
  let floor = -1; // lines up to here belong to an earlier region
  for (let i = 0; i < lines.length; i++) {
    if (!tabular[i]) continue;
    const [first, last, count] = region(lines, segs, tabular, i, floor, margin, [pageTop, pageBottom], regionGap, sp);
    i = last;
    floor = last;
    const parts = tablesIn(segs, first, last);
    for (const [start, end] of parts) {
      const rows = parts.length > 1 ? tabular.slice(start, end + 1).filter(Boolean).length : count;
      // one row is a table only where a table continued from the page before goes on, or under
      // a label over each of its pieces (第二十条第（八）项's 信息内容 | 本年收费金额, set apart)
      // (the last line with numbers: a label's wrapped line may follow it, 四、结转下年度继续办 / 2332 … / 理)
      const rowLines = tabular.slice(start, end + 1);
      const lastNumbers = start + rowLines.lastIndexOf(true);
      const lastRow = lastNumbers >= start && segs[lastNumbers].filter((x) => isNumeric(x.text)).length >= 2;
      // (a part may hold no row at all: the lines above a heading that tablesIn cut off)
      const firstRow = start + rowLines.indexOf(true);
      const labels = segs.slice(start, firstRow).flat();
      // (or over each of its numbers, two at least: a row label centred apart from 信息内容 above it)
      const under = (p: Segment) => labels.some((h) => overlaps(h, p));
      const values = firstRow > start ? segs[firstRow].filter(isValuePiece) : [];
      const headed = firstRow > start && (segs[firstRow].every(under) || (values.length >= 2 && values.every(under)));
      // a table's column labels at the page's foot, its rows on the next page: a table only
      // where that page's part goes on under them (buildBlocks), else text again
      const footLabels = end === pageBottom && !segs.slice(start, end + 1).some((line) => line.some(isValuePiece));
      // (at the page's top, numbered rows that print no number above it are that table's rows too)
      const continued = start === pageTop && (lastRow || numberedLines(segs, start, end) >= 3);
      const tentative = rows < 2 && !continued && !headed;
      if (tentative && !footLabels) continue;
      // a line left out right above the first row may be the first line of that row's label
      const cut = start === first && start > 0 && gap(lines[start - 1], lines[start]) <= sp.row * lines[start].size;
      const table = buildTable(lines, segs.slice(start, end + 1).flat(), page, sp, false, cut);
      if (!table) continue;
      tables.push(tentative ? { ...table, tentative: lines.slice(start, end + 1) } : table);
      for (let k = start; k <= end; k++) used.add(k);
    }
  }
  // a page between two parts of a table may hold only rows that print no number: numbered
  // labels (and their wrapped lines), none at the headings' margin, none running text
  if (labelsOnlyPage && !tables.length && !tabular.some(Boolean) && pageBottom >= pageTop) {
    // (a note under them, 注：本表…, is text after the table: the rows end above it)
    const noteAt = lines.findIndex((l, k) => k > pageTop && k <= pageBottom && TABLE_NOTE.test(l.text));
    const bodyEnd = noteAt > 0 ? noteAt - 1 : pageBottom;
    const body = lines.slice(pageTop, bodyEnd + 1);
    const allInner = body.every(
      (l, k) =>
        segs[pageTop + k].length === 1 &&
        l.x0 > margin + l.size &&
        !isNumeric(l.text.replace(/[-—–\s/／]/g, '')) &&
        !/。/.test(l.text) && // a sentence is running text, not a row's label
        (k === 0 || gap(body[k - 1], l) <= sp.region * l.size),
    );
    // (or one such row alone, its label wrapped over a few lines: a page break before a row
    // after one that broke on its own leaves a row a page)
    const numbered = numberedLines(segs, pageTop, bodyEnd);
    if (allInner && (numbered >= 2 || (numbered === 1 && NUMBERED.test(body[0].text) && body.length <= 3))) {
      const table = buildTable(lines, segs.slice(pageTop, bodyEnd + 1).flat(), page, sp, true);
      if (table) {
        tables.push(table);
        for (let k = pageTop; k <= bodyEnd; k++) used.add(k);
      }
    }
  }
  const rest = lines.flatMap((l, k) => (used.has(k) ? [] : l.items));
  return { tables, rest };
}

/** how many of lines [from, to] open with a row's number (（四）, 2., 一、) */
const numberedLines = (segs: Segment[][], from: number, to: number) =>
  segs.slice(from, to + 1).filter((line) => NUMBERED.test(line[0].text)).length;

/**
 * The gap (font sizes) that ends a table region on this page: REGION_GAP, or a quarter more
 * than the page's pitch of table lines where its rows are tall, up to TALL_ROWS_GAP. The pitch:
 * the median gap next to a line of values, over three such gaps at least; or, where most rows
 * print no number (blank cells), a gap past REGION_GAP that recurs between lines inside the table
 * (right of the margin), three times at least and each within a tenth of the others: the rows'
 * own spacing, which no paragraph or heading repeats so evenly
 */
function regionGapOf(lines: TextLine[], tabular: boolean[], margin: number, sp: Spacing): number {
  const gaps: number[] = [];
  const innerGaps: number[] = [];
  const inside = (l: TextLine) => l.x0 > margin + l.size;
  for (let k = 1; k < lines.length; k++) {
    const g = gap(lines[k - 1], lines[k]) / lines[k].size;
    if (tabular[k] || tabular[k - 1]) gaps.push(g);
    if (inside(lines[k - 1]) && inside(lines[k]) && g > sp.region && g * 1.25 <= sp.tall) innerGaps.push(g);
  }
  let pitch = 0;
  if (gaps.length >= 3) pitch = median(gaps);
  if (innerGaps.length >= 3 && Math.max(...innerGaps) <= 1.1 * Math.min(...innerGaps))
    pitch = Math.max(pitch, median(innerGaps));
  return Math.min(sp.tall, Math.max(sp.region, 1.25 * pitch));
}

/** The left edge most text lines of the document start at (most items begin a line there). */
export function bodyMargin(pages: { items: TextItem[] }[]): number {
  const counts = new Map<number, number>();
  for (const p of pages)
    for (const it of p.items) if (!it.vertical) counts.set(Math.round(it.x0), (counts.get(Math.round(it.x0)) ?? 0) + 1);
  let best = Infinity,
    most = 0;
  for (const [x, n] of counts)
    if (n > most || (n === most && x < best)) {
      best = x;
      most = n;
    }
  return best;
}

/** Three or more pieces, or a label and a number far to its right: a table row. */
function isTabular(s: Segment[]): boolean {
  if (s.length >= 3) return true;
  return s.length === 2 && isNumeric(s[1].text) && s[1].x0 - s[0].x1 >= 2 * s[1].size;
}
/** one piece across most of the table's width so far: running text, not a cell (a wrapped
 * label left of the numbers does not cross them) */
const runningText = (s: Segment[], x0: number, x1: number) =>
  s.length === 1 && Math.min(s[0].x1, x1) - Math.max(s[0].x0, x0) > 0.8 * (x1 - x0);
const isHeadingLine = (s: Segment[]) => s.length === 1 && NUMBERED.test(s[0].text);

/** a report's section heading, not a numbered row of table 三 (三、本年度办理结果) */
const SECTION_HEADING = /情况\s*$/;

/** the headings of the national format's sections that hold its three tables */
const TABLE_SECTION = /(主动公开政府信息|收到和处理政府信息公开申请|政府信息公开行政复议[、，,]?\s*行政诉讼)情况\s*$/;

/** a line of its own that is the heading of one of those sections */
const isTableSection = (line: Segment[]) => line.length === 1 && TABLE_SECTION.test(line[0].text);

/** top-level numbering, as a report numbers its sections (一、 二． 三.) */
const SECTION_NUMBER = /^\s*[一二三四五六七八九十]+[、.．]/;

/**
 * The tables in region [first, last]: a region may hold the last rows of one table, the next
 * one's heading and that table (三 printed right under the end of 二). The heading is a line
 * of its own numbered as a section (三、…) that prints no value; it is not a group label (the
 * labels of the next row with values start under it, not right of it); and the rows below it
 * print values that the columns above cannot hold (two of one row fall into one column of the
 * values above). Read as one table, the columns of both would mix and values move. Each table
 * gets its own columns; the heading stays text.
 */
function tablesIn(segs: Segment[][], first: number, last: number): [number, number][] {
  const out: [number, number][] = [];
  // (a region opening with such a heading, at a page's top: the heading is no row of the
  // table that ended on the page before)
  let from = isTableSection(segs[first]) ? first + 1 : first;
  for (let k = first + 1; k < last; k++) {
    const s = segs[k];
    if (s.length !== 1 || !SECTION_NUMBER.test(s[0].text) || isValuePiece(s[0])) continue;
    const nextRow = segs.slice(k + 1, last + 1).find((line) => line.some(isValuePiece));
    // no values below it on this page: a section's heading (…情况, never a row of 三) and the
    // column labels under it are the next table's start, its rows on the next page (四's
    // labels, centred over five and ten columns, would unsettle 三's columns above)
    // The heading of one of the standard's tables (三、收到和处理政府信息公开申请情况) starts
    // the next table wherever it stands: read with the table above, their columns would mix
    if ((!nextRow && SECTION_HEADING.test(s[0].text)) || isTableSection(s)) {
      out.push([from, k - 1]);
      from = k + 1;
      continue;
    }
    if (!nextRow || nextRow[0].x0 >= s[0].x1) continue;
    // (the rows up to the next table's heading, which starts a table anyway: 四、结转下年度继续办理
    // is 三's last row, not a heading, though 四's fifteen columns follow under 四、…情况)
    let stop = k + 1;
    while (stop <= last && !isTableSection(segs[stop])) stop++;
    if (!valuesCollide(segs.slice(from, k).flat(), segs.slice(k + 1, stop))) continue;
    out.push([from, k - 1]);
    from = k + 1;
  }
  out.push([from, last]);
  return out;
}

/** the x-ranges the values print in, merged where they overlap, left to right */
const valueColumns = (segs: Segment[]): Column[] => mergeOverlapping(segs.filter(isValuePiece));

/**
 * Labels of narrow columns set close (a browser's 1px cell padding leaves a third of a
 * character between 结果维 and 结果纠) come out of a line as one piece over several columns,
 * as a spanning header would; its columns then hold two labels, and the rows of values under
 * them are unsettled. A piece cut by a visible gap between its runs that lies wholly in a
 * gutter (between two columns of values, or of the pieces that span none) is two cells, where
 * each side lies over such a column; a header spanning columns is one run with no such gap.
 * `columns`: findColumns' for these pieces. The pieces come back as they were where none is cut.
 */
function splitAtGutters(segs: Segment[], columns: Column[]): Segment[] {
  const sets = [valueColumns(segs), columns].filter((cols) => cols.length >= 2);
  if (!sets.length) return segs;
  const overColumn = (items: TextItem[]) => {
    const run = { x0: items[0].x0, x1: Math.max(...items.map((it) => it.x1)) };
    return sets.some((cols) => cols.some((c) => overlaps(run, c)));
  };
  const inGutter = (x0: number, x1: number) =>
    sets.some((cols) => cols.some((c, k) => k + 1 < cols.length && x0 >= c.x1 && x1 <= cols[k + 1].x0));
  const valueCols = sets[0] === columns ? [] : sets[0];
  let split = false;
  const out = segs.flatMap((s) => {
    if (isValuePiece(s)) return [s];
    const items = s.items
      .flatMap((it) => cutAtHiddenGap(it, valueCols, inGutter, overColumn))
      .sort((a, b) => a.x0 - b.x0);
    if (items.length < 2) return [s];
    const runs: TextItem[][] = [[items[0]]];
    for (let k = 1; k < items.length; k++) {
      const run = runs[runs.length - 1];
      const end = Math.max(...run.map((it) => it.x1));
      const cutHere =
        items[k].x0 - end > GUTTER_GAP * s.size &&
        inGutter(end, items[k].x0) &&
        overColumn(run) &&
        overColumn(items.slice(k));
      if (cutHere) runs.push([items[k]]);
      else run.push(items[k]);
    }
    if (runs.length === 1) return [s];
    split = true;
    return runs.map((run) => segmentOf(run, s.line));
  });
  return split ? out : segs;
}

/** the least gap (font sizes) between two runs that may part two cells in a gutter */
const GUTTER_GAP = 0.1;

/** a full-width character: a CJK ideograph, CJK punctuation or a full-width form, one em wide */
const FULL_WIDTH = /^[\u3000-\u303f\u3400-\u9fff\uff01-\uff5e]+$/;

/**
 * Two labels set close can come out as one text run (結果 of one cell, then of the next, in one
 * string: 本年废止件数现行有效件数). Full-width characters are one em wide each, so a run wider
 * than its characters by a little holds a gap between two of them, though not where. Where
 * exactly one place for it lies in a gutter between two value columns, with each side over one
 * of them, or one such place centres each side over its column best by far (labels centred in
 * their cells), the run is two, parted there; else it stays whole.
 */
function cutAtHiddenGap(
  it: TextItem,
  valueCols: Column[],
  inGutter: (x0: number, x1: number) => boolean,
  overColumn: (items: TextItem[]) => boolean,
): TextItem[] {
  const chars = Array.from(it.str);
  const gap = it.x1 - it.x0 - chars.length * it.size;
  if (valueCols.length < 2 || chars.length < 2 || it.vertical || !FULL_WIDTH.test(it.str)) return [it];
  if (gap < GUTTER_GAP * it.size || gap > 1.5 * it.size) return [it];
  const parts = (k: number): [TextItem, TextItem] => [
    { ...it, str: chars.slice(0, k).join(''), x1: it.x0 + k * it.size },
    { ...it, str: chars.slice(k).join(''), x0: it.x0 + k * it.size + gap },
  ];
  const mid = (a: { x0: number; x1: number }) => (a.x0 + a.x1) / 2;
  // how far each side's middle is from the middle of the value column under it
  const offCentre = (p: TextItem) => {
    const under = valueCols.filter((c) => overlaps(c, p));
    return under.length === 1 ? Math.abs(mid(under[0]) - mid(p)) : Infinity;
  };
  const fits = [];
  for (let k = 1; k < chars.length; k++) {
    const [a, b] = parts(k);
    if (inGutter(a.x1, b.x0) && overColumn([a]) && overColumn([b])) fits.push({ k, off: offCentre(a) + offCentre(b) });
  }
  if (!fits.length) return [it];
  fits.sort((x, y) => x.off - y.off);
  const [best, next] = fits;
  if (next && !(best.off <= 0.5 * it.size && next.off >= 2 * best.off + 0.5 * it.size)) return [it];
  return parts(best.k);
}

/** some line below prints two values where the values above have one column */
function valuesCollide(above: Segment[], below: Segment[][]): boolean {
  const cols = valueColumns(above);
  if (!cols.length) return false;
  // each value below goes to the column above nearest its middle (edges halfway between)
  const column = (v: Segment) => {
    const mid = (v.x0 + v.x1) / 2;
    let k = 0;
    while (k + 1 < cols.length && mid > (cols[k].x1 + cols[k + 1].x0) / 2) k++;
    return k;
  };
  return below.some((line) => {
    const at = line.filter(isValuePiece).map(column);
    return new Set(at).size < at.length;
  });
}

/** [first line, last line, tabular lines] of the region around tabular line i */
function region(
  lines: TextLine[],
  segs: Segment[][],
  tabular: boolean[],
  i: number,
  floor: number,
  margin: number,
  [pageTop, pageBottom]: [number, number],
  regionGap: number,
  sp: Spacing,
): [number, number, number] {
  let end = i,
    count = 1;
  let x0 = Math.min(...segs[i].map((s) => s.x0)),
    x1 = Math.max(...segs[i].map((s) => s.x1));
  // a row with a line just above, left of all its pieces: that line starts the row's label
  // (一、本年新收政府 over 信息公开申请数量, the numbers between; 三、本年度办理结 over 果, beside
  // （一）予以公开 and its numbers, at a page's top), and the table starts there
  const labelAbove = i > 0 && !tabular[i - 1] && gap(lines[i - 1], lines[i]) <= sp.row * lines[i].size;
  const leftOfRow = labelAbove && lines[i - 1].x1 < segs[i][0].x0;
  if (leftOfRow && (segs[i].every(isValuePiece) || (segs[i - 1].length === 1 && NUMBERED.test(segs[i - 1][0].text))))
    x0 = Math.min(x0, lines[i - 1].x0);
  // where the numbers so far start: a label line inside the table that ends left of them is a
  // row's label (its numbers blank), however wide it is against a table known by one row only
  let firstValue = Math.min(...segs[i].filter(isValuePiece).map((s) => s.x0));
  // (none before a row with numbers: a header's lines are no measure)
  const labelLeftOfValues = (s: Segment[]) =>
    Number.isFinite(firstValue) &&
    s.length === 1 &&
    s[0].x0 > margin + s[0].size &&
    s[0].x1 < firstValue - s[0].size / 2;
  // rows go on over label-only lines, up to a heading at the table's left edge or running text
  // a line of numbers alone, each under a piece of the lines read so far (a header's labels):
  // a row of the table, however far padding set it below them (up to TALL_ROWS_GAP)
  const numbersUnder = (j: number) =>
    segs[j].length >= 2 &&
    segs[j].every(isValuePiece) &&
    segs[j].every((v) => segs.slice(i, j).some((line) => line.some((p) => overlaps(p, v)))) &&
    gap(lines[j - 1], lines[j]) <= sp.tall * lines[j].size;
  // (counted in rows too: labels wrapped in a narrow column take three or four lines a row)
  let plainRows = 0;
  for (let j = i + 1; j < lines.length && (j - end <= MAX_PLAIN_RUN || plainRows <= MAX_PLAIN_ROWS); j++) {
    if (gap(lines[j - 1], lines[j]) > regionGap * lines[j].size && !numbersUnder(j)) break;
    plainRows = tabular[j] ? 0 : plainRows + (gap(lines[j - 1], lines[j]) > sp.row * lines[j].size ? 1 : 0);
    if (tabular[j]) {
      end = j;
      count++;
      x0 = Math.min(x0, ...segs[j].map((s) => s.x0));
      x1 = Math.max(x1, ...segs[j].map((s) => s.x1));
      firstValue = Math.min(firstValue, ...segs[j].filter(isValuePiece).map((s) => s.x0));
      continue;
    }
    const s = segs[j];
    if (isHeadingLine(s) && s[0].x0 <= margin + s[0].size && !wrappedRowLabel(lines, segs, j, sp)) break;
    if (runningText(s, x0, x1) && !labelLeftOfValues(s)) break;
  }
  // lines without numbers inside the table: right of the headings' margin, within its width,
  // not running text, not a page number
  // (as far left as the labels inside the rows reach: a group's label （五）不 / 予处理 in a
  // column left of its rows' labels)
  const labelsX0 = Math.min(
    x0,
    ...lines
      .slice(i, end + 1)
      .map((l) => l.x0)
      .filter((x) => x > margin),
  );
  const inner = (k: number) => {
    const s = segs[k],
      l = lines[k];
    return (
      s[0].x0 > margin + s[0].size &&
      l.x0 >= labelsX0 - l.size * 2 &&
      l.x1 <= x1 + l.size * 2 &&
      (!runningText(s, x0, x1) || labelLeftOfValues(s)) &&
      !isNumeric(l.text.replace(/[-—–\s/／]/g, ''))
    );
  };
  // header lines above: close, inside the table's width, neither a heading nor running text
  const above = (rowsWithoutNumbers: boolean) => {
    let start = i;
    while (start - 1 > Math.max(floor, pageTop - 1) && i - start < MAX_HEADER_LINES) {
      const s = segs[start - 1];
      const l = lines[start - 1];
      if (gap(l, lines[start]) > regionGap * l.size) break;
      if (isHeadingLine(s) && gap(l, lines[start]) > sp.row * l.size && !(rowsWithoutNumbers && inner(start - 1)))
        break;
      // (at a page's top, the last line of a group's label carried over from the page before
      // may stand left of every row here, in the table's first column: 三、本年度办 / 理结果)
      // (or in a label column of the rows below, left of their numbers: 计这一情形，不计 / 其他情形）
      // under （二）部分公开（区分处理的，只 on the page before, where （三）不 / 予公开 start below)
      const inLabelColumn = () =>
        l.x1 < firstValue - l.size / 2 &&
        segs
          .slice(i, end + 1)
          .some((line) => line.some((p) => !isValuePiece(p) && Math.abs(p.x0 - l.x0) <= l.size / 2));
      const carried = rowsWithoutNumbers && s.length === 1 && l.x0 > margin + l.size && (l.x1 < x0 || inLabelColumn());
      // (the last column's label, wider than the numbers it stands over, reaches past the rows on
      // the right: 对外公开总数量 over 524, by more than two font sizes in 10.5 pt. On the left the
      // rows' labels are the table's edge: a line reaching further is no header of theirs)
      const overRows = (p: Segment) => segs.slice(i, end + 1).some((line) => line.some((q) => overlaps(p, q)));
      if ((l.x0 < x0 - l.size * 2 && !carried) || (l.x1 > x1 + l.size * 2 && !overRows(s[s.length - 1]))) break;
      if (runningText(s, x0, x1) && !labelLeftOfValues(s) && !carried) break;
      start--;
    }
    return start;
  };
  let start = above(false);
  // a table continued from the page before may open with rows that print no number (blank
  // cells): numbered labels right of the headings' margin, reaching up to the page's top
  if (start > pageTop && floor < pageTop && above(true) === pageTop) start = pageTop;
  // wrapped label lines below the last row
  while (
    end + 1 < lines.length &&
    gap(lines[end], lines[end + 1]) <= sp.row * lines[end].size &&
    !isHeadingLine(segs[end + 1])
  )
    end++;
  // a table going on over the page may close it with rows that print no number (blank cells,
  // a group label centred on its rows): lines inside the table, down to the page's foot
  let foot = end;
  while (foot < pageBottom && gap(lines[foot], lines[foot + 1]) <= regionGap * lines[foot + 1].size && inner(foot + 1))
    foot++;
  if (foot === pageBottom) end = foot;
  return [start, end, count];
}

/**
 * Line j, numbered at the table's left edge, is the first line of a row's label (一、本年新收政府
 * over 信息公开申请数量), not a heading after the table: the line right under it (or under the
 * label's further lines) prints the row's numbers, and its first piece lies right of the label
 * (a number, or the row's next label: 三、本年度办理结果 beside （一）予以公开; 5.属于三类… beside
 * （三）不予 / 公开) or goes on in the label's column.
 */
function wrappedRowLabel(lines: TextLine[], segs: Segment[][], j: number, sp: Spacing): boolean {
  const [label] = segs[j];
  const near = (k: number) => k + 1 < lines.length && gap(lines[k], lines[k + 1]) <= sp.row * lines[k].size;
  const inColumn = (s: Segment) => overlaps(s, label);
  // over the label's own further lines (a group's label wrapped: （三）不予 / 公开) to the row,
  // and the lines of the row's own label right of it, printed between them where the label
  // wraps over more lines than its numbers (（六）其 / 2.申请人逾期未按… / 他处理 / 纳费用… 1724 …)
  const besideOrUnder = (s: Segment) => inColumn(s) || s.x0 >= label.x1;
  let k = j;
  while (near(k) && segs[k + 1].length === 1 && !isValuePiece(segs[k + 1][0]) && besideOrUnder(segs[k + 1][0])) k++;
  // a group's label stands centred on its rows: the row beside it may start a little lower
  const below = segs[k + 1];
  const reach = (k > j ? 2 : 1) * sp.row * lines[k].size;
  if (!below || gap(lines[k], lines[k + 1]) > reach || !below.some(isValuePiece)) return false;
  const [first] = below;
  return first.x0 >= label.x1 || (!isValuePiece(first) && inColumn(first));
}

type Column = XRange;

/** Columns from the pieces that do not span others, merged where they overlap. */
function findColumns(segs: Segment[], sp: Spacing): Column[] {
  const kept = unspanned(
    segs,
    (s) => s,
    (s) => s.line,
    (s, line) => s.line === line,
  );
  const bridges = bridgingLabels(kept);
  return joinIndentedCells(mergeOverlapping(bridges.size ? kept.filter((s) => !bridges.has(s)) : kept), segs, sp);
}

/** the least gap (font sizes) between two columns that only bridging labels cross */
const BRIDGED_GAP = 0.4;

/**
 * Labels that alone join two columns: a gap no other piece crosses, with pieces of two lines
 * or more wholly on each side (table 三's group labels wrapped in a narrow column, 六）其 over
 * 他处理, their lines between the lines of the row labels beside them, never on one line with
 * them). A row label over both columns (四、结转下年度继续办理) spans them as a header spans
 * the columns under it, though no line prints two pieces under it.
 */
function bridgingLabels(pieces: Segment[]): Set<Segment> {
  const out = new Set<Segment>();
  const lines = (list: Segment[]) => new Set(list.map((s) => s.line)).size;
  for (const col of mergeOverlapping(pieces)) {
    const inside = pieces.filter((s) => overlaps(s, col));
    if (inside.length < 5) continue;
    for (const u of new Set(inside.map((s) => s.x1))) {
      const starts = inside.filter((s) => s.x0 > u).map((s) => s.x0);
      if (!starts.length) continue;
      const v = Math.min(...starts);
      const crossing = inside.filter((s) => s.x0 <= u && s.x1 >= v);
      const left = inside.filter((s) => s.x1 <= u);
      const right = inside.filter((s) => s.x0 >= v);
      const size = Math.max(...inside.map((s) => s.size));
      if (
        v - u >= BRIDGED_GAP * size &&
        crossing.length &&
        crossing.every((s) => !isValuePiece(s)) &&
        lines(left) >= 2 &&
        lines(right) >= 2 &&
        crossing.length < Math.min(left.length, right.length)
      )
        for (const s of crossing) out.add(s);
    }
  }
  return out;
}

/** how far (font sizes) a cell's first line may be indented: two characters, and some slack */
const FIRST_LINE_INDENT = 2.5;

/**
 * A cell printed with its first line indented (a body style's `text-indent: 2em` left on the
 * paragraphs in cells, as Word and WPS do) starts its first line right of the lines below; in
 * a narrow column a short first line (总 over 计) then sits clear of them, and the lines below
 * make a column of their own. Such a column holds no value, and each of its pieces continues,
 * one line down and up to an indent to the left, a piece of the column to its right that has
 * nothing under it: it is that column's cell, and joins it. Left apart, the column would
 * shift the columns after it by one, and every value with them.
 */
function joinIndentedCells(cols: Column[], segs: Segment[], sp: Spacing): Column[] {
  const continues = (left: Column, right: Column) => {
    const own = segs.filter((s) => s.x0 >= left.x0 && s.x1 <= left.x1);
    if (!own.length || own.some(isValuePiece)) return false;
    // the line above, at about one line's distance
    const above = (q: Segment, p: Segment) => p.y - q.y > 0.5 * q.size && p.y - q.y <= sp.row * q.size;
    const firstLine = (q: Segment, p: Segment) =>
      above(q, p) &&
      overlaps(p, right) &&
      !overlaps(p, left) &&
      p.x0 >= q.x1 &&
      p.x0 - q.x0 <= FIRST_LINE_INDENT * q.size &&
      !segs.some((o) => o.line === q.line && o !== q && overlaps(o, p)) &&
      !segs.some((o) => o.line === p.line && overlaps(o, left));
    // every piece is such a wrapped line, or a further line under one of the column's own
    return (
      own.some((q) => segs.some((p) => firstLine(q, p))) &&
      own.every((q) => segs.some((p) => firstLine(q, p) || (above(q, p) && overlaps(p, left) && own.includes(p))))
    );
  };
  const out: Column[] = [];
  for (let k = 0; k < cols.length; k++) {
    const next = cols[k + 1];
    if (next && continues(cols[k], next)) {
      out.push({ x0: cols[k].x0, x1: Math.max(cols[k].x1, next.x1) });
      k++;
    } else out.push(cols[k]);
  }
  return out;
}

interface Cell {
  r: number;
  c0: number;
  c1: number;
  parts: Segment[];
}

function buildTable(
  lines: TextLine[],
  segs: Segment[],
  page: number,
  sp: Spacing,
  oneColumn = false,
  cutAbove = false,
): PageTable | null {
  // the columns again only where a piece was cut (most tables have none to cut)
  const found = findColumns(segs, sp);
  const pieces = splitAtGutters(segs, found);
  const cols = pieces === segs ? found : findColumns(pieces, sp);
  segs = pieces;
  if (cols.length < (oneColumn ? 1 : 2)) return null;
  const colsOf = (s: Segment): [number, number] => spanIn(cols, s);
  const cells: Cell[] = [];
  const doubled = new Set<number>();
  let row: Cell[] = [];
  let r = -1;
  let prevLine: TextLine | undefined;
  // each row's first and last line: how far apart two rows stand
  const rowLines: Array<{ first: TextLine; last: TextLine }> = [];
  const lineIds = [...new Set(segs.map((s) => s.line))].sort((a, b) => a - b);
  for (const id of lineIds) {
    const line = lines[id];
    const parts = segs.filter((s) => s.line === id).map((s) => ({ s, span: colsOf(s) }));
    const newRow =
      !prevLine ||
      gap(prevLine, line) > sp.row * line.size ||
      numbersUnderColumnLabels(parts, row) ||
      parts.some(({ s, span }) => {
        // a numbered label starts a row, but for one in a column the row has no text in yet,
        // before any of its numbers: a group's label (（四）无法提供) beside the second line of
        // its first row's label (1.本机关不掌握相关 / 政府信息), or the row's next label beside
        // a label wrapped round it (三、本年度办理结 / （一）予以公开 / 果)
        if (NUMBERED.test(s.text))
          return row.some((c) => c.parts.some(isValuePiece) || (c.c0 <= span[1] && span[0] <= c.c1));
        const clash = row.find((c) => c.c0 <= span[1] && span[0] <= c.c1);
        if (!clash) return false;
        if (isNumeric(s.text) && clash.parts.some((p) => isNumeric(p.text))) return true;
        const inside = clash.parts.some((p) => s.x0 >= p.x0 - p.size && s.x1 <= p.x1 + p.size);
        // labels side by side under one label over their columns (科研机构 | 社会公益组织 under
        // 法人或其他组织) are the row of column labels below it, not its wrapped lines
        const side = parts.filter((o) => !isValuePiece(o.s) && o.span[0] <= clash.c1 && clash.c0 <= o.span[1]);
        if (side.length >= 2 && !isValuePiece(s) && clash.c1 > clash.c0) return true;
        return (clash.c0 !== span[0] || clash.c1 !== span[1]) && !inside;
      });
    if (newRow) {
      r++;
      row = [];
      rowLines[r] = { first: line, last: line };
    } else rowLines[r].last = line;
    for (const { s, span } of parts) {
      const into = row.find((c) => c.c0 <= span[1] && span[0] <= c.c1);
      if (into) {
        // two pieces of one line in one column, a value among them or the line a header: the
        // column holds two, and a value slot hides in it (blank, or joined to a label)
        const header = !parts.some((x) => isValuePiece(x.s));
        if (into.parts.some((p) => p.line === s.line && (header || isValuePiece(p) || isValuePiece(s))))
          for (let c = into.c0; c <= into.c1; c++) doubled.add(c);
        into.parts.push(s);
        into.c0 = Math.min(into.c0, span[0]);
        into.c1 = Math.max(into.c1, span[1]);
      } else {
        const c = { r, c0: span[0], c1: span[1], parts: [s] };
        row.push(c);
        cells.push(c);
      }
    }
    prevLine = line;
  }
  // which column a row's values are in is not known where the row reaches a doubled column
  const rowsWhere = (f: (c: Cell) => boolean) => new Set(cells.filter(f).map((c) => c.r));
  const valued = rowsWhere((c) => c.parts.some(isValuePiece));
  // (a column no row prints a number in is a column of labels: two labels of one line there, a
  // group's wrapped line beside its first row's, hide no value: 提供 | 息 under （四）无法 | 1.本机关…)
  const holdsValues = (k: number) => cells.some((c) => c.c0 <= k && k <= c.c1 && c.parts.some(isValuePiece));
  const hiding = [...doubled].filter(holdsValues);
  const reaching = rowsWhere((c) => hiding.some((k) => c.c0 <= k && k <= c.c1));
  // a column where one labelled row prints its first number and another its second label: the
  // rows do not share one grid (a row without its group's label cell prints its numbers one
  // column on), and a row of the same numbers that has neither a number nor a second label
  // there (blank, or its only label reaching over it) may have its first value there
  const isLabel = (c: Cell) => !c.parts.some(isValuePiece);
  const rowOf = (k: number) => cells.filter((c) => c.r === k).sort((a, b) => a.c0 - b.c0);
  const numbered = [...valued].map(rowOf).filter((cs) => isLabel(cs[0]));
  const lastValue = (cs: Cell[]) => Math.max(...cs.filter((c) => !isLabel(c)).map((c) => c.c1));
  for (let k = 0; k < cols.length; k++) {
    const firstAt = numbered.filter((cs) => cs.find((c) => !isLabel(c))!.c0 === k);
    const secondLabel = numbered.some((cs) => cs.some((c, i) => i > 0 && isLabel(c) && c.c0 <= k && k <= c.c1));
    if (!firstAt.length || !secondLabel) continue;
    for (const cs of numbered) {
      const at = cs.findIndex((c) => c.c0 <= k && k <= c.c1);
      const hidden = at === -1 || (at === 0 && cs[0].c0 < k && !isLabel(cs[1]));
      const first = cs.find((c) => !isLabel(c))!.c0;
      if (hidden && first > k && firstAt.some((h) => lastValue(h) >= lastValue(cs) - 1)) reaching.add(cs[0].r);
    }
  }
  // values alone at a line's distance above or below a row of values: numbers wrapped in their
  // cells around the row's label (８２ over, １ under the label of ８２１: full-width digits
  // break anywhere), or a row whose label was lost. Which number is whole is not known: neither
  // row is read. Nor is a row whose values print on two lines or more (２５ beside its group
  // label's first line, ８ beside its last), nor its rows at a line's distance: one row's numbers
  // print on one line, however its labels wrap
  const labelled = (k: number) => cells.some((c) => c.r === k && isLabel(c));
  const valueLines = (k: number) =>
    new Set(cells.filter((c) => c.r === k).flatMap((c) => c.parts.filter(isValuePiece).map((p) => p.line))).size;
  const near = (k: number) => gap(rowLines[k - 1].last, rowLines[k].first) <= sp.row * rowLines[k].first.size;
  for (let k = 0; k <= r; k++) {
    if (k > 0 && near(k) && valued.has(k) && valued.has(k - 1) && (!labelled(k) || !labelled(k - 1)))
      reaching.add(k).add(k - 1);
    if (valueLines(k) < 2) continue;
    reaching.add(k);
    if (k > 0 && near(k) && valued.has(k - 1)) reaching.add(k - 1);
    if (k < r && near(k + 1) && valued.has(k + 1)) reaching.add(k + 1);
  }
  if (cutAbove) reaching.add(0);
  const unsettled = new Set([...reaching].filter((k) => valued.has(k)));
  return toPageTable(cells, cols, r + 1, page, unsettled);
}

/**
 * Two numbers of a line or more, each under another cell of a row that prints no number yet: the
 * row is column labels (本年新 / 制作数量 over 13), and the line the first row under them, however
 * close (rows set with no spacing stand a line apart, as a label's wrapped lines do). A row's
 * label wrapped over its numbers' line is one cell, which two numbers never both stand under.
 */
function numbersUnderColumnLabels(parts: Array<{ s: Segment; span: [number, number] }>, row: Cell[]): boolean {
  if (row.some((c) => c.parts.some(isValuePiece))) return false;
  const over = new Set<Cell>();
  for (const { s, span } of parts) {
    if (!isValuePiece(s)) continue;
    const label = row.find((c) => c.c0 <= span[1] && span[0] <= c.c1);
    if (label) over.add(label);
  }
  return over.size >= 2;
}

/** U+FFFD: a value the parser could not place for sure (toTableBlock's settleValues reads it so) */
const UNSURE = '\uFFFD';

/**
 * Rows whose columns are not settled keep their labels and leave every value unread (U+FFFD):
 * a value joined to a label would shift the values after it into the next columns.
 */
function unsettle(out: PageCell[], row: Cell[], r: number): void {
  const slots = out.filter((x) => x.r === r);
  let marked = false;
  for (const cell of row) {
    const slot = slots.find((x) => x.c === cell.c0);
    if (!slot) continue;
    const labels = cell.parts.filter((p) => !isValuePiece(p));
    if (labels.length === cell.parts.length) continue;
    slot.text = labels.length ? textOf(labels) : UNSURE;
    marked ||= !labels.length;
  }
  if (marked) return;
  // every value was joined to a label: the first blank slot right of the labels is unread
  const lastLabel = Math.max(...slots.filter((x) => x.text.trim()).map((x) => x.c + x.colSpan - 1));
  const blank = slots.find((x) => x.c > lastLabel && !x.text.trim());
  if (blank) blank.text = UNSURE;
  else slots[slots.length - 1].text += UNSURE;
}

const textOf = (parts: Segment[]) =>
  joinWrapped(
    groupLines([...parts].sort((a, b) => b.y - a.y || a.x0 - b.x0).flatMap((p) => p.items)).map((l) => l.text),
  );

function toPageTable(cells: Cell[], cols: Column[], nRows: number, page: number, unsettled: Set<number>): PageTable {
  // column edges halfway between columns
  const xs = [cols[0].x0, ...cols.slice(1).map((c, k) => (cols[k].x1 + c.x0) / 2), cols[cols.length - 1].x1];
  const rowTop = new Array<number>(nRows).fill(-Infinity),
    rowBottom = new Array<number>(nRows).fill(Infinity);
  for (const c of cells)
    for (const p of c.parts) {
      rowTop[c.r] = Math.max(rowTop[c.r], p.top);
      rowBottom[c.r] = Math.min(rowBottom[c.r], p.bottom);
    }
  const out: PageCell[] = [];
  for (let r = 0; r < nRows; r++) {
    const inRow = cells.filter((c) => c.r === r).sort((a, b) => a.c0 - b.c0);
    for (let c = 0; c < cols.length; c++) {
      const cell = inRow.find((x) => x.c0 === c);
      if (inRow.some((x) => x.c0 < c && x.c1 >= c)) continue; // covered by a spanning cell
      if (!cell) {
        out.push({
          r,
          c,
          rowSpan: 1,
          colSpan: 1,
          text: '',
          page,
          bbox: [round(xs[c]), round(rowBottom[r]), round(xs[c + 1]), round(rowTop[r])],
        });
        continue;
      }
      const parts = cell.parts;
      const text = textOf(parts);
      const bbox: [number, number, number, number] = [
        round(Math.min(...parts.map((p) => p.x0))),
        round(Math.min(...parts.map((p) => p.bottom))),
        round(Math.max(...parts.map((p) => p.x1))),
        round(Math.max(...parts.map((p) => p.top))),
      ];
      out.push({ r, c, rowSpan: 1, colSpan: cell.c1 - cell.c0 + 1, text, page, bbox });
    }
    if (unsettled.has(r)) unsettle(out, inRow, r);
  }
  const y0 = Math.min(...rowBottom),
    y1 = Math.max(...rowTop);
  return { page, xs, nRows, cells: out, x0: xs[0], x1: xs[xs.length - 1], y0, y1, aligned: true };
}
