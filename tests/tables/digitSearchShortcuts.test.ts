// The digit search's shortcuts (each block of table 四's run searched once and replayed, a 总计
// tried only as the sum of its parts) must leave the readings exactly as the search without them:
// the same readings in the same order, and the same rows past the search's bounds.
import { CATALOG } from '../../src/tables/catalog';
import { ARITHMETIC } from '../../src/tables/arithmetic';
import { readingsOf, type ReadingOptions } from '../../src/tables/splitRuns';
import { readingOptions } from '../../src/tables/rowPrefixCheck';

const run = (text: string) => [{ text, source: { line: 1, column: 1 }, runTogether: true }];
const raws = (rs: ReturnType<typeof readingsOf>) => rs.map((r) => r.map((t) => t.raw).join('|'));

const arithmetic = ARITHMETIC.reviewLitigation['2021'];
const columns = CATALOG.reviewLitigation['2021'].flatMap((s) => s.columns);
const withShortcuts: ReadingOptions = readingOptions(arithmetic, columns);
const without: ReadingOptions = { ...withShortcuts, blockStarts: undefined, sumOf: undefined };

test('table 四 as one run has its blocks and sums for the shortcuts', () => {
  expect(withShortcuts.blockStarts).toEqual([5, 10]);
  expect(withShortcuts.sumOf?.[4]).toEqual([0, 1, 2, 3]);
  expect(withShortcuts.sumOf?.[3]).toBeUndefined();
});

test.each([
  '110024001510102',
  '25380363300630003',
  '000000000000000',
  // many readings: the last block's are replayed with the running sum its bound tests
  '353315235383023723742042',
  '79122018299513025802710358061',
])('%s reads the same with and without the shortcuts', (text) => {
  const a = raws(readingsOf(run(text), columns, withShortcuts));
  expect(a).toEqual(raws(readingsOf(run(text), columns, without)));
});

test('a run past the search bounds has no reading either way', () => {
  const text = '2534152274552891733710649622930434674690918655225821489976859691698387616980903465761392';
  expect(readingsOf(run(text), columns, without)).toEqual([]);
  expect(readingsOf(run(text), columns, withShortcuts)).toEqual([]);
});
