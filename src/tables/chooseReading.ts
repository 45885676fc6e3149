// When a row's digits can be read more than one way, keep the readings that satisfy the row's
// own arithmetic (总计 = the sum of its parts), then prefer, in order: plausible values
// (现行有效 ≥ 本年制发), more cells read as a lone 0 (by far the commonest count), and digit
// lengths that vary least across the row. A tie at the top is ambiguous: no value is guessed.
import type { Token } from './splitRuns';
import type { ColumnSpec } from './catalog';

export type RowCheck = (values: Array<number | null>) => boolean;

export interface Choice {
  reading?: Token[];
  /** the readings that tie for best when ambiguous, else all of them, best first */
  candidates: Token[][];
  /** every reading the row's checks allow, best first */
  ranked: Token[][];
  ambiguous: boolean;
}

type Score = [number, number];

/** The readings the checks keep, each scored once (a sort would otherwise score each many times). */
function ranked(readings: Token[][], columns: ColumnSpec[], rowCheck?: RowCheck, plausible?: RowCheck): Array<{ reading: Token[]; score: Score }> {
  let pool = readings;
  const keep = (pred: (r: Token[]) => boolean) => { const k = pool.filter(pred); if (k.length) pool = k; };
  if (rowCheck) keep((r) => rowCheck(r.map((t) => t.value)));
  if (plausible) keep((r) => plausible(r.map((t) => t.value)));
  return pool.map((reading) => ({ reading, score: score(reading, columns) })).sort((a, b) => compare(a.score, b.score));
}

export function choose(readings: Token[][], columns: ColumnSpec[], rowCheck?: RowCheck, plausible?: RowCheck): Choice {
  if (readings.length <= 1) return { reading: readings[0], candidates: readings, ranked: readings, ambiguous: false };
  const scored = ranked(readings, columns, rowCheck, plausible);
  const order = scored.map((s) => s.reading);
  if (scored.length === 1 || compare(scored[0].score, scored[1].score) < 0) {
    return { reading: order[0], candidates: order, ranked: order, ambiguous: false };
  }
  const top = scored.filter((s) => compare(s.score, scored[0].score) === 0).map((s) => s.reading);
  return { candidates: top, ranked: order, ambiguous: true };
}

function score(r: Token[], columns: ColumnSpec[]): Score {
  const zeros = r.filter((t) => t.value === 0).length;
  const lens = r.filter((_, i) => columns[i].kind !== 'money').map((t) => t.raw.length);
  if (lens.length < 2) return [-zeros, 0];
  const mean = lens.reduce((a, b) => a + b, 0) / lens.length;
  const variance = lens.reduce((a, b) => a + (b - mean) ** 2, 0) / lens.length;
  return [-zeros, Math.round(variance * 1000)];
}

const compare = (a: Score, b: Score) => a[0] - b[0] || a[1] - b[1];
