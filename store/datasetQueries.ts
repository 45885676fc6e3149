// What the dataset (one report per agency, year and scope) reads beyond a report summary: the
// fields of the record JSON that have no column of their own (region, the name as printed).
// Read inside the database (json_extract / jsonb), not by parsing every record in JS.
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema';
import { iterateReports, type ReportSummary } from './queries';

export interface RecordExtras {
  regionCode: string | null;
  province: string | null;
  city: string | null;
  county: string | null;
  agencyAsPrinted: string | null;
}

export interface DatasetCopy extends ReportSummary {
  url: string | null;
  extras: RecordExtras;
}

function jsonText(db: Kysely<Database>, path: string[]): RawBuilder<string | null> {
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    return sql<string | null>`(record::jsonb #>> ${sql.lit(`{${path.join(',')}}`)})`;
  return sql<string | null>`json_extract(record, ${sql.lit(`$.${path.join('.')}`)})`;
}

/** Region and printed name of the given reports, from their record JSON. */
export async function recordExtrasOf(db: Kysely<Database>, shas: string[]): Promise<Map<string, RecordExtras>> {
  const out = new Map<string, RecordExtras>();
  for (let i = 0; i < shas.length; i += 500) {
    const rows = await db
      .selectFrom('reports')
      .select([
        'sha256',
        jsonText(db, ['report', 'region', 'code']).as('region_code'),
        jsonText(db, ['report', 'region', 'province']).as('province'),
        jsonText(db, ['report', 'region', 'city']).as('city'),
        jsonText(db, ['report', 'region', 'county']).as('county'),
        jsonText(db, ['report', 'agencyAsPrinted']).as('agency_as_printed'),
      ])
      .where('sha256', 'in', shas.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      out.set(r.sha256, {
        regionCode: r.region_code == null ? null : String(r.region_code),
        province: r.province,
        city: r.city,
        county: r.county,
        agencyAsPrinted: r.agency_as_printed,
      });
    }
  }
  return out;
}

/** Every stored file with its flags, sources, URL, region and printed name: what grouping needs. */
export async function datasetCopies(db: Kysely<Database>): Promise<DatasetCopy[]> {
  const summaries: ReportSummary[] = [];
  for await (const r of iterateReports(db)) summaries.push(r);
  const shas = summaries.map((s) => s.sha256);
  const extras = await recordExtrasOf(db, shas);
  const urls = new Map<string, string | null>();
  for (let i = 0; i < shas.length; i += 500) {
    for (const r of await db
      .selectFrom('reports')
      .select(['sha256', 'url'])
      .where('sha256', 'in', shas.slice(i, i + 500))
      .execute())
      urls.set(r.sha256, r.url);
  }
  const none: RecordExtras = { regionCode: null, province: null, city: null, county: null, agencyAsPrinted: null };
  return summaries.map((s) => ({ ...s, url: urls.get(s.sha256) ?? null, extras: extras.get(s.sha256) ?? none }));
}

/** A fingerprint of the store's content: when it is unchanged, a grouping computed from it still holds. */
export async function storeFingerprint(db: Kysely<Database>): Promise<string> {
  const r = await db
    .selectFrom('reports')
    .select([sql<number>`count(*)`.as('n'), sql<string>`max(updated_at)`.as('t')])
    .executeTakeFirstOrThrow();
  const s = await db
    .selectFrom('sources')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return `${Number(r.n)}|${r.t ?? ''}|${Number(s.n)}`;
}
