// Title, agency and year on tests/corpus/wild-pages-fresh: 40 real report openings labelled before
// the parser was run on them (the eighteenth session's measure of pages it had not seen), with the
// checks every labelled folder gets (tests/support/labelledPages.ts). Below them, the shapes these
// pages showed, in generated variants: other places, other agencies, the same build.
import { parseReport } from '../pipeline/parseReport';
import { labelledPageTests } from './support/labelledPages';
import { metaOf } from './support/metaOf';

labelledPageTests('wild-pages-fresh', 0.8);

const OPENING = '根据《中华人民共和国政府信息公开条例》规定，编制本报告。\n';

test('a place whose name has two characters, at the start of the issuer’s name (店镇, 沛县)', async () => {
  // a town of 佳县 named alone in the title, the county from the site
  const town = await metaOf(
    `2023年度店镇政府信息公开工作年度报告\n${OPENING}一、总体情况\n2023年，店镇认真贯彻落实《条例》。\n`,
    'http://www.sxjiaxian.gov.cn/zwgk/1.htm',
  );
  expect(town).toMatchObject({ agency: '佳县店镇人民政府', year: 2023 });
  expect(town.region?.code).toBe('610828');
  const county = await metaOf(`沛县民政局2021年政府信息公开工作年度报告\n${OPENING}`);
  expect(county).toMatchObject({ agency: '沛县民政局', year: 2021 });
  expect(county.region).toMatchObject({ city: '徐州市', county: '沛县' });
  // a longer name starting with the same two characters is the one meant (梅县区, not 梅县)
  const district = await metaOf(`梅县区民政局2021年政府信息公开工作年度报告\n${OPENING}`);
  expect(district.region?.county).toBe('梅县区');
  // in running text two characters stay too weak: 城区 is a plain word there
  const plain = await metaOf(
    `区民政局2021年政府信息公开工作年度报告\n${OPENING}一、总体情况\n城区道路整治信息30条。\n`,
  );
  expect(plain.region).toBeNull();
});

test('市 in a county-level city’s report is that city, not the prefecture above it', async () => {
  const body = (place: string) =>
    `一、总体情况\n2021年，市农业农村局认真贯彻落实《条例》，通过${place}人民政府门户网站公开信息120条。\n`;
  expect((await metaOf(body('邛崃市'))).agency).toBe('邛崃市农业农村局');
  // the prefecture named as often: its own department
  const city = await metaOf(body('成都市') + `成都市农业农村局的指导下，邛崃市部分乡镇也公开了信息。\n`);
  expect(city.agency).toBe('成都市农业农村局');
});

test('the issuer as the subject of the overview’s first sentence, not the Party committee above it', async () => {
  const meta = await metaOf(`${OPENING}一、总体情况\n汉阳区民政局高度重视政府信息公开工作，2022年主动公开信息85条。\n`);
  expect(meta).toMatchObject({ agencyAsPrinted: '汉阳区民政局', agency: '武汉市汉阳区民政局' });
  const party = await metaOf(`${OPENING}一、总体情况\n区委区政府高度重视政府信息公开工作，全区公开信息85条。\n`);
  expect(party.agency).toBeNull();
});

test('the year the report says it reports on, or a statistic of the overview opens with', async () => {
  const reported = await metaOf('一、总体情况\n现将我局2022年度政府信息公开工作情况报告如下。\n');
  expect(reported.year).toBe(2022);
  const stated = await metaOf('一、总体情况\n(三)依申请公开\n2024年共收到政府信息公开申请12件，均按期答复。\n');
  expect(stated.year).toBe(2024);
  // a plan for the next year is not the year reported on
  const plan = await metaOf(
    '一、总体情况\n本年度公开信息20条。\n五、存在的主要问题及改进情况\n2025年共计划公开信息30条。\n',
  );
  expect(plan.year).toBeNull();
});

test('a branch bureau named under its parent where the page prints that form (…公安局西湖区分局)', async () => {
  const meta = await metaOf(
    '本报告依据《条例》编制。如有疑问，请与杭州市公安局西湖区分局联系。\n一、总体情况\n' +
      '2022年，西湖区公安分局认真贯彻落实《条例》，主动公开信息300条。\n',
  );
  expect(meta.agency).toBe('杭州市公安局西湖区分局');
});

test('行政事业型收费, a homophone typo of 行政事业性收费, is the fees row in a table flattened a cell a line', async () => {
  const cells = (row: string[]) => row.map((c) => `${c} |`).join('\n');
  const text = [
    '某县民政局2021年政府信息公开工作年度报告',
    '二、主动公开政府信息情况',
    '第二十条第(一)项 |\n|||',
    cells(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']),
    cells(['规章', '0', '0', '0']),
    cells(['规范性文件', '1', '0', '3']),
    '第二十条第(五)项 |\n|||',
    cells(['信息内容', '本年处理决定数量']) + '\n||',
    cells(['行政许可', '12']) + '\n||',
    '第二十条第(六)项 |\n|||',
    cells(['信息内容', '本年处理决定数量']) + '\n||',
    cells(['行政处罚', '4']) + '\n||',
    cells(['行政强制', '0']) + '\n||',
    '第二十条第(八)项 |\n|||',
    cells(['信息内容', '本年收费金额(单位:万元)']) + '\n||',
    cells(['行政事业型收费', '2.5']),
    '三、收到和处理政府信息公开申请情况',
  ].join('\n');
  const rec = await parseReport(Buffer.from(text), { path: 'fees.txt' });
  expect(rec.cells.find((c) => c.table === 'active' && c.row === 'fees')?.value).toBe(2.5);
});
