// A failed rule written out for a person: both sides with the numbers read from the report,
// e.g. `60+2 = 62 ≠ 59+2 = 61`, next to the same sides in canonical keys.
import type { Flag } from '../../src/model/record';

export interface WrittenFlag {
  rule: string;
  severity: Flag['severity'];
  message: string;
  cells: string[];
  /** `10+1+0+0 = 11 ≠ 0`; null when the flag does not state its sides as sums of cells */
  numbers: string | null;
  /** `review.upheld+… ≠ review.total` */
  keys: string | null;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6));

export function writeSides(flag: Flag, valueOf: (key: string) => number | null | undefined): WrittenFlag {
  const base = { rule: flag.rule, severity: flag.severity, message: flag.message, cells: flag.cells };
  if (!flag.left || !flag.right) return { ...base, numbers: null, keys: null };
  // the checker lists the left side's cells, then the right side's, in expression order
  const nLeft = flag.left.expr.split('+').length;
  const nRight = flag.right.expr.split('+').length;
  const keys = `${flag.left.expr} = ${fmt(flag.left.value)} ≠ ${flag.right.expr} = ${fmt(flag.right.value)}`;
  if (flag.cells.length !== nLeft + nRight) return { ...base, numbers: null, keys };
  const side = (cells: string[], total: number): string | null => {
    const values = cells.map(valueOf);
    if (values.some((v) => v == null)) return null;
    if (cells.length === 1) return fmt(total);
    // a term read from several printed parts does not add up from one cell: say the total only
    const sum = (values as number[]).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - total) > 1e-6) return null;
    return `${(values as number[]).map(fmt).join('+')} = ${fmt(total)}`;
  };
  const left = side(flag.cells.slice(0, nLeft), flag.left.value);
  const right = side(flag.cells.slice(nLeft), flag.right.value);
  return { ...base, numbers: left && right ? `${left} ≠ ${right}` : null, keys };
}
