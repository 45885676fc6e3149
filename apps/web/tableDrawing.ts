// The three standard tables laid out as the official template prints them: header rows with
// their spans, the group rows of table 三, the three side-by-side blocks of table 四. The
// browser only draws what this returns; every cell carries its canonical key for the hover.
import {
  CATALOG,
  TABLE_TITLES,
  APPLICATION_COLUMNS,
  LEGAL_PERSON_SUBTOTAL,
  type RowSpec,
} from '../../src/tables/catalog';
import {
  cellKey,
  LEGACY,
  type Cell,
  type CellTableKey,
  type TableKey,
  type TableLayout,
  type Template,
} from '../../src/model/record';
import { LEGACY_ROWS, LEGACY_TITLE } from '../../src/tables/legacyCatalog';

export interface HeadCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  key?: string;
}
export interface DrawnCell {
  key: string;
  value: number | null;
  raw: string | null;
  source: Cell['source'] | null;
  reading?: string;
}
/** label null: the row has no label column (表四's one data row) */
export type BodyRow = { group: string } | { label: string | null; key: string; cells: DrawnCell[] };
export interface TablePart {
  head: HeadCell[][];
  rows: BodyRow[];
}
export interface TableDrawing {
  table: CellTableKey;
  title: string;
  template: TableLayout | null;
  found: boolean;
  parts: TablePart[];
}

/** Group rows printed above the result rows of table 三, by row-key prefix. */
const APPLICATION_GROUPS: Array<[string, string]> = [
  ['granted', '三、本年度办理结果'],
  ['withheld.', '（三）不予公开'],
  ['unableToProvide.', '（四）无法提供'],
  ['notProcessed.', '（五）不予处理'],
  ['otherHandling.', '（六）其他处理'],
];

export function drawTables(
  cells: Cell[],
  tables: Array<{ table: CellTableKey; template: TableLayout }>,
): TableDrawing[] {
  const byKey = new Map(cells.map((c) => [cellKey(c), c]));
  const drawn = (table: CellTableKey, row: string, col: string): DrawnCell => {
    const key = `${table}|${row}|${col}`;
    const c = byKey.get(key);
    return { key, value: c?.value ?? null, raw: c ? c.raw : null, source: c?.source ?? null, reading: c?.reading };
  };
  const out: TableDrawing[] = [];
  for (const table of ['active', 'applications', 'reviewLitigation'] as TableKey[]) {
    const found = tables.find((t) => t.table === table);
    const template = found && found.template !== LEGACY ? found.template : null;
    const parts = template ? partsFor(table, template, cells, drawn) : [];
    out.push({ table, title: TABLE_TITLES[table], template, found: !!found, parts });
  }
  if (tables.some((t) => t.table === LEGACY))
    out.push({ table: LEGACY, title: LEGACY_TITLE, template: LEGACY, found: true, parts: [legacyPart(cells, drawn)] });
  // cells whose row the catalog does not know (should not happen; shown rather than hidden)
  const known = new Set(
    out.flatMap((d) => d.parts.flatMap((p) => p.rows.flatMap((r) => ('cells' in r ? r.cells.map((c) => c.key) : [])))),
  );
  const stray = cells.filter((c) => !known.has(cellKey(c)));
  if (stray.length) {
    const strayPart: TablePart = {
      head: [[{ text: '其他单元格' }, { text: '值' }]],
      rows: stray.map((c) => ({
        label: c.label ?? `${c.row}.${c.col}`,
        key: cellKey(c),
        cells: [drawn(c.table, c.row, c.col)],
      })),
    };
    const host = out.find((d) => d.table === stray[0].table)!;
    host.parts.push(strayPart);
  }
  return out;
}

type Draw = (table: CellTableKey, row: string, col: string) => DrawnCell;

/** the 2008–2018 statistics table: 指标名称 · 本年度 · 历年累计, the rows printed in catalog order */
function legacyPart(cells: Cell[], drawn: Draw): TablePart {
  const printed = new Set(cells.filter((c) => c.table === LEGACY).map((c) => c.row));
  return {
    head: [[{ text: '指标名称' }, { text: '本年度', key: 'year' }, { text: '历年累计', key: 'cumulative' }]],
    rows: LEGACY_ROWS.filter((r) => printed.has(r.key)).map((r) => ({
      label: r.label,
      key: `${LEGACY}|${r.key}`,
      cells: ['year', 'cumulative'].map((col) => drawn(LEGACY, r.key, col)),
    })),
  };
}

function partsFor(table: TableKey, template: Template, cells: Cell[], drawn: Draw): TablePart[] {
  const rows = CATALOG[table][template];
  if (table === 'applications') return [applicationsPart(rows, cells, drawn)];
  if (table === 'reviewLitigation') return [reviewPart(rows, drawn)];
  return activeParts(rows, drawn);
}

/** 表二 is printed as bands of rows sharing columns, each band with its own header row. */
function activeParts(rows: RowSpec[], drawn: Draw): TablePart[] {
  const parts: TablePart[] = [];
  let sig = '';
  for (const r of rows) {
    const s = r.columns.map((c) => c.key).join(',');
    if (s !== sig) {
      parts.push({
        head: [[{ text: '信息内容' }, ...r.columns.map((c) => ({ text: c.label, key: c.key }))]],
        rows: [],
      });
      sig = s;
    }
    parts[parts.length - 1].rows.push({
      label: r.label,
      key: r.key,
      cells: r.columns.map((c) => drawn('active', r.key, c.key)),
    });
  }
  return parts;
}

/** 表三: applicant columns under 申请人情况 / 法人或其他组织, group rows before result rows. */
function applicationsPart(rows: RowSpec[], cells: Cell[], drawn: Draw): TablePart {
  const withSubtotal = cells.some((c) => c.table === 'applications' && c.col === LEGAL_PERSON_SUBTOTAL.key);
  const legal = APPLICATION_COLUMNS.slice(1, 6).concat(withSubtotal ? [LEGAL_PERSON_SUBTOTAL] : []);
  const columns = [APPLICATION_COLUMNS[0], ...legal, APPLICATION_COLUMNS[6]];
  const head: HeadCell[][] = [
    [
      { text: '', rowSpan: 3 },
      { text: '申请人情况', colSpan: columns.length },
    ],
    [
      { text: APPLICATION_COLUMNS[0].label, rowSpan: 2, key: APPLICATION_COLUMNS[0].key },
      { text: '法人或其他组织', colSpan: legal.length },
      { text: APPLICATION_COLUMNS[6].label, rowSpan: 2, key: 'total' },
    ],
    legal.map((c) => ({ text: c.label, key: c.key })),
  ];
  const body: BodyRow[] = [];
  const groupsSeen = new Set<string>();
  for (const r of rows) {
    const group = APPLICATION_GROUPS.find(([prefix]) =>
      prefix.endsWith('.') ? r.key.startsWith(prefix) : r.key === prefix,
    );
    if (group && !groupsSeen.has(group[1])) {
      body.push({ group: group[1] });
      groupsSeen.add(group[1]);
    }
    body.push({ label: r.label, key: r.key, cells: columns.map((c) => drawn('applications', r.key, c.key)) });
  }
  return { head, rows: body };
}

/** 表四 prints 行政复议, 未经复议直接起诉 and 复议后起诉 side by side in one data row. */
function reviewPart(rows: RowSpec[], drawn: Draw): TablePart {
  const [review, direct, after] = rows;
  const cols = review.columns;
  const head: HeadCell[][] = [
    [
      { text: '行政复议', colSpan: cols.length, rowSpan: 2 },
      { text: '行政诉讼', colSpan: cols.length * 2 },
    ],
    [
      { text: '未经复议直接起诉', colSpan: cols.length },
      { text: '复议后起诉', colSpan: cols.length },
    ],
    [...cols, ...cols, ...cols].map((c) => ({ text: c.label, key: c.key })),
  ];
  const cells = [review, direct, after].flatMap((r) => r.columns.map((c) => drawn('reviewLitigation', r.key, c.key)));
  return { head, rows: [{ label: null, key: 'review+litigationDirect+litigationAfterReview', cells }] };
}
