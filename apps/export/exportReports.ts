// The stored reports that pass the filters, a page at a time, each with its tables' layouts and
// its cells cleaned: what every shape is made of.
import type { Kysely } from 'kysely';
import type { Cell } from '../../src/model/record';
import { iterateReports, cellsOfReports, tableLayoutsOf, type Database, type ReportSummary } from '../../store';
import { cleanCells, type CleanCell } from './cleanCells';
import { reportMatches, type ExportFilters } from './options';

export interface ExportReport { summary: ReportSummary; tables: Record<string, string>; cells: CleanCell[] }

export async function* exportReports(db: Kysely<Database>, filters: ExportFilters, pageSize = 200): AsyncGenerator<ExportReport> {
  let page: ReportSummary[] = [];
  async function* flush(): AsyncGenerator<ExportReport> {
    const layouts = await tableLayoutsOf(db, page.map((r) => r.sha256));
    const kept = page.filter((r) => reportMatches(r, layouts.get(r.sha256)?.tables ?? {}, filters));
    const cells = await cellsOfReports(db, kept.map((r) => r.sha256));
    for (const r of kept) {
      const info = layouts.get(r.sha256) ?? { tables: {}, readings: new Map<string, string>() };
      const recordCells: Cell[] = (cells.get(r.sha256) ?? []).map((c) => ({
        table: c.table as Cell['table'], row: c.row, col: c.col, value: c.value, raw: c.raw, source: JSON.parse(c.source),
        reading: info.readings.get(`${c.table}|${c.row}|${c.col}`) as Cell['reading'],
      }));
      yield { summary: r, tables: info.tables, cells: cleanCells(recordCells, info.tables) };
    }
    page = [];
  }
  for await (const r of iterateReports(db)) {
    page.push(r);
    if (page.length >= pageSize) yield* flush();
  }
  if (page.length) yield* flush();
}
