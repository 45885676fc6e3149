// The reports list: one row per report of the dataset (agency, year and scope; its copies
// behind it) and one per file that could not be parsed. Filters, sorting and counts for the
// filter menus are queries (store/listQueries.ts) over the group columns each stored file
// carries, written by the grouping the export uses (src/dataset/sameReport.ts), so the list and
// an export of it hold the same reports.
import type { Kysely } from 'kysely';
import {
  copiesOfListed,
  facetCounts,
  listedCounts,
  listedPage,
  storeFingerprint,
  ENTRY_SORTS,
  type Database,
  type DatasetCopy,
  type EntryFilter,
  type EntryRow,
  type FacetKey,
} from '../../store';
import { RULE_BY_ID } from '../../src/rules/catalog';
import { originalUrlOf } from '../export/originalUrl';

export type ListFilter = EntryFilter;

export const SORT_KEYS = ENTRY_SORTS;
export type SortKey = (typeof SORT_KEYS)[number];
export interface ListSort {
  by: SortKey;
  dir: 'asc' | 'desc';
}

/**
 * pass: cells read and no error rule fails; fail: an error rule fails; empty: no cell read (nothing
 * checked, so not passing); error: not parsed
 */
export type Status = 'pass' | 'fail' | 'empty' | 'error';

/** a list entry (store/listQueries.ts) as the page shows it */
export interface ListRow extends Omit<EntryRow, 'statusRank' | 'xSources'> {
  status: Status;
  /** failing rules with how many checks of each failed and what the rule says */
  rules: Array<{ rule: string; count: number; description: string }>;
  /** cells its copies disagree on (X-SOURCES) */
  disagreements: number;
  /** where the report was published: its URL, or the 原文链接 of a crawler header */
  originalUrl: string | null;
}

export interface Facet {
  value: string;
  count: number;
}
export interface ListResult {
  total: number;
  /** every report and failed file in the store, whatever the filter */
  stored: number;
  /** files behind them */
  files: number;
  rows: ListRow[];
  /** counts over the filtered reports, for the menus and the summary line */
  facets: {
    year: Facet[];
    layout: Facet[];
    format: Facet[];
    error: Facet[];
    rule: Facet[];
    agency: Facet[];
    region: Facet[];
  };
}

const description = (rule: string) => RULE_BY_ID.get(rule)?.description ?? '';

const STATUS_OF_RANK: Status[] = ['error', 'fail', 'empty', 'pass'];

function rulesOf(flags: Array<{ rule: string }>, xSources: number): ListRow['rules'] {
  const counts = new Map<string, number>();
  for (const f of flags) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  if (xSources) counts.set('X-SOURCES', xSources);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([rule, count]) => ({ rule, count, description: description(rule) }));
}

const FACETS: FacetKey[] = ['year', 'layout', 'format', 'error', 'rule', 'agency', 'region'];

/**
 * A menu's counts depend on the store and on the filters but its own: kept while the store is
 * unchanged, so a menu whose own filter is the only one set (the rule menu when a rule is
 * chosen) is not counted again over every report. So are the store's totals.
 */
const kept = new Map<string, Promise<unknown>>();
let keptFor: { db: Kysely<Database>; fingerprint: string } | undefined;

function whileUnchanged<T>(
  db: Kysely<Database>,
  fingerprint: string,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  if (keptFor?.db !== db || keptFor.fingerprint !== fingerprint) {
    kept.clear();
    keptFor = { db, fingerprint };
  }
  let got = kept.get(key) as Promise<T> | undefined;
  if (!got) {
    got = compute();
    got.catch(() => kept.delete(key));
    if (kept.size > 500) kept.clear();
    kept.set(key, got);
  }
  return got;
}

function cachedFacet(db: Kysely<Database>, fingerprint: string, facet: FacetKey, f: ListFilter): Promise<Facet[]> {
  const rest = Object.fromEntries(Object.entries(f).filter(([k, v]) => k !== facet && v !== undefined && v !== ''));
  return whileUnchanged(db, fingerprint, `${facet}|${JSON.stringify(rest)}`, () => facetCounts(db, facet, f));
}

function toRow({ statusRank, xSources, ...e }: EntryRow, copies: DatasetCopy[]): ListRow {
  return {
    ...e,
    region: e.errorCode ? null : e.region,
    status: STATUS_OF_RANK[statusRank],
    rules: rulesOf(copies[0]?.flags ?? [], xSources),
    disagreements: xSources,
    originalUrl: null,
  };
}

export async function listReports(
  db: Kysely<Database>,
  f: ListFilter,
  page: { limit: number; offset: number },
  sort: ListSort = { by: 'agency', dir: 'asc' },
): Promise<ListResult> {
  const fingerprint = await storeFingerprint(db);
  const [found, counts, ...menus] = await Promise.all([
    listedPage(db, f, sort, page),
    whileUnchanged(db, fingerprint, 'counts', () => listedCounts(db)),
    ...FACETS.map((k) => cachedFacet(db, fingerprint, k, f)),
  ]);
  const copies = await copiesOfListed(
    db,
    found.rows.map((r) => r.sha256),
  );
  const rows: ListRow[] = [];
  for (const r of found.rows) {
    const cs = copies.get(r.sha256) ?? [];
    // read only for the rows shown: a crawler header is in the file
    rows.push({ ...toRow(r, cs), originalUrl: await originalUrlOf(cs) });
  }
  const facets = Object.fromEntries(FACETS.map((k, i) => [k, menus[i]])) as ListResult['facets'];
  return { total: found.total, stored: counts.stored, files: counts.files, rows, facets };
}
