// Title, agency and year on tests/corpus/wild-pages-legacy: 67 real openings of 2008–2018 reports
// (before the national format: free-form, 概述 first, the 统计表 after) from issuers and sites the
// parser was not built on, each parsed with its page's URL as its source, as score-pages does.
// What is asserted is what must always hold: the agency is never page furniture; an agency the
// record gives as settled (no finding) is the labelled one; where the page does not settle the full
// name, the record says so with a finding; the year is never another year. The rates are logged.
import { parseDocument } from '../parsers';
import { parseReport } from '../pipeline/parseReport';
import { findMeta } from '../src/report/metadata';
import { labelledPageTests } from './support/labelledPages';

labelledPageTests('wild-pages-legacy', 0.65);

// The shapes of 2008–2018 reports these pages showed, in generated variants: other agencies, other
// places, other years, the same build.
const metaOf = async (text: string, url?: string) =>
  findMeta(await parseDocument(Buffer.from(text), { fileName: 'page.txt' }), url ? { url } : {});
const OVERVIEW = '\n一、概述\n本机关高度重视政府信息公开工作。\n二、主动公开政府信息情况\n';

test.each([
  ['南平市人民政府信息公开工作领导小组办公室', '南平市人民政府', 2012],
  ['成都市武侯区人民政府信息公开办', '成都市武侯区人民政府', 2015],
  ['湖南省人民政府信息公开办公室', '湖南省人民政府', 2010],
  ['双牌县政务公开领导小组办公室', '双牌县人民政府', 2011],
])('a government’s disclosure office compiles the government’s report: %s', async (office, agency, year) => {
  const meta = await metaOf(
    `本报告由${office}根据《中华人民共和国政府信息公开条例》要求编制而成。本报告中所列数据的统计时限自${year}年1月1日至${year}年12月31日。${OVERVIEW}`,
  );
  expect(meta).toMatchObject({ agency, year });
});

test('a department’s own disclosure group is no government', async () => {
  const meta = await metaOf(
    `本报告由温州市统计局政务公开领导小组办公室编制。本报告中所列数据的统计期限自2013年1月1日起至2013年12月31日止。${OVERVIEW}`,
  );
  expect(meta.agency).not.toMatch(/人民政府$/);
});

test.each([
  ['2012年泾县人民政府信息公开年度报告', '泾县人民政府', 2012],
  ['2009年宁国市人民政府信息公开年度报告', '宁国市人民政府', 2009],
  ['安徽省人民政府2017年政府信息公开工作报告', '安徽省人民政府', 2017],
])('old title shapes: %s', async (title, agency, year) => {
  const meta = await metaOf(`${title}\n根据《中华人民共和国政府信息公开条例》编制本报告。${OVERVIEW}`);
  expect(meta).toMatchObject({ title, agency, year });
});

test.each([
  ['由高楼镇人民政府编制的2014年度政府信息公开年度报告', 2014],
  ['现公布浚县人民政府办公室2011年政府信息公开工作年度报告', 2011],
])('the year of the report’s name in its first sentence, no period stated: %s', async (sentence, year) => {
  const meta = await metaOf(`本报告是根据《中华人民共和国政府信息公开条例》要求,${sentence}。${OVERVIEW}`);
  expect(meta.year).toBe(year);
});

test('a notice about the year’s reports gives no year', async () => {
  const meta = await metaOf(
    `根据市政府办公室《关于做好2016年政府信息公开工作年度报告编制工作的通知》要求,现将我局政府信息公开工作情况报告如下。\n一、概述\n我局高度重视。\n`,
  );
  expect(meta.year).not.toBe(2016);
});

test('a year set off by commas before the pronoun; 继续 is the year’s work, 将 a plan', async () => {
  const done = await metaOf(
    '一、概述\n根据《条例》要求,2013年,我局继续开展政府信息公开工作。\n二、主动公开政府信息情况\n',
  );
  expect(done.year).toBe(2013);
  const plan = await metaOf(
    '一、概述\n根据《条例》要求,2014年,我局将进一步做好政府信息公开工作。\n二、主动公开政府信息情况\n',
  );
  expect(plan.year).toBeNull();
});

test('a 2008–2018 report’s opening (概述, no title, no table) is a report', async () => {
  const path = 'page.txt';
  const r = await parseReport(
    Buffer.from(
      '一、概述\n根据《条例》要求,2011年,我局继续开展政府信息公开工作。\n二、政府信息主动公开情况\n我局2011年共主动公开政府信息175条。\n',
    ),
    { path },
  );
  expect(r.error).toBeNull();
  expect(r.report.year).toBe(2011);
});

test('a name a sentence’s verb runs into, and a 街道 named under its district’s government', async () => {
  const published = await metaOf(
    '2014年以来,结合工作实际,特编制并向社会公布金水区发展改革和统计局2014年度政府信息公开年度报告如下:\n一、工作开展情况\n',
  );
  expect(published.agencyAsPrinted).toBe('金水区发展改革和统计局');
  const street = await metaOf(
    '云林街道2015年度政府信息公开工作报告\n本年度报告由无锡市锡山区人民政府云林街道办事处编制。本年度报告中所列数据的统计期限自2015年1月1日起至12月31日止。\n一、概述\n',
  );
  expect(street.agency).toBe('无锡市锡山区云林街道办事处');
});

test('我办 is never a government office’s name cut at 办 (办公室)', async () => {
  const meta = await metaOf(
    '根据乐山市人民政府办公室《关于做好2010年政府信息公开年度报告编制工作的通知》的要求,现将我办2010年度政府信息公开情况报告如下。\n一、加强组织领导\n2010年,我办高度重视政府信息公开工作。\n',
  );
  expect(meta.agency ?? '').not.toMatch(/办$/);
  expect(meta.findings.some((f) => /^agency/.test(f))).toBe(true);
});

test('a zone named with its 年报 in its first sentence', async () => {
  const meta = await metaOf(
    '2010年政府信息公开工作年度报告\n绵阳高新区管委会2010年年报根据《条例》规定进行编制。\n一、概述\n2010年,高新区管委会政府信息公开工作深入推进。\n',
  );
  expect(meta.agencyAsPrinted).toBe('绵阳高新区管委会');
  expect(meta.year).toBe(2010);
});

test('a township the text prints after its county is that county’s', async () => {
  const meta = await metaOf(
    '中岗镇2016年政府信息公开工作年度报告\n本年度报告由中岗镇人民政府编制。' +
      '本年度报告中所列数据的统计期限自2016年1月1日起至12月31日止。' +
      '如有疑问请与中岗镇人民政府联系(地址:仁寿县中岗镇富兴街99号)。\n一、工作概述\n',
  );
  expect(meta.agency).toBe('仁寿县中岗镇人民政府');
  // a county it is not printed after says nothing of it
  const none = await metaOf(
    '中岗镇2016年政府信息公开工作年度报告\n本年度报告由中岗镇人民政府编制。本年度报告中所列数据的统计期限自2016年1月1日起至12月31日止。\n一、工作概述\n',
  );
  expect(none.agency === '仁寿县中岗镇人民政府' || none.findings.some((f) => /^agency/.test(f))).toBe(true);
});

test.each([
  [
    '柳州市人民政府办公室关于公布\n柳州市2010年度政府信息公开工作年度报告的通知\n',
    '柳州市2010年度政府信息公开工作年度报告',
  ],
  ['2012\n年政府信息公开\n年度报告\n', '2012年政府信息公开年度报告'],
])('a notice publishing the report, a title one token a line: %s', async (head, title) => {
  const meta = await metaOf(`${head}根据《中华人民共和国政府信息公开条例》要求,特编制本年度报告。\n一、概述\n`);
  expect(meta.title).toBe(title);
});

test.each([
  ['泾县水务局二〇一二年政府信息公开工作年度报告\n根据《条例》编制。\n一、概述\n我局高度重视。\n', '泾县水务局', 2012],
  [
    '二〇一三年度政府信息公开年度报告\n本报告由临泉县人民政府编制。本报告中所列数据的统计期限自二〇一三年一月一日起至十二月三十一日止。\n一、概述\n',
    '临泉县人民政府',
    2013,
  ],
  ['根据《条例》要求,特编制本报告。\n一、概述\n二0一四年,我局认真贯彻《条例》。\n二、主动公开\n', null, 2014],
])('a year written in characters (二〇一二年, 二0一四年): %s', async (text, agency, year) => {
  const meta = await metaOf(text);
  expect(meta.year).toBe(year);
  if (agency) expect(meta.agency).toBe(agency);
});

test('a date in characters under a notice is no year of the statistics', async () => {
  const meta = await metaOf('根据《条例》要求,特编制本报告。\n二〇一七年一月十九日\n一、概述\n我局高度重视。\n');
  expect(meta.year).toBeNull();
});

test.each([
  ['本年报统计数据的时限为2013年度。', 2013],
  ['本报告所列数据统计期限为2013年1月至12月。', 2013],
  ['统计时间：2013年全年', 2013],
  ['统计时间截至2014年1月10日。', null],
])('the period as old reports state it: %s', async (period, year) => {
  const meta = await metaOf(`临泉县水务局政府信息公开年度报告\n${period}\n一、概述\n本局高度重视。\n`);
  expect(meta.year).toBe(year);
});

test('a page’s publication date is never the year; 本年度 alone leaves it open', async () => {
  const meta = await metaOf(
    '临泉县水务局政府信息公开年度报告\n发布时间:2014-01-20\n根据《条例》编制。\n一、概述\n本年度,本局认真贯彻《条例》。\n',
  );
  expect(meta.year).toBeNull();
});

test('an office compiling its whole area’s reports writes the government’s; its own report is its own', async () => {
  const area = await metaOf(
    '一、概述\n2012年度报告根据《条例》和《上海市政府信息公开规定》的要求,由市政府办公厅综合各区(县)人民政府和市政府各委、办、局的政府信息公开年度报告编制而成。' +
      '本年度报告中所列数据的统计期限从2012年1月1日到12月31日止。上海市各级行政机关认真贯彻《条例》。\n',
  );
  expect(area).toMatchObject({ agency: '上海市人民政府', year: 2012 });
  const own = await metaOf(
    '本报告由合肥市人民政府办公室编制。本报告中所列数据的统计期限自2013年1月1日起至2013年12月31日止。\n一、概述\n我办高度重视。\n',
  );
  expect(own.agency).toBe('合肥市人民政府办公室');
});
