// The reports list: one row per report of the dataset (agency, year and scope; its copies
// behind it) and one per file that could not be parsed. Filters, sorting and counts for the
// filter menus, over the grouping the export uses (store/datasetReports.ts), so the list and an
// export of it hold the same reports.
import type { Kysely } from 'kysely';
import { loadDatasetCached, type Database, type Dataset, type DatasetCopy, type DatasetReport } from '../../store';
import { RULE_BY_ID } from '../../src/rules/catalog';
import { agencyKey } from '../../src/report/agencyName';
import { regionMatches, type Region } from '../../src/dataset/region';
import { originalUrlOf } from '../export/originalUrl';

export interface ListFilter {
  year?: number;
  agency?: string;
  layout?: string;
  format?: string;
  /** a rule id: only reports with at least one flag of it (X-SOURCES: copies that disagree) */
  rule?: string;
  /** 'any': only files that could not be parsed; 'none': only parsed reports; else an error code */
  error?: string;
  /** words to find in the agency or the title */
  q?: string;
  /** a region name at any level (江苏省, 淮安市) or a GB/T 2260 code (320800) */
  region?: string;
  /** only reports whose copies disagree on a cell */
  disagreeing?: boolean;
}

export const SORT_KEYS = [
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

function statusOf(e: Entry): Status {
  if (e.best.errorCode) return 'error';
  if (e.best.cellCount === 0) return 'empty';
  return e.best.flags.some((f) => f.severity === 'error') ? 'fail' : 'pass';
}

function rulesOf(e: Entry): ListRow['rules'] {
  const counts = new Map<string, number>();
  for (const f of e.best.flags) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  if (e.xSources) counts.set('X-SOURCES', e.xSources);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([rule, count]) => ({ rule, count, description: description(rule) }));
}

/**
 * The list over one loaded dataset, built once while the store is unchanged: the entries, each
 * one's row, and the entries in each sort order asked for. A request then only filters.
 */
interface Prepared {
  entries: Entry[];
  rows: Map<Entry, ListRow>;
  sorted: Map<string, Entry[]>;
}
const prepared = new WeakMap<Dataset, Prepared>();

async function preparedList(db: Kysely<Database>): Promise<Prepared> {
  const d = await loadDatasetCached(db);
  let p = prepared.get(d);
  if (!p) {
    const entries: Entry[] = [
      ...d.reports.map((r) => ({
        report: r,
        best: r.best,
        copies: r.copies,
        region: r.region,
        xSources: r.xSources.length,
      })),
      ...d.failures.map((f) => ({ failure: f, best: f, copies: [f], region: null, xSources: 0 })),
    ];
    p = { entries, rows: new Map(entries.map((e) => [e, toRow(e)])), sorted: new Map() };
    prepared.set(d, p);
  }
  return p;
}

function sortedEntries(p: Prepared, sort: ListSort): Entry[] {
  const key = `${sort.by}:${sort.dir}`;
  let sorted = p.sorted.get(key);
  if (!sorted) {
    const entryOf = new Map([...p.rows].map(([e, r]) => [r, e]));
    sorted = sortRows([...p.rows.values()], sort).map((r) => entryOf.get(r)!);
    p.sorted.set(key, sorted);
  }
  return sorted;
}

export async function listEntries(db: Kysely<Database>): Promise<Entry[]> {
  return (await preparedList(db)).entries;
}

type Own = keyof ListFilter;

/** Does an entry pass every filter but `except` (so a menu counts its own other choices)? */
function matches(e: Entry, f: ListFilter, except?: Own): boolean {
  const b = e.best;
  const on = (k: Own) => f[k] !== undefined && f[k] !== '' && except !== k;
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

const FILTER_KEYS: Own[] = ['year', 'agency', 'layout', 'format', 'error', 'rule', 'region', 'disagreeing', 'q'];

/** The one filter an entry fails (null: none; 'many': more than one): what the menus count by. */
function missedFilter(e: Entry, f: ListFilter): Own | null | 'many' {
  if (matches(e, f)) return null;
  for (const k of FILTER_KEYS) if (f[k] !== undefined && f[k] !== '' && matches(e, f, k)) return k;
  return 'many';
}

export function filterEntries(entries: Entry[], f: ListFilter): Entry[] {
  return entries.filter((e) => matches(e, f));
}

function toRow(e: Entry): ListRow {
  const b = e.best;
  return {
    sha256: b.sha256,
    title: b.title,
    agency: b.agency,
    agencyKey: b.agency ? agencyKey(b.agency) : null,
    year: b.year,
    format: b.format,
    layout: b.layout,
    errorCode: b.errorCode,
    cellCount: b.cellCount,
    flagCount: b.flagCount,
    region: e.region,
    status: statusOf(e),
    rules: rulesOf(e),
    copies: e.copies.length,
    disagreements: e.xSources,
    originalUrl: null,
  };
}

const regionText = (r: Region | null) => (r ? [r.province, r.city, r.county].filter(Boolean).join(' ') : '');
const STATUS_ORDER: Record<Status, number> = { error: 0, fail: 1, empty: 2, pass: 3 };

function compare(by: SortKey): (a: ListRow, b: ListRow) => number {
  const text = (v: string | null) => v ?? '\uffff';
  switch (by) {
    case 'year':
      return (a, b) => (a.year ?? 99999) - (b.year ?? 99999);
    case 'cells':
      return (a, b) => a.cellCount - b.cellCount;
    case 'copies':
      return (a, b) => a.copies - b.copies;
    case 'rules':
      return (a, b) => a.rules.reduce((n, r) => n + r.count, 0) - b.rules.reduce((n, r) => n + r.count, 0);
    case 'status':
      return (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    case 'region':
      return (a, b) =>
        text(a.region?.code ?? (regionText(a.region) || null)).localeCompare(
          text(b.region?.code ?? (regionText(b.region) || null)),
        );
    default:
      return (a, b) => text(a[by]).localeCompare(text(b[by]), 'zh');
  }
}

/** rows that have no value to sort by go last, whichever the direction */
const MISSING: Partial<Record<SortKey, (r: ListRow) => boolean>> = {
  agency: (r) => r.agency === null,
  year: (r) => r.year === null,
  title: (r) => r.title === null,
  region: (r) => r.region === null,
  format: (r) => r.format === null,
  layout: (r) => r.layout === null,
};

function sortRows(rows: ListRow[], sort: ListSort): ListRow[] {
  const cmp = compare(sort.by);
  const missing = MISSING[sort.by] ?? (() => false);
  const tie = (a: ListRow, b: ListRow) =>
    compare('agency')(a, b) || compare('year')(a, b) || a.sha256.localeCompare(b.sha256);
  const sign = sort.dir === 'desc' ? -1 : 1;
  return [...rows].sort((a, b) => Number(missing(a)) - Number(missing(b)) || sign * cmp(a, b) || tie(a, b));
}

export async function listReports(
  db: Kysely<Database>,
  f: ListFilter,
  page: { limit: number; offset: number },
  sort: ListSort = { by: 'agency', dir: 'asc' },
): Promise<ListResult> {
  const p = await preparedList(db);
  const entries = p.entries;
  // each entry tested once: the menus count the entries that miss no filter but their own
  const missed = new Map(entries.map((e) => [e, missedFilter(e, f)]));
  // filtering the entries in sort order keeps that order
  const kept = sortedEntries(p, sort).filter((e) => missed.get(e) === null);
  const rows = kept.slice(page.offset, page.offset + page.limit).map((e) => ({ ...p.rows.get(e)! }));
  // read only for the rows shown: a crawler header is in the file
  for (const [i, r] of rows.entries()) r.originalUrl = await originalUrlOf(kept[page.offset + i].copies);
  return {
    total: kept.length,
    stored: entries.length,
    files: entries.reduce((n, e) => n + e.copies.length, 0),
    rows,
    facets: facets(entries, missed),
  };
}

function facets(entries: Entry[], missed: Map<Entry, Own | null | 'many'>): ListResult['facets'] {
  const count = (own: Own, values: (e: Entry) => Array<string | number | null | undefined>) => {
    const n = new Map<string, number>();
    for (const e of entries) {
      const miss = missed.get(e);
      if (miss !== null && miss !== own) continue;
      const vs = values(e);
      for (const v of vs.length > 1 ? new Set(vs) : vs)
        if (v !== null && v !== undefined && v !== '') n.set(String(v), (n.get(String(v)) ?? 0) + 1);
    }
    return [...n].map(([value, c]) => ({ value, count: c })).sort((a, b) => a.value.localeCompare(b.value));
  };
  return {
    year: count('year', (e) => [e.best.year]),
    layout: count('layout', (e) => [e.best.layout]),
    format: count('format', (e) => e.copies.map((c) => c.format)),
    error: count('error', (e) => [e.best.errorCode]),
    agency: count('agency', (e) => [e.best.agency]),
    rule: count('rule', (e) => [...e.best.flags.map((x) => x.rule), e.xSources ? 'X-SOURCES' : null]),
    region: count('region', (e) => (e.region ? [e.region.province, e.region.city] : [])),
  };
}
