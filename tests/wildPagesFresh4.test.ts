// Title, agency and year on tests/corpus/wild-pages-fresh4: 40 more real report openings (26 of them
// with the whole of table 二), labelled before the parser was run on them, gathered after the third
// fresh set's fixes, with the checks every labelled folder gets. Below them, the shapes these pages
// showed, in generated variants.
import { parseReport } from '../pipeline/parseReport';
import { labelledPageTests } from './support/labelledPages';
import { metaOf } from './support/metaOf';

labelledPageTests(
  'wild-pages-fresh4',
  0.55,
  {
    // the name with its second name in brackets, as the page prints it (和硕县文化体育广播电视和旅游局(文物局)),
    // labelled without it, while ../wild-pages-more p074 keeps a bracketed second name
    'p014.txt': 'a bracketed second name after the issuer’s: kept or dropped',
  },
  // (measured 17/19: p014 above, and a 我局 the page names only inside a document's title)
  0.85,
);

test('the page’s fields in brackets with their values in the next cell: [ 发布机构 ] | 郯城县…局', async () => {
  const meta = await metaOf(
    '[ 索 引 号 ] | 1137/2023-0000033 | [ 文 号 ] | [ 发布机构 ] | 沂水县民政局 | |\n---|---|---|---|---|---|\n' +
      '一、总体情况\n按照县政府信息公开的统一部署，我单位积极做好主动公开工作。截至2022年12月31日，发布信息375条。\n',
  );
  expect(meta).toMatchObject({ agency: '沂水县民政局', year: 2022 });
});

test('the issuer after the year, before 共/未/对: 2022年，蠡县交通运输局未发生…', async () => {
  const meta = await metaOf('一、总体情况\n(二)依申请公开\n2022年度，故城县交通运输局未收到政府信息公开申请。\n');
  expect(meta.agency).toBe('故城县交通运输局');
  // words around the report's pronoun are no name
  const pronoun = await metaOf('一、总体情况\n2022年，全年我局共发布信息120条。\n');
  expect(pronoun.agency ?? '').not.toMatch(/我局/);
});

test('我局 where the page prints the issuer once with its place and once by its level word', async () => {
  const meta = await metaOf(
    '一、总体情况\n(一)主动公开情况。2022年，我局认真收集政府信息。全年我局在丹阳市住房和城乡建设局官网上主动公开文件172条。\n' +
      '(四)监督保障情况。2022年，我局认真落实《条例》，规范市住建局网站运行。\n',
  );
  expect(meta.agency).toBe('丹阳市住房和城乡建设局');
});

test('an office named by its type under the body it belongs to, the title over two lines', async () => {
  const meta = await metaOf(
    '武汉市东湖新技术开发区管理委员会\n\n卫生健康办公室2023年政府信息公开工作年度报告\n\n一、总体情况\n' +
      '为贯彻落实《中华人民共和国政府信息公开条例》，管委会卫生健康办公室依法开展政务公开工作。\n',
  );
  expect(meta).toMatchObject({
    agency: '武汉市东湖新技术开发区管理委员会卫生健康办公室',
    year: 2023,
  });
});

test('a county by its short name between its city and a town (广元市昭化元坝镇): the town written out', async () => {
  const meta = await metaOf(
    '一、总体情况\n根据《条例》要求，现向社会公布广元市昭化元坝镇人民政府2023年政府信息公开工作年度报告。\n',
  );
  expect(meta.agency).toBe('广元市昭化区元坝镇人民政府');
});

test('a gambling mirror’s phrase inside a name (…局环球国际(中国)官方网站分局) is no settled name', async () => {
  const meta = await metaOf(
    '2023年武汉市生态环境局环球国际(中国)官方网站分局政府信息公开工作年度报告\n一、总体情况\n本报告依据《条例》编制。\n',
  );
  expect(meta.agency ?? '').not.toMatch(/官方网站/);
});

test('table 二 with each row’s label on one line and its numbers under it (规章 | / 0 | 0 | 0 |)', async () => {
  const lines = [
    '某县民政局2022年政府信息公开工作年度报告',
    '二、主动公开政府信息情况',
    '第二十条第(一)项 | |||',
    '信息内容 |',
    '本年制发件数 |',
    '本年废止件数 |',
    '现行有效件数 |',
    '规章 |',
    '1 | 0 | 4 |',
    '行政规范性文件 |',
    '3 | 2 | 17 |',
    '第二十条第(五)项 | |||',
    '信息内容 |',
    '本年处理决定数量 | ||',
    '行政许可 |',
    '214 | ||',
    '第二十条第(六)项 | |||',
    '信息内容 |',
    '本年处理决定数量 | ||',
    '行政处罚 |',
    '37 | ||',
    '行政强制 |',
    '5 | ||',
    '第二十条第(八)项 | |||',
    '信息内容 |',
    '本年收费金额(单位:万元) | ||',
    '行政事业性收费 |',
    '2.5 |',
    '三、收到和处理政府信息公开申请情况',
  ];
  const rec = await parseReport(Buffer.from(lines.join('\n')), { path: 'page.txt' });
  const cell = (row: string, col: string) =>
    rec.cells.find((c) => c.table === 'active' && c.row === row && c.col === col)?.value;
  expect([
    cell('rules', 'inForce'),
    cell('normativeDocuments', 'issued'),
    cell('normativeDocuments', 'inForce'),
    cell('licensing', 'decisions'),
    cell('punishment', 'decisions'),
    cell('coercion', 'decisions'),
    cell('fees', 'amount'),
  ]).toEqual([4, 3, 17, 214, 37, 5, 2.5]);
});

test('a township government’s own office (…镇人民政府办公室, …镇党政办) is the township government', async () => {
  const office = await metaOf(
    '崇义县过埠镇人民政府办公室2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我镇认真贯彻落实《条例》。\n',
  );
  expect(office).toMatchObject({ agency: '崇义县过埠镇人民政府', agencyAsPrinted: '崇义县过埠镇人民政府办公室' });
  expect((await metaOf('瑞金市壬田镇党政办2022年政府信息公开工作年度报告\n一、总体情况\n')).agency).toBe(
    '瑞金市壬田镇人民政府',
  );
  // a county government's office stays the office (a body that reports)
  expect((await metaOf('崇义县人民政府办公室2023年政府信息公开工作年度报告\n一、总体情况\n')).agency).toBe(
    '崇义县人民政府办公室',
  );
});
