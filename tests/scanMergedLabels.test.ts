// A scanned label box spanning rows whose numbers sit in rows of their own: those numbers are
// left unread, never placed under a label that may not be theirs.
import type { Block, GridCell } from '../src/model/document';
import { unsettleMergedLabelRows } from '../parsers/pdf/scan/mergedLabelRows';

const source = { page: 1 };
const cell = (text: string, rowSpan = 1, colSpan = 1): GridCell => ({ text, rowSpan, colSpan, source });
const covered = (text: string): GridCell => ({ text, rowSpan: 1, colSpan: 1, covered: true, source });
const table = (rows: GridCell[][]): Block => ({ type: 'table', rows, source }) as Block;
const texts = (b: Block) => (b.type === 'table' ? b.rows.map((r) => r.map((c) => c.text)) : []);

test('a label box over two rows of numbers: both rows unread', () => {
  const label = '1.属于国家秘密 2.其他法律行政法规禁止公开';
  const b = table([
    [cell('项目'), cell('个数')],
    [cell(label, 2), cell('3')],
    [covered(label), cell('10')],
    [cell('3.危及“三安全一稳定”'), cell('2')],
  ]);
  unsettleMergedLabelRows([b]);
  expect(texts(b)).toEqual([
    ['项目', '个数'],
    [label, '\uFFFD'],
    [label, '\uFFFD'],
    ['3.危及“三安全一稳定”', '2'],
  ]);
});

test('a label box over one number box of the same rows stays read', () => {
  const b = table([
    [cell('总计', 2), cell('7', 2)],
    [covered('总计'), covered('7')],
  ]);
  unsettleMergedLabelRows([b]);
  expect(texts(b)).toEqual([
    ['总计', '7'],
    ['总计', '7'],
  ]);
});

test('a group label over sub-labels stays read, and so do the sub-rows', () => {
  const group = '（三）不予公开';
  const b = table([
    [cell(group, 2), cell('1.属于国家秘密'), cell('0')],
    [covered(group), cell('2.其他法律行政法规禁止公开'), cell('4')],
  ]);
  unsettleMergedLabelRows([b]);
  expect(texts(b)[0][2]).toBe('0');
  expect(texts(b)[1][2]).toBe('4');
});
