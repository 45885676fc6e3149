// One report per agency, year and scope. The files of one report (another format, another URL,
// a 超链版 republication, an updated version) are copies of it; the dataset takes the best-read
// copy and keeps the others as sources. Pure: the store, the export, `xxgk report` and the
// review page all group through here.
import { agencyKey } from '../report/agencyName';
import { versionKey } from './versionOrder';

/** What grouping and choosing need to know of one stored file. */
export interface Copy {
  id: string;
  agency: string | null;
  year: number | null;
  title: string | null;
  cellCount: number;
  flagCount: number;
  parserVersion: string;
  errorCode: string | null;
  /** GB/T 2260 code of the report's region, when the record knows it */
  regionCode?: string | null;
}

export type Scope = 'own' | 'whole';

// A report "for the whole city/district" (全市 / 全区 …) sums many bodies; the same body's own
// report of that year is another report, never a copy of it.
const WHOLE_AREA = /全(?:省|自治区|市|州|盟|区|县|旗|镇|乡|街道)(?:各级行政机关)?政府信息公开/;

export function scopeOf(title: string | null): Scope {
  return title && WHOLE_AREA.test(title.normalize('NFKC').replace(/\s/g, '')) ? 'whole' : 'own';
}

/**
 * The key that makes two files the same report: agency key, year and scope. Files that failed,
 * or whose agency or year is unknown, are reports of their own (key null).
 */
function sameReportKey(c: Copy): string | null {
  if (c.errorCode || !c.agency || c.year === null) return null;
  return `${agencyKey(c.agency)}|${c.year}|${scopeOf(c.title)}`;
}

/**
 * Files with one key but different region codes are different bodies (two 鼓楼区 of different
 * cities). Where the copies name one region at most, a copy naming none joins it; where they
 * name several, each region is a report and the copies naming none are one more.
 */
function splitByRegion<T extends Copy>(key: string, list: T[]): Array<[string, T[]]> {
  const codes = [...new Set(list.map((c) => c.regionCode).filter((c): c is string => !!c))];
  if (codes.length <= 1) return [[key, list]];
  const parts: Array<[string, T[]]> = codes.map((code) => [
    `${code}:${key}`,
    list.filter((c) => c.regionCode === code),
  ]);
  const unplaced = list.filter((c) => !c.regionCode);
  if (unplaced.length) parts.push([`?:${key}`, unplaced]);
  return parts;
}

/** Best-read first: most cells, then fewest findings, then the latest parser, then the id (stable). */
function bestFirst(a: Copy, b: Copy): number {
  return (
    b.cellCount - a.cellCount ||
    a.flagCount - b.flagCount ||
    versionKey(b.parserVersion).localeCompare(versionKey(a.parserVersion)) ||
    a.id.localeCompare(b.id)
  );
}

export interface ReportGroup<T extends Copy> {
  /** sameReportKey, or `file:<id>` for a file that is a report of its own */
  key: string;
  /** the copy the dataset takes */
  best: T;
  /** every copy, best first (best included) */
  copies: T[];
}

/**
 * Text in code point order: the order of UTF-8 bytes, so the same as the store's (SQLite
 * compares bytes, PostgreSQL's agency_key column is collated "C") when the dataset is read a
 * page of agency keys at a time.
 */
export function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a],
    y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++)
    if (x[i] !== y[i]) return x[i].codePointAt(0)! - y[i].codePointAt(0)!;
  return x.length - y.length;
}

/**
 * Groups files into reports, each with its best copy; reports in dataset order: by agency key,
 * then year, then group key (a report with no agency last).
 */
export function groupCopies<T extends Copy>(copies: T[]): Array<ReportGroup<T>> {
  const byKey = new Map<string, T[]>();
  for (const c of copies) {
    const key = sameReportKey(c) ?? `file:${c.id}`;
    const list = byKey.get(key);
    if (list) list.push(c);
    else byKey.set(key, [c]);
  }
  const groups = [...byKey]
    .flatMap(([key, list]) => splitByRegion(key, list))
    .map(([key, list]) => {
      const sorted = [...list].sort(bestFirst);
      return { key, best: sorted[0], copies: sorted, agencyKey: sorted[0].agency ? agencyKey(sorted[0].agency) : null };
    });
  return groups
    .sort(
      (a, b) =>
        Number(a.agencyKey === null) - Number(b.agencyKey === null) ||
        byCodePoint(a.agencyKey ?? '', b.agencyKey ?? '') ||
        (a.best.year ?? 0) - (b.best.year ?? 0) ||
        byCodePoint(a.key, b.key),
    )
    .map(({ key, best, copies }) => ({ key, best, copies }));
}
