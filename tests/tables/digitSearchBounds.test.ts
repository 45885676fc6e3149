// The digit search's shortcuts (blocks replayed, a 总计 tried only as the sum of its parts, a 总计
// that the digits do not spell counted as a step without searching) and its bound (no part cut
// so long that the digits left cannot spell its 总计) must leave the readings exactly as the plain
// search wherever that finished. Where the plain search passed its step bound, the bounded one
// may finish: its readings must then be every reading a brute-force enumeration finds, and no
// other (on rows short enough to enumerate). Rows drawn at random, a fixed seed: replayable.
import { CATALOG } from '../../src/tables/catalog';
import { ARITHMETIC, partsOfTotal, rowCheckOf, type TableArithmetic } from '../../src/tables/arithmetic';
import type { ColumnSpec } from '../../src/tables/catalog';
import { searchReadings, type ReadingOptions } from '../../src/tables/splitRuns';
import { readingOptions } from '../../src/tables/rowPrefixCheck';

const run = (text: string) => [{ text, source: { line: 1, column: 1 }, runTogether: true }];
const raws = (rs: NonNullable<ReturnType<typeof searchReadings>>) => rs.map((r) => r.map((t) => t.raw).join('|'));

const options = readingOptions;

/**
 * Every reading of a run of digits as the row's cells, by enumeration: a cell is a number with no
 * leading zero (or 0) of at most 16 digits, or nothing (a blank that vanished) unless it is a
 * 总计; a 总计 equals the sum of the parts before it since the last 总计 (the only piece tried
 * there is the one spelling that sum); the row's last 总计, read first by the search, has at
 * most 9 digits. The row's check has the last word.
 */
function bruteForce(text: string, arithmetic: TableArithmetic, columns: ColumnSpec[]): string[] {
  const parts = new Set(partsOfTotal(arithmetic));
  const rowCheck = rowCheckOf(
    arithmetic,
    columns.map((c) => c.key),
  )!;
  const out: string[] = [];
  const cells: string[] = [];
  const next = (at: number, c: number, sum: number) => {
    if (c === columns.length) {
      if (at === text.length && rowCheck(cells.map((x) => (x === '' ? null : Number(x))))) out.push(cells.join('|'));
      return;
    }
    const key = columns[c].key;
    if (key === 'total') {
      const spelt = String(sum);
      if (!text.startsWith(spelt, at) || (c === columns.length - 1 && spelt.length > 9)) return;
      cells.push(spelt);
      next(at + spelt.length, c + 1, 0);
      cells.pop();
      return;
    }
    cells.push('');
    next(at, c + 1, sum);
    cells.pop();
    for (let end = at + 1; end <= Math.min(text.length, at + 16); end++) {
      if (text[at] === '0' && end > at + 1) break;
      cells.push(text.slice(at, end));
      next(end, c + 1, sum + (parts.has(key) ? Number(text.slice(at, end)) : 0));
      cells.pop();
    }
  };
  next(0, 0, 0);
  return out;
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

/** rows up to this long are enumerated when the plain search passed its bound */
const ENUMERABLE = 30;

const tables: Array<[string, TableArithmetic, ColumnSpec[], number, number, string[], string[]]> = [
  [
    '四',
    ARITHMETIC.reviewLitigation['2021'],
    CATALOG.reviewLitigation['2021'].flatMap((s) => s.columns),
    3,
    4,
    // where the bound is tight: after 5|7 the digits 1200 spell 12 and two totals of 0
    ['571200'],
    // the plain search passes its step bound on these; the bounded one finishes
    ['49857504997166490179463444638'],
  ],
  ['三', ARITHMETIC.applications['2021'], CATALOG.applications['2021'][0].columns, 1, 6, [], []],
];

describe.each(tables)('table %s', (_name, arithmetic, columns, blocks, parts, tight, pastThePlainBound) => {
  const bounded = options(arithmetic, columns);
  const plain: ReadingOptions = { ...bounded, blockStarts: undefined, sumOf: undefined };
  const next = random(20261206);
  const rows = [
    ...tight,
    ...pastThePlainBound,
    ...Array.from({ length: 40 }, () => printedRow(next, blocks, parts)),
    ...Array.from({ length: 15 }, () => digits(next, 4 + Math.floor(next() * 16))),
  ];
  test('rows drawn at random read as the plain search reads them, or as every reading there is', () => {
    const enumerated: string[] = [];
    for (const text of rows) {
      const fast = searchReadings(run(text), columns, bounded);
      const slow = searchReadings(run(text), columns, plain);
      if (slow) {
        expect([text, fast && raws(fast)]).toEqual([text, raws(slow)]);
        continue;
      }
      if (!fast || text.length > ENUMERABLE) continue;
      enumerated.push(text);
      expect([text, raws(fast).sort()]).toEqual([text, bruteForce(text, arithmetic, columns).sort()]);
    }
    // the rows named above are past the plain search's bound, and enumerated
    for (const text of pastThePlainBound) expect(enumerated).toContain(text);
  });

  test('the enumeration agrees with the plain search where that finished', () => {
    const short = rows.filter((text) => text.length <= 20);
    for (const text of short) {
      const slow = searchReadings(run(text), columns, plain);
      if (slow) expect([text, raws(slow).sort()]).toEqual([text, bruteForce(text, arithmetic, columns).sort()]);
    }
  });
});
