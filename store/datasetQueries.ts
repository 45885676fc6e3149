// What the dataset (one report per agency, year and scope) reads beyond a report summary: the URL,
// the region and the name as printed, in columns copied out of the record JSON when it is stored
// (migration 0003), so that loading the dataset never parses a record's JSON.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, ReportsTable } from './schema';
import { SUMMARY_COLUMNS, summariesOf, type ReportSummary } from './queries';

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

/** Stored files with their flags, sources, URL, region and printed name: what grouping needs. */
async function copiesOf(
  rows: Array<Pick<Selectable<ReportsTable>, (typeof SUMMARY_COLUMNS)[number] | (typeof EXTRA_COLUMNS)[number]>>,
  db: Kysely<Database>,
): Promise<DatasetCopy[]> {
  const out: DatasetCopy[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const page = rows.slice(i, i + 500);
    const summaries = await summariesOf(db, page);
    summaries.forEach((s, k) => out.push({ ...s, url: page[k].url, extras: extrasOf(page[k]) }));
  }
  return out;
}

const COPY_COLUMNS = [...SUMMARY_COLUMNS, ...EXTRA_COLUMNS.filter((c) => c !== 'sha256')] as const;

/** The parsed files of some agencies (by agency key): every copy of every report of theirs. */
export async function copiesOfAgencies(db: Kysely<Database>, agencyKeys: string[]): Promise<DatasetCopy[]> {
  if (!agencyKeys.length) return [];
  const rows = await db
    .selectFrom('reports')
    .select(COPY_COLUMNS)
    .where('agency_key', 'in', agencyKeys)
    .where('error_code', 'is', null)
    .orderBy('sha256')
    .execute();
  return copiesOf(rows, db);
}

/** Some stored files by hash, in hash order. */
export async function copiesOfFiles(db: Kysely<Database>, shas: string[]): Promise<DatasetCopy[]> {
  if (!shas.length) return [];
  const rows = await db
    .selectFrom('reports')
    .select(COPY_COLUMNS)
    .where('sha256', 'in', shas)
    .orderBy('sha256')
    .execute();
  return copiesOf(rows, db);
}

/** Agency keys of parsed files after the one given, in key order (bytewise on both stores), a page at a time. */
export async function agencyKeysAfter(db: Kysely<Database>, after: string | null, limit: number): Promise<string[]> {
  let q = db
    .selectFrom('reports')
    .select('agency_key')
    .distinct()
    .where('agency_key', 'is not', null)
    .where('error_code', 'is', null);
  if (after !== null) q = q.where('agency_key', '>', after);
  const rows = await q.orderBy('agency_key').limit(limit).execute();
  return rows.map((r) => r.agency_key!);
}

/**
 * Stored files after the given hash, in hash order, a page at a time: the failed ones, or the
 * parsed ones that name no agency (each a report of its own).
 */
export async function copiesAfter(
  db: Kysely<Database>,
  kind: 'failed' | 'noAgency',
  afterSha: string,
  limit: number,
): Promise<DatasetCopy[]> {
  let q = db.selectFrom('reports').select(COPY_COLUMNS).where('sha256', '>', afterSha);
  q =
    kind === 'failed'
      ? q.where('error_code', 'is not', null)
      : q.where('error_code', 'is', null).where('agency_key', 'is', null);
  return copiesOf(await q.orderBy('sha256').limit(limit).execute(), db);
}

/**
 * A fingerprint of the store's content: when it is unchanged, what was computed from it still
 * holds. Every new file adds a source row and every replaced one a later updated_at; both read
 * from narrow data (an index, a small table), not the reports table's wide rows.
 */
export async function storeFingerprint(db: Kysely<Database>): Promise<string> {
  const [r, s] = await Promise.all([
    db
      .selectFrom('reports')
      .select(sql<string>`max(updated_at)`.as('t'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('sources')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return `${r.t ?? ''}|${Number(s.n)}`;
}
