// Title, agency and year on tests/corpus/wild-pages-fresh3: 40 more real report openings labelled
// before the parser was run on them, gathered after the second fresh set's fixes (the third measure
// of pages it had not seen), with the checks every labelled folder gets. Below them, the shapes
// these pages showed, in generated variants.
import { parseReport } from '../pipeline/parseReport';
import { parseDocument } from '../parsers';
import { findMeta } from '../src/report/metadata';
import { parseValue } from '../src/tables/parseValue';
import { readingsOf } from '../src/tables/splitRuns';
import { CATALOG } from '../src/tables/catalog';
import { labelledPageTests } from './support/labelledPages';

labelledPageTests('wild-pages-fresh3', 0.75, {
  // compiled by 交口县人民政府办公室 and labelled the county government's (its body says 我县), while
  // wild-pages-legacy p006 labels a page of the same shape (由浚县人民政府办公室…, 我县) the office's
  'p025.txt': 'a government office compiling with 我县 in the body: the government or the office',
});

const cellsOf = async (text: string) => {
  const rec = await parseReport(Buffer.from(text), { path: 'page.txt' });
  return { rec, cell: (row: string, col: string) => rec.cells.find((c) => c.row === row && c.col === col) };
};

test('table 二 printed with every cell blank, flattened a cell a line: its cells are read blank', async () => {
  const lines = [
    '2022年度某镇政府信息公开工作年度报告',
    '二、主动公开政府信息情况',
    '第二十条第(一)项',
    '信息内容',
    '本年新制作数量',
    '本年新公开数量',
    '对外公开总数量',
    '规章',
    '规范性文件',
    '第二十条第(五)项',
    '信息内容',
    '上一年项目数量',
    '本年增/减',
    '处理决定数量',
    '行政许可',
    '其他对外管理服务事项',
    '第二十条第(六)项',
    '信息内容',
    '上一年项目数量',
    '本年增/减',
    '处理决定数量',
    '行政处罚',
    '行政强制',
    '第二十条第(八)项',
    '信息内容',
    '上一年项目数量',
    '本年增/减',
    '行政事业性收费',
    '三、收到和处理政府信息公开申请情况',
  ];
  const { rec } = await cellsOf(lines.join('\n\n'));
  const active = rec.cells.filter((c) => c.table === 'active');
  const want = CATALOG.active['2019'].filter((r) => r.key !== 'procurement').reduce((n, r) => n + r.columns.length, 0);
  expect(active.length).toBe(want);
  expect(active.every((c) => c.value === null)).toBe(true);
  expect(rec.findings.some((f) => /prints no number in any cell/.test(f))).toBe(true);
  // one number anywhere in the section: not this reading (the numbers' own reading decides)
  const { rec: withNumber } = await cellsOf(lines.join('\n\n').replace('行政许可\n\n', '行政许可\n\n12\n\n'));
  expect(withNumber.findings.some((f) => /prints no number in any cell/.test(f))).toBe(false);
});

test('numbers apart under one column are several cells, not one number (2 0 0 is no 200)', async () => {
  const text = [
    '某县民政局2022年政府信息公开工作年度报告',
    '二、主动公开政府信息情况',
    '第二十条第(六)项 |',
    '信息内容 |',
    '本年处理决定数量 |',
    '行政处罚 |',
    '2 |',
    '0 |',
    '0 |',
    '行政强制 |',
    '0 |',
    '第二十条第(八)项 |',
    '信息内容 |',
    '本年收费金额(单位:万元) |',
    '行政事业性收费 |',
    '1 234.5 |',
    '三、收到和处理政府信息公开申请情况',
  ].join('\n');
  const { rec, cell } = await cellsOf(text);
  expect(cell('punishment', 'decisions')?.value ?? null).toBeNull();
  expect(
    rec.flags.some((f) => f.rule === 'T-AMBIGUOUS' && f.cells.some((c) => c.startsWith('active|punishment'))),
  ).toBe(true);
  // a number with its thousands apart is one number
  expect(cell('fees', 'amount')?.value).toBe(1234.5);
});

test('本年增/减 written with its word: 减3 (減3) is −3, 增5 is 5, only in that column', () => {
  const change = CATALOG.active['2019'].find((r) => r.key === 'licensing')!.columns[1];
  const count = CATALOG.active['2019'].find((r) => r.key === 'licensing')!.columns[0];
  expect([parseValue('减3', change).value, parseValue('減3', change).value, parseValue('增5', change).value]).toEqual([
    -3, -3, 5,
  ]);
  expect(parseValue('减3', count).value).toBeNull();
});

test('the year whose end the overview counts its figures to, where nothing else states it', async () => {
  const meta = async (text: string) => findMeta(await parseDocument(Buffer.from(text), { fileName: 'page.txt' }));
  expect((await meta('一、总体情况\n(一)主动公开。截止2023年12月31日我局通过官方网站发布信息34条。\n')).year).toBe(
    2023,
  );
  // a plan in a later section is not the year counted to
  expect(
    (await meta('一、总体情况\n本年度发布信息34条。\n五、存在的主要问题及改进情况\n截至2024年12月31日完成整改。\n'))
      .year,
  ).toBeNull();
});

test('numbers apart in a piece read over several lines are several cells; in one cell, one number spread', () => {
  const column = CATALOG.active['2021'].find((r) => r.key === 'punishment')!.columns;
  // three lines read together under one column: 2 | 0 | 0, not 200
  expect(readingsOf([{ text: '2   0   0', source: { line: 5 }, end: { line: 7 } }], column)).toEqual([]);
  // a grid's cell whose digits are spread apart (justified): the one number it prints
  expect(readingsOf([{ text: '2 0 0', source: { line: 5 } }], column).map((r) => r.map((t) => t.value))).toEqual([
    [200],
  ]);
});
