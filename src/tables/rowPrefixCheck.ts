// The row's own arithmetic checked while its digits are still being cut: an equation is tested as
// soon as the last of its cells is read, so that a search over a long run of digits (table 四's
// fifteen cells, twelve of which may be blanks that vanished) drops a wrong cut early instead of
// enumerating every reading after it. The equations are arithmetic.ts's; a row standing for
// several rows repeats its columns, each repetition checked on its own (as rowCheckOf does).
import { blockCheck, columnBlocks, inRowEquationsOver, rowCheckOf, type TableArithmetic } from './arithmetic';
import type { ColumnSpec } from './catalog';
import type { ReadingOptions } from './splitRuns';

export type PrefixCheck = (values: Array<number | null>, upTo: number) => boolean;

export function prefixCheckOf(arithmetic: TableArithmetic, columns: string[]): PrefixCheck | undefined {
  const equations = inRowEquationsOver(arithmetic, columns);
  if (!equations.length) return undefined;
  // per column: the checks whose last cell it is
  const endingAt: Array<Array<(v: Array<number | null>) => boolean>> = columns.map(() => []);
  for (const block of columnBlocks(columns))
    for (const e of equations) {
      const at = [...e.left, ...e.right].map((k) => block.get(k)).filter((i): i is number => i !== undefined);
      if (at.length) endingAt[Math.max(...at)].push(blockCheck(e, block));
    }
  return (v, upTo) => {
    for (const check of endingAt[upTo]) if (!check(v)) return false;
    return true;
  };
}

/** the columns the row's last column sums (its 总计, last in the row), when it has such an equation */
export function lastIsSumOf(arithmetic: TableArithmetic, columns: Array<{ key: string }>): number[] | undefined {
  const total = columns[columns.length - 1]?.key;
  const e = arithmetic.inRow.find((x) => x.right.length === 1 && x.right[0] === total && (x.relation ?? '=') === '=');
  if (!e) return undefined;
  // the parts of the last block: a row standing for several repeats its keys
  const parts = e.left.map((k) => columns.map((c) => c.key).lastIndexOf(k)).filter((i) => i >= 0);
  const firstOfBlock = columns.map((c) => c.key).lastIndexOf(total, columns.length - 2) + 1;
  return parts.filter((i) => i >= firstOfBlock);
}

/**
 * Per column, the columns it must be the sum of, where the one check that ends at it is such a
 * sum (table 四's 总计 after its four parts): the digit search then tries only the piece that
 * spells that sum instead of every length.
 */
export function sumsEndingAt(arithmetic: TableArithmetic, columns: string[]): Array<number[] | undefined> | undefined {
  const equations = inRowEquationsOver(arithmetic, columns);
  if (!equations.length) return undefined;
  const endingAt: Array<Array<number[] | undefined>> = columns.map(() => []);
  for (const block of columnBlocks(columns))
    for (const e of equations) {
      const at = [...e.left, ...e.right].map((k) => block.get(k)).filter((i): i is number => i !== undefined);
      if (!at.length) continue;
      const last = Math.max(...at);
      const total = e.right.length === 1 ? block.get(e.right[0]) : undefined;
      const parts = e.left.map((k) => block.get(k)).filter((i): i is number => i !== undefined);
      const isSum = (e.relation ?? '=') === '=' && total === last && parts.length > 0;
      endingAt[last].push(isSum ? parts : undefined);
    }
  return endingAt.map((checks) => (checks.length === 1 ? checks[0] : undefined));
}

/** the columns where a new block of the row's checks starts (prefixCheckOf tests each block on its own) */
export function checkBlockStarts(arithmetic: TableArithmetic, columns: string[]): number[] | undefined {
  if (!inRowEquationsOver(arithmetic, columns).length) return undefined;
  const blocks = columnBlocks(columns);
  if (blocks.length < 2) return undefined;
  return blocks.slice(1).map((b) => Math.min(...b.values()));
}

/** The digit search's options for a row of these columns: its own arithmetic, bounds and shortcuts. */
export function readingOptions(arithmetic: TableArithmetic, columns: ColumnSpec[]): ReadingOptions {
  const keys = columns.map((c) => c.key);
  // a row that prints its parts prints their 总计: only the other cells may be blanks that vanished
  const totals = new Set(arithmetic.inRow.flatMap((e) => e.right));
  return {
    printed: (c) => totals.has(c.key),
    rowCheck: rowCheckOf(arithmetic, keys),
    prefixCheck: prefixCheckOf(arithmetic, keys),
    lastIsSumOf: lastIsSumOf(arithmetic, columns),
    blockStarts: checkBlockStarts(arithmetic, keys),
    sumOf: sumsEndingAt(arithmetic, keys),
  };
}
