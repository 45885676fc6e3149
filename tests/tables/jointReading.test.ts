// Table 三's rows solved together: a row whose digits read several ways is decided only when the
// table's column equations (arithmetic.ts) leave it a single reading; otherwise it stays open.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '../../pipeline/parseReport';
import { ARITHMETIC } from '../../src/tables/arithmetic';
import { CATALOG } from '../../src/tables/catalog';
import { solveJointly, type JointRow } from '../../src/tables/jointReading';
import type { Token } from '../../src/tables/splitRuns';

const reading = (values: number[]): Token[] => values.map((v) => ({ raw: String(v), value: v, source: {} }));
const zeros = [0, 0, 0, 0, 0, 0, 0];

/** every row of the 2021 table 三 read as zeros, except those given (fixed, or open with several readings) */
function table(given: Record<string, number[] | number[][]>): JointRow[] {
  return CATALOG.applications['2021'].map((spec) => {
    const g = given[spec.key];
    if (g && Array.isArray(g[0])) return { key: spec.key, candidates: (g as number[][]).map(reading) };
    const fixed = reading((g as number[] | undefined) ?? zeros);
    return { key: spec.key, candidates: [fixed], chosen: fixed };
  });
}
const equations = ARITHMETIC.applications['2021'].inColumn;

test('the column equation 总计 = the sum of the result rows decides a row its own sum does not', () => {
  // '1100011' as 予以公开: 1|10|0|0|0|0|11 and 11|0|0|0|0|0|11 both add up; 总计 says 11 natural persons
  const rows = table({
    newReceived: [11, 0, 0, 0, 0, 0, 11],
    granted: [
      [1, 10, 0, 0, 0, 0, 11],
      [11, 0, 0, 0, 0, 0, 11],
    ],
    totalProcessed: [11, 0, 0, 0, 0, 0, 11],
  });
  expect(solveJointly(rows, equations, 7)).toEqual(new Map([['granted', 1]]));
});

test('新收 + 结转 = 总计 + 结转下年 decides the 总计 row; result rows that trade places stay open', () => {
  const rows = table({
    newReceived: [3, 2, 0, 0, 0, 0, 5],
    granted: [
      [3, 2, 0, 0, 0, 0, 5],
      [0, 0, 0, 0, 0, 0, 0],
    ],
    partiallyGranted: [
      [0, 0, 0, 0, 0, 0, 0],
      [3, 2, 0, 0, 0, 0, 5],
    ],
    totalProcessed: [
      [3, 2, 0, 0, 0, 0, 5],
      [32, 0, 0, 0, 0, 0, 32],
    ],
  });
  // 总计 must be 3|2|…|5 (新收 5, nothing carried); the results can still be either row's
  expect(solveJointly(rows, equations, 7)).toEqual(new Map([['totalProcessed', 0]]));
});

test('two rows whose readings trade places under every equation stay open: nothing is guessed', () => {
  const rows = table({
    newReceived: [11, 11, 0, 0, 0, 0, 22],
    granted: [
      [1, 10, 0, 0, 0, 0, 11],
      [11, 0, 0, 0, 0, 0, 11],
    ],
    partiallyGranted: [
      [10, 1, 0, 0, 0, 0, 11],
      [0, 11, 0, 0, 0, 0, 11],
    ],
    totalProcessed: [11, 11, 0, 0, 0, 0, 22],
  });
  expect(solveJointly(rows, equations, 7)).toEqual(new Map());
});

test('a row printed but not read makes the equations naming it no evidence', () => {
  const rows = table({
    granted: [
      [1, 10, 0, 0, 0, 0, 11],
      [11, 0, 0, 0, 0, 0, 11],
    ],
    totalProcessed: [11, 0, 0, 0, 0, 0, 11],
  }).map((r) => (r.key === 'partiallyGranted' ? { key: r.key, candidates: [] } : r));
  expect(solveJointly(rows, equations, 7)).toEqual(new Map());
});

describe('crawler text of the real 2023 report', () => {
  const text = readFileSync(join(__dirname, '..', '..', 'samples', 'text', '2023-pingtan-syq-1.txt'), 'utf8');

  test('a row its own sum leaves open is read by the column equations, and the record says so', async () => {
    // '191000020' is 19|1|0|0|0|0|20 or 1|9|10|0|0|0|20: only the first lets 总计 add up
    const r = await parseReport(Buffer.from(text), { path: 'x' });
    const row = r.cells.filter((c) => c.table === 'applications' && c.row === 'partiallyGranted');
    expect(row.map((c) => c.value)).toEqual([19, 1, 0, 0, 0, 0, 20]);
    expect(r.findings!.join('\n')).toContain(
      "applications.partiallyGranted: '191000020' read as 19|1|0|0|0|0|20: " +
        "of the row's readings, the one the table's column equations leave",
    );
  });

  test('with the 总计 row left out, the same row stays ambiguous with both readings listed', async () => {
    // the equations naming 总计 are then no evidence (a missing row is not a row of zeros)
    const broken = text.replace(/（七）总计\d+/, '');
    const r = await parseReport(Buffer.from(broken), { path: 'x' });
    const row = r.cells.filter((c) => c.table === 'applications' && c.row === 'partiallyGranted');
    expect(row.map((c) => c.value)).toEqual([null, null, null, null, null, null, null]);
    const f = r.flags.find((x) => x.rule === 'T-AMBIGUOUS' && x.cells.includes('applications|partiallyGranted|total'))!;
    expect(f.candidates).toContainEqual([19, 1, 0, 0, 0, 0, 20]);
    expect(f.candidates).toContainEqual([1, 9, 10, 0, 0, 0, 20]);
  });
});
