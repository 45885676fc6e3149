// Each stored file knows the report it belongs to (migration 0004): whether it is the copy the
// dataset takes (`listed`; a failed file is listed as itself), the best copy's hash, how many
// copies the report has, how many cells they disagree on (X-SOURCES) and the report's region.
// The review list is then a query (store/listQueries.ts), not the whole dataset in memory. The
// columns are rewritten whenever a file of an agency is saved, by the dataset's own grouping
// (src/dataset/sameReport.ts, through reportsOfCopies) over that agency's files.
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';
import { copiesOfAgencies } from './datasetQueries';
import { reportsOfCopies } from './datasetReports';
import type { Region } from '../src/dataset/region';

type Db = Kysely<Database> | Transaction<Database>;

/** The group columns of a file that is a report of its own (the defaults until it is grouped). */
export function ownGroupColumns(sha256: string, region: Region | null) {
  return {
    listed: 1,
    group_best: sha256,
    copy_count: 1,
    x_sources: 0,
    group_region_code: region?.code ?? null,
    group_province: region?.province ?? null,
    group_city: region?.city ?? null,
    group_county: region?.county ?? null,
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

/** Rewrite the group columns of every parsed file of these agencies. */
export async function regroupAgencies(db: Db, agencyKeys: string[]): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (let i = 0; i < agencyKeys.length; i += 200) {
    const reports = await reportsOfCopies(
      db as Kysely<Database>,
      await copiesOfAgencies(db as Kysely<Database>, agencyKeys.slice(i, i + 200)),
    );
    const rows = reports.flatMap((r) =>
      r.copies.map((c) => ({
        sha256: c.sha256,
        listed: c === r.best ? 1 : 0,
        group_best: r.id,
        copy_count: r.copies.length,
        x_sources: r.xSources.length,
        group_region_code: r.region?.code ?? null,
        group_province: r.region?.province ?? null,
        group_city: r.region?.city ?? null,
        group_county: r.region?.county ?? null,
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

/** Every agency's files regrouped, a page of agencies at a time (the migration that adds the columns). */
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
    await regroupAgencies(db, keys);
    after = keys[keys.length - 1];
  }
}
