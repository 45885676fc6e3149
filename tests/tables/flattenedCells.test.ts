// Table 二 however a page was flattened, and the paths by which a number could land in the
// wrong row or column: each case reads right, or leaves the cell empty with a finding.
import { parseReport } from '../../pipeline/parseReport';
import type { ReportRecord } from '../../src/model/record';

const HEAD =
  '某某县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n本年度工作有序推进。\n二、主动公开政府信息情况\n';

async function parse(body: string): Promise<ReportRecord> {
  return parseReport(Buffer.from(HEAD + body, 'utf8'), { path: 'report.txt' });
}
const value = (r: ReportRecord, row: string, col: string) =>
  r.cells.find((c) => c.table === 'active' && c.row === row && c.col === col);
const flagged = (r: ReportRecord, row: string) =>
  r.flags.some((f) => f.rule === 'T-AMBIGUOUS' && f.cells.some((c) => c.startsWith(`active|${row}|`)));

describe('footnote marks', () => {
  test.each(['13*', '13①', '13注', '13※'])('%s in a cell is 13, the mark kept in raw', async (mark) => {
    const r = await parse(
      `信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t${mark}\t13\t524\n规范性文件\t1\t1\t2\n`,
    );
    expect([
      value(r, 'rules', 'newlyMade')?.value,
      value(r, 'rules', 'newlyPublished')?.value,
      value(r, 'rules', 'totalPublished')?.value,
    ]).toEqual([13, 13, 524]);
    expect(value(r, 'rules', 'newlyMade')?.raw).toBe(mark);
  });
});

describe('rows flattened to a line with bars', () => {
  test('label, values and filler bars; half-width punctuation; the typo 本年处理绝对数量', async () => {
    const r = await parse(
      [
        '第二十条第(一)项 | |||',
        '信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数(历史累计) |',
        '规章 | 0 | 0 | 3 |',
        '行政规范性文件 | 4 | 1 | 12 |',
        '第二十条第(五)项 | |||',
        '信息内容 | 本年处理绝对数量 | ||',
        '行政许可 | 36 | ||',
        '第二十条第(八)项 | |||',
        '信息内容 | 本年收费金额(单位:万元) | ||',
        '行政事业性收费 | 43.788万元 | ||',
      ].join('\n'),
    );
    expect(value(r, 'normativeDocuments', 'inForce')?.value).toBe(12);
    expect(value(r, 'licensing', 'decisions')?.value).toBe(36);
    expect(value(r, 'fees', 'amount')?.value).toBe(43.788);
  });

  test('a blank cell between bars stays blank; the other cells keep their columns', async () => {
    const r = await parse('信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量\n| 行政许可 | 5 | | 3 |\n');
    expect([
      value(r, 'licensing', 'previousItems')?.value,
      value(r, 'licensing', 'change')?.value,
      value(r, 'licensing', 'decisions')?.value,
    ]).toEqual([5, null, 3]);
  });

  test('a text cell in a value column keeps the next amount in its column; a count is never an amount', async () => {
    const r = await parse(
      '第二十条第(九)项 | |||\n信息内容 | 采购项目数量 | 采购总金额 |\n政府集中采购 | 公务用车10辆 | 1530000元 |\n',
    );
    expect(value(r, 'procurement', 'items')?.value ?? null).toBeNull();
    expect(value(r, 'procurement', 'amount')?.value).toBe(1530000);
  });
});

describe('no silent wrong numbers', () => {
  test('digits alone on their lines are printed cells: a vanished blank is not guessed', async () => {
    // 12 | blank | 3 printed a cell a line: "12" must not be cut into 1 | 2
    const r = await parse(
      '信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量\n规章\n0\n0\n0\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n行政许可\n12\n3\n其他对外管理服务事项\n0\n0\n0\n',
    );
    expect(value(r, 'otherServices', 'decisions')?.value).toBe(0);
    expect(value(r, 'licensing', 'previousItems')?.value ?? null).toBeNull();
    expect(flagged(r, 'licensing')).toBe(true);
  });

  test('a row printed twice with different numbers is read neither way, and said so', async () => {
    const r = await parse(
      '信息内容\t采购项目数量\t采购总金额\n政府集中采购\t2\t350000元\n政府集中采购\t3\t621007.6元\n',
    );
    expect(value(r, 'procurement', 'amount')?.value ?? null).toBeNull();
    expect(r.findings?.join('\n')).toMatch(/procurement printed twice/);
  });

  test('a line of values whose label was lost is a finding, not a row', async () => {
    const r = await parse('信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t2\t3\n\t4\t5\t6\n');
    expect(r.cells.some((c) => c.value === 4)).toBe(false);
    expect(r.findings?.join('\n')).toMatch(/values with no label: 4 5 6/);
  });

  test('labels printed in traditional characters', async () => {
    const r = await parse(
      '信息內容 | 本年新 制作數量 | 本年新 公開數量 | 對外公開總數量 | ||\n規章 | 2 | 1 | 9 | ||\n規范性文件 | 0 | 0 | 4 | ||\n',
    );
    expect(value(r, 'rules', 'totalPublished')?.value).toBe(9);
    expect(value(r, 'normativeDocuments', 'totalPublished')?.value).toBe(4);
  });
});
