// A (possibly joined) table → the model's TableBlock: columns from the union of cell edges,
// spans resolved into covered slots, every slot with its page and box.
import type { GridCell, TableBlock } from '../../src/model/document';
import type { FlowTable } from './joinTables';

const SNAP = 3;

/** `ocrPages`: the pages whose text OCR read: their cells say so */
export function toTableBlock(t: FlowTable, ocrPages: ReadonlySet<number> = new Set()): TableBlock {
  const edges: number[] = [];
  for (const v of t.cells.flatMap((c) => [c.xl, c.xr]).sort((a, b) => a - b)) {
    if (!edges.length || v - edges[edges.length - 1] > SNAP) edges.push(v);
  }
  const col = (x: number) => {
    let best = 0;
    for (let i = 1; i < edges.length; i++) if (Math.abs(edges[i] - x) < Math.abs(edges[best] - x)) best = i;
    return best;
  };
  const nc = Math.max(1, edges.length - 1);
  const rows: (GridCell | undefined)[][] = Array.from({ length: t.nRows }, () =>
    new Array<GridCell | undefined>(nc).fill(undefined),
  );
  const ordered = [...t.cells].sort((a, b) => a.r - b.r || a.xl - b.xl);
  for (const c of ordered) {
    const c0 = col(c.xl);
    const colSpan = Math.max(1, col(c.xr) - c0);
    const source = { page: c.page, bbox: c.bbox, ...(ocrPages.has(c.page) ? { ocr: true } : {}) };
    const there = rows[c.r]?.[c0];
    // overlapping parts keep the first, except that printed text wins over the blank part of a
    // merged cell reaching into its slot (a part whose column lines differ from the part above)
    if (there && !(there.covered && !there.text.trim() && c.text.trim())) {
      // a number of the same row in that slot too, in a table whose columns were guessed from
      // its text: which is the slot's is not known, and neither is read (never one kept and the
      // other lost unseen). (Ruled parts' slots are their grid's: the first part's is kept.)
      if (
        t.aligned &&
        !there.covered &&
        c.text.trim() &&
        there.text.trim() &&
        (NUMBER.test(c.text.trim()) || NUMBER.test(there.text.trim()))
      )
        there.text = UNSURE;
      continue;
    }
    rows[c.r][c0] = { text: c.text, rowSpan: c.rowSpan, colSpan, source };
    for (let r = c.r; r < c.r + c.rowSpan && r < t.nRows; r++) {
      for (let k = c0; k < c0 + colSpan && k < nc; k++) {
        if (r === c.r && k === c0) continue;
        rows[r][k] ??= { text: c.text, rowSpan: 1, colSpan: 1, covered: true, anchor: [c.r, c0], source };
      }
    }
  }
  if (t.aligned) {
    widenLabels(rows);
    settleValues(rows);
  }
  const filled: GridCell[][] = rows.map((row) =>
    row.map((slot) => slot ?? { text: '', rowSpan: 1, colSpan: 1, source: { page: t.page } }),
  );
  return {
    type: 'table',
    rows: filled,
    source: {
      page: t.page,
      bbox: t.bbox.map((v) => Math.round(v * 10) / 10) as [number, number, number, number],
      ...(ocrPages.has(t.page) ? { ocr: true } : {}),
    },
  };
}

const NUMBER = /^[-−]?\d[\d,，.]*\s*(%|％|元|万元|件|个|条)?$/;
/** a slot of its own (not covered by a merged cell) that prints a number */
const numberIn = (s: GridCell | undefined): boolean => !!s && !s.covered && NUMBER.test(s.text.trim());

/** a blank cell one row high, over one column or several (a part joined to finer columns) */
const blankSpan = (x: GridCell | undefined) => !!x && !x.covered && !x.text.trim() && x.rowSpan === 1;

/**
 * Without ruling lines a label does not show which columns it spans: a label printed in one
 * column of a wider label area leaves blank slots between it and its row's numbers, and a
 * blank slot there would read as the row's first value. A blank slot in a column that holds
 * no number in any row, right of a label, is that label's.
 */

function widenLabels(rows: (GridCell | undefined)[][]): void {
  const nc = Math.max(0, ...rows.map((r) => r.length));
  const labelColumn = Array.from({ length: nc }, (_, k) => rows.every((r) => !numberIn(r[k])));
  rows.forEach((row, r) => {
    // a column with a heading of its own in the header above is a value column, though blank
    // in every row (采购项目数量 over a blank: the label took it and 0 read as the item count)
    const head = headerAbove(rows, r, 0);
    // with no header above at all (a part not joined to its table) a blank right of the label
    // may be a value column as well as the label's: it stays blank, and settleValues decides
    if (!headerAbove(rows, r, 1)) return;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || cell.covered || !cell.text.trim() || NUMBER.test(cell.text.trim()) || cell.rowSpan > 1) continue;
      let k = c + cell.colSpan;
      const headed = (j: number) => !!head?.[j] && !head[j]!.covered && !!head[j]!.text.trim();
      // the columns of the blank at j (0: no blank there)
      const width = (j: number) => (!row[j] ? 1 : blankSpan(row[j]) ? row[j]!.colSpan : 0);
      for (let w = width(k); w && k + w <= row.length; w = width(k)) {
        const slots = Array.from({ length: w }, (_, i) => k + i);
        if (!slots.every((j) => labelColumn[j] && !headed(j))) break;
        for (const j of slots)
          row[j] = { text: cell.text, rowSpan: 1, colSpan: 1, covered: true, anchor: [r, c], source: cell.source };
        cell.colSpan += w;
        k += w;
      }
    }
  });
}

const isLabelText = (text: string) =>
  !!text.trim() && !NUMBER.test(text.trim()) && !PLACEHOLDER.test(text.trim()) && !TOUCHING.test(text.trim());
const PLACEHOLDER = /^[—–\-－/／\\×xX*＊]+$/;
/** digits as a table never prints one number: a leading zero (00, 016) or two numbers apart (9643 2032) */
const TOUCHING = /^0\d|^[-−]?\d[\d,，.]*\s+[-−]?\d/;
/** U+FFFD: text the parser could not read for sure (as for glyphs without a ToUnicode map) */
export const UNSURE = '\uFFFD';

/**
 * a row of values: numbers, or numbers left unread (U+FFFD, by this table's checks or the page's):
 * never the header of the rows below, whose headings it would seem to give every column
 */
const printsValues = (row: (GridCell | undefined)[]) =>
  row.some((s) => numberIn(s) || (!!s && !s.covered && s.text.includes(UNSURE)));

/** the first slot after the row's last label */
function firstValue(row: (GridCell | undefined)[]): number {
  let last = -1;
  row.forEach((s, i) => {
    if (s && isLabelText(s.text)) last = i;
  });
  return last + 1;
}

/** the nearest row above r that prints no number and has text in the columns from `from` on */
function headerAbove(rows: (GridCell | undefined)[][], r: number, from: number): (GridCell | undefined)[] | null {
  for (let h = r - 1; h >= 0; h--) {
    const row = rows[h];
    if (printsValues(row)) {
      if (from > 0) continue;
      return null; // for labels: only the header right above
    }
    if (row.slice(Math.max(from, 1)).some((s) => s && isLabelText(s.text))) return row;
    if (from === 0) return null;
  }
  return null;
}

/**
 * A number in a column that no heading of the header above names (its slot blank in every
 * header line over it): the columns were cut where the headings do not say, and which column
 * the number belongs to is not known.
 */
function astray(
  rows: (GridCell | undefined)[][],
  r: number,
  from: number,
  head: (GridCell | undefined)[],
  settled: (c: number) => boolean,
): boolean {
  const top = rows.indexOf(head);
  let first = top;
  while (first > 0 && !printsValues(rows[first - 1])) first--;
  const block = rows.slice(first, top + 1);
  return rows[r].some(
    (s, c) =>
      c >= from && !settled(c) && numberIn(s) && block.every((h) => !h[c] || (!h[c]!.covered && !h[c]!.text.trim())),
  );
}

/** column c has a heading of its own: text in the header row, or above it where that is blank */
function hasHeading(rows: (GridCell | undefined)[][], head: (GridCell | undefined)[], c: number): boolean {
  const h = head[c];
  if (h?.covered) return false;
  if (h?.text.trim()) return true;
  for (let k = rows.indexOf(head) - 1; k >= 0 && !printsValues(rows[k]); k--) {
    const u = rows[k][c];
    if (u?.covered) return false;
    if (u?.text.trim()) return true;
  }
  return false;
}

/**
 * More slots for values than the header above has headings over them, and fewer numbers: some
 * slot is a column cut where none is, and which blank is a value is not known.
 */
function crowded(
  rows: (GridCell | undefined)[][],
  r: number,
  from: number,
  head: (GridCell | undefined)[],
  numberColumns: boolean[],
  settled: (c: number) => boolean,
): boolean {
  // a label of the header row over several columns that each hold numbers is their labels run
  // together (社会公益组织 and 法律服务机构 wrapped in narrow columns set close: 社会公法律服 /
  // 益组织务机构): each column is one, not a cut where none is
  const underRunTogether = (c: number) =>
    !!head[c]?.covered && head[c]!.anchor?.[0] === rows.indexOf(head) && numberColumns[c];
  const named = (c: number) => hasHeading(rows, head, c) || underRunTogether(c);
  // (a settled column among the named ones is no cut; past the last named one it is another
  // part's, as below)
  const headed = (c: number) => named(c) || settled(c);
  let headings = 0,
    slots = 0,
    start = from;
  // a blank under no heading before the first value is the label's (label columns)
  while (start < rows[r].length && !named(start) && !rows[r][start]?.text.trim()) start++;
  // slots right of the last heading are other rows' columns (a part of 二 with two columns in a
  // table of three): blank here, no value's place is in doubt (a number there is astray)
  let end = rows[r].length - 1;
  while (end >= start && !named(end) && !rows[r][end]?.text.trim()) end--;
  for (let c = start; c <= end; c++) {
    if (headed(c)) headings++;
    if (!rows[r][c]?.covered) slots++;
  }
  // as many numbers as headings: every blank is a cut where no column is, and none is in doubt
  const printed = rows[r].slice(start).filter((s) => s && !s.covered && s.text.trim()).length;
  return slots > headings && printed < headings;
}

/** one Han character alone in a slot: a piece of a word, where a word is cut between columns */
const ONE_HAN = /^[\u4e00-\u9fff]$/;
/** this many such pieces in a row's label */
const CUT_LABEL_PIECES = 3;

/**
 * Text spread over its cell's width (distributed alignment, 分散对齐, or letter spacing): every
 * character stands apart, and the columns found from where text lies cut a row's label into
 * single characters (行 | 政 | 处 | 罚), and its numbers into single digits that fall into other
 * columns (258 read 2 | 5 | 8). A row's label is one slot, or two with its group's; a label in
 * three one-character pieces or more before the row's numbers means no column of the table is
 * to be trusted. (A narrow column's heading wrapped a character a line puts one character in
 * each of many columns, but in a row of headings, which prints no number.)
 */
function wordsCutIntoColumns(rows: (GridCell | undefined)[][]): boolean {
  return rows.some((row) => {
    const values = row.findIndex((s) => !!s && !s.covered && (numberIn(s) || s.text.trim() === UNSURE));
    if (values < 0) return false;
    return (
      row.slice(0, values).filter((s) => s && !s.covered && ONE_HAN.test(s.text.trim())).length >= CUT_LABEL_PIECES
    );
  });
}

/** the row's numbers from slot `from` on left unread */
function unreadNumbers(row: (GridCell | undefined)[], from = 0): void {
  for (let c = from; c < row.length; c++) {
    const s = row[c];
    const text = s?.text.trim() ?? '';
    if (s && text && (NUMBER.test(text) || TOUCHING.test(text))) row[c] = { ...s, text: UNSURE };
  }
}

/**
 * Without ruling lines the columns of a row of numbers are guessed from where text lies. Where
 * the guess is not settled the row's numbers are left unread (U+FFFD) for the analysis to
 * flag, never guessed: a blank slot would read as a value of its own and push the numbers
 * after it into the next columns, and digits that no cell prints (a leading zero, two numbers
 * in one slot) are numbers of two columns that touch, parted where no column edge says.
 */
function settleValues(rows: (GridCell | undefined)[][]): void {
  if (wordsCutIntoColumns(rows)) return rows.forEach((row) => unreadNumbers(row));
  const nc = Math.max(0, ...rows.map((r) => r.length));
  const numbersIn = Array.from({ length: nc }, (_, k) => rows.filter((r) => numberIn(r[k])).length);
  const numberColumns = numbersIn.map((n) => n > 0);
  // a column where two rows or more print a number of their own is one, whatever the header
  // above names (三's part on the next page, under only the labels printed there: 商业企业 …
  // 其他, 自然人 and 总计 left on the page before as text)
  const settled = (c: number) => numbersIn[c] >= 2;
  rows.forEach((row, r) => {
    const from = firstValue(row);
    const values = row.slice(from);
    if (!values.some(numberIn)) return;
    const head = headerAbove(rows, r, from);
    // with no header above (a part not joined to its table) a blank slot among the numbers may
    // be a column that is not there: the numbers after it would move one column on
    const last = row.findLastIndex(numberIn);
    const blankAmong = row.slice(from, last).some((s) => !s || (!s.covered && !s.text.trim()));
    // a blank slot among the numbers in a column where no row prints a number of its own and
    // no heading names: a column cut where none is
    const blankAstray = row
      .slice(from, last)
      .some(
        (s, i) =>
          (!s || (!s.covered && !s.text.trim())) &&
          !numberColumns[from + i] &&
          !(head && hasHeading(rows, head, from + i)),
      );
    if (
      values.some((s) => s && !s.covered && TOUCHING.test(s.text.trim())) ||
      blankAstray ||
      (head ? astray(rows, r, from, head, settled) || crowded(rows, r, from, head, numberColumns, settled) : blankAmong)
    )
      unreadNumbers(row, from);
  });
}
