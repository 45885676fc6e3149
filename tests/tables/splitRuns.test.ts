// Digits run together (crawler text) print nothing for a blank cell: a cut must allow for
// blanks that vanished, or a row like 行政许可 | (blank) | 0 | 100 reads as 0|10|0 with no doubt.
import { CATALOG, rowSpec } from '../../src/tables/catalog';
import { ARITHMETIC, rowCheckOf } from '../../src/tables/arithmetic';
import { readingsOf } from '../../src/tables/splitRuns';
import { lastIsSumOf, prefixCheckOf } from '../../src/tables/rowPrefixCheck';

const run = (text: string) => [{ text, source: { line: 1, column: 1 }, runTogether: true }];
const values = (rs: ReturnType<typeof readingsOf>) => rs.map((r) => r.map((t) => t.value));

test('a blank that vanished is a reading of its own: 0100 for three cells', () => {
  const columns = rowSpec('active', '2019', 'licensing')!.columns;
  const rs = values(readingsOf(run('0100'), columns));
  expect(rs).toContainEqual([0, 10, 0]);
  expect(rs).toContainEqual([null, 0, 100]);
  expect(rs).toContainEqual([0, null, 100]);
});

test('a row that prints its parts prints its 总计: the total column is never a vanished blank', () => {
  const columns = CATALOG.applications['2021'][0].columns;
  const keys = columns.map((c) => c.key);
  const arithmetic = ARITHMETIC.applications['2021'];
  const opts = {
    printed: (c: { key: string }) => c.key === 'total',
    rowCheck: rowCheckOf(arithmetic, keys),
    prefixCheck: prefixCheckOf(arithmetic, keys),
    lastIsSumOf: lastIsSumOf(arithmetic, columns),
  };
  // 15|1|3|0|0|0|0|… : 151 natural persons, 3 companies, 154 in all, read total first
  expect(values(readingsOf(run('15130000154'), columns, opts))).toEqual([[151, 3, 0, 0, 0, 0, 154]]);
  // one digit short of seven cells: a blank vanished in any one of the six parts, six readings
  const rs = values(readingsOf(run('300003'), columns, opts));
  expect(rs).toHaveLength(6);
  expect(rs.every((r) => r[6] === 3)).toBe(true);
  // the same readings with and without the search's shortcuts
  const plain = values(readingsOf(run('300003'), columns, { printed: opts.printed, rowCheck: opts.rowCheck }));
  expect(new Set(rs.map((r) => JSON.stringify(r)))).toEqual(new Set(plain.map((r) => JSON.stringify(r))));
});
