// The digit search's shortcuts (blocks replayed, a 总计 tried only as the sum of its parts, a 总计
// that the digits do not spell counted as a step without searching) must leave the readings
// exactly as the search without them, rows past the search's bounds included, over many rows
// drawn at random (a fixed seed: replayable).
import { CATALOG } from '../../src/tables/catalog';
import { ARITHMETIC, rowCheckOf, type TableArithmetic } from '../../src/tables/arithmetic';
import type { ColumnSpec } from '../../src/tables/catalog';
import { readingsOf, type ReadingOptions } from '../../src/tables/splitRuns';
import { checkBlockStarts, lastIsSumOf, prefixCheckOf, sumsEndingAt } from '../../src/tables/rowPrefixCheck';

const run = (text: string) => [{ text, source: { line: 1, column: 1 }, runTogether: true }];
const raws = (rs: ReturnType<typeof readingsOf>) => rs.map((r) => r.map((t) => t.raw).join('|'));

function options(arithmetic: TableArithmetic, columns: ColumnSpec[]): ReadingOptions {
  const keys = columns.map((c) => c.key);
  return {
    printed: (c) => c.key === 'total',
    rowCheck: rowCheckOf(arithmetic, keys),
    prefixCheck: prefixCheckOf(arithmetic, keys),
    lastIsSumOf: lastIsSumOf(arithmetic, columns),
    blockStarts: checkBlockStarts(arithmetic, keys),
    sumOf: sumsEndingAt(arithmetic, keys),
  };
}

/** a small linear congruential generator: the same rows every run */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** a row as a report prints it run together: parts (some blank, so vanished) and their total */
function printedRow(next: () => number, blocks: number, parts: number): string {
  let text = '';
  for (let b = 0; b < blocks; b++) {
    let total = 0;
    for (let p = 0; p < parts; p++) {
      if (next() < 0.3) continue;
      const size = next() < 0.7 ? 10 : next() < 0.8 ? 200 : 5000;
      const v = Math.floor(next() * size);
      total += v;
      text += String(v);
    }
    text += String(total);
  }
  return text;
}

const digits = (next: () => number, n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');

const tables: Array<[string, TableArithmetic, ColumnSpec[], number, number]> = [
  ['四', ARITHMETIC.reviewLitigation['2021'], CATALOG.reviewLitigation['2021'].flatMap((s) => s.columns), 3, 4],
  ['三', ARITHMETIC.applications['2021'], CATALOG.applications['2021'][0].columns, 1, 6],
];

describe.each(tables)('table %s', (_name, arithmetic, columns, blocks, parts) => {
  const withShortcuts = options(arithmetic, columns);
  const without: ReadingOptions = { ...withShortcuts, blockStarts: undefined, sumOf: undefined };
  const next = random(20261206);
  const rows = [
    ...Array.from({ length: 40 }, () => printedRow(next, blocks, parts)),
    ...Array.from({ length: 15 }, () => digits(next, 4 + Math.floor(next() * 16))),
  ];
  test('rows drawn at random read the same with and without the shortcuts', () => {
    for (const text of rows)
      expect([text, raws(readingsOf(run(text), columns, withShortcuts))]).toEqual([
        text,
        raws(readingsOf(run(text), columns, without)),
      ]);
  });
});
