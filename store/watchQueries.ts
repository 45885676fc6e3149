// What the watcher (xxgk watch) keeps and asks in the store: its memory per URL (the
// watch_urls table, migration 0002) and whether a fetched report is one already stored in
// another form (same title, agency, year and every cell's value).
import type { Kysely, Selectable } from 'kysely';
import type { Database, WatchUrlsTable } from './schema';
import { cellKey, type ReportRecord } from '../src/model/record';

export type WatchUrlRow = Selectable<WatchUrlsTable>;

export async function watchUrl(db: Kysely<Database>, url: string): Promise<WatchUrlRow | undefined> {
  return db.selectFrom('watch_urls').selectAll().where('url', '=', url).executeTakeFirst();
}

/** Insert or overwrite what is known of one URL. */
export async function putWatchUrl(db: Kysely<Database>, row: WatchUrlRow): Promise<void> {
  const { url: _url, ...update } = row;
  await db
    .insertInto('watch_urls')
    .values(row)
    .onConflict((oc) => oc.column('url').doUpdateSet(update))
    .execute();
}

const cellMap = (cells: Array<{ table: string; row: string; col: string; value: number | null }>) =>
  new Map(cells.map((c) => [cellKey(c), c.value]));

/**
 * The stored report that is this record in another form (the HTML page and its PDF
 * attachment have different bytes): same title, agency and year and every table cell the same
 * value. Undefined when there is none, or nothing to tell two reports apart (no cells).
 */
export async function storedSameReport(db: Kysely<Database>, record: ReportRecord): Promise<string | undefined> {
  const { title, agency, year } = record.report;
  if (record.error || !title || !agency || year == null || record.cells.length === 0) return undefined;
  const candidates = await db
    .selectFrom('reports')
    .select('sha256')
    .where('title', '=', title)
    .where('agency', '=', agency)
    .where('year', '=', year)
    .where('error_code', 'is', null)
    .where('sha256', '!=', record.source.sha256)
    .where('cell_count', '=', record.cells.length)
    .execute();
  const mine = cellMap(record.cells);
  for (const { sha256 } of candidates) {
    const stored = await db
      .selectFrom('cells')
      .select(['tbl', 'row_key', 'col_key', 'value'])
      .where('sha256', '=', sha256)
      .execute();
    const theirs = cellMap(
      stored.map((c) => ({
        table: c.tbl,
        row: c.row_key,
        col: c.col_key,
        value: c.value == null ? null : Number(c.value),
      })),
    );
    if (theirs.size === mine.size && [...mine].every(([k, v]) => theirs.has(k) && theirs.get(k) === v)) return sha256;
  }
  return undefined;
}
