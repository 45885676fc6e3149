// What an export writes and which reports it keeps, checked once so the writers can trust it.
import { agencyKey, normaliseAgencyName } from '../../src/report/agencyName';
import { regionMatches } from '../../src/dataset/region';
import type { DatasetReport, ReportSummary } from '../../store';

export type ExportFormat = 'csv' | 'jsonl' | 'parquet';
export type ExportShape = 'long' | 'wide' | 'panel';

export interface ExportFilters {
  yearFrom?: number;
  yearTo?: number;
  /** a name or part of one; matched on the normalised name and on the agency key */
  agency?: string;
  /** 2019, 2021, legacy or unknown: a report matches when its layout or one of its tables' is this */
  layout?: string;
  /** only reports that parsed and fail no rule of severity error */
  passing?: boolean;
  /** a region name (江苏省, 淮安市, 洪泽区) or GB/T 2260 code (320800: the division and all below it) */
  region?: string;
  /** only reports whose copies disagree on a cell (X-SOURCES) */
  disagreeing?: boolean;
  /** only these reports (their ids): what the review page's filtered list holds */
  ids?: string[];
}

export interface ExportOptions {
  format: ExportFormat;
  shape: ExportShape;
  out: string;
  filters: ExportFilters;
}

export interface RawExportOptions {
  format?: string;
  shape?: string;
  out: string;
  yearFrom?: string;
  yearTo?: string;
  years?: string;
  agency?: string;
  layout?: string;
  passing?: boolean;
  region?: string;
  disagreeing?: boolean;
}

export class ExportOptionError extends Error {}

const year = (s: string, what: string): number => {
  if (!/^\d{4}$/.test(s.trim())) throw new ExportOptionError(`${what} must be a year such as 2023, not ${s}`);
  return Number(s);
};

export function parseExportOptions(o: RawExportOptions): ExportOptions {
  const format = (o.format ?? 'csv') as ExportFormat;
  if (!['csv', 'jsonl', 'parquet'].includes(format))
    throw new ExportOptionError(`--format must be csv, jsonl or parquet, not ${o.format}`);
  const shape = (o.shape ?? 'long') as ExportShape;
  if (!['long', 'wide', 'panel'].includes(shape))
    throw new ExportOptionError(`--shape must be long, wide or panel, not ${o.shape}`);
  const filters: ExportFilters = {};
  if (o.years) {
    // 2019-2023, 2019..2023, 2019-, -2023 or one year
    const m = /^\s*(\d{4})?\s*(?:(-|\.\.)\s*(\d{4})?)?\s*$/.exec(o.years);
    if (!m || (!m[1] && !m[3]))
      throw new ExportOptionError(`--years must be a year or a range such as 2019-2023, not ${o.years}`);
    if (m[1]) filters.yearFrom = Number(m[1]);
    if (m[3]) filters.yearTo = Number(m[3]);
    else if (!m[2]) filters.yearTo = filters.yearFrom;
  }
  if (o.yearFrom) filters.yearFrom = year(o.yearFrom, '--year-from');
  if (o.yearTo) filters.yearTo = year(o.yearTo, '--year-to');
  if (filters.yearFrom !== undefined && filters.yearTo !== undefined && filters.yearFrom > filters.yearTo) {
    throw new ExportOptionError(`the year range is empty: ${filters.yearFrom} > ${filters.yearTo}`);
  }
  if (o.agency !== undefined) {
    if (!normaliseAgencyName(o.agency)) throw new ExportOptionError('--agency must not be empty');
    filters.agency = o.agency;
  }
  if (o.layout !== undefined) {
    if (!['2019', '2021', 'legacy', 'unknown'].includes(o.layout))
      throw new ExportOptionError(`--layout must be 2019, 2021, legacy or unknown, not ${o.layout}`);
    filters.layout = o.layout;
  }
  if (o.passing) filters.passing = true;
  if (o.region !== undefined) {
    const r = o.region.trim();
    if (!r || (/^\d+$/.test(r) && !/^\d{2}(\d{2}){0,2}$/.test(r)))
      throw new ExportOptionError(
        `--region must be a region name (江苏省) or a code of 2, 4 or 6 digits (320800), not ${o.region}`,
      );
    filters.region = r;
  }
  if (o.disagreeing) filters.disagreeing = true;
  return { format, shape, out: o.out, filters };
}

/** Does a report of the dataset pass the filters? `tableLayouts` are its best copy's tables' layouts. */
export function reportMatches(d: DatasetReport, tableLayouts: Record<string, string>, f: ExportFilters): boolean {
  if (f.ids && !idSet(f.ids).has(d.id)) return false;
  if (f.region !== undefined && !regionMatches(d.region, f.region)) return false;
  if (f.disagreeing && !d.xSources.length) return false;
  return summaryMatches(d.best, tableLayouts, f);
}

const idSets = new WeakMap<string[], Set<string>>();
const idSet = (ids: string[]) => idSets.get(ids) ?? idSets.set(ids, new Set(ids)).get(ids)!;

/** The filters that read one stored file: year, agency, layout, passing. */
function summaryMatches(r: ReportSummary, tableLayouts: Record<string, string>, f: ExportFilters): boolean {
  if (f.yearFrom !== undefined && (r.year === null || r.year < f.yearFrom)) return false;
  if (f.yearTo !== undefined && (r.year === null || r.year > f.yearTo)) return false;
  if (f.agency !== undefined) {
    if (!r.agency) return false;
    const want = normaliseAgencyName(f.agency);
    if (!normaliseAgencyName(r.agency).includes(want) && agencyKey(r.agency) !== agencyKey(f.agency)) return false;
  }
  if (f.layout !== undefined && (r.layout ?? 'unknown') !== f.layout && !Object.values(tableLayouts).includes(f.layout))
    return false;
  if (f.passing && !isPassing(r)) return false;
  return true;
}

export const failedErrorRules = (r: ReportSummary): string[] => [
  ...new Set(r.flags.filter((f) => f.severity === 'error').map((f) => f.rule)),
];

/** Parsed, read at least one cell, and fails no rule of severity error: a report with no cell checked nothing. */
export const isPassing = (r: ReportSummary): boolean =>
  !r.errorCode && r.cellCount > 0 && failedErrorRules(r).length === 0;
