// Every table rule passing, failing (with both sides and the cells named) and not assessable,
// on edits of a real report.
import { CHANGGUO, parseText, setRow } from './support/changguo';
import type { ReportRecord } from '../src/model/record';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '../pipeline/parseReport';

const outcome = (r: ReportRecord, rule: string) => r.rules!.find((o) => o.rule === rule)!;
const flagsOf = (r: ReportRecord, rule: string) => r.flags.filter((f) => f.rule === rule);

describe('cross-check rules', () => {
  test('the published report passes every rule', async () => {
    const r = await parseText(CHANGGUO);
    expect(r.flags).toEqual([]);
    for (const rule of ['T3-BAL', 'T3-SUM', 'T3-COL', 'T4-SUM', 'T-VALUE', 'T-MISSING'])
      expect(outcome(r, rule).status).toBe('pass');
  });

  test('T3-BAL fails per column with both sides written out', async () => {
    const r = await parseText(setRow(CHANGGUO, '本年新收政府信息公开申请数量', [60, 0, 0, 0, 0, 0, 60]));
    const f = flagsOf(r, 'T3-BAL');
    expect(f.map((x) => x.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('newReceived+carriedOver = 60+0 = 60 ≠ totalProcessed+carriedForward = 0+0 = 0'),
      ]),
    );
    expect(f[0].cells).toEqual([
      'applications|newReceived|naturalPerson',
      'applications|carriedOver|naturalPerson',
      'applications|totalProcessed|naturalPerson',
      'applications|carriedForward|naturalPerson',
    ]);
    expect(f[0].left).toEqual({ expr: 'newReceived.naturalPerson+carriedOver.naturalPerson', value: 60 });
    expect(outcome(r, 'T3-BAL').failed).toBe(2); // the naturalPerson and total columns
    expect(outcome(r, 'T3-COL').status).toBe('pass');
  });

  test('T3-SUM fails when the result rows do not add up to （七）总计', async () => {
    const r = await parseText(setRow(CHANGGUO, '予以公开', [2, 0, 0, 0, 0, 0, 2]));
    expect(flagsOf(r, 'T3-SUM').length).toBe(2);
    expect(flagsOf(r, 'T3-SUM')[0].message).toMatch(/= 2 ≠ totalProcessed = 0$/);
  });

  test('T3-COL fails when a row total is not the sum of its columns', async () => {
    const r = await parseText(setRow(CHANGGUO, '结转下年度继续办理', [0, 0, 0, 0, 0, 0, 1]));
    const f = flagsOf(r, 'T3-COL');
    expect(f.length).toBe(1);
    expect(f[0].message).toContain('row carriedForward');
  });

  test('T4-SUM fails, then is not assessable when the total is blank', async () => {
    const failing = await parseText(
      setRow(
        CHANGGUO,
        '\t',
        [10, 1, 0, 0, 0, ...Array(10).fill(0)],
        countTabLinesBefore('0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0'),
      ),
    );
    expect(flagsOf(failing, 'T4-SUM')[0].message).toBe(
      'review: upheld+corrected+other+pending = 10+1+0+0 = 11 ≠ total = 0',
    );
    const blank = await parseText(CHANGGUO.replace(/^0(\t0){14}$/m, '0\t0\t0\t0\t\t' + Array(10).fill('0').join('\t')));
    const o = outcome(blank, 'T4-SUM');
    expect(o.notAssessable).toBe(1);
    expect(o.missing).toEqual(['reviewLitigation|review|total']);
    expect(flagsOf(blank, 'T4-SUM')).toEqual([]);
  });

  test('T-VALUE rejects fractional counts; T-MISSING names an absent row', async () => {
    const frac = await parseText(setRow(CHANGGUO, '重复申请', ['0.5', 0, 0, 0, 0, 0, '0.5']));
    expect(flagsOf(frac, 'T-VALUE')[0].cells).toEqual(['applications|notProcessed.duplicate|naturalPerson']);
    const lines = CHANGGUO.split('\n').filter((l) => !l.includes('要求提供公开出版物'));
    const missing = await parseText(lines.join('\n'));
    expect(flagsOf(missing, 'T-MISSING')[0].message).toBe('applications: rows not found: notProcessed.publication');
  });

  test('N-APPS warns when the narrative count disagrees with table 三', async () => {
    const said = CHANGGUO.replace('依申请公开信息 0 条', '共收到政府信息公开申请 7 件');
    const r = await parseText(said);
    const f = flagsOf(r, 'N-APPS');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].message).toContain('narrative says 7');
    const agree = await parseText(
      setRow(
        setRow(setRow(said, '本年新收', [7, 0, 0, 0, 0, 0, 7]), '予以公开', [7, 0, 0, 0, 0, 0, 7]),
        '(七) 总计',
        [7, 0, 0, 0, 0, 0, 7],
      ),
    );
    expect(flagsOf(agree, 'N-APPS')).toEqual([]);
    expect(agree.flags).toEqual([]);
  });
});

function countTabLinesBefore(line: string): number {
  const lines = CHANGGUO.split('\n').filter((l) => l.includes('\t'));
  return lines.findIndex((l) => l === line);
}

test('N-APPS reads the ways reports word the count', async () => {
  for (const said of ['全年共收到依申请信息公开 7 件', '受理政府信息公开申请共7件', '新收政府信息公开申请7件']) {
    const r = await parseText(CHANGGUO.replace('依申请公开信息 0 条', said));
    expect(r.flags.filter((f) => f.rule === 'N-APPS').map((f) => f.left?.value)).toEqual([7]);
  }
  // a count of something else is not read as applications
  const other = await parseText(CHANGGUO.replace('依申请公开信息 0 条', '全年受理网络问政182件'));
  expect(outcome(other, 'N-APPS').checks).toBe(0);
});

describe('a blank cell is 0 only where its row total agrees', () => {
  test('the Shanghai 2019 page leaves blanks whose rows add up: T3-BAL is assessed in every column', async () => {
    const r = await parseReport(readFileSync(join(__dirname, '..', 'samples', 'html', '2019-shanghai-bgt-1.html')), {
      path: 'x',
    });
    expect(outcome(r, 'T3-BAL')).toMatchObject({ status: 'pass', checks: 7, notAssessable: 0 });
    expect(r.cells.find((c) => c.row === 'carriedOver' && c.col === 'commercial')).toMatchObject({
      value: null,
      raw: '',
    });
    expect(r.findings!.join('\n')).toContain('applications|carriedOver|commercial');
    // the 予以公开 row prints no 总计: its blanks cannot be read as 0, so T3-SUM is not assessable
    expect(outcome(r, 'T3-SUM').status).toBe('notAssessable');
  });

  test('a blank in a row whose total disagrees stays blank and the rules say not assessable', async () => {
    const lines = setRow(CHANGGUO, '本年新收政府信息公开申请数量', [5, 0, 0, 0, 0, 0, 7]).split('\n');
    const i = lines.findIndex((l) => l.includes('本年新收政府信息公开申请数量'));
    lines[i] = lines[i].replace('\t0\t0\t0\t0\t0\t7', '\t\t0\t0\t0\t0\t7'); // commercial left blank
    const r = await parseText(lines.join('\n'));
    expect(r.cells.find((c) => c.row === 'newReceived' && c.col === 'commercial')).toMatchObject({
      value: null,
      raw: '',
    });
    expect(outcome(r, 'T3-BAL').missing).toContain('applications|newReceived|commercial');
    expect(r.findings!.join('\n')).not.toContain('newReceived|commercial');
  });
});
