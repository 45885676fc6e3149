// The same report published twice in different forms (the HTML page and its PDF/DOCX
// attachment) has different bytes, so the content hash cannot see it. It is the same report
// when title, agency and year agree and every table cell holds the same value: then the new
// file becomes one more source of the stored report instead of a second report.
import type { Kysely } from 'kysely';
import type { Database } from '../../store';
import type { ReportRecord } from '../../src/model/record';
import { cellKey } from '../../src/model/record';

const cellMap = (cells: Array<{ table: string; row: string; col: string; value: number | null }>) =>
  new Map(cells.map((c) => [cellKey(c), c.value]));

export async function findSameReport(db: Kysely<Database>, record: ReportRecord): Promise<string | undefined> {
  const { title, agency, year } = record.report;
  // without cells nothing tells two reports of one agency and year apart
  if (record.error || !title || !agency || year == null || record.cells.length === 0) return undefined;
  const candidates = await db
    .selectFrom('reports').select('sha256')
    .where('title', '=', title).where('agency', '=', agency).where('year', '=', year)
    .where('error_code', 'is', null).where('sha256', '!=', record.source.sha256)
    .where('cell_count', '=', record.cells.length)
    .execute();
  const mine = cellMap(record.cells);
  for (const { sha256 } of candidates) {
    const stored = await db.selectFrom('cells').select(['tbl', 'row_key', 'col_key', 'value']).where('sha256', '=', sha256).execute();
    const theirs = cellMap(stored.map((c) => ({ table: c.tbl, row: c.row_key, col: c.col_key, value: c.value == null ? null : Number(c.value) })));
    if (theirs.size === mine.size && [...mine].every(([k, v]) => theirs.has(k) && theirs.get(k) === v)) return sha256;
  }
  return undefined;
}
