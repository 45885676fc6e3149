// The review list as queries: one row per report of the dataset (its best copy) and one per
// failed file, the `entries` table (store/datasetGroups.ts writes it), filtered, sorted and
// counted for the filter menus in the database. Nothing of the whole dataset is held.
import {
  PostgresAdapter,
  sql,
  type ExpressionBuilder,
  type Expression,
  type Kysely,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import type { Database } from './schema';
import { agencyKey } from '../src/report/agencyName';
import { groupCopies } from '../src/dataset/sameReport';
import type { Region } from '../src/dataset/region';
import { copiesOfFiles, type DatasetCopy } from './datasetQueries';

export interface EntryFilter {
  year?: number;
  agency?: string;
  layout?: string;
  format?: string;
  /** a rule id: only reports with at least one flag of it (X-SOURCES: copies that disagree) */
  rule?: string;
  /** 'any': only files that could not be parsed; 'none': only parsed reports; else an error code */
  error?: string;
  /** words to find in the agency or the title of any copy */
  q?: string;
  /** a region name at any level (江苏省, 淮安市) or a GB/T 2260 code (320800) */
  region?: string;
  /** only reports whose copies disagree on a cell */
  disagreeing?: boolean;
}
export type FilterKey = keyof EntryFilter;
export const FILTER_KEYS: FilterKey[] = [
  'year',
  'agency',
  'layout',
  'format',
  'error',
  'rule',
  'region',
  'disagreeing',
  'q',
];

export const ENTRY_SORTS = [
  'agency',
  'year',
  'title',
  'format',
  'layout',
  'region',
  'status',
  'rules',
  'cells',
  'copies',
] as const;
export type EntrySort = (typeof ENTRY_SORTS)[number];

type Eb = ExpressionBuilder<Database & { r: Database['entries'] }, 'r'>;

const isOn = (f: EntryFilter, k: FilterKey) => f[k] !== undefined && f[k] !== '' && f[k] !== false;

/** The filter's words, as the list has always split them. */
const wordsOf = (q: string) => q.split(/\s+/).filter(Boolean).slice(0, 8);

/**
 * A set of names (a report's formats, its failing rules) as one text column: sorted, each between
 * commas (",html,pdf,"), so that one name is found as ",html,"; null when there is none.
 */
export function listed(names: Array<string | null | undefined>): string | null {
  const set = [...new Set(names.filter((n): n is string => !!n))].sort();
  return set.length ? `,${set.join(',')},` : null;
}
const membersOf = (text: string | null): string[] => (text ? text.split(',').filter(Boolean) : []);

/** Is a filter's value found in a text column (substring, case as written)? */
function contains(pg: boolean, column: string, word: string) {
  return pg
    ? sql<boolean>`strpos(${sql.ref(column)}, ${word}) > 0`
    : sql<boolean>`instr(${sql.ref(column)}, ${word}) > 0`;
}

/** Does a listed row pass the filter (every part of it but `except`)? */
function passes(eb: Eb, f: EntryFilter, pg: boolean, except?: FilterKey): Expression<SqlBool> {
  const on = (k: FilterKey) => k !== except && isOn(f, k);
  const all: Array<Expression<SqlBool>> = [sql<boolean>`1 = 1`];
  if (on('year')) all.push(eb('r.year', '=', f.year!));
  if (on('agency')) all.push(eb.or([eb('r.agency', '=', f.agency!), eb('r.agency_key', '=', agencyKey(f.agency!))]));
  if (on('layout')) all.push(eb('r.layout', '=', f.layout!));
  if (on('format')) all.push(contains(pg, 'r.formats', listed([f.format!])!));
  if (on('error'))
    all.push(
      f.error === 'any'
        ? eb('r.error_code', 'is not', null)
        : f.error === 'none'
          ? eb('r.error_code', 'is', null)
          : eb('r.error_code', '=', f.error!),
    );
  if (on('rule'))
    all.push(f.rule === 'X-SOURCES' ? eb('r.x_sources', '>', 0) : contains(pg, 'r.rules', listed([f.rule!])!));
  if (on('region')) all.push(regionPasses(eb, f.region!));
  if (on('disagreeing')) all.push(eb('r.x_sources', '>', 0));
  if (on('q'))
    for (const word of wordsOf(f.q!))
      all.push(
        eb.exists(
          eb
            .selectFrom('reports as c')
            .select(sql`1`.as('one'))
            .whereRef('c.group_best', '=', 'r.sha256')
            .where(sql<boolean>`(${contains(pg, 'c.agency', word)} or ${contains(pg, 'c.title', word)})`),
        ),
      );
  return eb.and(all);
}

/**
 * The region filter of src/dataset/region.ts (regionMatches) on the report's region columns: a
 * code (320800: that division and all below it) or a name at any level (a prefix of it).
 */
function regionPasses(eb: Eb, wanted: string): Expression<SqlBool> {
  const w = wanted.trim().normalize('NFKC');
  if (/^\d{2,6}$/.test(w)) {
    const significant = w.replace(/(00)+$/, '');
    return eb.and([
      eb('r.group_region_code', 'is not', null),
      eb(sql`substr(r.group_region_code, 1, ${significant.length})`, '=', significant),
    ]);
  }
  const prefix = (c: 'group_province' | 'group_city' | 'group_county') =>
    eb(sql`substr(${sql.ref(`r.${c}`)}, 1, ${[...w].length})`, '=', w);
  return eb.or([prefix('group_province'), prefix('group_city'), prefix('group_county')]);
}

/**
 * What each order sorts by; rows with nothing to sort by go last whichever the direction
 * (`nulls last`: the indexes on entries serve the agency and year orders).
 */
const ORDER: Record<EntrySort, { missing?: RawBuilder<unknown>; by: string[] }> = {
  agency: { by: ['r.agency'] },
  year: { by: ['r.year'] },
  title: { by: ['r.title'] },
  format: { by: ['r.format'] },
  layout: { by: ['r.layout'] },
  region: {
    missing: sql`coalesce(r.group_region_code, r.group_province, r.group_city, r.group_county) is null`,
    by: ['r.group_region_code', 'r.group_province', 'r.group_city'],
  },
  status: { by: ['r.status_rank'] },
  rules: { by: ['r.flag_count + r.x_sources'] },
  cells: { by: ['r.cell_count'] },
  copies: { by: ['r.copy_count'] },
};

/** ties: agency (none last), year (none last), hash */
const TIES = [sql`r.agency asc nulls last`, sql`r.year asc nulls last`, sql`r.sha256 asc`];

const ENTRY_COLUMNS = [
  'r.sha256',
  'r.title',
  'r.agency',
  'r.agency_key',
  'r.year',
  'r.format',
  'r.layout',
  'r.error_code',
  'r.cell_count',
  'r.flag_count',
  'r.copy_count',
  'r.x_sources',
  'r.group_region_code',
  'r.group_province',
  'r.group_city',
  'r.group_county',
  'r.status_rank',
] as const;

export interface EntryRow {
  sha256: string;
  title: string | null;
  agency: string | null;
  agencyKey: string | null;
  year: number | null;
  format: string | null;
  layout: string | null;
  errorCode: string | null;
  cellCount: number;
  flagCount: number;
  copies: number;
  xSources: number;
  region: Region | null;
  /** 0 error, 1 fail (an error rule fails), 2 empty (no cell read), 3 pass */
  statusRank: number;
}

const isPg = (db: Kysely<Database>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** One page of the listed rows that pass the filter, in the order asked for, and how many pass. */
export async function listedPage(
  db: Kysely<Database>,
  f: EntryFilter,
  sort: { by: EntrySort; dir: 'asc' | 'desc' },
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: EntryRow[] }> {
  const pg = isPg(db);
  const order = ORDER[sort.by];
  let q = db
    .selectFrom('entries as r')
    .select(ENTRY_COLUMNS)
    .where((eb) => passes(eb, f, pg));
  if (order.missing) q = q.orderBy(order.missing);
  for (const o of order.by) q = q.orderBy(sql`${sql.raw(o)} ${sql.raw(sort.dir)} nulls last`);
  for (const o of TIES) q = q.orderBy(o);
  const [rows, count] = await Promise.all([
    q.limit(page.limit).offset(page.offset).execute(),
    db
      .selectFrom('entries as r')
      .select(sql<number>`count(*)`.as('n'))
      .where((eb) => passes(eb, f, pg))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map((r) => {
      const region = {
        code: r.group_region_code,
        province: r.group_province,
        city: r.group_city,
        county: r.group_county,
      };
      return {
        sha256: r.sha256,
        title: r.title,
        agency: r.agency,
        agencyKey: r.agency_key,
        year: r.year == null ? null : Number(r.year),
        format: r.format,
        layout: r.layout,
        errorCode: r.error_code,
        cellCount: Number(r.cell_count),
        flagCount: Number(r.flag_count),
        copies: Number(r.copy_count),
        xSources: Number(r.x_sources),
        region: Object.values(region).some((v) => v !== null) ? region : null,
        statusRank: Number(r.status_rank),
      };
    }),
  };
}

/** The hashes of every listed report (not failed files) that passes the filter, in agency order. */
export async function listedReportIds(db: Kysely<Database>, f: EntryFilter): Promise<string[]> {
  const pg = isPg(db);
  const rows = await db
    .selectFrom('entries as r')
    .select('r.sha256')
    .where((eb) => passes(eb, f, pg))
    .where('r.error_code', 'is', null)
    .orderBy(TIES[0])
    .orderBy(TIES[1])
    .orderBy(TIES[2])
    .execute();
  return rows.map((r) => r.sha256);
}

export type FacetKey = 'year' | 'layout' | 'format' | 'error' | 'rule' | 'agency' | 'region';
export interface FacetCount {
  value: string;
  count: number;
}

/**
 * A filter menu's counts: the listed rows that pass every filter but the menu's own, by the
 * menu's values (a report counts once per value).
 */
export async function facetCounts(db: Kysely<Database>, facet: FacetKey, f: EntryFilter): Promise<FacetCount[]> {
  const pg = isPg(db);
  const own: FilterKey = facet;
  const base = db.selectFrom('entries as r').where((eb) => passes(eb, f, pg, own));
  let rows: Array<{ value: unknown; n: unknown }>;
  if (facet === 'year' || facet === 'layout' || facet === 'agency' || facet === 'error') {
    const column = facet === 'error' ? 'r.error_code' : (`r.${facet}` as const);
    rows = await base
      .select([sql`${sql.ref(column)}`.as('value'), sql<number>`count(*)`.as('n')])
      .groupBy(column)
      .execute();
  } else if (facet === 'format' || facet === 'rule') {
    // reports with one set of formats (rules) counted together, then each set's members
    const column = facet === 'format' ? 'r.formats' : 'r.rules';
    const sets = await base
      .select([
        sql<string | null>`${sql.ref(column)}`.as('members'),
        sql<number>`case when r.x_sources > 0 then 1 else 0 end`.as('xs'),
        sql<number>`count(*)`.as('n'),
      ])
      .groupBy([column, sql`case when r.x_sources > 0 then 1 else 0 end`])
      .execute();
    const sum = new Map<string, number>();
    const add = (v: string, n: number) => sum.set(v, (sum.get(v) ?? 0) + n);
    for (const r of sets) {
      for (const v of membersOf(r.members)) add(v, Number(r.n));
      if (facet === 'rule' && Number(r.xs)) add('X-SOURCES', Number(r.n));
    }
    rows = [...sum].map(([value, n]) => ({ value, n }));
  } else {
    // region: the province and the city of each report (once when they are one name)
    const [provinces, cities] = await Promise.all([
      base
        .select(['r.group_province as value', sql<number>`count(*)`.as('n')])
        .groupBy('r.group_province')
        .execute(),
      base
        .select(['r.group_city as value', sql<number>`count(*)`.as('n')])
        .where((eb) =>
          eb.or([eb('r.group_province', 'is', null), eb('r.group_city', '!=', eb.ref('r.group_province'))]),
        )
        .groupBy('r.group_city')
        .execute(),
    ]);
    const sum = new Map<string, number>();
    for (const r of [...provinces, ...cities])
      if (r.value !== null && r.value !== '') sum.set(String(r.value), (sum.get(String(r.value)) ?? 0) + Number(r.n));
    rows = [...sum].map(([value, n]) => ({ value, n }));
  }
  return rows
    .filter((r) => r.value !== null && r.value !== undefined && r.value !== '' && Number(r.n) > 0)
    .map((r) => ({ value: String(r.value), count: Number(r.n) }))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** Every listed entry (reports and failed files) and every file behind them. */
export async function listedCounts(db: Kysely<Database>): Promise<{ stored: number; files: number }> {
  const [entries, files] = await Promise.all([
    db
      .selectFrom('entries')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('reports')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { stored: Number(entries.n), files: Number(files.n) };
}

/** The copies of some listed reports (by the best copy's hash), best first, with their flags and sources. */
export async function copiesOfListed(db: Kysely<Database>, best: string[]): Promise<Map<string, DatasetCopy[]>> {
  const out = new Map<string, DatasetCopy[]>();
  if (!best.length) return out;
  const members = await db
    .selectFrom('reports')
    .select(['sha256', 'group_best'])
    .where('group_best', 'in', best)
    .execute();
  const copies = await copiesOfFiles(
    db,
    members.map((m) => m.sha256),
  );
  const byBest = new Map<string, DatasetCopy[]>();
  const bestOf = new Map(members.map((m) => [m.sha256, m.group_best]));
  for (const c of copies) {
    const k = bestOf.get(c.sha256)!;
    byBest.set(k, [...(byBest.get(k) ?? []), c]);
  }
  for (const [k, list] of byBest) {
    if (list.length === 1 || list[0].errorCode) {
      out.set(k, list);
      continue;
    }
    // best first, by the dataset's own choice (one report: one group)
    const [g] = groupCopies(list.map((c) => ({ ...c, id: c.sha256, regionCode: c.extras.regionCode })));
    out.set(k, g ? g.copies : list);
  }
  return out;
}
