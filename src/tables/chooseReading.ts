// When a row's digits can be read more than one way, keep the readings that satisfy the row's
// own arithmetic (总计 = the sum of its parts), then those whose values the report's prose states
// (narrativeEvidence). A reading is chosen only when the evidence leaves exactly one; otherwise
// the row is ambiguous and no value is guessed (the table's column equations may still decide it,
// jointReading). Plausibility (现行有效 ≥ 本年制发, more lone zeros, digit lengths that vary
// least) only orders the candidates a T-AMBIGUOUS finding lists: on random numbers it is a guess,
// often wrong. Digits that can only be cut apart so that the row's own sum fails give no reading.
import type { Token } from './splitRuns';
import type { ColumnSpec } from './catalog';

export type RowCheck = (values: Array<number | null>) => boolean;
/** how far the report's prose supports a reading: cells it states, less cells it contradicts */
export type RowSupport = (values: Array<number | null>) => number;

/** what left a single reading: the digits alone, the row's own sum, the report's prose */
export type DecidedBy = 'digits' | 'row' | 'narrative';

export interface Choice {
  /** the one reading the evidence leaves; absent when none or several are left */
  reading?: Token[];
  /** every reading the evidence leaves, most plausible first (an order, never a decision) */
  ranked: Token[][];
  ambiguous: boolean;
  /** what left the one reading; 'narrative': the prose decided between readings the rules all allow */
  decidedBy?: DecidedBy;
}

type Score = [number, number, number];

interface Checks {
  rowCheck?: RowCheck;
  support?: RowSupport;
  /** orders the candidates only */
  plausible?: RowCheck;
}

const NONE: Choice = { ranked: [], ambiguous: false };

export function choose(readings: Token[][], columns: ColumnSpec[], checks: Checks = {}): Choice {
  const values = (r: Token[]) => r.map((t) => t.value);
  // a printed cell cut apart is a reading only where the row's arithmetic holds: the same
  // digits are also the cells of a row whose blank cell vanished (12 | blank | 3 as "12 3")
  if (readings.some(cutUnchecked)) {
    readings = readings.filter((r) => !cutUnchecked(r) || (!!checks.rowCheck && checks.rowCheck(values(r))));
    if (!readings.length) return NONE;
  }
  if (readings.length === 1 && !splitAgainstRow(readings[0], checks.rowCheck))
    return { reading: readings[0], ranked: readings, ambiguous: false, decidedBy: 'digits' };
  let pool = readings;
  let decidedBy: DecidedBy = 'digits';
  if (checks.rowCheck) {
    const k = pool.filter((r) => checks.rowCheck!(values(r)));
    // digits split so that not even the row's own sum holds are not a reading: say so, guess nothing
    if (!k.length && pool.some((r) => splitAgainstRow(r, checks.rowCheck))) return NONE;
    if (k.length && k.length < pool.length) {
      pool = k;
      decidedBy = 'row';
    }
  }
  if (checks.support && pool.length > 1) {
    const support = pool.map((r) => checks.support!(values(r)));
    const best = Math.max(...support);
    if (best > 0 && support.some((s) => s < best)) {
      pool = pool.filter((_, i) => support[i] === best);
      decidedBy = 'narrative';
    }
  }
  const ranked = byPlausibility(pool, columns, checks.plausible);
  if (ranked.length === 1) return { reading: ranked[0], ranked, ambiguous: false, decidedBy };
  return { ranked, ambiguous: true };
}

/** the readings, most plausible first: each scored once (a sort would otherwise score each many times) */
function byPlausibility(pool: Token[][], columns: ColumnSpec[], plausible?: RowCheck): Token[][] {
  return pool
    .map((reading) => ({ reading, score: score(reading, columns, plausible) }))
    .sort((a, b) => compare(a.score, b.score))
    .map((s) => s.reading);
}

const cutUnchecked = (r: Token[]) => r.some((t) => t.cut && !t.runTogether);

/** a reading made by cutting runs of digits apart that breaks the row's own arithmetic */
const splitAgainstRow = (r: Token[], rowCheck?: RowCheck) =>
  !!rowCheck && r.some((t) => t.cut) && !rowCheck(r.map((t) => t.value));

function score(r: Token[], columns: ColumnSpec[], plausible?: RowCheck): Score {
  const implausible = plausible && !plausible(r.map((t) => t.value)) ? 1 : 0;
  // the zeros, and the mean and variance of the lengths printed in columns other than money,
  // added up in the reading's order
  let zeros = 0,
    n = 0,
    total = 0;
  for (let i = 0; i < r.length; i++) {
    if (r[i].value === 0) zeros++;
    if (columns[i].kind !== 'money') {
      n++;
      total += r[i].raw.length;
    }
  }
  if (n < 2) return [implausible, -zeros, 0];
  const mean = total / n;
  let squares = 0;
  for (let i = 0; i < r.length; i++) if (columns[i].kind !== 'money') squares += (r[i].raw.length - mean) ** 2;
  const variance = squares / n;
  return [implausible, -zeros, Math.round(variance * 1000)];
}

const compare = (a: Score, b: Score) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
