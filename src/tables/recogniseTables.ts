// Collected rows → the cells of the three standard tables, keyed as tables.md says, with the
// layout of each table decided from its own labels.
import type { Cell, Flag, TableKey, Template } from '../model/record';
import type { Provenance } from '../model/document';
import { compact } from '../text';
import { APPLICATION_COLUMNS, CATALOG, LEGAL_PERSON_SUBTOTAL, type ColumnSpec, type RowSpec } from './catalog';
import type { CollectedTable, KeyedRow } from './collectTableRows';
import { cleanRaw } from './parseValue';
import { readingsOf, type ReadingOptions, type Token } from './splitRuns';
import { choose, type RowCheck } from './chooseReading';
import { hasNarrativeTerms, narrativeSupport, type NarrativeEvidence } from './narrativeEvidence';
import { ARITHMETIC, type TableArithmetic } from './arithmetic';
import { solveJointly } from './jointReading';
import { readingOptions } from './rowPrefixCheck';

export interface RecognisedTable {
  table: TableKey;
  template: Template;
  source?: Provenance;
  cells: Cell[];
  flags: Flag[];
  missingRows: string[];
  /** rows whose printed digits had to be split into cells, and how many of them stayed ambiguous */
  splitRows: number;
  ambiguousRows: number;
  /** rows whose reading the report's prose decided, said as findings */
  notes: string[];
}

export function detectTemplate(t: CollectedTable, year: number | null, others: Template[]): Template {
  const rows = new Set(t.rows.map((r) => r.row));
  if (t.table === 'active') {
    // label by label: short strings hit compact's memo, one long concatenation never would
    const text = compact(t.headerText) + t.rows.map((r) => r.labels.map((l) => compact(l.text)).join('')).join('');
    if (/本年制发|本年废止|现行有效/.test(text)) return '2021';
    if (
      /本年新制作|本年新公开|对外公开总数|上一年项目|本年增|采购/.test(text) ||
      rows.has('otherServices') ||
      rows.has('procurement')
    )
      return '2019';
    // a part without the column labels of 规章 (printed on the page before) still has its
    // groups' labels: 本年收费金额, 本年处理决定数量 or 处理决定数量 alone are 2021's
    if (/本年收费金额|本年处理|信息内容处理决定数量/.test(text)) return '2021';
  }
  if (t.table === 'applications') {
    if (['otherHandling.overdueCorrection', 'otherHandling.overdueFee', 'otherHandling.other'].some((r) => rows.has(r)))
      return '2021';
    // 2019's single （六）其他处理 row prints one row of numbers; more than a row's worth under it
    // are the 2021 layout's three rows whose own labels were lost (which is which stays unknown)
    const otherHandling = t.rows.find((r) => r.row === 'otherHandling');
    if (otherHandling && printedCells(otherHandling) > APPLICATION_COLUMNS.length + 1) return '2021';
    if (rows.has('otherHandling')) return '2019';
  }
  // table 四 is printed alike in both layouts: the year decides, else the other tables
  if (year !== null) return year >= 2021 ? '2021' : '2019';
  return others.includes('2021') || !others.length ? '2021' : '2019';
}

/** the numbers a row prints, cells apart: one a cell of a grid, or a run split at spaces */
const printedCells = (r: KeyedRow) => r.values.flatMap((v) => v.text.trim().split(/\s+/).filter(Boolean)).length;

/** table 三's columns with the subtotal where its label stands: before 商业企业 (1) or after 其他 (6) */
const WITH_SUBTOTAL_AT = new Map(
  [1, 6].map((at) => {
    const cols = APPLICATION_COLUMNS.slice();
    cols.splice(at, 0, LEGAL_PERSON_SUBTOTAL);
    return [at, cols];
  }),
);

function applicationColumns(t: CollectedTable): ColumnSpec[] {
  const header = compact(t.headerText);
  if (!/小计/.test(header)) return APPLICATION_COLUMNS;
  // the subtotal stands where its label stands: before 商业企业 or after 其他
  return WITH_SUBTOTAL_AT.get(header.indexOf('小计') < header.indexOf('商业企业') ? 1 : 6)!;
}

function plausibleFor(columns: ColumnSpec[]): RowCheck | undefined {
  // documents in force include this year's, documents published to date this year's published;
  // a year's change in items rarely exceeds the items
  if (columns[2]?.key === 'inForce') return (v) => v[2] === null || v[0] === null || v[2] >= v[0];
  if (columns[2]?.key === 'totalPublished') return (v) => v[2] === null || v[1] === null || v[2] >= v[1];
  if (columns[1]?.key === 'change')
    return (v) => v[0] === null || v[1] === null || v[0] === 0 || Math.abs(v[1]) <= v[0];
  return undefined;
}

interface RowReading {
  spec: RowSpec;
  columns: ColumnSpec[];
  keyed: KeyedRow;
  rowKey: string;
  candidates: Token[][];
  chosen?: Token[];
  ambiguous: boolean;
  byNarrative?: boolean;
  /** the table's column equations decided between the row's readings */
  byTable?: boolean;
}

// Split in small functions on purpose: as one function, V8 inlined everything into a body that
// took ~200 ms to optimise and was thrown away on every new object shape, over and over.
export function recogniseTable(t: CollectedTable, template: Template, prose?: NarrativeEvidence): RecognisedTable {
  const specs = CATALOG[t.table][template];
  const arithmetic = ARITHMETIC[t.table][template];
  const readings = readRows(t, specs, arithmetic, prose);
  if (arithmetic.inColumn.length) resolveAcrossRows(readings, arithmetic);
  const cells: Cell[] = [];
  const flags: Flag[] = [];
  /** the rows some cell is in */
  const found = new Set<string>();
  for (const r of readings) {
    const rowKeys = r.rowKey === '*all' ? specs.map((s) => s.key) : [r.rowKey];
    const perRow = r.rowKey === '*all' ? 5 : r.columns.length;
    if (r.ambiguous || !r.chosen) flags.push(ambiguityFlag(t.table, r, rowKeys, perRow));
    pushCells(cells, t.table, r, rowKeys, perRow);
    // (pushCells gives column i the row rowKeys[⌊i / perRow⌋])
    for (let i = 0; i < r.columns.length; i += perRow) found.add(rowKeys[Math.floor(i / perRow)]);
  }
  const missingRows: string[] = [];
  for (const s of specs) if (!found.has(s.key)) missingRows.push(s.key);
  let splitRows = 0,
    ambiguousRows = 0;
  for (const r of readings) {
    if (r.candidates.length > 1 || r.chosen?.some((tok) => tok.split)) splitRows++;
    if (r.ambiguous || !r.chosen) ambiguousRows++;
  }
  const notes = readings
    .filter((r) => (r.byNarrative || r.byTable) && r.chosen && !r.ambiguous)
    .map(
      (r) =>
        `${t.table}.${r.rowKey}: '${r.keyed.values.map((v) => v.text).join(' ')}' read as ` +
        `${r.chosen!.map((x) => x.raw).join('|')}: ` +
        (r.byTable
          ? "of the row's readings, the one the table's column equations leave"
          : "of the readings every rule allows, the one the report's own text states"),
    );
  return {
    table: t.table,
    template,
    source: t.rows[0]?.source,
    cells,
    flags,
    missingRows,
    splitRows,
    ambiguousRows,
    notes,
  };
}

/** Each collected row matched to its spec(s) and read as the row's cells. */
function readRows(
  t: CollectedTable,
  specs: RowSpec[],
  arithmetic: TableArithmetic,
  prose?: NarrativeEvidence,
): RowReading[] {
  const readings: RowReading[] = [];
  const seen = new Set<string>();
  const appColumns = t.table === 'applications' ? applicationColumns(t) : undefined;
  const { byKey, allColumns } = layoutOf(specs);
  for (const keyed of t.rows) {
    const targets = keyed.row === '*all' ? specs : byKey.get(keyed.row);
    if (!targets) continue;
    // a row printed twice (a page's repeated header, a blank template row): the one with numbers wins
    if (targets.some((x) => seen.has(x.key))) {
      const earlier = readings.findIndex((r) => targets.some((x) => x.key === r.rowKey || r.rowKey === '*all'));
      if (!hasText(keyed.values) || earlier < 0 || hasText(readings[earlier].keyed.values)) continue;
      readings.splice(earlier, 1);
    }
    for (const x of targets) seen.add(x.key);
    const columns: ColumnSpec[] = appColumns ?? (targets === specs ? allColumns : targets[0].columns);
    readings.push(readRow(arithmetic, keyed, targets[0], columns, specs, prose));
  }
  return readings;
}

interface Layout {
  /** each row key's specs (one each) */
  byKey: Map<string, RowSpec[]>;
  /** every row's columns in turn: a row standing for all of them (table 四 as one run) */
  allColumns: ColumnSpec[];
}

/** a table layout's rows by key and all their columns, built once per layout (the catalog's arrays are static) */
const layouts = new WeakMap<RowSpec[], Layout>();

function layoutOf(specs: RowSpec[]): Layout {
  let layout = layouts.get(specs);
  if (!layout) {
    const byKey = new Map<string, RowSpec[]>();
    for (const s of specs)
      byKey.set(
        s.key,
        specs.filter((x) => x.key === s.key),
      );
    layout = { byKey, allColumns: specs.flatMap((x) => x.columns) };
    layouts.set(specs, layout);
  }
  return layout;
}

const hasText = (values: Array<{ text: string }>) => values.some((v) => v.text.trim() !== '');

/**
 * a row's own arithmetic for the digit search, built once per table layout and row shape; found
 * first by the columns array itself (the catalog's, static), else by the shape's keys
 */
const checksCache = new WeakMap<
  TableArithmetic,
  { byColumns: WeakMap<ColumnSpec[], ReadingOptions>; byShape: Map<string, ReadingOptions> }
>();

function rowChecks(arithmetic: TableArithmetic, columns: ColumnSpec[]): ReadingOptions {
  let cached = checksCache.get(arithmetic);
  if (!cached) checksCache.set(arithmetic, (cached = { byColumns: new WeakMap(), byShape: new Map() }));
  let checks = cached.byColumns.get(columns);
  if (checks) return checks;
  const shape = columns.map((c) => c.key).join('|');
  checks = cached.byShape.get(shape);
  if (!checks) cached.byShape.set(shape, (checks = readingOptions(arithmetic, columns)));
  cached.byColumns.set(columns, checks);
  return checks;
}

function readRow(
  arithmetic: TableArithmetic,
  keyed: KeyedRow,
  spec: RowSpec,
  columns: ColumnSpec[],
  specs: RowSpec[],
  prose?: NarrativeEvidence,
): RowReading {
  const values = trimToWidth(keyed.values, columns.length);
  const checks = rowChecks(arithmetic, columns);
  const rowCheck = checks.rowCheck;
  const all = readingsOf(values, columns, checks);
  // the prose is read only when the rules leave several readings (choose calls this lazily),
  // for columns prose has words for, never for a row standing for several (table 四 as one run)
  let stated: ReturnType<NarrativeEvidence['stated']> | undefined;
  const support =
    prose && all.length > 1 && keyed.row !== '*all' && columns.some(hasNarrativeTerms)
      ? (v: Array<number | null>) => narrativeSupport(v, (stated ??= prose.stated(spec, specs, columns)))
      : undefined;
  const c = choose(all, columns, {
    rowCheck,
    support,
    plausible: plausibleFor(columns),
  });
  return {
    spec,
    columns,
    keyed,
    rowKey: keyed.row,
    candidates: c.ranked,
    chosen: c.reading,
    ambiguous: c.ambiguous,
    byNarrative: c.decidedBy === 'narrative',
  };
}

function ambiguityFlag(table: TableKey, r: RowReading, rowKeys: string[], perRow: number): Flag {
  const printed = r.keyed.values.map((v) => v.text).join(' ');
  return {
    rule: 'T-AMBIGUOUS',
    severity: 'warning',
    message: r.candidates.length
      ? `${table}.${r.rowKey}: '${printed}' reads ${r.candidates.length} ways that every rule allows: ${r.candidates
          .slice(0, 5)
          .map((c) => c.map((x) => x.raw).join('|'))
          .join(' / ')}${r.candidates.length > 5 ? ' …' : ''}`
      : printed.trim()
        ? `${table}.${r.rowKey}: '${printed}' cannot be read as the row's ${r.columns.length} cells`
        : // a row whose numbers were set aside before the reading (collectTableRows says why)
          `${table}.${r.rowKey}: its numbers were left unread (the findings say why)`,
    cells: rowKeys.flatMap((rk, i) =>
      r.columns.slice(i * perRow, (i + 1) * perRow).map((c) => `${table}|${rk}|${c.key}`),
    ),
    candidates: r.candidates.slice(0, 20).map((c) => c.map((x) => x.value)),
  };
}

function pushCells(cells: Cell[], table: TableKey, r: RowReading, rowKeys: string[], perRow: number): void {
  const label =
    r.keyed.labels
      .map((l) => l.text)
      .join(' ')
      .slice(-60) || undefined;
  for (let i = 0; i < r.columns.length; i++) {
    const tok = r.chosen?.[i];
    // one literal with every key (undefined ones are left out of the JSON): one object shape
    cells.push({
      table,
      row: rowKeys[Math.floor(i / perRow)],
      col: r.columns[i].key,
      value: r.ambiguous || !tok ? null : tok.value,
      raw: tok ? cleanRaw(tok.raw) : r.keyed.values.map((v) => v.text).join(' '),
      source: tok?.source ?? r.keyed.values[0]?.source ?? r.keyed.source,
      reading: tok?.split ? 'split' : undefined,
      label,
    });
  }
}

/** More values than columns: blank slots at the ends are layout, not cells. */
function trimToWidth<T extends { text: string }>(values: T[], width: number): T[] {
  let v = values.slice();
  while (v.length > width && v[v.length - 1].text.trim() === '') v.pop();
  while (v.length > width && v[0].text.trim() === '') v.shift();
  if (v.length > width && v.filter((x) => x.text.trim() !== '').length <= width)
    v = v.filter((x) => x.text.trim() !== '');
  return v;
}

/**
 * Rows still read several ways (table 三): the table's column equations (新收+结转 = 总计+结转下年;
 * 总计 = the sum of the result rows) decide a row when every combination of readings that
 * satisfies them gives it the same one (jointReading).
 */
function resolveAcrossRows(rows: RowReading[], arithmetic: TableArithmetic): void {
  if (rows.some((r) => r.rowKey === '*all')) return;
  const decided = solveJointly(
    rows.map((r) => ({ key: r.rowKey, candidates: r.candidates, chosen: r.chosen })),
    arithmetic.inColumn,
    rows[0]?.columns.length ?? 0,
  );
  for (const r of rows) {
    const x = decided.get(r.rowKey);
    if (x === undefined) continue;
    r.chosen = r.candidates[x];
    r.ambiguous = false;
    r.byTable = true;
  }
}
