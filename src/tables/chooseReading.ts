// When a row's digits can be read more than one way, keep the readings that satisfy the row's
// own arithmetic (总计 = the sum of its parts), then those whose values the report's prose states
// (narrativeEvidence), then prefer, in order: plausible values (现行有效 ≥ 本年制发), more cells
// read as a lone 0 (by far the commonest count), and digit lengths that vary least across the
// row. A tie at the top is ambiguous: no value is guessed. Digits that can only be cut apart so
// that the row's own sum fails give no reading at all.
import type { Token } from './splitRuns';
import type { ColumnSpec } from './catalog';

export type RowCheck = (values: Array<number | null>) => boolean;
/** how far the report's prose supports a reading: cells it states, less cells it contradicts */
export type RowSupport = (values: Array<number | null>) => number;

export interface Choice {
  reading?: Token[];
  /** the readings that tie for best when ambiguous, else all of them, best first */
  candidates: Token[][];
  /** every reading the row's checks allow, best first */
  ranked: Token[][];
  ambiguous: boolean;
  /** the prose decided between readings the rules all allow */
  byNarrative?: boolean;
}

type Score = [number, number];

interface Checks {
  rowCheck?: RowCheck;
  support?: RowSupport;
  plausible?: RowCheck;
}

/** The readings the checks keep, each scored once (a sort would otherwise score each many times). */
function ranked(
  readings: Token[][],
  columns: ColumnSpec[],
  checks: Checks,
): { scored: Array<{ reading: Token[]; score: Score }>; byNarrative: boolean } {
  let pool = readings;
  const keep = (pred: (r: Token[]) => boolean) => {
    const k = pool.filter(pred);
    if (k.length) pool = k;
  };
  const values = (r: Token[]) => r.map((t) => t.value);
  if (checks.rowCheck) {
    const k = pool.filter((r) => checks.rowCheck!(values(r)));
    // digits split so that not even the row's own sum holds are not a reading: say so, guess nothing
    if (!k.length && pool.some((r) => splitAgainstRow(r, checks.rowCheck))) return { scored: [], byNarrative: false };
    if (k.length) pool = k;
  }
  let byNarrative = false;
  if (checks.support && pool.length > 1) {
    const support = pool.map((r) => checks.support!(values(r)));
    const best = Math.max(...support);
    if (best > 0 && support.some((s) => s < best)) {
      pool = pool.filter((_, i) => support[i] === best);
      byNarrative = true;
    }
  }
  if (checks.plausible) keep((r) => checks.plausible!(values(r)));
  return {
    scored: pool
      .map((reading) => ({ reading, score: score(reading, columns) }))
      .sort((a, b) => compare(a.score, b.score)),
    byNarrative,
  };
}

export function choose(readings: Token[][], columns: ColumnSpec[], checks: Checks = {}): Choice {
  // a printed cell cut apart is a reading only where the row's arithmetic holds: the same
  // digits are also the cells of a row whose blank cell vanished (12 | blank | 3 as "12 3")
  if (readings.some(cutUnchecked)) {
    readings = readings.filter(
      (r) => !cutUnchecked(r) || (!!checks.rowCheck && checks.rowCheck(r.map((t) => t.value))),
    );
    if (!readings.length) return { candidates: [], ranked: [], ambiguous: false };
  }
  if (readings.length === 1 && !splitAgainstRow(readings[0], checks.rowCheck))
    return { reading: readings[0], candidates: readings, ranked: readings, ambiguous: false };
  const { scored, byNarrative } = ranked(readings, columns, checks);
  if (!scored.length) return { candidates: [], ranked: [], ambiguous: false };
  const order = scored.map((s) => s.reading);
  if (scored.length === 1 || compare(scored[0].score, scored[1].score) < 0) {
    return { reading: order[0], candidates: order, ranked: order, ambiguous: false, byNarrative };
  }
  const top = scored.filter((s) => compare(s.score, scored[0].score) === 0).map((s) => s.reading);
  return { candidates: top, ranked: order, ambiguous: true };
}

const cutUnchecked = (r: Token[]) => r.some((t) => t.cut && !t.runTogether);

/** a reading made by cutting runs of digits apart that breaks the row's own arithmetic */
const splitAgainstRow = (r: Token[], rowCheck?: RowCheck) =>
  !!rowCheck && r.some((t) => t.cut) && !rowCheck(r.map((t) => t.value));

function score(r: Token[], columns: ColumnSpec[]): Score {
  const zeros = r.filter((t) => t.value === 0).length;
  const lens = r.filter((_, i) => columns[i].kind !== 'money').map((t) => t.raw.length);
  if (lens.length < 2) return [-zeros, 0];
  const mean = lens.reduce((a, b) => a + b, 0) / lens.length;
  const variance = lens.reduce((a, b) => a + (b - mean) ** 2, 0) / lens.length;
  return [-zeros, Math.round(variance * 1000)];
}

const compare = (a: Score, b: Score) => a[0] - b[0] || a[1] - b[1];
