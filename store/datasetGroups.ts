// Each stored file knows the report it belongs to (migration 0004): whether it is the copy the
// dataset takes (`listed`; a failed file is listed as itself), the best copy's hash, how many
// copies the report has, how many cells they disagree on (X-SOURCES) and the report's region.
// The review list is then a query (store/listQueries.ts), not the whole dataset in memory. The
// columns are rewritten whenever a file of an agency is saved, by the dataset's own grouping
// (src/dataset/sameReport.ts, through reportsWithDisagreementCounts) over that agency's files. The listed
// files' rows are copied, narrow, into `entries`: what the list scans.
// An agency with many stored files (one report fetched again and again, each time with other
// bytes) is not regrouped on every save, which would cost each save all its files: it is marked
// in `regroup_pending` and regrouped once, when the writer is idle (regroupPending).
import { PostgresAdapter, sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Database, EntriesTable } from './schema';
import { agencyKey } from '../src/report/agencyName';
import { copiesOfAgencies } from './datasetQueries';
import { reportsWithDisagreementCounts } from './datasetReports';
import { listed } from './listQueries';
import type { Region } from '../src/dataset/region';

type Db = Kysely<Database> | Transaction<Database>;

/** a report's region as the group columns of its files and its list row */
const regionColumns = (region: Region | null) => ({
  group_region_code: region?.code ?? null,
  group_province: region?.province ?? null,
  group_city: region?.city ?? null,
  group_county: region?.county ?? null,
});

/** The group columns of a file that is a report of its own (the defaults until it is grouped). */
export function ownGroupColumns(sha256: string, region: Region | null) {
  return {
    listed: 1,
    group_best: sha256,
    copy_count: 1,
    x_sources: 0,
    ...regionColumns(region),
  };
}

/**
 * PostgreSQL: the agencies' locks, taken in one order, before their files are written. Two
 * transactions saving files of one agency regroup it one after the other, the second seeing the
 * first's files. (SQLite has one writer at a time.)
 */
export async function lockAgencies(db: Db, agencyKeys: string[]): Promise<void> {
  if (!agencyKeys.length || !(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select count(pg_advisory_xact_lock(h)) from
    (select distinct hashtextextended(k, 15) as h from unnest(${agencyKeys}::text[]) as k order by h) as l`.execute(db);
}

/** What the list's status order says of a file: 0 not parsed, 1 an error rule fails, 2 no cell read, 3 passes. */
export function statusRank(errorCode: string | null, cellCount: number, flags: Array<{ severity: string }>): number {
  if (errorCode) return 0;
  if (cellCount === 0) return 2;
  return flags.some((f) => f.severity === 'error') ? 1 : 3;
}

export type EntryRow = Insertable<EntriesTable>;

/** The files' list rows replaced: those of `remove` deleted, then `rows` written. */
export async function replaceEntries(db: Db, remove: string[], rows: EntryRow[]): Promise<void> {
  for (let i = 0; i < remove.length; i += 500)
    await db
      .deleteFrom('entries')
      .where('sha256', 'in', remove.slice(i, i + 500))
      .execute();
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('entries')
      .values(rows.slice(i, i + 500))
      .execute();
}

/**
 * Rewrite the group columns of every parsed file of these agencies, and their list rows (but in
 * migration 0004, which comes before the list's table).
 */
export async function regroupAgencies(db: Db, agencyKeys: string[], listRows = true): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (let i = 0; i < agencyKeys.length; i += 200) {
    const reports = await reportsWithDisagreementCounts(
      db as Kysely<Database>,
      await copiesOfAgencies(db as Kysely<Database>, agencyKeys.slice(i, i + 200)),
    );
    const rows = reports.flatMap((r) =>
      r.copies.map((c) => ({
        sha256: c.sha256,
        listed: c === r.best ? 1 : 0,
        group_best: r.id,
        copy_count: r.copies.length,
        x_sources: r.xSourcesCount,
        ...regionColumns(r.region),
      })),
    );
    if (listRows)
      await replaceEntries(
        db,
        rows.map((r) => r.sha256),
        reports.map((r) => ({
          sha256: r.id,
          title: r.best.title,
          agency: r.best.agency,
          agency_key: r.best.agency ? agencyKey(r.best.agency) : null,
          year: r.best.year,
          format: r.best.format,
          layout: r.best.layout,
          error_code: r.best.errorCode,
          cell_count: r.best.cellCount,
          flag_count: r.best.flagCount,
          copy_count: r.copies.length,
          x_sources: r.xSourcesCount,
          ...regionColumns(r.region),
          status_rank: statusRank(r.best.errorCode, r.best.cellCount, r.best.flags),
          formats: listed(r.copies.map((c) => c.format)),
          rules: listed(r.best.flags.map((f) => f.rule)),
        })),
      );
    if (pg) {
      const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
      await sql`update reports set listed = v.listed, group_best = v.best, copy_count = v.copies,
          x_sources = v.xs, group_region_code = v.code, group_province = v.province, group_city = v.city,
          group_county = v.county
        from unnest(${col('sha256')}::text[], ${col('listed')}::int[], ${col('group_best')}::text[],
          ${col('copy_count')}::int[], ${col('x_sources')}::int[], ${col('group_region_code')}::text[],
          ${col('group_province')}::text[], ${col('group_city')}::text[], ${col('group_county')}::text[])
          as v(sha, listed, best, copies, xs, code, province, city, county)
        where reports.sha256 = v.sha`.execute(db);
    } else
      for (const { sha256, ...set } of rows)
        await db.updateTable('reports').set(set).where('sha256', '=', sha256).execute();
  }
}

/**
 * Agencies with more stored files than this are marked and regrouped later (regroupPending),
 * not on every save. An agency publishes one report a year in two or three formats: 15 years
 * of them stay under it and are regrouped at once.
 */
export const REGROUP_AT_ONCE_UP_TO = 100;

/** Stored files per agency key (failed ones too: they are cheap to count and few). */
async function filesPerAgency(db: Db, agencyKeys: string[]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('reports')
    .select(['agency_key', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('agency_key', 'in', agencyKeys)
    .groupBy('agency_key')
    .execute();
  return new Map(rows.map((r) => [r.agency_key!, Number(r.n)]));
}

/**
 * After a save: the agencies with few files regrouped now, the others marked for regroupPending.
 * The caller holds the agencies' locks (lockAgencies): two saves of one agency regroup it in turn.
 */
export async function regroupOrDefer(db: Db, agencyKeys: string[], upTo = REGROUP_AT_ONCE_UP_TO): Promise<void> {
  if (!agencyKeys.length) return;
  // an agency already marked is large: it is marked again without counting its files
  const marked = new Set(
    (await db.selectFrom('regroup_pending').select('agency_key').where('agency_key', 'in', agencyKeys).execute()).map(
      (r) => r.agency_key,
    ),
  );
  const unmarked = agencyKeys.filter((k) => !marked.has(k));
  const files = unmarked.length ? await filesPerAgency(db, unmarked) : new Map<string, number>();
  const later = agencyKeys.filter((k) => marked.has(k) || (files.get(k) ?? 0) > upTo);
  await regroupAgencies(
    db,
    agencyKeys.filter((k) => !later.includes(k)),
  );
  if (later.length)
    await db
      .insertInto('regroup_pending')
      .values(later.map((agency_key) => ({ agency_key, marks: 1 })))
      .onConflict((oc) => oc.column('agency_key').doUpdateSet({ marks: sql`regroup_pending.marks + 1` }))
      .execute();
}

/**
 * Regroup every marked agency, one per transaction. Saves are not held up: a marked agency is
 * never regrouped by a save (regroupOrDefer marks it again), so a pass takes no agency lock, only
 * a lock of its own per agency (PostgreSQL: skipped if another worker's pass holds it). The
 * mark is read first and removed only if no save added one since: a file saved while the pass
 * read the agency keeps it marked for the next pass. Returns the agencies done.
 */
export async function regroupPending(db: Kysely<Database>): Promise<number> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  let after = '';
  let done = 0;
  for (;;) {
    const next = await db
      .selectFrom('regroup_pending')
      .select(['agency_key', 'marks'])
      .where('agency_key', '>', after)
      .orderBy('agency_key')
      .limit(1)
      .executeTakeFirst();
    if (!next) return done;
    after = next.agency_key;
    await db.transaction().execute(async (trx) => {
      if (pg) {
        const { rows } = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(
            hashtextextended(${`regroup:${next.agency_key}`}, 15)) as got`.execute(trx);
        if (!rows[0]?.got) return;
      }
      await regroupAgencies(trx, [next.agency_key]);
      await trx
        .deleteFrom('regroup_pending')
        .where('agency_key', '=', next.agency_key)
        .where('marks', '=', next.marks)
        .execute();
      done++;
    });
  }
}

/** Every agency's files regrouped, a page of agencies at a time: migration 0004, which adds the columns. */
export async function regroupAll(db: Db): Promise<void> {
  let after = '';
  for (;;) {
    const keys = (
      await db
        .selectFrom('reports')
        .select('agency_key')
        .distinct()
        .where('agency_key', '>', after)
        .orderBy('agency_key')
        .limit(200)
        .execute()
    ).map((r) => r.agency_key!);
    if (!keys.length) return;
    await regroupAgencies(db, keys, false);
    after = keys[keys.length - 1];
  }
}
