// What the dataset (one report per agency, year and scope) reads beyond a report summary: the URL,
// the region and the name as printed, in columns copied out of the record JSON when it is stored
// (migration 0003), so that loading the dataset never parses a record's JSON.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, ReportsTable } from './schema';
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

const NO_EXTRAS: RecordExtras = { regionCode: null, province: null, city: null, county: null, agencyAsPrinted: null };

/** Region and printed name of the given reports (columns copied out of the record JSON). */
export async function recordExtrasOf(db: Kysely<Database>, shas: string[]): Promise<Map<string, RecordExtras>> {
  const out = new Map<string, RecordExtras>();
  for (let i = 0; i < shas.length; i += 500) {
    const rows = await db
      .selectFrom('reports')
      .select(EXTRA_COLUMNS)
      .where('sha256', 'in', shas.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.sha256, extrasOf(r));
  }
  return out;
}

const EXTRA_COLUMNS = [
  'sha256',
  'url',
  'region_code',
  'region_province',
  'region_city',
  'region_county',
  'agency_as_printed',
] as const;

function extrasOf(r: Pick<Selectable<ReportsTable>, (typeof EXTRA_COLUMNS)[number]>): RecordExtras {
  return {
    regionCode: r.region_code,
    province: r.region_province,
    city: r.region_city,
    county: r.region_county,
    agencyAsPrinted: r.agency_as_printed,
  };
}

/** Every stored file with its flags, sources, URL, region and printed name: what grouping needs. */
export async function datasetCopies(db: Kysely<Database>): Promise<DatasetCopy[]> {
  const summaries: ReportSummary[] = [];
  for await (const r of iterateReports(db)) summaries.push(r);
  // one pass over the narrow columns, not a look-up per page of hashes
  const rows = new Map((await db.selectFrom('reports').select(EXTRA_COLUMNS).execute()).map((r) => [r.sha256, r]));
  return summaries.map((s) => {
    const r = rows.get(s.sha256);
    return { ...s, url: r?.url ?? null, extras: r ? extrasOf(r) : NO_EXTRAS };
  });
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
