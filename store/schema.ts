// The tables of the store, as Kysely sees them. One schema for SQLite and PostgreSQL: only
// portable column types (text, integer, double precision) so both dialects behave the same.
import type { Generated } from 'kysely';

/** What a stored file and a list row carry of the report they belong to (store/datasetGroups.ts). */
export interface ReportGroupColumns {
  copy_count: number;
  /** cells its copies disagree on (X-SOURCES) */
  x_sources: number;
  /** the report's region: the first its copies name, best first */
  group_region_code: string | null;
  group_province: string | null;
  group_city: string | null;
  group_county: string | null;
}

export interface ReportsTable extends ReportGroupColumns {
  sha256: string;
  /** the first path or URL it was seen at; every one is in `sources` */
  path: string;
  url: string | null;
  format: string | null;
  title: string | null;
  agency: string | null;
  year: number | null;
  layout: string | null;
  error_code: string | null;
  error_message: string | null;
  parser_version: string;
  /** parser_version padded so that text order is version order (see versionKey) */
  parser_version_key: string;
  cell_count: number;
  flag_count: number;
  /** record.report.region and .agencyAsPrinted, copied out of the record JSON (migration 0003) */
  region_code: string | null;
  region_province: string | null;
  region_city: string | null;
  region_county: string | null;
  agency_as_printed: string | null;
  /** agencyKey(agency): the dataset is read a page of agencies at a time (migration 0004) */
  agency_key: string | null;
  /** the report this file belongs to (store/datasetGroups.ts): 1 when it is the copy the dataset takes */
  listed: number;
  group_best: string;
  /** the whole record as JSON: what `xxgk parse` printed for it */
  record: string;
  created_at: string;
  updated_at: string;
}

export interface SourcesTable {
  sha256: string;
  /** a file path or a URL: a report imported from two files keeps both */
  location: string;
  fetched_at: string;
}

export interface CellsTable {
  id: Generated<number>;
  sha256: string;
  tbl: string;
  row_key: string;
  col_key: string;
  value: number | null;
  raw: string;
  source: string;
}

export interface FlagsTable {
  id: Generated<number>;
  sha256: string;
  rule: string;
  severity: string;
  message: string;
  cells: string;
  left_expr: string | null;
  left_value: number | null;
  right_expr: string | null;
  right_value: number | null;
}

/**
 * The watcher's memory of each URL it fetched (xxgk watch): HTTP validators for conditional GET,
 * the links a list page held (reused on 304), and what became of a report URL.
 */
export interface WatchUrlsTable {
  url: string;
  source_id: string;
  /** list | detail | attachment */
  kind: string;
  etag: string | null;
  last_modified: string | null;
  /** list pages: JSON of { items, next } as last read */
  links: string | null;
  sha256: string | null;
  /** report URLs: new | knownContent | sameReport | notReport | redirect | failed:CODE */
  outcome: string | null;
  checked_at: string;
}

/**
 * The review list's rows (migration 0005): one per report of the dataset (its best copy) and
 * one per failed file, a narrow copy of the group columns of the listed files, so that the
 * list's scans and counts read a few bytes per report instead of the reports table's wide rows.
 */
export interface EntriesTable extends ReportGroupColumns {
  sha256: string;
  title: string | null;
  agency: string | null;
  agency_key: string | null;
  year: number | null;
  format: string | null;
  layout: string | null;
  error_code: string | null;
  cell_count: number;
  flag_count: number;
  /** 0 not parsed, 1 an error rule fails, 2 no cell read (nothing checked), 3 passes */
  status_rank: number;
  /** the formats of its copies and the rules its best copy fails, as ",a,b," (migration 0006) */
  formats: string | null;
  rules: string | null;
}

/**
 * Agencies whose files were saved but not yet regrouped (migration 0007): those with too many
 * stored files to regroup on every save (store/datasetGroups.ts regroupOrDefer). `marks` counts
 * the saves since; a regroup deletes the row only if no save marked it meanwhile.
 */
export interface RegroupPendingTable {
  agency_key: string;
  marks: number;
}

export interface Database {
  entries: EntriesTable;
  regroup_pending: RegroupPendingTable;
  reports: ReportsTable;
  sources: SourcesTable;
  cells: CellsTable;
  flags: FlagsTable;
  watch_urls: WatchUrlsTable;
}
