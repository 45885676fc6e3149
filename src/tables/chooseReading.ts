// When a row's digits can be read more than one way, keep the readings that satisfy the row's
// own arithmetic (总计 = the sum of its parts), then prefer, in order: plausible values
// (现行有效 ≥ 本年制发), more cells read as a lone 0 (by far the commonest count), and digit
// lengths that vary least across the row. A tie at the top is ambiguous: no value is guessed.
import type { Token } from './splitRuns';
import type { ColumnSpec } from './catalog';

export type RowCheck = (values: Array<number | null>) => boolean;

export interface Choice { reading?: Token[]; candidates: Token[][]; ambiguous: boolean }

export function rankReadings(readings: Token[][], columns: ColumnSpec[], rowCheck?: RowCheck, plausible?: RowCheck): Token[][] {
  let pool = readings;
  const keep = (pred: (r: Token[]) => boolean) => { const k = pool.filter(pred); if (k.length) pool = k; };
  if (rowCheck) keep((r) => rowCheck(r.map((t) => t.value)));
  if (plausible) keep((r) => plausible(r.map((t) => t.value)));
  return pool.slice().sort((a, b) => compare(score(a, columns), score(b, columns)));
}

export function choose(readings: Token[][], columns: ColumnSpec[], rowCheck?: RowCheck, plausible?: RowCheck): Choice {
  if (readings.length <= 1) return { reading: readings[0], candidates: readings, ambiguous: false };
  const ranked = rankReadings(readings, columns, rowCheck, plausible);
  if (ranked.length === 1 || compare(score(ranked[0], columns), score(ranked[1], columns)) < 0) {
    return { reading: ranked[0], candidates: ranked, ambiguous: false };
  }
  const top = ranked.filter((r) => compare(score(r, columns), score(ranked[0], columns)) === 0);
  return { candidates: top, ambiguous: true };
}

function score(r: Token[], columns: ColumnSpec[]): [number, number] {
  const zeros = r.filter((t) => t.value === 0).length;
  const lens = r.filter((_, i) => columns[i].kind !== 'money').map((t) => t.raw.length);
  if (lens.length < 2) return [-zeros, 0];
  const mean = lens.reduce((a, b) => a + b, 0) / lens.length;
  const variance = lens.reduce((a, b) => a + (b - mean) ** 2, 0) / lens.length;
  return [-zeros, Math.round(variance * 1000)];
}

const compare = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];
