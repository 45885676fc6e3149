// The rules that compare two reports of one agency in consecutive years: X-CARRY (what one
// year carried forward is what the next carried over) and X-INFORCE (documents in force follow
// from last year's count, this year's issued and repealed). Warnings: scopes and counting change.
import type { Cell, Flag } from '../model/record';
import { agencyKey } from '../report/agencyName';
import { APPLICATION_COLUMNS } from '../tables/catalog';

export interface ReportCells {
  id: string;
  agency: string | null;
  year: number | null;
  templates: Record<string, string>;
  cells: Cell[];
}
export interface CrossFlag extends Flag {
  report: string;
  previous: string;
}

const get = (r: ReportCells, table: string, row: string, col: string) =>
  r.cells.find((c) => c.table === table && c.row === row && c.col === col)?.value ?? null;

/** Pairs of reports of the same agency key in consecutive years, oldest first. */
export function consecutivePairs(reports: ReportCells[]): Array<[ReportCells, ReportCells]> {
  const byAgency = new Map<string, ReportCells[]>();
  for (const r of reports) {
    if (!r.agency || r.year === null) continue;
    const k = agencyKey(r.agency);
    byAgency.set(k, [...(byAgency.get(k) ?? []), r]);
  }
  const pairs: Array<[ReportCells, ReportCells]> = [];
  for (const list of byAgency.values()) {
    const byYear = new Map(list.map((r) => [r.year!, r]));
    for (const r of list) {
      const prev = byYear.get(r.year! - 1);
      if (prev) pairs.push([prev, r]);
    }
  }
  return pairs;
}

export interface CrossResult {
  pairs: number;
  checks: number;
  flags: CrossFlag[];
  notAssessable: number;
}

export function checkAcrossReports(reports: ReportCells[]): CrossResult {
  const result: CrossResult = { pairs: 0, checks: 0, flags: [], notAssessable: 0 };
  for (const [prev, cur] of consecutivePairs(reports)) {
    result.pairs++;
    for (const col of APPLICATION_COLUMNS.map((c) => c.key)) {
      const over = get(cur, 'applications', 'carriedOver', col),
        fwd = get(prev, 'applications', 'carriedForward', col);
      result.checks++;
      if (over === null || fwd === null) {
        result.notAssessable++;
        continue;
      }
      if (over !== fwd)
        result.flags.push(
          flag(
            'X-CARRY',
            cur,
            prev,
            `${col}: carriedOver(${cur.year}) = ${over} ≠ carriedForward(${prev.year}) = ${fwd}`,
            [`applications|carriedOver|${col}`],
            over,
            fwd,
          ),
        );
    }
    if (cur.templates.active === '2021' && prev.templates.active === '2021') {
      for (const row of ['rules', 'normativeDocuments']) {
        const inForce = get(cur, 'active', row, 'inForce'),
          before = get(prev, 'active', row, 'inForce');
        const issued = get(cur, 'active', row, 'issued'),
          repealed = get(cur, 'active', row, 'repealed');
        result.checks++;
        if ([inForce, before, issued, repealed].some((v) => v === null)) {
          result.notAssessable++;
          continue;
        }
        const expected = before! + issued! - repealed!;
        if (inForce !== expected)
          result.flags.push(
            flag(
              'X-INFORCE',
              cur,
              prev,
              `${row}: inForce(${cur.year}) = ${inForce} ≠ inForce(${prev.year})+issued−repealed = ` +
                `${before}+${issued}−${repealed} = ${expected}`,
              [`active|${row}|inForce`, `active|${row}|issued`, `active|${row}|repealed`],
              inForce!,
              expected,
            ),
          );
      }
    }
  }
  return result;
}

function flag(
  rule: string,
  cur: ReportCells,
  prev: ReportCells,
  message: string,
  cells: string[],
  left: number,
  right: number,
): CrossFlag {
  return {
    rule,
    severity: 'warning',
    message,
    cells,
    report: cur.id,
    previous: prev.id,
    left: { expr: `${cur.year}`, value: left },
    right: { expr: `${prev.year}`, value: right },
  };
}
