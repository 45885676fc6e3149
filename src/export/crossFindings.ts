// X-CARRY and X-INFORCE per report, for the export: which stored report is the previous year of
// the same agency, and what each rule found against it. The checks are crossReport.ts's own,
// run once per pair and per rule (on that rule's cells only) so each gets its own verdict.
import { checkAcrossReports, consecutivePairs, type CrossFlag, type ReportCells } from '../rules/crossReport';

export type CrossVerdict = 'agrees' | 'differs' | 'not_assessable' | 'not_applicable' | 'no_previous_year';

export interface CrossFinding { previous: string | null; previousYear: number | null; carry: CrossVerdict; inForce: CrossVerdict; flags: CrossFlag[] }

export interface CrossSummary { pairs: Array<{ agencyKey: string; previous: string; report: string; years: [number, number]; carry: CrossVerdict; inForce: CrossVerdict }>; checks: number; notAssessable: number; flags: number }

const onlyTable = (r: ReportCells, table: string): ReportCells => ({ ...r, cells: r.cells.filter((c) => c.table === table) });

function verdict(prev: ReportCells, cur: ReportCells, table: string): { verdict: CrossVerdict; checks: number; notAssessable: number; flags: CrossFlag[] } {
  const r = checkAcrossReports([onlyTable(prev, table), onlyTable(cur, table)]);
  if (r.checks === 0) return { verdict: 'not_applicable', ...r };
  const v: CrossVerdict = r.flags.length ? 'differs' : r.notAssessable === r.checks ? 'not_assessable' : 'agrees';
  return { verdict: v, checks: r.checks, notAssessable: r.notAssessable, flags: r.flags };
}

/** Findings keyed by the later report's id; reports with no previous year are absent. */
export function crossFindings(inputs: ReportCells[], agencyKeyOf: (name: string) => string): { byReport: Map<string, CrossFinding>; summary: CrossSummary } {
  const byReport = new Map<string, CrossFinding>();
  const summary: CrossSummary = { pairs: [], checks: 0, notAssessable: 0, flags: 0 };
  for (const [prev, cur] of consecutivePairs(inputs)) {
    const carry = verdict(prev, cur, 'applications');
    const inForce = verdict(prev, cur, 'active');
    const flags = [...carry.flags, ...inForce.flags];
    byReport.set(cur.id, { previous: prev.id, previousYear: prev.year, carry: carry.verdict, inForce: inForce.verdict, flags });
    summary.pairs.push({ agencyKey: agencyKeyOf(cur.agency ?? ''), previous: prev.id, report: cur.id, years: [prev.year!, cur.year!], carry: carry.verdict, inForce: inForce.verdict });
    summary.checks += carry.checks + inForce.checks;
    summary.notAssessable += carry.notAssessable + inForce.notAssessable;
    summary.flags += flags.length;
  }
  return { byReport, summary };
}
