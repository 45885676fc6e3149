// Rows whose digits read several ways (crawler text runs every cell together) may still have only
// one reading that the whole table's arithmetic allows: table 三's column equations (新收 + 结转 =
// 总计 + 结转下年; 总计 = the sum of the result rows) tie the rows together, column by column. This
// solves the rows jointly: every combination of the open rows' readings is tried against the
// equations (arithmetic.ts, never restated here), and a row is decided only when all the
// combinations that satisfy them give it the same reading. Sound by construction: a decision is
// what the equations force, not a preference. A search past its bounds decides nothing.
import { holdsWhereRead, type Equation } from './arithmetic';
import type { Token } from './splitRuns';

export interface JointRow {
  key: string;
  /** every reading the row's own evidence leaves (more than one: the row is open) */
  candidates: Token[][];
  /** the reading decided already, by the row's own evidence */
  chosen?: Token[];
}

/** at most this many steps (readings tried, sums kept): past it, nothing is decided */
const MAX_STEPS = 200_000;

type Values = Array<number | null>;

/**
 * The rows the equations decide: row key → the index of its one reading among its candidates.
 * Only open rows (several candidates, none chosen) are decided.
 */
export function solveJointly(rows: JointRow[], equations: Equation[], columns: number): Map<string, number> {
  const decided = new Map<string, number>();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const open = rows.filter((r) => !r.chosen && r.candidates.length > 1);
  if (!open.length || !equations.length) return decided;
  // an equation is evidence only when every row it names is printed and read or open: a row left
  // out, or printed and not read, has values nobody knows (0 would be a guess)
  const known = (key: string) => {
    const r = byKey.get(key);
    return !!r && (!!r.chosen || r.candidates.length > 1);
  };
  const usable = equations.filter((e) => [...e.left, ...e.right].every(known));
  const openKeys = new Set(open.map((r) => r.key));
  const binding = usable.filter((e) => [...e.left, ...e.right].some((k) => openKeys.has(k)));
  if (!binding.length) return decided;
  const values = new Map<string, Values[]>(
    rows.map((r) => [r.key, (r.chosen ? [r.chosen] : r.candidates).map((c) => c.map((t) => t.value))]),
  );
  const feasible = feasibleReadings(open, binding, values, columns);
  if (!feasible) return decided;
  for (const r of open) {
    const f = feasible.get(r.key)!;
    // no combination at all: the readings (or the table) are not what the equations say; decide nothing
    if (f.size === 1) decided.set(r.key, [...f][0]);
  }
  return decided;
}

/**
 * For each open row, the indices of its readings that some combination satisfying every equation
 * uses; undefined when the search ran past its bounds. The equation with the most open rows
 * among its terms, a sum with one total, is solved by sums carried row by row (the many result
 * rows of 总计 = Σ results); the other open rows are tried one combination at a time.
 */
function feasibleReadings(
  open: JointRow[],
  equations: Equation[],
  values: Map<string, Values[]>,
  columns: number,
  bySums = true,
): Map<string, Set<number>> | undefined {
  const openKeys = new Set(open.map((r) => r.key));
  const openIn = (e: Equation) => e.left.filter((k) => openKeys.has(k)).length;
  const sums = equations
    .filter((e) => e.right.length === 1 && (e.relation ?? '=') === '=' && !e.left.includes(e.right[0]))
    .sort((a, b) => openIn(b) - openIn(a));
  const big = bySums && sums[0] && openIn(sums[0]) > 1 ? sums[0] : undefined;
  const summed = big ? big.left.filter((k) => openKeys.has(k)) : [];
  const tried = open.filter((r) => !summed.includes(r.key));
  const rest = equations.filter((e) => e !== big);
  // the sums carried row by row stand for the summed rows' picks: no other equation may name them
  if (big && rest.some((e) => termsOf(e).some((k) => summed.includes(k))))
    return feasibleReadings(open, equations, values, columns, false);
  const feasible = new Map(open.map((r) => [r.key, new Set<number>()]));
  const pick = new Map<string, number>();
  const valueOf = (key: string, c: number): number | null => {
    const vs = values.get(key)!;
    return vs.length === 1 ? vs[0][c] : vs[pick.get(key)!][c];
  };
  let steps = 0;
  let over = false;
  const walk = (i: number): void => {
    if (over) return;
    if (++steps > MAX_STEPS) {
      over = true;
      return;
    }
    if (i === tried.length) {
      if (!rest.every((e) => holdsEverywhere(e, valueOf, columns))) return;
      if (!big) {
        for (const r of tried) feasible.get(r.key)!.add(pick.get(r.key)!);
        return;
      }
      const found = sumFeasible(big, summed, values, valueOf, columns, () => (steps += 1) > MAX_STEPS);
      if (found === undefined) {
        over = true;
        return;
      }
      if ([...found.values()].some((f) => !f.size)) return;
      for (const r of tried) feasible.get(r.key)!.add(pick.get(r.key)!);
      for (const [k, f] of found) for (const x of f) feasible.get(k)!.add(x);
      return;
    }
    const r = tried[i];
    const ready = readyAt[i];
    for (let x = 0; x < r.candidates.length; x++) {
      pick.set(r.key, x);
      if (ready.every((e) => holdsEverywhere(e, valueOf, columns))) walk(i + 1);
      if (over) return;
    }
    pick.delete(r.key);
  };
  const laterIndex = new Map(tried.map((r, i) => [r.key, i]));
  const isLater = (k: string, i: number) => (laterIndex.get(k) ?? -1) > i || summed.includes(k);
  // per row tried: the equations all of whose open rows are picked with it, checked at once so
  // that a wrong pick is not carried on (the same for every pick, found once)
  const readyAt = tried.map((r, i) =>
    rest.filter((e) => termsOf(e).includes(r.key) && termsOf(e).every((k) => !isLater(k, i))),
  );
  walk(0);
  return over ? undefined : feasible;
}

const termsOf = (e: Equation) => [...e.left, ...e.right];

function holdsEverywhere(e: Equation, valueOf: (key: string, c: number) => number | null, columns: number): boolean {
  let c = 0;
  const value = (k: string) => valueOf(k, c);
  for (; c < columns; c++) if (!holdsWhereRead(e, value)) return false;
  return true;
}

/**
 * Σ left = total, column by column, over the summed open rows: the partial sums reachable after
 * each row, forward and backward; a reading is feasible when a forward sum before it, it, and a
 * backward sum after it meet the total. Columns whose total is blank are not summed
 * (holdsWhereRead: a blank total is not assessed). Undefined past the step bound.
 */
function sumFeasible(
  e: Equation,
  summed: string[],
  values: Map<string, Values[]>,
  valueOf: (key: string, c: number) => number | null,
  columns: number,
  tick: () => boolean,
): Map<string, Set<number>> | undefined {
  const total = Array.from({ length: columns }, (_, c) => valueOf(e.right[0], c));
  const cols = total.flatMap((t, c) => (t === null ? [] : [c]));
  const fixedPart = (c: number) => e.left.reduce((a, k) => a + (summed.includes(k) ? 0 : (valueOf(k, c) ?? 0)), 0);
  const target = cols.map((c) => total[c]! - fixedPart(c));
  const rowsOf = summed.map((k) => values.get(k)!.map((v) => cols.map((c) => v[c] ?? 0)));
  // counts are never negative: a partial sum past the total cannot come back (signed columns aside)
  const monotone = cols.map((_, j) => rowsOf.every((vs) => vs.every((v) => v[j] >= 0)));
  const n = summed.length;
  // a sum is kept by a key: a mixed-radix number where every column is bounded by its total,
  // else the numbers joined
  const radix = monotone.every(Boolean) && target.reduce((p, t) => p * (t + 1), 1) < Number.MAX_SAFE_INTEGER;
  const keyOf = (a: number[]): number | string => {
    if (!radix) return a.join(',');
    let key = 0;
    for (let j = 0; j < a.length; j++) {
      if (a[j] < 0 || a[j] > target[j]) return -1;
      key = key * (target[j] + 1) + a[j];
    }
    return key;
  };
  const within = (t: number[]) => !t.some((x, j) => monotone[j] && x > target[j]);
  // backward[i]: the sums rows i..n-1 can make (never past the total)
  const backward: Array<Set<number | string>> = new Array(n + 1);
  let sums: number[][] = [cols.map(() => 0)];
  backward[n] = new Set([keyOf(sums[0])]);
  for (let i = n - 1; i >= 0; i--) {
    const next = new Map<number | string, number[]>();
    for (const s of sums)
      for (const v of rowsOf[i]) {
        if (tick()) return undefined;
        const t = s.map((x, j) => x + v[j]);
        if (within(t)) next.set(keyOf(t), t);
      }
    sums = [...next.values()];
    backward[i] = new Set(next.keys());
  }
  // forward, keeping only the sums the rows after can still complete: a reading is feasible when
  // some kept sum before it, with it, leaves what the rows after can make
  const out = new Map<string, Set<number>>();
  let forward: number[][] = [cols.map(() => 0)];
  for (let i = 0; i < n; i++) {
    const f = new Set<number>();
    const next = new Map<number | string, number[]>();
    for (const s of forward) {
      if (tick()) return undefined;
      rowsOf[i].forEach((v, x) => {
        const t = s.map((y, j) => y + v[j]);
        if (!within(t) || !backward[i + 1].has(keyOf(target.map((g, j) => g - t[j])))) return;
        f.add(x);
        next.set(keyOf(t), t);
      });
    }
    out.set(summed[i], f);
    forward = [...next.values()];
  }
  return out;
}
