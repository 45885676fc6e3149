// The issuer and year of a rendered report against the record it was rendered from: shared by
// the property tests of every format (text, HTML, DOCX, PDF).
import type { ReportRecord } from '../../src/model/record';
import type { ReportRecordArb } from '../property/reportRecord';

/**
 * the issuer and year, under whatever title shape, furniture and heading style the rendering drew
 * (or none: then the closing signature and the stated period): never another agency or year; an
 * agency not settled says so with a finding
 */
export function metaProblems(want: ReportRecordArb, got: ReportRecord): string[] {
  const problems: string[] = [];
  const { agency, year } = got.report;
  if (year !== null && year !== want.year) problems.push(`WRONG year: want ${want.year} got ${year}`);
  const unsettled = (got.findings ?? []).some((f) => /^agency(?: incomplete)?:/.test(f));
  if (agency !== null && agency !== want.agency && !unsettled)
    problems.push(`WRONG agency: want ${want.agency} got ${agency}`);
  return problems;
}
