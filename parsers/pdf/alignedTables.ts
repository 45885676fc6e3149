// Tables printed without ruling lines, found from text alignment alone:
// - region: a run of lines that are cut into several pieces by wide gaps and hold numbers, with
//   the header lines just above and wrapped label lines just below;
// - columns: the x-ranges of the pieces that sit in one column (a piece over two pieces of
//   another line is a spanning header and does not define columns);
// - rows: lines at about one line's distance continue the row above (wrapped cells, values
//   centred between two label lines) unless they start a numbered label, repeat a value in
//   the same column or cut across a spanning cell.
// The result has the shape of a ruled table on its page, so joining and the model are shared.
// This file finds the regions; alignedColumns.ts their columns, alignedRows.ts their rows and cells.
import { valueColumns } from './alignedColumns';
import { buildTable } from './alignedRows';
import type { PageTable } from './fillGrid';
import { isNumeric, isValuePiece, NUMBERED, segmentsOf, type Segment } from './lineSegments';
import {
  lineGap as gap,
  median,
  gapsAtSpacing,
  lineSpacingOfGaps,
  labelLineGaps,
  SINGLE_SPACED,
  type Spacing,
} from './tableSpacing';
import { MAX_NOTE_LINES, TABLE_NOTE } from './tableNote';
import { overlaps } from './xRanges';
import type { TextItem } from './pageText';
import { groupLines, type TextLine } from './textLines';

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
  const sp = gapsAtSpacing(lineSpacingOfGaps(labelLineGaps(lines, segs)) ?? lineSpacing);
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
      const toFoot = end === pageBottom;
      const footLabels = toFoot && !segs.slice(start, end + 1).some((line) => line.some(isValuePiece));
      // (at the page's top, numbered rows that print no number above it are that table's rows too)
      // (or a page holding nothing but one numbered row: a table broken before and after it)
      const pageOfRows = toFoot && NUMBERED.test(lines[start].text);
      const continued = start === pageTop && (lastRow || numberedLines(segs, start, end) >= 3 || pageOfRows);
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
  // (or down to a note under the table at the page's foot, 注：本表…, which buildBlocks holds
  // while the table goes on past it)
  let foot = end;
  while (foot < pageBottom && gap(lines[foot], lines[foot + 1]) <= regionGap * lines[foot + 1].size && inner(foot + 1))
    foot++;
  const noteAtFoot =
    foot > end && foot < pageBottom && pageBottom - foot <= MAX_NOTE_LINES && TABLE_NOTE.test(lines[foot + 1].text);
  if (foot === pageBottom || noteAtFoot) end = foot;
  // (or down to the page's foot past a group's label wrapped in the column left of the rows'
  // labels: （四）无法 / 提供, set on its rows, which go on over the page, at the headings' margin
  // where the table starts there; a heading after the table is one line, or runs on over them)
  else if (groupLabelAtFoot(lines, segs, tabular, i, foot, pageBottom)) end = pageBottom;
  return [start, end, count];
}

/** how many lines a group's label wrapped in its column may print at a page's foot */
const MAX_GROUP_LABEL_LINES = 3;

/** lines (foot, pageBottom] are a group's label of the rows above, wrapped in a column of its own */
function groupLabelAtFoot(
  lines: TextLine[],
  segs: Segment[][],
  tabular: boolean[],
  i: number,
  foot: number,
  pageBottom: number,
): boolean {
  const n = pageBottom - foot;
  // (however far below the rows: a group's label is set in the middle of its cell, which goes
  // on to the page's foot)
  if (n < 2 || n > MAX_GROUP_LABEL_LINES || !NUMBERED.test(lines[foot + 1].text)) return false;
  // left of the last row's label: the group's first row (its other lines may print beside the
  // rows above: 提供 beside 2.没有现成信息… 44 3)
  let last = foot;
  while (last > i && !tabular[last]) last--;
  const rowLabelX0 = segs[last][0].x0;
  const label = lines.slice(foot + 1, pageBottom + 1);
  return label.every((l, k) => segs[foot + 1 + k].length === 1 && l.x1 < rowLabelX0 - l.size / 2);
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
  // (or one line that goes on in the label's column, no wider than it, beside the first line of
  // the row's own label, the row's numbers on the line right under: 三、本年度办 / 理结果 1.本机关
  // 不掌握相关政府信 / 252 12 1, as LibreOffice sets a group's label in the middle of its rows)
  const nextTo = segs[k + 1];
  if (
    near(k) &&
    near(k + 1) &&
    nextTo.length === 2 &&
    !nextTo.some(isValuePiece) &&
    nextTo[0].x0 >= label.x0 - label.size / 2 &&
    nextTo[0].x1 <= label.x1 + label.size / 2 &&
    nextTo[1].x0 >= label.x1 &&
    segs[k + 2].some(isValuePiece) &&
    segs[k + 2][0].x0 >= nextTo[1].x0
  )
    k++;
  // a group's label stands centred on its rows: the row beside it may start a little lower
  const below = segs[k + 1];
  const reach = (k > j ? 2 : 1) * sp.row * lines[k].size;
  if (!below || gap(lines[k], lines[k + 1]) > reach || !below.some(isValuePiece)) return false;
  const [first] = below;
  return first.x0 >= label.x1 || (!isValuePiece(first) && inColumn(first));
}
