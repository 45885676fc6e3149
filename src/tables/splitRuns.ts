// Cells printed with no separator ("898989", "230 000023") → every way to read them as the
// row's cells. Hard limits: a number never starts with 0 unless it is 0, decimals only where
// the column holds money, spaces and placeholders (— /) always separate. Choosing among the readings is left to
// chooseReading, which applies the table's arithmetic.
import type { ColumnSpec } from './catalog';
import type { TextPiece } from './logicalRows';
import type { Provenance } from '../model/document';
import { parseValue } from './parseValue';

export interface Token {
  raw: string;
  value: number | null;
  source: Provenance;
  split?: boolean;
  /** cut out of a longer run of digits ("898989" → 89), not a number printed apart */
  cut?: boolean;
  /** cut out of digits printed run together (crawler text), not out of one printed cell */
  runTogether?: boolean;
}

interface Chunk {
  text: string;
  /** the value's provenance; the chunk's own is where it starts in the value (chunkSource) */
  base: Provenance;
  /** where the chunk starts in the value's text (undefined: a value with no chunk, read whole) */
  at?: number;
  runTogether?: boolean;
  /** a blank cell the flattened text marks (a bare bar): a cell of its own, holding nothing */
  blank?: boolean;
}

/** flattenedRows marks a blank cell printed as a bare bar with this character */
const BLANK_CELL = '\uE000';

/** past this many readings the row is not read: a choice among some of them could be wrong */
const MAX_READINGS = 1000;
/** nor past this many steps of the search: long runs of large numbers could take seconds */
const MAX_STEPS = 50000;
/** no count or amount in these tables runs to more digits than this */
const MAX_PIECE = 16;

// a placeholder between digits ("2648—538") is a cell of its own, and a footnote mark ends
// one ("1-1①100000": 1 | -1① | 100000; 注 may be a note's number, "13注1", so not that)
const CHUNK = /[—–/／\uE000]|[^\s—–/／\uE000]+?(?:[*＊※①-⑳](?=\d)|(?=[\s—–/／\uE000]|$))/g;

function chunksOf(values: TextPiece[]): Chunk[] {
  const chunks: Chunk[] = [];
  const re = CHUNK;
  for (const v of values) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let any = false;
    while ((m = re.exec(v.text))) {
      any = true;
      // (its provenance is made only when a token needs it: most chunks are cut into pieces)
      chunks.push({
        text: m[0] === BLANK_CELL ? '' : m[0],
        base: v.source,
        at: m.index,
        runTogether: v.runTogether,
        blank: m[0] === BLANK_CELL,
      });
    }
    if (!any) chunks.push({ text: '', base: v.source, at: undefined, runTogether: undefined, blank: undefined });
  }
  return chunks;
}

/** where a chunk starts, or `by` characters after that */
const chunkSource = (ch: Chunk, by = 0): Provenance => (ch.at === undefined ? ch.base : offset(ch.base, ch.at + by));

const NOT_SPACE = /\S/;
/** a slot whose whole text is the unread sign */
const ALL_UNREAD = /^\s*\uFFFD+\s*$/;
const INTEGER = /^(?:0|[1-9]\d*)$/;
const DIGITS = /^\d+$/;
/** what one cell can print: a number with no leading zero, a placeholder */
/** (a footnote mark closing it, "13*", "0①", is still one cell, not digits run together) */
const ONE_CELL = /^(?:[-−]?(?:0|[1-9]\d{0,15})(?:\.\d+)?(?:万元|元)?[*＊※①-⑳]?|[—–/／])$/;
const DECIMAL = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** integers are the common case: skip the general parser for them */
function pieceValue(piece: string, column: ColumnSpec): number | null {
  return INTEGER.test(piece) ? Number(piece) : parseValue(piece, column).value;
}

const PLACEHOLDER_CELL = /^[—–/／]$/;

const DIGITS_APART = /\d\s+\d/;
/** a number printed with its thousands apart: 1 234, 12 345 678.5 */
const DIGIT_GROUPS = /^\s*[-−]?\d{1,3}(?:[ \u00a0\u2009]\d{3})+(?:\.\d+)?\s*$/;
/**
 * several numbers in one piece read over several lines, white space between them: cells a line
 * each, read together ("2 | 0 | 0" under one column). Not a cell of one line: a grid's cell may
 * spread one number's digits apart (2 5 8, justified), which is that number
 */
const numbersApart = (v: TextPiece) =>
  v.end !== undefined && v.end.line !== v.source.line && DIGITS_APART.test(v.text) && !DIGIT_GROUPS.test(v.text);

const MARKED = /(?<=\d)[*＊※①-⑳]$/;

function pieceFits(piece: string, column: ColumnSpec): boolean {
  if (PLACEHOLDER_CELL.test(piece)) return true;
  // a footnote mark closes a cell: the number before it must fit
  if (MARKED.test(piece)) return pieceFits(piece.slice(0, -1), column);
  const last = piece.charCodeAt(piece.length - 1);
  if (last >= 0x30 && last <= 0x39) {
    // no unit (the common case): the same tests as below without the unit handling
    if (column.kind === 'money') return DECIMAL.test(piece);
    if (piece[0] === '-' || piece[0] === '−') return column.kind === 'signedCount' && INTEGER.test(piece.slice(1));
    return INTEGER.test(piece);
  }
  const body = piece.replace(/(万元|元)$/, '');
  if (/(万元|元)$/.test(piece) && column.kind !== 'money') return false;
  return column.kind === 'money'
    ? DECIMAL.test(body)
    : INTEGER.test(body.replace(/^[-−]/, '')) && (column.kind === 'signedCount' || !/^[-−]/.test(body));
}

export interface ReadingOptions {
  /** columns a row always prints when it prints any cell (a 总计 that sums its parts) */
  printed?: (column: ColumnSpec) => boolean;
  /**
   * the row's own arithmetic: a reading made by cutting digits or by a vanished blank that breaks
   * it is no reading (chooseReading drops it anyway); left out here, it does not count against
   * the bounds
   */
  rowCheck?: (values: Array<number | null>) => boolean;
  /**
   * the same arithmetic on the cells read so far: false when an equation all of whose cells are
   * among columns 0..upTo fails. Prunes the search (a table 四 run has 12 cells that may be blank)
   */
  prefixCheck?: (values: Array<number | null>, upTo: number) => boolean;
  /**
   * the row's last column is its 总计, the sum of these columns: read it first (a suffix of the
   * digits), then cut the rest so that no running sum passes it. Prunes a 7-cell row of 30
   * digits from many thousand branches to a few hundred.
   */
  lastIsSumOf?: number[];
  /**
   * columns where the row's checks start afresh (a row standing for several, table 四 as one run):
   * prefixCheck never tests a column before one of them together with one from it on, so the
   * search from such a column on is the same whatever was cut before it, and is searched once
   */
  blockStarts?: number[];
  /**
   * per column, the columns whose sum it must equal when that is the only part of prefixCheck
   * that ends at it: of a run of digits, only the piece spelling the sum can pass, and no part is
   * cut so long that the digits left could not spell the sum
   */
  sumOf?: Array<number[] | undefined>;
}

/** the total's largest suffix tried; a count never runs longer */
const MAX_TOTAL = 9;

/**
 * All readings of the row's value cells as exactly `columns.length` tokens. Digits run together
 * print nothing for a blank cell: any column may be a blank that vanished (a token with no raw and
 * a null value), except those `printed` says a row always prints (a 总计 that sums its parts).
 */
export function readingsOf(values: TextPiece[], columns: ColumnSpec[], opts: ReadingOptions = {}): Token[][] {
  return searchReadings(values, columns, opts) ?? [];
}

/** readingsOf, undefined where the search passed its bounds (MAX_READINGS, MAX_STEPS) */
export function searchReadings(
  values: TextPiece[],
  columns: ColumnSpec[],
  opts: ReadingOptions = {},
): Token[][] | undefined {
  if (opts.lastIsSumOf && !opts.lastIsSumOf.some((c) => columns[c].kind !== 'count'))
    return readingsTotalFirst(values, columns, opts, opts.lastIsSumOf);
  return readingsInOrder(values, columns, opts);
}

/**
 * Readings of a row whose last column sums others: each suffix of the last run of digits as the
 * total, the rest cut as the other columns under the bound (a running sum of counts never
 * passes the total), the full reading kept when the row's arithmetic holds.
 */
function readingsTotalFirst(
  values: TextPiece[],
  columns: ColumnSpec[],
  opts: ReadingOptions,
  parts: number[],
): Token[][] | undefined {
  const k = columns.length;
  // a cell for every column, each printing something (a grid's row): every character but a space
  // is in some chunk, so there are as many chunks as columns at least, and the row is read in
  // order (below) without cutting its cells into chunks first
  if (values.length >= k && values.every((v) => NOT_SPACE.test(v.text))) return readingsInOrder(values, columns, opts);
  const last = values.length ? values[values.length - 1] : undefined;
  const text = last?.text.trimEnd() ?? '';
  const chunks = chunksOf(values).filter((c) => c.text !== '' || c.blank);
  const lastChunk = chunks[chunks.length - 1];
  // only digits run together end in a total this way (the search in order would cut them too);
  // anything else is read in order
  if (
    !last ||
    chunks.length >= k ||
    !isRunTogether(chunks) ||
    !lastChunk ||
    !/^\d+$/.test(lastChunk.text) ||
    !text.endsWith(lastChunk.text)
  )
    return readingsInOrder(values, columns, opts);
  const out: Token[][] = [];
  const partColumns = cachedIn(partColumnsOf, columns, () => columns.slice(0, -1));
  const partOpts = cachedIn(partOptionsOf, opts, () => ({ ...opts, rowCheck: undefined }));
  for (let d = 1; d <= Math.min(MAX_TOTAL, lastChunk.text.length); d++) {
    // digits alone (a suffix of lastChunk): a piece fits unless it starts with 0 and goes on,
    // and then its value is the number its digits spell (pieceFits and pieceValue, without their regexes)
    if (d > 1 && text.charCodeAt(text.length - d) === 48) continue;
    const raw = text.slice(text.length - d);
    const total = Number(raw);
    const head = [...values.slice(0, -1), { ...last, text: text.slice(0, text.length - d) }].filter(
      (v, i, all) => v.text !== '' || i < all.length - 1,
    );
    const rest = readingsInOrder(head, partColumns, partOpts, { parts, total });
    // past the bounds for one total: the readings are not all known, so none is
    if (!rest) return undefined;
    const token: Token = {
      raw,
      value: total,
      source: offset(last.source, text.length - d),
      split: true,
      cut: d !== lastChunk.text.length,
      runTogether: lastChunk.runTogether,
    };
    for (const r of rest) {
      const reading = [...r, token];
      if (!opts.rowCheck || opts.rowCheck(reading.map((t) => t.value))) out.push(reading);
      if (out.length > MAX_READINGS) return undefined;
    }
  }
  return out;
}

/**
 * Derived once from a row shape's columns or options (static: the catalog's arrays, recogniseTables'
 * options per shape), not rebuilt for every row: the columns before the total, the options
 * without the row's check, which columns `printed` names
 */
const partColumnsOf = new WeakMap<ColumnSpec[], ColumnSpec[]>();
const partOptionsOf = new WeakMap<ReadingOptions, ReadingOptions>();
const printedOf = new WeakMap<ReadingOptions, WeakMap<ColumnSpec[], boolean[]>>();

function cachedIn<K extends object, V>(cache: WeakMap<K, V>, key: K, make: () => V): V {
  let v = cache.get(key);
  if (v === undefined) cache.set(key, (v = make()));
  return v;
}

/** per column, whether `opts.printed` says a row always prints it */
function printedColumns(opts: ReadingOptions, columns: ColumnSpec[]): boolean[] | undefined {
  const printed = opts.printed;
  if (!printed) return undefined;
  const byColumns = cachedIn(printedOf, opts, () => new WeakMap<ColumnSpec[], boolean[]>());
  return cachedIn(byColumns, columns, () => columns.map((c) => printed(c)));
}

const isRunTogether = (chunks: Chunk[]) =>
  chunks.some((c) => c.runTogether || (c.text !== '' && !ONE_CELL.test(c.text))) || chunks.length === 1;

function readingsInOrder(
  values: TextPiece[],
  columns: ColumnSpec[],
  opts: ReadingOptions,
  bound?: Bound,
): Token[][] | undefined {
  const k = columns.length;
  // U+FFFD: text a parser could not read for sure (undecodable glyphs, a row whose columns are
  // unsettled): no reading, except a scanned grid's cell OCR could not read, in a row with a slot
  // per column and other numbers read: that cell stays empty (ocrConfidence flags it) and the
  // others are read where they stand. (Elsewhere one unread slot says the whole row is unsure.)
  if (values.some((v) => v.text.includes('\uFFFD'))) {
    const unread = values.filter((v) => v.text.includes('\uFFFD'));
    if (
      values.length !== k ||
      unread.some((v) => !ALL_UNREAD.test(v.text) || !v.source.ocr) ||
      !values.some((v) => NOT_SPACE.test(v.text) && !v.text.includes('\uFFFD'))
    )
      return [];
    return [
      values.map((v, i) =>
        ALL_UNREAD.test(v.text)
          ? { raw: '\uFFFD', value: null, source: v.source }
          : { raw: v.text, value: parseValue(v.text, columns[i]).value, source: v.source },
      ),
    ];
  }
  // a cell each (a grid's row, or as many pieces as columns): read as printed, unless a piece read
  // over several lines holds numbers apart that are no digit groups ("2 0 0" under one column:
  // three cells, not 200)
  if (values.length === k && !values.some(numbersApart))
    return [values.map((v, i) => ({ raw: v.text, value: parseValue(v.text, columns[i]).value, source: v.source }))];
  const chunks = chunksOf(values).filter((c, i, all) => c.text !== '' || c.blank || all.length <= k);
  if (chunks.length === k) {
    const split = values.length !== k;
    return [
      chunks.map((c, i) => ({
        raw: c.text,
        value: parseValue(c.text, columns[i]).value,
        source: chunkSource(c),
        split,
      })),
    ];
  }
  if (chunks.length > k) return [];
  // one search at a time (nothing it calls searches again): its state is reused, not rebuilt
  const search = idleSearch ?? new DigitSearch();
  idleSearch = undefined;
  try {
    return search.run(chunks, columns, opts, bound);
  } finally {
    idleSearch = search;
  }
}

interface Bound {
  parts: number[];
  total: number;
}

/** the search's state between searches, reused by the next (readingsInOrder) */
let idleSearch: DigitSearch | undefined;

/**
 * The search over the cuts of a row's chunks into its columns. Its arrays and maps are kept
 * from one search to the next (a search sets every entry it reads first): a search used to
 * build some twenty arrays and as many closures before its first step, more than a short row's
 * whole search costs.
 */
class DigitSearch {
  private chunks: Chunk[] = [];
  private columns: ColumnSpec[] = [];
  private opts: ReadingOptions = {};
  private bound: Bound | undefined;
  private out: Token[][] = [];
  private k = 0;
  private n = 0;
  private steps = 0;
  private runTogether = false;
  private checking = false;
  private prefixCheck: ReadingOptions['prefixCheck'];
  private totalsAfter: TotalAfter[][] | undefined;
  private anyTotalToFit = false;
  private maxText = 0;
  // per chunk, from it on: the characters (a column needs at least one, so this bounds every
  // branch), the digits (what the total's bound weighs: a footnote mark, "0※", is no digit;
  // counted as one, "1100※" looked like five digits for four cells, one of them ≥ 10), and
  // whether every character is a digit; index n stands for the end of the row
  private readonly charsFrom: number[] = [];
  private readonly digitsFrom: number[] = [];
  private readonly allDigitsFrom: boolean[] = [];
  /** per chunk: digits alone (the common case: a piece is valued digit by digit) */
  private readonly digitsOnly: boolean[] = [];
  // the piece in each column as chunk index and character range (-1: a marked blank cell);
  // tokens are built only for complete readings, most branches never complete
  private readonly cis: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** where a piece starts, one provenance for every reading that cuts a piece there */
  private sources: Array<Array<Provenance | undefined> | undefined> = [];
  // a complete reading's values, before it is kept: most the row's check drops
  private readonly cellValues: Array<number | null> = [];
  // per column: run together, a blank cell leaves no trace, so a column may take no characters
  // at all; whether it is a bounded part; the values read so far, for the prefix check; the
  // running sum of the bounded parts up to it; whether a block of the row's checks starts there
  private readonly mayVanish: boolean[] = [];
  private readonly isPart: boolean[] = [];
  private readonly vals: Array<number | null> = [];
  private readonly running: number[] = [];
  private readonly blockStart: boolean[] = [];
  /** the columns to be the sum of others (opts.sumOf) */
  private sums: ReadingOptions['sumOf'];
  /** per column: one that must spell the sum of its parts, cannot vanish and starts no block (sumNotSpelt) */
  private readonly spellsSum: boolean[] = [];
  // mustFill[c]: the columns from c on that need a character each; partsFrom[c]: every column
  // from c on is a bounded part
  private readonly mustFill: number[] = [];
  private readonly partsFrom: boolean[] = [];
  /**
   * The search from a block start on, remembered by where it starts (chunk, character, column):
   * its complete readings' cells from that column on and the steps it took, so that a second
   * visit replays them (and counts the same steps against MAX_STEPS) instead of searching again.
   * Bounded, only where no part comes before it: the running sum is still 0 there.
   */
  private readonly searched = new Map<number, { steps: number; ends: number[][] }>();
  private readonly recording: Array<{ from: number; ends: number[][] }> = [];

  run(chunks: Chunk[], columns: ColumnSpec[], opts: ReadingOptions, bound: Bound | undefined): Token[][] | undefined {
    const k = columns.length;
    const n = chunks.length;
    this.chunks = chunks;
    this.columns = columns;
    this.opts = opts;
    this.bound = bound;
    this.out = [];
    this.k = k;
    this.n = n;
    this.steps = 0;
    const { charsFrom, digitsFrom, allDigitsFrom, digitsOnly } = this;
    charsFrom[n] = 0;
    digitsFrom[n] = 0;
    allDigitsFrom[n] = true;
    let maxText = 0;
    for (let i = n - 1; i >= 0; i--) {
      const ch = chunks[i];
      digitsOnly[i] = DIGITS.test(ch.text);
      charsFrom[i] = charsFrom[i + 1] + (ch.blank ? 1 : ch.text.length);
      digitsFrom[i] = digitsFrom[i + 1] + (ch.blank ? 0 : digitCount(ch.text, 0));
      allDigitsFrom[i] = allDigitsFrom[i + 1] && !ch.blank && digitsOnly[i];
      if (ch.text.length > maxText) maxText = ch.text.length;
    }
    this.maxText = maxText + 1;
    this.sources = [];
    // a printed number that is a number by itself ("10") is one cell: where a blank cell vanished
    // (space-aligned text, a cell a line) cutting it could still satisfy the row's sum by chance.
    // Numbers are cut only out of digits run together: against a label, or a run that shows it
    // somewhere by a number no cell could hold ("230 000023": 000023), or a row printing one
    // number for several cells ("申请 8000008" for seven: not six blanks vanished, cells run
    // together). Three numbers for seven cells are blanks vanished: "3650 30 3680" is no
    // 36|5|0|3|0|36|80
    const runTogether = isRunTogether(chunks);
    this.runTogether = runTogether;
    const printed = printedColumns(opts, columns);
    this.prefixCheck = opts.prefixCheck;
    this.checking = !!opts.prefixCheck || !!bound;
    const { mayVanish, isPart, vals, running, blockStart, mustFill, partsFrom, cis, starts, ends } = this;
    // the checks see this row's values only: as long as the row, whatever the last search's was
    // (setting an array's length is a call into the runtime even when it changes nothing)
    if (vals.length !== k) vals.length = k;
    if (this.cellValues.length !== k) this.cellValues.length = k;
    for (let c = 0; c < k; c++) {
      mayVanish[c] = runTogether && !printed?.[c];
      isPart[c] = !!bound && bound.parts.includes(c);
      vals[c] = null;
      running[c] = 0;
      blockStart[c] = false;
      cis[c] = 0;
      starts[c] = 0;
      ends[c] = 0;
    }
    mustFill[k] = 0;
    partsFrom[k] = true;
    for (let c = k - 1; c >= 0; c--) {
      mustFill[c] = mustFill[c + 1] + (mayVanish[c] ? 0 : 1);
      partsFrom[c] = partsFrom[c + 1] && isPart[c];
    }
    for (const b of opts.blockStarts ?? [])
      if (b > 0 && b < k && (!bound || bound.parts.every((p) => p >= b))) blockStart[b] = true;
    const sums = opts.sumOf;
    this.sums = sums;
    for (let c = 0; c < k; c++) this.spellsSum[c] = !!sums?.[c] && !mayVanish[c] && !blockStart[c];
    this.totalsAfter = this.prefixCheck && opts.sumOf ? totalsAfterColumns(opts.sumOf, k) : undefined;
    this.anyTotalToFit = !!this.totalsAfter?.some((totals) => totals.some(({ total }) => !mayVanish[total]));
    // (clearing an empty Map still allocates a new table: most rows never record a search)
    if (this.searched.size) this.searched.clear();
    if (this.recording.length) this.recording.length = 0;
    this.walk(0, 0);
    const out = this.out;
    const passed = out.length > MAX_READINGS || this.steps > MAX_STEPS;
    // nothing of this row kept past its search
    this.chunks = [];
    this.columns = [];
    this.opts = {};
    this.bound = undefined;
    this.sums = undefined;
    this.out = [];
    this.sources = [];
    if (this.searched.size) this.searched.clear();
    return passed ? undefined : out;
  }

  private sourceAt(ci: number, start: number): Provenance {
    return ((this.sources[ci] ??= [])[start] ??= chunkSource(this.chunks[ci], start));
  }

  private complete(): void {
    const { k, chunks, cis, starts, ends, cellValues, columns, digitsOnly } = this;
    // (bounded, reachedEnd has left only readings whose parts add up to the total exactly)
    // the values first: most readings the row's check drops are never made into tokens
    let vanishedOrCut = false;
    for (let c = 0; c < k; c++) {
      const ch = chunks[cis[c]];
      const start = starts[c],
        end = ends[c];
      if (start < 0) {
        vanishedOrCut ||= !ch.blank;
        cellValues[c] = null;
        continue;
      }
      // a piece of digits alone has no leading zero (the search cuts none): the number its
      // digits spell, exact up to 15 of them, as pieceValue would read it
      if (digitsOnly[cis[c]] && end - start <= 15) {
        let value = 0;
        for (let i = start; i < end; i++) value = value * 10 + (ch.text.charCodeAt(i) - 48);
        cellValues[c] = value;
      } else cellValues[c] = pieceValue(ch.text.slice(start, end), columns[c]);
      vanishedOrCut ||= end - start !== ch.text.length;
    }
    const rowCheck = this.opts.rowCheck;
    if (rowCheck && vanishedOrCut && !rowCheck(cellValues)) return;
    const r: Token[] = [];
    for (let c = 0; c < k; c++) {
      const ch = chunks[cis[c]];
      if (starts[c] < 0) {
        r.push({ raw: '', value: null, source: this.sourceAt(cis[c], 0), split: true });
        continue;
      }
      const piece = ch.text.slice(starts[c], ends[c]);
      r.push({
        raw: piece,
        value: cellValues[c],
        source: this.sourceAt(cis[c], starts[c]),
        split: true,
        cut: piece.length !== ch.text.length,
        runTogether: ch.runTogether,
      });
    }
    this.out.push(r);
  }

  private holds(c: number, value: number | null): boolean {
    if (!this.checking) return true;
    const { vals, running, bound } = this;
    vals[c] = value;
    if (bound) {
      running[c] = (c ? running[c - 1] : 0) + (this.isPart[c] ? (vals[c] ?? 0) : 0);
      if (running[c] > bound.total) return false;
    }
    return !this.prefixCheck || this.prefixCheck(vals, c);
  }

  /**
   * the sum of column c's parts, when a whole number of at most 15 digits (past that, a longer
   * run of digits could still round to it)
   */
  private sumOf(c: number): number | undefined {
    const parts = this.sums?.[c];
    if (!parts) return undefined;
    let sum = 0;
    for (let i = 0; i < parts.length; i++) sum += this.vals[parts[i]] ?? 0;
    return Number.isInteger(sum) && sum >= 0 && sum < 1e15 ? sum : undefined;
  }

  private vanish(c: number, ci: number): boolean {
    this.cis[c] = Math.min(ci, this.n - 1);
    this.starts[c] = -1;
    this.ends[c] = -1;
    return this.holds(c, null);
  }

  /**
   * bounded, with only parts left after column c: can `digits` more digits in those columns
   * still make up what the total lacks? Some column then holds ≥ ⌈digits/columns⌉ of them (a
   * number of ℓ ≥ 2 digits is ≥ 10^(ℓ−1)), and all of them at most a number of `digits` digits
   */
  private reachable(c: number, digits: number): boolean {
    const bound = this.bound;
    if (!bound || !this.partsFrom[c + 1]) return true;
    const need = bound.total - this.running[c];
    const cols = this.k - c - 1;
    if (digits === 0 || cols === 0) return need === 0 && digits === 0;
    if (digits <= 15 && need >= pow10(digits)) return false;
    const longest = Math.ceil(digits / cols);
    return longest < 2 || need >= pow10(longest - 1);
  }

  /**
   * Every character left a digit (no placeholder, no blank cell: either could hold a 总计, and a
   * blank total passes its check), a 总计 still to come is spelt by those digits. It equals the
   * sum of its parts (opts.sumOf, which prefixCheck tests when it is read), the parts still to
   * come add ≥ 0 (digits alone), so it is at least the sum of the parts read so far, and a
   * number printed without a leading zero that large has at least as many digits. Too few
   * characters left for those digits and one for every other column that cannot vanish: no cut
   * from here completes a reading, and none that leaves fewer characters or adds to a part can
   * either.
   */
  private totalsFit(c: number, charsLeft: number): boolean {
    const { mayVanish, vals } = this;
    let need = this.mustFill[c + 1];
    const totals = this.totalsAfter![c];
    for (let t = 0; t < totals.length; t++) {
      const { total, parts } = totals[t];
      if (mayVanish[total]) continue;
      let sum = 0;
      for (let i = 0; i < parts.length; i++) sum += vals[parts[i]] ?? 0;
      if (sum >= 10 && sum < 1e15) need += digitLength(Math.floor(sum)) - 1;
    }
    return charsLeft >= need;
  }

  /**
   * a complete reading's state from a column on: its pieces and the running sum (a bound's
   * test). Bounded, one whose parts miss the total is no reading (complete would drop it), nor
   * is it on any replay (the running sum is replayed with it): it is not remembered either
   */
  private reachedEnd(): void {
    const { k, cis, starts, ends, running, bound } = this;
    if (bound && running[k - 1] !== bound.total) return;
    for (const r of this.recording) {
      const cells: number[] = [];
      for (let c = r.from; c < k; c++) cells.push(cis[c]);
      for (let c = r.from; c < k; c++) cells.push(starts[c]);
      for (let c = r.from; c < k; c++) cells.push(ends[c]);
      for (let c = r.from; c < k; c++) cells.push(running[c]);
      r.ends.push(cells);
    }
    this.complete();
  }

  private replay(from: number, cells: number[]): void {
    const { k, cis, starts, ends, running } = this;
    const w = k - from;
    for (let c = from; c < k; c++) {
      cis[c] = cells[c - from];
      starts[c] = cells[w + c - from];
      ends[c] = cells[2 * w + c - from];
      running[c] = cells[3 * w + c - from];
    }
    this.reachedEnd();
  }

  private onceFromBlockStart(ci: number, start: number, c: number): void {
    const key = (ci * this.maxText + start) * this.k + c;
    const known = this.searched.get(key);
    if (known) {
      this.steps += known.steps;
      if (this.steps > MAX_STEPS) return;
      for (const cells of known.ends) this.replay(c, cells);
      return;
    }
    const rec = { from: c, ends: [] as number[][] };
    const before = this.steps;
    this.recording.push(rec);
    this.search(ci, start, c);
    this.recording.pop();
    this.searched.set(key, { steps: this.steps - before, ends: rec.ends });
  }

  private walk(ci: number, col: number): void {
    const k = this.k;
    if (this.out.length > MAX_READINGS || this.steps > MAX_STEPS) return;
    if (ci === this.n) {
      // the row's last cells blank
      let c = col;
      while (c < k && this.mayVanish[c]) if (!this.vanish(c++, ci)) return;
      if (c === k) this.reachedEnd();
      return;
    }
    if (this.chunks[ci].blank) {
      // a marked blank cell takes one column and holds nothing
      if (col >= k) return;
      this.cis[col] = ci;
      this.starts[col] = -1;
      this.ends[col] = -1;
      if (this.holds(col, null)) this.walk(ci + 1, col + 1);
      return;
    }
    this.place(ci, 0, col);
  }

  /** split chunk ci from `start` on into pieces occupying columns c, c+1, … */
  private place(ci: number, start: number, c: number): void {
    if (c < this.k && this.blockStart[c]) this.onceFromBlockStart(ci, start, c);
    else this.search(ci, start, c);
  }

  /** the digits from `at` in chunk ci on, and in the chunks after it */
  private digitsAfter(ci: number, at: number): number {
    const text = this.chunks[ci].text;
    return (this.digitsOnly[ci] ? text.length - at : digitCount(text, at)) + this.digitsFrom[ci + 1];
  }

  private search(ci: number, start: number, c: number): void {
    if (++this.steps > MAX_STEPS) return;
    const text = this.chunks[ci].text;
    if (start === text.length) {
      this.walk(ci + 1, c);
      return;
    }
    const { k, bound, mayVanish, partsFrom, mustFill, checking, cis, starts, ends } = this;
    const chunksLeft = this.n - ci - 1;
    if (c >= k || k - c < chunksLeft + 1) return;
    const laterChars = this.charsFrom[ci + 1];
    // no piece is longer than MAX_PIECE: more characters than the columns left can hold is no reading
    if (text.length - start + laterChars > (k - c) * MAX_PIECE) return;
    // column c a blank that vanished, the piece in a later column
    if (
      mayVanish[c] &&
      k - c - 1 >= chunksLeft + 1 &&
      this.vanish(c, ci) &&
      (!bound || !partsFrom[c + 1] || this.reachable(c, this.digitsAfter(ci, start)))
    )
      this.place(ci, start, c + 1);
    const columnsAfter = k - c - 1;
    if (columnsAfter < chunksLeft) return;
    const digits = this.digitsOnly[ci];
    const prefixCheck = this.prefixCheck;
    // with no column to spare for the rest of this chunk, the piece must take all of it
    const firstEnd = columnsAfter < chunksLeft + 1 || !this.runTogether ? text.length : start + 1;
    const maxEnd = Math.min(text.length, start + MAX_PIECE);
    // digits alone (the common case): a piece fits unless it starts with 0 and goes on, and
    // then no longer one fits either; its value is the number the digits spell
    const leadingZero = digits && text.charCodeAt(start) === 48;
    const sum = digits && prefixCheck ? this.sumOf(c) : undefined;
    if (sum !== undefined) {
      // the same test as the loop below, for the one length that can pass it: the sum's digits
      const end = start + digitLength(sum);
      if (end < firstEnd || end > maxEnd || text.length - end + laterChars < mustFill[c + 1]) return;
      if (leadingZero && end > start + 1) return;
      let spelt = 0;
      for (let i = start; i < end; i++) spelt = spelt * 10 + (text.charCodeAt(i) - 48);
      if (spelt !== sum) return;
      cis[c] = ci;
      starts[c] = start;
      ends[c] = end;
      if (this.holds(c, sum) && (!bound || !partsFrom[c + 1] || this.reachable(c, this.digitsAfter(ci, end))))
        this.place(ci, end, c + 1);
      return;
    }
    /** every character from this chunk on a digit: the totals' bound applies (holds has set vals) */
    const allDigitsAfter = digits && this.allDigitsFrom[ci] && checking && this.anyTotalToFit;
    const column = this.columns[c];
    // digits alone: the piece's value digit by digit, no string cut (exact up to 15 digits)
    let digitsValue = 0,
      digitsTo = start;
    for (let end = firstEnd; end <= maxEnd; end++) {
      if (text.length - end + laterChars < mustFill[c + 1]) break; // later columns that need a character
      if (leadingZero && end > start + 1) break;
      let value: number | null = null;
      if (digits) {
        if (checking && end - start > 15) value = Number(text.slice(start, end));
        else if (checking) {
          while (digitsTo < end) digitsValue = digitsValue * 10 + (text.charCodeAt(digitsTo++) - 48);
          value = digitsValue;
        }
      } else {
        const piece = text.slice(start, end);
        if (!pieceFits(piece, column)) continue;
        if (checking) value = pieceValue(piece, column);
      }
      cis[c] = ci;
      starts[c] = start;
      ends[c] = end;
      const held = !checking || this.holds(c, value);
      if (allDigitsAfter && !this.totalsFit(c, text.length - end + laterChars)) break;
      if (held && (!bound || !partsFrom[c + 1] || this.reachable(c, this.digitsAfter(ci, end)))) {
        // the step the search would take only to find the total not spelt: counted, not taken
        if (digits && prefixCheck && this.sumNotSpelt(text, c + 1, end)) this.steps++;
        else this.place(ci, end, c + 1);
      }
    }
  }

  /**
   * column t must spell the sum of the parts read (its only check), it cannot vanish, and the
   * digits of `text` from `at` do not spell it: search(…, at, t) would return at its sum test
   */
  private sumNotSpelt(text: string, t: number, at: number): boolean {
    if (t >= this.k || at >= text.length || !this.spellsSum[t]) return false;
    const sum = this.sumOf(t);
    if (sum === undefined) return false;
    const end = at + digitLength(sum);
    if (end > text.length) return true;
    let spelt = 0;
    for (let i = at; i < end; i++) spelt = spelt * 10 + (text.charCodeAt(i) - 48);
    return spelt !== sum;
  }
}

const totalsAfterCache = new WeakMap<Array<number[] | undefined>, Map<number, TotalAfter[][]>>();
interface TotalAfter {
  total: number;
  /** its parts up to the column */
  parts: number[];
}

/** per column c of a row of k: each 总计 after it (sumOf) with its parts up to c, built once per row shape */
function totalsAfterColumns(sumOf: Array<number[] | undefined>, k: number): TotalAfter[][] {
  let byWidth = totalsAfterCache.get(sumOf);
  if (!byWidth) totalsAfterCache.set(sumOf, (byWidth = new Map()));
  let totals = byWidth.get(k);
  if (!totals) {
    totals = Array.from({ length: k }, (_, c) =>
      sumOf
        .map((parts, total) => ({ total, parts: total > c && total < k && parts ? parts.filter((p) => p <= c) : [] }))
        .filter(({ parts }) => parts.length),
    );
    byWidth.set(k, totals);
  }
  return totals;
}

/** 10^0 … 10^22, each exact as a double: `10 ** n` with n unknown calls Math.pow, the search's hot spot */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, n) => 10 ** n);
const pow10 = (n: number): number => (n < POWERS_OF_TEN.length ? POWERS_OF_TEN[n] : 10 ** n);

/** how many digits a whole number ≥ 0 prints (0 prints one) */
function digitLength(n: number): number {
  let length = 1;
  while (n >= pow10(length)) length++;
  return length;
}

function digitCount(text: string, from: number): number {
  let n = 0;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) n++;
  }
  return n;
}

const offset = (s: Provenance, by: number): Provenance =>
  s.column !== undefined ? { ...s, column: s.column + by } : s;
