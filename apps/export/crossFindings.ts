// X-CARRY and X-INFORCE per report, for the export: which stored report is the previous year of
// the same agency, and what each rule found against it. The checks are crossReport.ts's own,
// run once per pair and per rule (on that rule's cells only) so each gets its own verdict.
import { checkAcrossReports, consecutivePairs, type CrossFlag, type ReportCells } from '../../src/rules/crossReport';

export type CrossVerdict = 'agrees' | 'differs' | 'not_assessable' | 'not_applicable' | 'no_previous_year';

export interface CrossFinding {
  previous: string | null;
  previousYear: number | null;
  carry: CrossVerdict;
  inForce: CrossVerdict;
  flags: CrossFlag[];
}

export interface CrossPair {
  agencyKey: string;
  previous: string;
  report: string;
  years: [number, number];
  carry: PairVerdict;
  inForce: PairVerdict;
  checks: number;
  notAssessable: number;
  flags: number;
}
/** an agency with reports of several years: which years, and how many of them follow one another */
export interface AgencyYears {
  agencyKey: string;
  years: number[];
  consecutivePairs: number;
}

/** The verdicts a pair can get (no_previous_year is a report's, not a pair's). */
export const PAIR_VERDICTS = ['agrees', 'differs', 'not_assessable', 'not_applicable'] as const;
export type PairVerdict = (typeof PAIR_VERDICTS)[number];

/**
 * What an export's dictionary says of the checks across years: counts, not a list. Each pair's
 * verdicts are already columns of the report they belong to (previous_report_id, x_carry,
 * x_inforce, cross_flags), and a list would grow with the store.
 */
export interface CrossSummary {
  /** pairs of consecutive years of one agency whose later report the export holds */
  pairCount: number;
  checks: number;
  notAssessable: number;
  flags: number;
  /** per rule, how many of those pairs got each verdict */
  verdicts: Record<'X-CARRY' | 'X-INFORCE', Record<PairVerdict, number>>;
  /** agencies (by key) with reports of more than one year, and those of them with no two consecutive years */
  agenciesWithSeveralYears: number;
  agenciesWithoutConsecutiveYears: number;
}

const noVerdicts = () => Object.fromEntries(PAIR_VERDICTS.map((v) => [v, 0])) as Record<PairVerdict, number>;

/** The verdicts counted, for people: `X-CARRY agrees 1, differs 0, …; X-INFORCE …`. */
export function verdictCounts(s: CrossSummary): string {
  return Object.entries(s.verdicts)
    .map(([rule, n]) => `${rule} ${PAIR_VERDICTS.map((v) => `${v} ${n[v]}`).join(', ')}`)
    .join('; ');
}

/**
 * The summary counted as the export goes, a page of agencies at a time: nothing is held per pair
 * or per agency. Every agency is whole on one page (store/datasetReports.ts), so counting the
 * pages one by one gives what a listing of the whole store would.
 */
export class CrossTally {
  private readonly s: CrossSummary = {
    pairCount: 0,
    checks: 0,
    notAssessable: 0,
    flags: 0,
    verdicts: { 'X-CARRY': noVerdicts(), 'X-INFORCE': noVerdicts() },
    agenciesWithSeveralYears: 0,
    agenciesWithoutConsecutiveYears: 0,
  };

  /** pairs whose later report is exported */
  addPairs(pairs: CrossPair[]): void {
    for (const p of pairs) {
      this.s.pairCount++;
      this.s.checks += p.checks;
      this.s.notAssessable += p.notAssessable;
      this.s.flags += p.flags;
      this.s.verdicts['X-CARRY'][p.carry]++;
      this.s.verdicts['X-INFORCE'][p.inForce]++;
    }
  }

  addAgencies(agencies: AgencyYears[]): void {
    this.s.agenciesWithSeveralYears += agencies.length;
    this.s.agenciesWithoutConsecutiveYears += agencies.filter((a) => a.consecutivePairs === 0).length;
  }

  summary(): CrossSummary {
    return structuredClone(this.s);
  }
}

/** Agencies (by key) with reports of more than one year: the export counts them, and those with no consecutive pair. */
export function agencyYears(inputs: ReportCells[], agencyKeyOf: (name: string) => string): AgencyYears[] {
  const years = new Map<string, Set<number>>();
  for (const r of inputs) {
    if (!r.agency || r.year === null) continue;
    const k = agencyKeyOf(r.agency);
    years.set(k, (years.get(k) ?? new Set()).add(r.year));
  }
  return [...years]
    .filter(([, ys]) => ys.size > 1)
    .map(([agencyKey, ys]) => {
      const sorted = [...ys].sort((a, b) => a - b);
      return { agencyKey, years: sorted, consecutivePairs: sorted.filter((y) => ys.has(y - 1)).length };
    })
    .sort((a, b) => a.agencyKey.localeCompare(b.agencyKey));
}

// X-CARRY reads table 三 only; X-INFORCE table 二 and only when both are in the 2021 layout.
const carryInputs = (r: ReportCells): ReportCells => ({
  ...r,
  templates: {},
  cells: r.cells.filter((c) => c.table === 'applications'),
});
const inForceInputs = (r: ReportCells): ReportCells => ({ ...r, cells: r.cells.filter((c) => c.table === 'active') });
const noInputs = (r: ReportCells): ReportCells => ({ ...r, templates: {}, cells: [] });

function verdict(checks: number, notAssessable: number, flags: CrossFlag[], applicable = true): PairVerdict {
  if (!applicable || checks === 0) return 'not_applicable';
  return flags.length ? 'differs' : notAssessable === checks ? 'not_assessable' : 'agrees';
}

/** One pair, each rule on its own cells; the X-CARRY checks that run on no cells are taken off X-INFORCE's count. */
function checkPair(prev: ReportCells, cur: ReportCells) {
  const carry = checkAcrossReports([carryInputs(prev), carryInputs(cur)]);
  const active = checkAcrossReports([inForceInputs(prev), inForceInputs(cur)]);
  const idle = checkAcrossReports([noInputs(prev), noInputs(cur)]);
  const inForceFlags = active.flags.filter((f) => f.rule === 'X-INFORCE');
  const inForceChecks = active.checks - idle.checks,
    inForceNA = active.notAssessable - idle.notAssessable;
  return {
    carry: {
      verdict: verdict(carry.checks, carry.notAssessable, carry.flags),
      checks: carry.checks,
      notAssessable: carry.notAssessable,
      flags: carry.flags,
    },
    inForce: {
      verdict: verdict(inForceChecks, inForceNA, inForceFlags),
      checks: inForceChecks,
      notAssessable: inForceNA,
      flags: inForceFlags,
    },
  };
}

/** Findings keyed by the later report's id; reports with no previous year are absent. */
export function crossFindings(
  inputs: ReportCells[],
  agencyKeyOf: (name: string) => string,
): { byReport: Map<string, CrossFinding>; pairs: CrossPair[] } {
  const byReport = new Map<string, CrossFinding>();
  const pairs: CrossPair[] = [];
  for (const [prev, cur] of consecutivePairs(inputs)) {
    const { carry, inForce } = checkPair(prev, cur);
    const flags = [...carry.flags, ...inForce.flags];
    byReport.set(cur.id, {
      previous: prev.id,
      previousYear: prev.year,
      carry: carry.verdict,
      inForce: inForce.verdict,
      flags,
    });
    pairs.push({
      agencyKey: agencyKeyOf(cur.agency ?? ''),
      previous: prev.id,
      report: cur.id,
      years: [prev.year!, cur.year!],
      carry: carry.verdict,
      inForce: inForce.verdict,
      checks: carry.checks + inForce.checks,
      notAssessable: carry.notAssessable + inForce.notAssessable,
      flags: flags.length,
    });
  }
  return { byReport, pairs };
}
