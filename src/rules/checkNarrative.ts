// N-APPS and N-REVIEW: do the counts written in the narrative agree with the tables?
// Warnings only: narratives count in their own ways (by office, with carried-over cases…).
import type { CellTable } from './cellTable';
import type { RuleTally } from './equation';
import { allMatches } from '../text';

// "受理政府信息公开申请 17 件", "收到政府信息公开申请共81件", "收到依申请信息公开26件"
const APPS =
  /(?:受理|收到|新收|接收)[^。；;，,]{0,16}?(?:政府信息公开|依申请|信息公开)[^。；;，,\d]{0,12}?(?:共\s*)?(\d+)\s*(?:件|个|条|份)/g;
const REVIEW = /行政复议(?:案件|申请)?\s*(?:共\s*)?(\d+)\s*(?:件|起|个)/g;
const LITIGATION = /行政诉讼(?:案件)?\s*(?:共\s*)?(\d+)\s*(?:件|起|个)/g;

export function checkNarrative(narrative: string, table: CellTable, tally: RuleTally): void {
  const newTotal = table.value('applications', 'newReceived', 'total');
  const carried = table.value('applications', 'carriedOver', 'total');
  const apps = allMatches(APPS, narrative).map((m) => Number(m[1]));
  const o = tally.outcome('N-APPS');
  if (apps.length && newTotal !== null) {
    o.checks++;
    const accepted = new Set([newTotal, newTotal + (carried ?? 0)]);
    if (!apps.some((n) => accepted.has(n))) {
      o.failed++;
      tally.flags.push({
        rule: 'N-APPS',
        severity: 'warning',
        message:
          `narrative says ${apps.join(', ')} applications; table 三 newReceived.total = ${newTotal}` +
          (carried ? `, + carriedOver.total = ${newTotal + carried}` : ''),
        cells: ['applications|newReceived|total', 'applications|carriedOver|total'],
        left: { expr: 'narrative', value: apps[0] },
        right: { expr: 'newReceived.total', value: newTotal },
      });
    }
  } else if (apps.length) {
    o.checks++;
    o.notAssessable++;
  }

  const reviewTotal = table.value('reviewLitigation', 'review', 'total');
  const litTotal = sumOrNull(
    table.value('reviewLitigation', 'litigationDirect', 'total'),
    table.value('reviewLitigation', 'litigationAfterReview', 'total'),
  );
  const r = tally.outcome('N-REVIEW');
  for (const [re, want, name] of [
    [REVIEW, reviewTotal, 'review.total'],
    [LITIGATION, litTotal, 'litigation totals'],
  ] as const) {
    const said = allMatches(re, narrative).map((m) => Number(m[1]));
    if (!said.length) continue;
    r.checks++;
    if (want === null) {
      r.notAssessable++;
      continue;
    }
    if (said.includes(want)) continue;
    r.failed++;
    tally.flags.push({
      rule: 'N-REVIEW',
      severity: 'warning',
      message: `narrative says ${said.join(', ')}; table 四 ${name} = ${want}`,
      cells:
        name === 'review.total'
          ? ['reviewLitigation|review|total']
          : ['reviewLitigation|litigationDirect|total', 'reviewLitigation|litigationAfterReview|total'],
      left: { expr: 'narrative', value: said[0] },
      right: { expr: name, value: want },
    });
  }
}

const sumOrNull = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);
