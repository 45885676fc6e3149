// Read side of the store: what import, report, export and status ask of it.
import type { ReportCells } from '../src/rules/crossReport';
import type { Cell } from '../src/model/record';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, ReportsTable } from './schema';
import { versionKey } from './versionKey';

/** Hashes of those given that are stored by this parser version or a newer one. */
export async function storedHashes(
  db: Kysely<Database>,
  hashes: string[],
  parserVersion: string,
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db
      .selectFrom('reports')
      .select('sha256')
      .where('sha256', 'in', hashes.slice(i, i + 500))
      .where('parser_version_key', '>=', versionKey(parserVersion))
      .execute();
    for (const r of rows) found.add(r.sha256);
  }
  return found;
}

export async function countReports(
  db: Kysely<Database>,
): Promise<{ stored: number; withError: number; cells: number; flags: number }> {
  const r = await db
    .selectFrom('reports')
    .select([
      sql<number>`count(*)`.as('stored'),
      sql<number>`count(error_code)`.as('withError'),
      sql<number>`coalesce(sum(cell_count), 0)`.as('cells'),
      sql<number>`coalesce(sum(flag_count), 0)`.as('flags'),
    ])
    .executeTakeFirstOrThrow();
  return { stored: Number(r.stored), withError: Number(r.withError), cells: Number(r.cells), flags: Number(r.flags) };
}

export async function countBySha(db: Kysely<Database>, sha: string) {
  const r = await db
    .selectFrom('reports')
    .select(sql<number>`count(*)`.as('n'))
    .where('sha256', '=', sha)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface ReportSummary {
  sha256: string;
  path: string;
  title: string | null;
  agency: string | null;
  year: number | null;
  format: string | null;
  layout: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  parserVersion: string;
  cellCount: number;
  flagCount: number;
  sources: string[];
  flags: Array<{
    rule: string;
    severity: string;
    message: string;
    cells: string[];
    left: { expr: string; value: number } | null;
    right: { expr: string; value: number } | null;
  }>;
}

/** The columns of a report summary, before its flags and sources are added. */
export const SUMMARY_COLUMNS = [
  'sha256',
  'path',
  'title',
  'agency',
  'year',
  'format',
  'layout',
  'error_code',
  'error_message',
  'parser_version',
  'cell_count',
  'flag_count',
] as const;
type SummaryRow = Pick<Selectable<ReportsTable>, (typeof SUMMARY_COLUMNS)[number]>;

/** Reports in a stable order (by hash), a page at a time, with their flags and sources. */
export async function* iterateReports(db: Kysely<Database>, pageSize = 500): AsyncGenerator<ReportSummary> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('reports')
      .select(SUMMARY_COLUMNS)
      .where('sha256', '>', after)
      .orderBy('sha256')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield* await summariesOf(db, rows);
    after = rows[rows.length - 1].sha256;
  }
}

/** Summaries of some report rows (at most 500: one query each for their flags and sources), in their order. */
export async function summariesOf(db: Kysely<Database>, rows: SummaryRow[]): Promise<ReportSummary[]> {
  if (rows.length === 0) return [];
  const shas = rows.map((r) => r.sha256);
  const flags = await db.selectFrom('flags').selectAll().where('sha256', 'in', shas).orderBy('id').execute();
  const sources = await db.selectFrom('sources').selectAll().where('sha256', 'in', shas).orderBy('location').execute();
  const flagsOf = groupBySha(flags),
    sourcesOf = groupBySha(sources);
  return rows.map((r) => ({
    sha256: r.sha256,
    path: r.path,
    title: r.title,
    agency: r.agency,
    year: r.year == null ? null : Number(r.year),
    format: r.format,
    layout: r.layout,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    parserVersion: r.parser_version,
    cellCount: Number(r.cell_count),
    flagCount: Number(r.flag_count),
    sources: (sourcesOf.get(r.sha256) ?? []).map((s) => s.location),
    flags: (flagsOf.get(r.sha256) ?? []).map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      cells: JSON.parse(f.cells) as string[],
      left: f.left_expr == null ? null : { expr: f.left_expr, value: Number(f.left_value) },
      right: f.right_expr == null ? null : { expr: f.right_expr, value: Number(f.right_value) },
    })),
  }));
}

/** Rows by their report's hash, each list in the rows' order. */
function groupBySha<T extends { sha256: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.sha256);
    if (list) list.push(r);
    else out.set(r.sha256, [r]);
  }
  return out;
}

export interface CellRow {
  sha256: string;
  agency: string | null;
  year: number | null;
  table: string;
  row: string;
  col: string;
  value: number | null;
  raw: string;
  source: string;
}

/** A cell row as the export reads it: the cell with its report's agency and year. */
const CELL_ROW_COLUMNS = [
  'cells.sha256',
  'reports.agency',
  'reports.year',
  'cells.tbl',
  'cells.row_key',
  'cells.col_key',
  'cells.value',
  'cells.raw',
  'cells.source',
] as const;

/** Every stored cell with its report's agency and year, in report then insertion order. */
export async function* iterateCells(db: Kysely<Database>, pageSize = 5000): AsyncGenerator<CellRow> {
  let afterId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('cells')
      .innerJoin('reports', 'reports.sha256', 'cells.sha256')
      .select(['cells.id', ...CELL_ROW_COLUMNS])
      .where('cells.id', '>', afterId)
      .orderBy('cells.id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    for (const r of rows) {
      yield {
        sha256: r.sha256,
        agency: r.agency,
        year: r.year == null ? null : Number(r.year),
        table: r.tbl,
        row: r.row_key,
        col: r.col_key,
        value: r.value == null ? null : Number(r.value),
        raw: r.raw,
        source: r.source,
      };
    }
    afterId = Number(rows[rows.length - 1].id);
  }
}

/** The stored record JSON of one report, or undefined. */
export async function loadRecord(db: Kysely<Database>, sha: string): Promise<unknown> {
  const r = await db.selectFrom('reports').select('record').where('sha256', '=', sha).executeTakeFirst();
  return r ? JSON.parse(r.record) : undefined;
}

/**
 * What the cross-report rules (X-CARRY, X-INFORCE) read of the given reports (the dataset's
 * best copies, a page at a time), in the order given: per report its agency, year and the
 * carried-over/forward and documents-in-force cells. Failed files and those without an agency
 * or year are left out.
 */
export async function crossReportInputs(db: Kysely<Database>, shas: string[]): Promise<ReportCells[]> {
  const bySha = new Map<string, ReportCells>();
  for (let i = 0; i < shas.length; i += 500) {
    const page = shas.slice(i, i + 500);
    const reports = await db
      .selectFrom('reports')
      .select(['sha256', 'agency', 'year'])
      .where('sha256', 'in', page)
      .where('agency', 'is not', null)
      .where('year', 'is not', null)
      .where('error_code', 'is', null)
      .execute();
    for (const r of reports)
      bySha.set(r.sha256, { id: r.sha256, agency: r.agency, year: Number(r.year), templates: {}, cells: [] });
    const cells = await db
      .selectFrom('cells')
      .select(['sha256', 'tbl', 'row_key', 'col_key', 'value', 'raw', 'source'])
      .where('sha256', 'in', page)
      .where((eb) =>
        eb.or([
          eb.and([eb('tbl', '=', 'applications'), eb('row_key', 'in', ['carriedOver', 'carriedForward'])]),
          eb.and([eb('tbl', '=', 'active'), eb('row_key', 'in', ['rules', 'normativeDocuments'])]),
        ]),
      )
      .orderBy('id')
      .execute();
    for (const c of cells) {
      const r = bySha.get(c.sha256);
      if (!r) continue;
      r.cells.push({
        table: c.tbl as Cell['table'],
        row: c.row_key,
        col: c.col_key,
        value: c.value === null ? null : Number(c.value),
        raw: c.raw,
        source: JSON.parse(c.source),
      });
      if (c.tbl === 'active' && c.col_key === 'inForce') r.templates.active = '2021';
    }
  }
  return shas.map((s) => bySha.get(s)).filter((r): r is ReportCells => r !== undefined);
}

/** The numbers of some reports' cells, per report: what counting copies' disagreements reads (no text, no join). */
export async function cellValuesOfReports(
  db: Kysely<Database>,
  shas: string[],
): Promise<Map<string, Array<{ table: string; row: string; col: string; value: number | null }>>> {
  const out = new Map<string, Array<{ table: string; row: string; col: string; value: number | null }>>(
    shas.map((s) => [s, []]),
  );
  for (let i = 0; i < shas.length; i += 500) {
    const rows = await db
      .selectFrom('cells')
      .select(['sha256', 'tbl', 'row_key', 'col_key', 'value'])
      .where('sha256', 'in', shas.slice(i, i + 500))
      .where('value', 'is not', null)
      .orderBy('id')
      .execute();
    for (const r of rows)
      out.get(r.sha256)?.push({ table: r.tbl, row: r.row_key, col: r.col_key, value: Number(r.value) });
  }
  return out;
}

/** The cells of some reports, per report in insertion order: what the export cleans a page at a time. */
export async function cellsOfReports(db: Kysely<Database>, shas: string[]): Promise<Map<string, CellRow[]>> {
  const out = new Map<string, CellRow[]>(shas.map((s) => [s, []]));
  for (let i = 0; i < shas.length; i += 500) {
    const rows = await db
      .selectFrom('cells')
      .innerJoin('reports', 'reports.sha256', 'cells.sha256')
      .select(CELL_ROW_COLUMNS)
      .where('cells.sha256', 'in', shas.slice(i, i + 500))
      .orderBy('cells.id')
      .execute();
    for (const r of rows) {
      out.get(r.sha256)?.push({
        sha256: r.sha256,
        agency: r.agency,
        year: r.year == null ? null : Number(r.year),
        table: r.tbl,
        row: r.row_key,
        col: r.col_key,
        value: r.value == null ? null : Number(r.value),
        raw: r.raw,
        source: r.source,
      });
    }
  }
  return out;
}

/**
 * Per report, the layout of each standard table (detected per table, so one report can mix
 * 2019 and 2021) and how each cell was read (split/ocr), both kept only in the record JSON.
 */
export async function tableLayoutsOf(
  db: Kysely<Database>,
  shas: string[],
): Promise<Map<string, { tables: Record<string, string>; readings: Map<string, string> }>> {
  const out = new Map<string, { tables: Record<string, string>; readings: Map<string, string> }>();
  for (let i = 0; i < shas.length; i += 200) {
    const rows = await db
      .selectFrom('reports')
      .select(['sha256', 'record'])
      .where('sha256', 'in', shas.slice(i, i + 200))
      .execute();
    for (const r of rows) {
      const rec = JSON.parse(r.record) as {
        tables?: Array<{ table: string; template: string }>;
        cells?: Array<{ table: string; row: string; col: string; reading?: string }>;
      };
      const readings = new Map<string, string>();
      for (const c of rec.cells ?? []) if (c.reading) readings.set(`${c.table}|${c.row}|${c.col}`, c.reading);
      out.set(r.sha256, { tables: Object.fromEntries((rec.tables ?? []).map((t) => [t.table, t.template])), readings });
    }
  }
  return out;
}

/** Every distinct table|row|col key stored, for the columns of a wide export. */
export async function distinctCellKeys(
  db: Kysely<Database>,
): Promise<Array<{ table: string; row: string; col: string }>> {
  const rows = await db.selectFrom('cells').select(['tbl', 'row_key', 'col_key']).distinct().execute();
  return rows.map((r) => ({ table: r.tbl, row: r.row_key, col: r.col_key }));
}

/** Number of stored cells (all reports). */
export async function countCells(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('cells')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
