// One arithmetic check: two sides, each a sum of cells. It fails, passes, or cannot be
// assessed because a cell it needs is blank or absent.
import type { Flag, RuleOutcome } from '../record';
import type { CellTable } from './cellTable';
import { RULE_BY_ID } from './catalog';

export interface Term { table: string; row: string; col: string; name: string; parts?: string[] }

export class RuleTally {
  private readonly outcomes = new Map<string, RuleOutcome>();
  readonly flags: Flag[] = [];

  constructor(private readonly cells: CellTable) {}

  outcome(rule: string): RuleOutcome {
    let o = this.outcomes.get(rule);
    if (!o) { o = { rule, status: 'pass', checks: 0, failed: 0, notAssessable: 0, missing: [] }; this.outcomes.set(rule, o); }
    return o;
  }

  /** left side = right side, or a flag naming both sides and every cell */
  equal(rule: string, left: Term[], right: Term[], context: string): void {
    const o = this.outcome(rule);
    o.checks++;
    const read = (t: Term) => this.cells.value(t.table, t.row, t.col, t.parts);
    const lv = left.map(read), rv = right.map(read);
    const blank = [...left, ...right].filter((_, i) => (i < left.length ? lv[i] : rv[i - left.length]) === null);
    if (blank.length) {
      o.notAssessable++;
      for (const t of blank) { const k = `${t.table}|${t.row}|${t.col}`; if (!o.missing!.includes(k)) o.missing!.push(k); }
      return;
    }
    const ls = sum(lv as number[]), rs = sum(rv as number[]);
    if (Math.abs(ls - rs) < 1e-6) return;
    o.failed++;
    const side = (terms: Term[], vals: number[], total: number) =>
      terms.length === 1 ? `${terms[0].name} = ${fmt(vals[0])}` : `${terms.map((t) => t.name).join('+')} = ${vals.map(fmt).join('+')} = ${fmt(total)}`;
    this.flags.push({
      rule, severity: RULE_BY_ID.get(rule)?.severity ?? 'error',
      message: `${context}: ${side(left, lv as number[], ls)} ≠ ${side(right, rv as number[], rs)}`,
      cells: [...left, ...right].map((t) => `${t.table}|${t.row}|${t.col}`),
      left: { expr: left.map((t) => `${t.row}.${t.col}`).join('+'), value: ls },
      right: { expr: right.map((t) => `${t.row}.${t.col}`).join('+'), value: rs },
    });
  }

  results(): RuleOutcome[] {
    return [...this.outcomes.values()].map((o) => ({
      ...o,
      status: o.failed ? 'fail' : o.notAssessable && o.notAssessable === o.checks ? 'notAssessable' : 'pass',
      missing: o.missing!.length ? o.missing : undefined,
    }));
  }
}

const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6));
