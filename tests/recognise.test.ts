// Label variants real reports print, on edits of the real 昌国街道 report's Doc and text.
import { analyseDoc } from '../src/analyse';
import { parseText as parseTextFormat } from '../parsers/text/parseText';
import { DEFAULT_LIMITS } from '../parsers/types';
import type { Doc, TableBlock } from '../src/model/document';
import { CHANGGUO, parseText, setRow, value } from './support/changguo';

const docOf = (text: string) => parseTextFormat(Buffer.from(text), { limits: DEFAULT_LIMITS });
const appsTable = (doc: Doc) => doc.blocks.filter((b): b is TableBlock => b.type === 'table')[1];

describe('label variants map to the same keys', () => {
  test('a typo (其他法律行政止公开) and 规范性文件 for 行政规范性文件', async () => {
    let text = setRow(CHANGGUO, '其他法律行政法规禁止公开', [3, 0, 0, 0, 0, 0, 3]).replace(
      '其他法律行政法规禁止公开',
      '其他法律行政止公开',
    );
    text = setRow(text, '行政规范性文件', [4, 1, 9]).replace('行政规范性文件', '规范性文件');
    const r = await parseText(text);
    expect(value(r, 'applications|withheld.prohibitedByLaw|naturalPerson')).toBe(3);
    expect(value(r, 'active|normativeDocuments|inForce')).toBe(9);
    expect(r.cells.find((c) => c.row === 'withheld.prohibitedByLaw')!.label).toContain('行政止公开');
  });

  test('group labels printed one character per line and a bare "3、其他" under （六）', async () => {
    const doc = await docOf(setRow(CHANGGUO, '3. 其他', [1, 0, 0, 0, 0, 0, 1]).replace('3. 其他', '3、其他'));
    for (const row of appsTable(doc).rows)
      for (const c of row) if (c.text.includes('不予公开')) c.text = c.text.split('').join('\n');
    const r = analyseDoc(doc);
    const other = r.cells.filter((c) => c.row === 'otherHandling.other');
    expect(other.map((c) => c.value)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.cells.filter((c) => c.row.startsWith('withheld.'))).toHaveLength(8 * 7);
  });

  test('an extra blank column is ignored', async () => {
    const doc = await docOf(setRow(CHANGGUO, '保护第三方合法权益', [5, 0, 0, 0, 0, 0, 5]));
    for (const row of appsTable(doc).rows) {
      const first = row.findIndex((c) => /^\d+$/.test(c.text));
      if (first > 0) row.splice(first + 1, 0, { text: '', rowSpan: 1, colSpan: 1, source: row[first].source });
    }
    const r = analyseDoc(doc);
    expect(r.cells.filter((c) => c.row === 'withheld.thirdPartyRights').map((c) => c.value)).toEqual([
      5, 0, 0, 0, 0, 0, 5,
    ]);
  });

  test('an added 法人或其他组织 subtotal column gets its own key and rule', async () => {
    const doc = await docOf(setRow(CHANGGUO, '本年新收政府信息公开申请数量', [2, 1, 1, 0, 0, 0, 4]));
    for (const row of appsTable(doc).rows) {
      const nums = row.map((c, i) => (/^\d+$/.test(c.text) ? i : -1)).filter((i) => i >= 0);
      if (nums.length === 7) {
        const sub = nums.slice(1, 6).reduce((a, i) => a + Number(row[i].text), 0);
        row.splice(nums[5] + 1, 0, {
          text: String(sub === 2 ? 3 : sub),
          rowSpan: 1,
          colSpan: 1,
          source: row[nums[5]].source,
        });
      }
      if (row.some((c) => c.text === '其他') && row.some((c) => c.text === '商业企业'))
        row.splice(row.findIndex((c) => c.text === '其他') + 1, 0, {
          text: '小计',
          rowSpan: 1,
          colSpan: 1,
          source: row[0].source,
        });
    }
    const r = analyseDoc(doc);
    expect(value(r as never, 'applications|newReceived|legalPersonSubtotal')).toBe(3);
    expect(value(r as never, 'applications|newReceived|total')).toBe(4);
    const col = r.flags.filter((f) => f.rule === 'T3-COL');
    expect(col).toHaveLength(1);
    expect(col[0].message).toBe(
      'row newReceived 法人或其他组织小计: commercial+research+socialWelfare+legalService+otherOrg ' +
        '= 1+1+0+0+0 = 2 ≠ legalPersonSubtotal = 3',
    );
  });

  test('placeholders are null with raw kept; decimals, units and remarks are read', async () => {
    let text = setRow(CHANGGUO, '行政规范性文件', ['—', '/', '22（其中修订 16 件）']);
    text = setRow(text, '行政事业性收费', ['12.5']);
    text = setRow(text, '行政许可', ['无']);
    const r = await parseText(text);
    const cell = (k: string) => r.cells.find((c) => `${c.table}|${c.row}|${c.col}` === k)!;
    expect(cell('active|normativeDocuments|issued')).toMatchObject({ value: null, raw: '—' });
    expect(cell('active|normativeDocuments|repealed')).toMatchObject({ value: null, raw: '/' });
    expect(cell('active|normativeDocuments|inForce')).toMatchObject({ value: 22, raw: '22（其中修订 16 件）' });
    expect(cell('active|fees|amount').value).toBe(12.5);
    expect(cell('active|licensing|decisions')).toMatchObject({ value: null, raw: '无' });
  });

  test('layout per table: 2019 table 三 (one 其他处理 row) beside a 2021 table 二', async () => {
    const lines = CHANGGUO.split('\n');
    const i = lines.findIndex((l) => l.startsWith('(六) 其他处理'));
    lines.splice(i, 3, '(六) 其他处理\t\t0\t0\t0\t0\t0\t0\t0');
    const r = await parseText(lines.join('\n'));
    expect(r.tables.map((t) => `${t.table}:${t.template}`)).toEqual([
      'active:2021',
      'applications:2019',
      'reviewLitigation:2021',
    ]);
    expect(r.cells.filter((c) => c.row === 'otherHandling')).toHaveLength(7);
    expect(r.flags).toEqual([]);
  });
});

describe('reworded labels fall back to jieba word similarity', () => {
  test('reworded row labels are matched to their official keys, an unrelated one is not', async () => {
    let text = setRow(CHANGGUO, '没有现成信息需要另行制作', [6, 0, 0, 0, 0, 0, 6]).replace(
      '没有现成信息需要另行制作',
      '无现成信息需另外制作的',
    );
    text = setRow(text, '属于三类内部事务信息', [2, 0, 0, 0, 0, 0, 2]).replace(
      '属于三类内部事务信息',
      '属于机关内部管理类信息',
    );
    text = setRow(text, '重复申请', [1, 0, 0, 0, 0, 0, 1]).replace('重复申请', '申请人撤回申请');
    const r = await parseText(text);
    expect(value(r, 'applications|unableToProvide.needsCreation|naturalPerson')).toBe(6);
    expect(value(r, 'applications|withheld.internalAffairs|naturalPerson')).toBe(2);
    // "申请人撤回申请" resembles no official label: unmatched, reported, and the row is missing
    expect(value(r, 'applications|notProcessed.duplicate|naturalPerson')).toBeUndefined();
    expect(r.findings!.join('\n')).toContain('申请人撤回申请');
    expect(r.flags.find((f) => f.rule === 'T-MISSING')!.message).toContain('notProcessed.duplicate');
  });
});
