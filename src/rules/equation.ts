// One arithmetic check: two sides, each a sum of cells. It fails, passes, or cannot be
// assessed because a cell it needs is blank or absent.
import type { Flag, RuleOutcome } from '../model/record';
import type { CellTable } from './cellTable';
import { RULE_BY_ID } from './catalog';

export interface Term {
  table: string;
  row: string;
  col: string;
  name: string;
  parts?: string[];
  /** `table|row|col`, when made once ahead (checkTables' terms are built once per process) */
  id?: string;
}

const idOf = (t: Term) => t.id ?? `${t.table}|${t.row}|${t.col}`;

export class RuleTally {
  private readonly outcomes = new Map<string, RuleOutcome>();
  /** per rule, the blank cells already listed in its outcome's `missing` (a blank template has hundreds) */
  private readonly missingSeen = new Map<string, Set<string>>();
  readonly flags: Flag[] = [];

  constructor(private readonly cells: CellTable) {}

  outcome(rule: string): RuleOutcome {
    let o = this.outcomes.get(rule);
    if (!o) {
      o = { rule, status: 'pass', checks: 0, failed: 0, notAssessable: 0, missing: [] };
      this.outcomes.set(rule, o);
    }
    return o;
  }

  /** left side = right side, or a flag naming both sides and every cell */
  equal(rule: string, left: Term[], right: Term[], context: string): void {
    const o = this.outcome(rule);
    o.checks++;
    const lv = this.read(left),
      rv = this.read(right);
    if (lv.includes(null) || rv.includes(null)) {
      o.notAssessable++;
      let seen = this.missingSeen.get(rule);
      if (!seen) this.missingSeen.set(rule, (seen = new Set()));
      // the blank terms, left then right, each listed once per rule
      for (let i = 0; i < left.length; i++) if (lv[i] === null) this.listMissing(o, seen, left[i]);
      for (let i = 0; i < right.length; i++) if (rv[i] === null) this.listMissing(o, seen, right[i]);
      return;
    }
    const ls = sum(lv as number[]),
      rs = sum(rv as number[]);
    if (Math.abs(ls - rs) < 1e-6) return;
    o.failed++;
    const side = (terms: Term[], vals: number[], total: number) =>
      terms.length === 1
        ? `${terms[0].name} = ${fmt(vals[0])}`
        : `${terms.map((t) => t.name).join('+')} = ${vals.map(fmt).join('+')} = ${fmt(total)}`;
    this.flags.push({
      rule,
      severity: RULE_BY_ID.get(rule)?.severity ?? 'error',
      message: `${context}: ${side(left, lv as number[], ls)} ≠ ${side(right, rv as number[], rs)}`,
      cells: [...left, ...right].map(idOf),
      left: { expr: left.map((t) => `${t.row}.${t.col}`).join('+'), value: ls },
      right: { expr: right.map((t) => `${t.row}.${t.col}`).join('+'), value: rs },
    });
  }

  /** every left term ≤ the right one: a check per term, a flag naming both cells where one exceeds it */
  atMost(rule: string, left: Term[], right: Term, context: string): void {
    for (const l of left) {
      const [lv, rv] = this.read([l, right]);
      // a blank side: not assessable, recorded as equal() records it
      if (lv === null || rv === null) {
        this.equal(rule, [l], [right], context);
        continue;
      }
      const o = this.outcome(rule);
      o.checks++;
      if (lv <= rv + 1e-6) continue;
      o.failed++;
      this.flags.push({
        rule,
        severity: RULE_BY_ID.get(rule)?.severity ?? 'error',
        message: `${context}: ${l.name} = ${fmt(lv)} > ${right.name} = ${fmt(rv)}`,
        cells: [l, right].map(idOf),
        left: { expr: `${l.row}.${l.col}`, value: lv },
        right: { expr: `${right.row}.${right.col}`, value: rv },
      });
    }
  }

  private listMissing(o: RuleOutcome, seen: Set<string>, t: Term): void {
    const id = idOf(t);
    if (seen.has(id)) return;
    seen.add(id);
    o.missing!.push(id);
  }

  private read(terms: Term[]): Array<number | null> {
    const out = new Array<number | null>(terms.length);
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i];
      out[i] = this.cells.value(t.table, t.row, t.col, t.parts);
    }
    return out;
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
