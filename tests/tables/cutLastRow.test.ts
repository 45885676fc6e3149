// A page's opening cut inside a table's last row: the row the text's end cuts comes back empty
// with a finding, unless its shape proves it complete (every column printed, its last cell closed).
import { parseReport } from '../../pipeline/parseReport';
import type { ReportRecord } from '../../src/model/record';

const HEAD =
  '某某县人民政府2019年政府信息公开工作年度报告\n一、总体情况\n本年度工作有序推进。\n二、主动公开政府信息情况\n';
const APPLICATIONS_HEAD = [
  '三、收到和处理政府信息公开申请情况',
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  '申请人情况',
  '自然人',
  '法人或其他组织',
  '总计',
  '商业企业',
  '科研机构',
  '社会公益组织',
  '法律服务机构',
  '其他',
  '一、本年新收政府信息公开申请数量',
  ...['3', '1', '0', '0', '0', '0', '4'],
];

async function parse(body: string): Promise<ReportRecord> {
  return parseReport(Buffer.from(HEAD + body, 'utf8'), { path: 'report.txt' });
}
const cell = (r: ReportRecord, table: string, row: string, col: string) =>
  r.cells.find((c) => c.table === table && c.row === row && c.col === col)?.value ?? null;
const named = (r: ReportRecord, table: string, row: string) =>
  r.flags.some(
    (f) =>
      (f.rule === 'T-AMBIGUOUS' && f.cells.some((c) => c.startsWith(`${table}|${row}|`))) ||
      (f.rule === 'T-MISSING' && f.message.startsWith(`${table}:`) && f.message.includes(row)),
  );

test('an amount cut at its decimal point is not read whole', async () => {
  const r = await parse(
    ['第二十条第（九）项', '信息内容', '采购项目数量', '采购总金额', '政府集中采购', '3', '100000.'].join('\n'),
  );
  expect(cell(r, 'active', 'procurement', 'amount')).toBeNull();
  expect(named(r, 'active', 'procurement')).toBe(true);
});

test('a lone 0 ending a row whose later cells were cut is not read as the row total', async () => {
  const r = await parse(
    [
      '三、收到和处理政府信息公开申请情况',
      '| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |',
      '| 自然人 | 法人或其他组织 | 总计 |',
      '| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |',
      '| 一、本年新收政府信息公开申请数量 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |',
      '| 二、上年结转政府信息公开申请数量 || 0',
    ].join('\n'),
  );
  expect(cell(r, 'applications', 'carriedOver', 'total')).toBeNull();
  expect(named(r, 'applications', 'carriedOver')).toBe(true);
  expect(cell(r, 'applications', 'newReceived', 'total')).toBe(4);
});

test('a row printed a cell a line with all its columns, ending with a lone 0, is whole', async () => {
  const r = await parse(
    [...APPLICATIONS_HEAD, '二、上年结转政府信息公开申请数量', '1', '0', '0', '0', '0', '1', '0'].join('\n'),
  );
  expect(cell(r, 'applications', 'carriedOver', 'naturalPerson')).toBe(1);
  expect(cell(r, 'applications', 'carriedOver', 'total')).toBe(0);
});

test('a tab row the text ends inside a number is not read; the same row before more text is', async () => {
  const rows = '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t1';
  const cut = await parse(rows);
  expect(cell(cut, 'active', 'rules', 'totalPublished')).toBeNull();
  expect(named(cut, 'active', 'rules')).toBe(true);
  const whole = await parse(`${rows}2\n三、收到和处理政府信息公开申请情况\n`);
  expect(cell(whole, 'active', 'rules', 'totalPublished')).toBe(12);
});

test('a row closed by its bar with every column printed is read', async () => {
  const r = await parse('| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n| 规章 | 0 | 2 | 13 |');
  expect([
    cell(r, 'active', 'rules', 'newlyMade'),
    cell(r, 'active', 'rules', 'newlyPublished'),
    cell(r, 'active', 'rules', 'totalPublished'),
  ]).toEqual([0, 2, 13]);
});
