// Heading numbering in its full- and half-width forms, the heading tree, the six standard
// sections recognised by what their titles say, and the report's title, agency and year.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSections } from '../src/sections/findSections';
import { readNumbering } from '../src/sections/numbering';
import { findMeta, agencyAndYearFromTitle } from '../src/report/metadata';
import type { Doc } from '../src/model/document';
import { CHANGGUO, parseText } from './support/changguo';

const docOf = (lines: string[]): Doc => ({
  format: 'text',
  notes: [],
  blocks: lines.map((text, i) => ({ type: 'paragraph' as const, text, source: { line: i + 1, column: 1 } })),
});

test.each([
  ['一、总体情况', '一、', 1],
  ['二.主动公开政府信息情况', '二.', 1],
  ['（一）主动公开情况', '（一）', 2],
  ['(二) 依申请公开情况', '(二)', 2],
  ['1.加强组织领导', '1.', 3],
  ['2、完善制度', '2、', 3],
  ['３．强化监督', '３．', 3],
  ['（1）专项培训', '（1）', 4],
])('%s is numbered %s at level %i', (text, number, level) => {
  expect(readNumbering(text)).toMatchObject({ number, level });
});

test('numbers that are not headings: decimals, years, long numbered paragraphs', () => {
  expect(readNumbering('1.5万元用于信息化建设')).toBeUndefined();
  expect(readNumbering('2023年，我区坚持以人民为中心')).toBeUndefined();
  expect(readNumbering('一、' + '这是一个很长的段落，'.repeat(6))).toBeUndefined();
});

test('the real report gives the six standard sections with their sub-headings', async () => {
  const r = await parseText(CHANGGUO);
  expect(r.sections.map((s) => [s.number, s.standard])).toEqual([
    ['一、', 'overview'],
    ['二、', 'activeDisclosure'],
    ['三、', 'applications'],
    ['四、', 'reviewLitigation'],
    ['五、', 'problems'],
    ['六、', 'other'],
  ]);
  expect(r.sections[0].children.map((c) => c.number)).toEqual(['（一）', '（二）', '（三）', '（四）']);
  expect(r.sections[0].children[0].title).toBe('明确工作职责，健全完善组织领导机制');
});

test('standard sections are recognised by meaning when renumbered or reworded', () => {
  const s = findSections(
    docOf([
      '一、基本情况',
      '（一）主动公开',
      '1.公开平台',
      '二、依申请公开情况',
      '三、政府信息公开行政复议和行政诉讼情况',
      '四、存在的不足及改进措施',
      '五、其他需要报告的事项',
    ]),
  );
  expect(s.map((x) => x.standard)).toEqual(['overview', 'applications', 'reviewLitigation', 'problems', 'other']);
  expect(s[0].children[0].children[0]).toMatchObject({ number: '1.', title: '公开平台', level: 3 });
});

test('headings inside crawler text (no line breaks) are found by meaning, mistyped or reworded', () => {
  const line =
    '一、总体情况今年我区共受理申请21件。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数规章000' +
    '三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和）一、本年新收政府信息公开申请数量1001' +
    '三、本年度办理结果（一）予以公开1001四、结转下年度继续办理 0 0 00 00 0 四、政府信息公开行政法复议、行政诉讼情况行政复议000' +
    '五、存在的主要问题及改进情况（一）存在的主要问题:不足。六、其他需要报告的事项 无';
  const s = findSections(docOf([line]));
  expect(s.map((x) => [x.number, x.standard])).toEqual([
    ['一、', 'overview'],
    ['二、', 'activeDisclosure'],
    ['三、', 'applications'],
    ['四、', 'reviewLitigation'],
    ['五、', 'problems'],
    ['六、', 'other'],
  ]);
  expect(s[3].title).toBe('政府信息公开行政法复议、行政诉讼情况');
  // an older report's 依申请公开 section is table 三's, not the overview, though it ends in 工作情况
  const old = findSections(
    docOf(['平潭2015年报告正文'.repeat(30) + '三、政府信息依申请公开工作情况 2015年全区未收到申请。']),
  );
  expect(old.map((x) => x.standard)).toEqual(['applications']);
});

test.each([
  ['淮安市人民政府2024年政府信息公开工作年度报告', '淮安市人民政府', 2024],
  ['2019年上海市人民政府办公厅政府信息公开工作年度报告', '上海市人民政府办公厅', 2019],
  ['平潭综合实验区2023年度政府信息公开工作年度报告', '平潭综合实验区', 2023],
  ['洪泽区人民政府 2023 年政府信息公开工作年度报告', '洪泽区人民政府', 2023],
  ['政府信息公开工作年度报告', null, null],
])('title %s → agency %s, year %s', (title, agency, year) => {
  expect(agencyAndYearFromTitle(title)).toEqual({ agency, year });
});

test('agency and year from the first sentence when the title has neither', () => {
  expect(
    findMeta(docOf(['政府信息公开工作年度报告', '2021年昌国街道办事处坚持以习近平新时代中国特色社会主义思想为指导。'])),
  ).toMatchObject({ title: '政府信息公开工作年度报告', agency: '昌国街道办事处', year: 2021 });
  // a title over two lines, and the statistics period naming the year
  expect(
    findMeta(
      docOf([
        '2025 年上海市人民政府办公厅政府信息公开',
        '工作年度报告',
        '本年度报告中所列数据统计期限为 2025 年 1 月 1 日至 12 月 31 日。',
      ]),
    ).agency,
  ).toBe('上海市人民政府办公厅');
  const blank = readFileSync(join(__dirname, '..', 'samples', 'text', '2021-changguo-1.txt'), 'utf8');
  expect(blank.length).toBeGreaterThan(0);
});
