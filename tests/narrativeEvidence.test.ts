// Digits run together that every rule reads several ways: the report's own prose, where it
// states the numbers, decides between them; where it states nothing, or contradicts itself,
// no value is guessed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '../pipeline/parseReport';
import { narrativeEvidence } from '../src/tables/narrativeEvidence';
import { CATALOG, rowSpec } from '../src/tables/catalog';

const dir = join(__dirname, '..', 'samples', 'text');
const pingtan2023 = readFileSync(join(dir, '2023-pingtan-syq-1.txt'), 'utf8');

const stated = (prose: string, table: 'active', template: '2019' | '2021', row: string) => {
  const spec = rowSpec(table, template, row)!;
  return narrativeEvidence(prose)
    .stated(spec, CATALOG[table][template], spec.columns)
    .map((s) => [...s].sort((a, b) => a - b));
};

test('numbers the prose states, with their units, attached to the row and column words before them', () => {
  // the sentence of the real 2023 report
  expect(
    stated(
      '设立规范性文件库，清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件77件。',
      'active',
      '2021',
      'normativeDocuments',
    ),
  ).toEqual([[77], [], [393]]);
  // each column word takes the first number after it; another row's word in between takes it away
  expect(stated('全年制发规范性文件12件，废止3件，现行有效120件。', 'active', '2021', 'normativeDocuments')).toEqual([
    [12],
    [3],
    [120],
  ]);
  expect(stated('全年制发规章0件、规范性文件88件。', 'active', '2021', 'normativeDocuments')).toEqual([[], [], []]);
  expect(stated('全年制发规章0件、规范性文件88件。', 'active', '2021', 'rules')).toEqual([[0], [], []]);
  // money in 万元 or 元 stands for both units
  expect(stated('政府集中采购项目135个，采购总金额7539.44万元。', 'active', '2019', 'procurement')).toEqual([
    [135],
    [7539.44, 75394400],
  ]);
});

test('a flattened table, numbers without a unit and other rows are not statements', () => {
  const table =
    '二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件8855698件';
  expect(stated(table, 'active', '2021', 'normativeDocuments')).toEqual([[], [], []]);
  expect(
    stated('本年度制发规范性文件的平均审核时间为15天，现行有效文件目录已更新', 'active', '2021', 'normativeDocuments'),
  ).toEqual([[], [], []]);
  expect(stated('本年度行政许可处理决定2293件。', 'active', '2021', 'normativeDocuments')).toEqual([[], [], []]);
});

describe('the real 2023 report with its 行政规范性文件 row printed so that it reads several ways', () => {
  // its prose states 77 issued and 393 in force; the run 7713393 also reads 77|133|93, 7|713|393 …
  const ambiguousRow = pingtan2023.replace('行政规范性文件77132470', '行政规范性文件7713393');

  test('the reading the prose states is chosen, and the record says why', async () => {
    const r = await parseReport(Buffer.from(ambiguousRow), { path: 'x' });
    const row = r.cells.filter((c) => c.table === 'active' && c.row === 'normativeDocuments');
    expect(row.map((c) => [c.col, c.value, c.reading])).toEqual([
      ['issued', 77, 'split'],
      ['repealed', 13, 'split'],
      ['inForce', 393, 'split'],
    ]);
    expect(r.flags.filter((f) => f.rule === 'T-AMBIGUOUS')).toEqual([]);
    expect(r.findings!.join('\n')).toContain("active.normativeDocuments: '7713393' read as 77|13|393");
  });

  test('without the sentence the same digits stay ambiguous, no value guessed', async () => {
    const r = await parseReport(Buffer.from(ambiguousRow.replace(/清理并集中发布现行有效[^。]*。/, '。')), {
      path: 'x',
    });
    const row = r.cells.filter((c) => c.table === 'active' && c.row === 'normativeDocuments');
    expect(row.map((c) => c.value)).toEqual([null, null, null]);
    const f = r.flags.find((x) => x.rule === 'T-AMBIGUOUS')!;
    expect(f.candidates).toEqual(
      expect.arrayContaining([
        [77, 13, 393],
        [77, 133, 93],
      ]),
    );
  });

  test('prose that contradicts every reading decides nothing', async () => {
    const r = await parseReport(
      Buffer.from(
        ambiguousRow
          .replace('现行有效行政规范性文件393件', '现行有效行政规范性文件500件')
          .replace('制发的规范性文件77件', '制发的规范性文件66件'),
      ),
      { path: 'x' },
    );
    expect(r.cells.filter((c) => c.table === 'active' && c.row === 'normativeDocuments').map((c) => c.value)).toEqual([
      null,
      null,
      null,
    ]);
  });
});

test(
  'the unchanged 2023 report: its prose (393 in force) disagrees with its table (470); ' +
    'the prose leaves 77|132|470 among several readings, and none is guessed',
  async () => {
    const r = await parseReport(Buffer.from(pingtan2023), { path: 'x' });
    const row = r.cells.filter((c) => c.table === 'active' && c.row === 'normativeDocuments');
    expect(row.map((c) => c.value)).toEqual([null, null, null]);
    const f = r.flags.find((x) => x.rule === 'T-AMBIGUOUS' && x.cells.includes('active|normativeDocuments|issued'))!;
    expect(f.candidates).toContainEqual([77, 132, 470]);
    // the prose's 393 contradicts every reading of 现行有效: a reading leaving it blank is not preferred for that
    expect(f.candidates).toContainEqual([77, 132470, null]);
  },
);
