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
  loadDatasetCached,
  storeFingerprint,
  ENTRY_SORTS,
  type Database,
  type Dataset,
  type DatasetCopy,
  type DatasetReport,
  type EntryFilter,
  type EntryRow,
  type FacetKey,
} from '../../store';
import { RULE_BY_ID } from '../../src/rules/catalog';
import { agencyKey } from '../../src/report/agencyName';
import { regionMatches, type Region } from '../../src/dataset/region';
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

export interface ListRow {
  /** the best copy's sha256 (the report's page), or the failed file's */
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
  region: Region | null;
  status: Status;
  /** failing rules with how many checks of each failed and what the rule says */
  rules: Array<{ rule: string; count: number; description: string }>;
  copies: number;
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

/** A list entry: a report of the dataset, or a failed file. */
export interface Entry {
  report?: DatasetReport;
  failure?: DatasetCopy;
  best: DatasetCopy;
  copies: DatasetCopy[];
  region: Region | null;
  xSources: number;
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

/**
 * Every entry in memory, for the review page's download of its filtered list (apiRoutes):
 * `listedReportIds` in store/listQueries.ts answers the same in one query.
 */
export async function listEntries(db: Kysely<Database>): Promise<Entry[]> {
  const d: Dataset = await loadDatasetCached(db);
  return [
    ...d.reports.map((r) => ({
      report: r,
      best: r.best,
      copies: r.copies,
      region: r.region,
      xSources: r.xSources.length,
    })),
    ...d.failures.map((f) => ({ failure: f, best: f, copies: [f], region: null, xSources: 0 })),
  ];
}

/** Does an entry pass every filter (the in-memory form of the list's query, for listEntries)? */
function matches(e: Entry, f: ListFilter): boolean {
  const b = e.best;
  const on = (k: keyof ListFilter) => f[k] !== undefined && f[k] !== '';
  if (on('year') && b.year !== f.year) return false;
  if (on('agency') && b.agency !== f.agency && !(b.agency && agencyKey(b.agency) === agencyKey(f.agency!)))
    return false;
  if (on('layout') && b.layout !== f.layout) return false;
  if (on('format') && !e.copies.some((c) => c.format === f.format)) return false;
  if (on('error')) {
    if (f.error === 'any' ? !b.errorCode : f.error === 'none' ? !!b.errorCode : b.errorCode !== f.error) return false;
  }
  if (on('rule') && !(f.rule === 'X-SOURCES' ? e.xSources > 0 : b.flags.some((x) => x.rule === f.rule))) return false;
  if (on('region') && !regionMatches(e.region, f.region!)) return false;
  if (on('disagreeing') && f.disagreeing && !e.xSources) return false;
  if (on('q')) {
    const texts = e.copies.flatMap((c) => [c.agency ?? '', c.title ?? '']);
    for (const word of f.q!.split(/\s+/).filter(Boolean).slice(0, 8))
      if (!texts.some((t) => t.includes(word))) return false;
  }
  return true;
}

export function filterEntries(entries: Entry[], f: ListFilter): Entry[] {
  return entries.filter((e) => matches(e, f));
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

function toRow(e: EntryRow, copies: DatasetCopy[]): ListRow {
  const best = copies[0];
  return {
    sha256: e.sha256,
    title: e.title,
    agency: e.agency,
    agencyKey: e.agencyKey,
    year: e.year,
    format: e.format,
    layout: e.layout,
    errorCode: e.errorCode,
    cellCount: e.cellCount,
    flagCount: e.flagCount,
    region: e.errorCode ? null : e.region,
    status: STATUS_OF_RANK[e.statusRank],
    rules: rulesOf(best?.flags ?? [], e.xSources),
    copies: e.copies,
    disagreements: e.xSources,
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
