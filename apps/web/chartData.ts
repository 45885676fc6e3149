// The numbers behind the charts page: reports per year and layout, the share of reports failing
// each rule, and one agency's applications and their outcomes across years.
import type { Kysely } from 'kysely';
import {
  countsByYearAndLayout,
  failingReportsPerRule,
  parsedReportsOfAgency,
  applicationTotals,
  type Database,
} from '../../store';
import { RULES } from '../../src/rules/catalog';

export interface YearLayoutCount {
  year: number | null;
  layout: string | null;
  count: number;
}
export interface RuleShare {
  rule: string;
  description: string;
  failing: number;
  assessed: number;
  share: number;
}

export async function reportsPerYearAndLayout(db: Kysely<Database>): Promise<YearLayoutCount[]> {
  return countsByYearAndLayout(db);
}

/** Share of parsed reports (those without an error) with at least one flag of each rule. */
export async function ruleShares(db: Kysely<Database>): Promise<RuleShare[]> {
  const { parsed: assessed, failing: byRule } = await failingReportsPerRule(db);
  const ids = [...new Set([...RULES.map((r) => r.id), ...byRule.keys()])];
  return ids.map((rule) => {
    const n = byRule.get(rule) ?? 0;
    return {
      rule,
      description: RULES.find((r) => r.id === rule)?.description ?? '',
      failing: n,
      assessed,
      share: assessed ? n / assessed : 0,
    };
  });
}

/** Series of table 三 totals, one point per year: what was received and how it was handled. */
const AGENCY_SERIES: Array<{ key: string; label: string; rows: (row: string) => boolean }> = [
  { key: 'newReceived', label: '本年新收', rows: (r) => r === 'newReceived' },
  { key: 'carriedOver', label: '上年结转', rows: (r) => r === 'carriedOver' },
  { key: 'granted', label: '予以公开', rows: (r) => r === 'granted' },
  { key: 'partiallyGranted', label: '部分公开', rows: (r) => r === 'partiallyGranted' },
  { key: 'withheld', label: '不予公开', rows: (r) => r.startsWith('withheld.') },
  { key: 'unableToProvide', label: '无法提供', rows: (r) => r.startsWith('unableToProvide.') },
  { key: 'notProcessed', label: '不予处理', rows: (r) => r.startsWith('notProcessed.') },
  { key: 'otherHandling', label: '其他处理', rows: (r) => r === 'otherHandling' || r.startsWith('otherHandling.') },
  { key: 'carriedForward', label: '结转下年度', rows: (r) => r === 'carriedForward' },
];

export interface AgencyHistory {
  agency: string;
  years: number[];
  series: Array<{ key: string; label: string; values: Array<number | null> }>;
  /** the report each year's numbers come from */
  reports: Array<{ year: number; sha256: string }>;
}

export async function agencyHistory(db: Kysely<Database>, agency: string): Promise<AgencyHistory> {
  const reports = await parsedReportsOfAgency(db, agency);
  // one report per year: the most recently stored when an agency has two for the same year
  const perYear = new Map<number, string>();
  for (const r of reports) if (!perYear.has(r.year)) perYear.set(r.year, r.sha256);
  const years = [...perYear.keys()].sort((a, b) => a - b);
  const cells = await applicationTotals(db, [...perYear.values()]);
  const series = AGENCY_SERIES.map((s) => ({
    key: s.key,
    label: s.label,
    values: years.map((y) => {
      const mine = cells.filter((c) => c.sha256 === perYear.get(y) && s.rows(c.row) && c.value != null);
      return mine.length ? mine.reduce((a, c) => a + c.value!, 0) : null;
    }),
  }));
  return { agency, years, series, reports: years.map((y) => ({ year: y, sha256: perYear.get(y)! })) };
}
