// The dataset's reports that pass the filters (one per agency, year and scope: the best-read
// copy, with every copy's sources), a page at a time, each with its tables' layouts and its
// cells cleaned: what every shape is made of. Failed files are not among them.
import type { Kysely } from 'kysely';
import type { Cell } from '../../src/model/record';
import { cellsOfReports, tableLayoutsOf, type Database, type DatasetReport } from '../../store';
import { cleanCells, type CleanCell } from './cleanCells';
import { reportMatches, type ExportFilters } from './options';
import { originalUrlOf } from './originalUrl';

export interface ExportReport {
  report: DatasetReport;
  summary: DatasetReport['best'];
  tables: Record<string, string>;
  cells: CleanCell[];
  originalUrl: string | null;
}

/** The layouts of a report's tables; a table whose cells carry no layout entry is named by its key (legacy). */
function layoutsWithLegacy(tables: Record<string, string>, cells: Array<{ table: string }>): Record<string, string> {
  const out = { ...tables };
  if (!out.legacy && cells.some((c) => c.table === 'legacy')) out.legacy = 'legacy';
  return out;
}

export async function* exportReports(
  db: Kysely<Database>,
  reports: DatasetReport[],
  filters: ExportFilters,
  pageSize = 200,
): AsyncGenerator<ExportReport> {
  for (let i = 0; i < reports.length; i += pageSize) {
    const page = reports.slice(i, i + pageSize);
    const layouts = await tableLayoutsOf(
      db,
      page.map((r) => r.id),
    );
    const kept = page.filter((r) => reportMatches(r, layouts.get(r.id)?.tables ?? {}, filters));
    const cells = await cellsOfReports(
      db,
      kept.map((r) => r.id),
    );
    for (const r of kept) {
      const info = layouts.get(r.id) ?? { tables: {}, readings: new Map<string, string>() };
      const recordCells: Cell[] = (cells.get(r.id) ?? []).map((c) => ({
        table: c.table as Cell['table'],
        row: c.row,
        col: c.col,
        value: c.value,
        raw: c.raw,
        source: JSON.parse(c.source),
        reading: info.readings.get(`${c.table}|${c.row}|${c.col}`) as Cell['reading'],
      }));
      const tables = layoutsWithLegacy(info.tables, recordCells);
      yield {
        report: r,
        summary: r.best,
        tables,
        cells: cleanCells(recordCells, tables),
        originalUrl: await originalUrlOf(r.copies),
      };
    }
  }
}
