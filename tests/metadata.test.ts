// Title, agency and year on the real report openings of tests/corpus/wild-pages, scored against
// their labels as the data standard's score-pages scorer does, with each page's URL as its source.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '../pipeline/parseReport';
import { findMeta } from '../src/report/metadata';
import { parseDocument } from '../parsers';
import { isFurnitureName } from '../src/report/pageFurniture';
import { WILD_PAGES, CORPUS } from './support/fixtures';

interface Label {
  url?: string;
  agency: string | null;
  agencyInText?: boolean;
  year: number | null;
  title: string | null;
}
const norm = (s: string | null | undefined) => (s ?? '').normalize('NFKC').replace(/\s+/g, '');
const pages = readdirSync(WILD_PAGES)
  .filter((f) => f.endsWith('.label.json'))
  .sort()
  .map((l) => ({
    file: join(WILD_PAGES, l.replace(/\.label\.json$/, '')),
    label: JSON.parse(readFileSync(join(WILD_PAGES, l), 'utf8')) as Label,
  }));

let results: Array<{
  file: string;
  label: Label;
  report: Record<string, unknown> & { agency: string | null; year: number | null };
}>;
beforeAll(async () => {
  results = [];
  for (const p of pages) {
    const r = await parseReport(readFileSync(p.file), { path: p.file, ...(p.label.url ? { url: p.label.url } : {}) });
    results.push({ ...p, report: r.report as never });
  }
});

const share = (rows: typeof results, ok: (r: (typeof results)[number]) => boolean) =>
  rows.filter(ok).length / rows.length;

test('the wild pages are all here', () => {
  expect(pages.length).toBeGreaterThanOrEqual(60);
});

test('agency where the page prints the full name: at least 95%', () => {
  const printed = results.filter((r) => r.label.agency && r.label.agencyInText !== false);
  expect(printed.length).toBeGreaterThan(30);
  expect(share(printed, (r) => norm(r.report.agency) === norm(r.label.agency))).toBeGreaterThanOrEqual(0.95);
});

test('agency composed from a short form and the context: at least 80%', () => {
  const composed = results.filter((r) => r.label.agency && r.label.agencyInText === false);
  expect(composed.length).toBeGreaterThan(10);
  expect(share(composed, (r) => norm(r.report.agency) === norm(r.label.agency))).toBeGreaterThanOrEqual(0.8);
});

test('a composed agency is right or left out, never another name', () => {
  const wrong = results.filter(
    (r) =>
      r.label.agency &&
      r.report.agency &&
      norm(r.report.agency) !== norm(r.label.agency) &&
      r.label.agencyInText !== false,
  );
  expect(wrong.map((r) => `${r.file}: ${r.report.agency}`)).toEqual([]);
});

test('year the statistics cover: at least 97%, never another year', () => {
  const withYear = results.filter((r) => r.label.year);
  expect(share(withYear, (r) => r.report.year === r.label.year)).toBeGreaterThanOrEqual(0.97);
  expect(withYear.filter((r) => r.report.year !== null && r.report.year !== r.label.year).map((r) => r.file)).toEqual(
    [],
  );
});

test('page furniture is never an agency on the wild pages', () => {
  for (const r of results) {
    if (r.report.agency) expect([r.file, isFurnitureName(r.report.agency)]).toEqual([r.file, false]);
    const asPrinted = r.report.agencyAsPrinted as string | null;
    if (asPrinted) expect([r.file, isFurnitureName(asPrinted)]).toEqual([r.file, false]);
  }
});

test('records carry agencyAsPrinted and region in record.md order', () => {
  const keys = Object.keys(results[0].report);
  expect(keys.slice(0, 5)).toEqual(['title', 'agency', 'agencyAsPrinted', 'year', 'region']);
});

// Furniture in front of a title, in the shapes pages print it: whatever surrounds a real title
// and body, the title and agency stay those of the report.
const FURNITURE = [
  '当前位置: 首页 > 政府信息公开 > 政府信息公开年报',
  '全文检索',
  '站内搜索:',
  '登录 | 注册',
  '【字体:大 中 小】',
  '索引号: 000014349/2023-74857 发文字号:',
  '发布时间: 2023-01-12 20:04 字体:[]',
  '分享到: 微信 微博 打印',
  '首页>政府信息公开>',
];
const BODY =
  '根据《中华人民共和国政府信息公开条例》规定，编制本报告。\n一、总体情况\n2022年，我局认真贯彻落实《条例》。';

const metaOf = async (text: string) => findMeta(await parseDocument(Buffer.from(text), { fileName: 'page.txt' }));

test.each(FURNITURE)('furniture line %s is neither title nor agency', async (line) => {
  for (const title of [
    '昆明市应急管理局2022年政府信息公开工作年度报告',
    '2022年昆明市应急管理局政府信息公开工作年度报告',
    '昆明市应急管理局政府信息公开工作2022年度报告',
  ]) {
    const meta = await metaOf(`${line}\n${line}\n${title}\n${BODY}\n`);
    expect(meta.title).toBe(title);
    expect(meta.agency).toBe('昆明市应急管理局');
    expect(meta.year).toBe(2022);
  }
  // with no title line, the furniture still names no agency
  const bare = await metaOf(`${line}\n${BODY}\n`);
  expect(bare.agency).toBeNull();
  expect(bare.title).toBeNull();
});

test('title shapes: 关于…的报告, title over two lines, a tail alone, the body naming the report', async () => {
  const meta = metaOf;
  expect(await meta(`会宁县工业和信息化局关于2021年度政府信息公开工作年度报告\n${BODY}`)).toMatchObject({
    agency: '会宁县工业和信息化局',
    year: 2021,
  });
  expect(await meta(`泰安市医疗保障局\n2021年政府信息公开工作年度报告\n${BODY}`)).toMatchObject({
    title: '泰安市医疗保障局2021年政府信息公开工作年度报告',
    agency: '泰安市医疗保障局',
    year: 2021,
  });
  expect(
    await meta(
      `工作年度报告\n依据《中华人民共和国政府信息公开条例》，现公布清远市农业农村局2021年政府信息公开工作年度报告。\n一、总体情况`,
    ),
  ).toMatchObject({ title: null, agency: '清远市农业农村局', year: 2021 });
  // a plan for the next year in section 五 is not the year reported on
  expect(
    await meta(
      `一、总体情况\n2022年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。\n五、存在的主要问题及改进情况\n2023年，我局将加强培训。`,
    ),
  ).toMatchObject({ year: 2022 });
  expect(
    await meta(
      `一、总体情况\n我局认真贯彻落实《中华人民共和国政府信息公开条例》。\n五、存在的主要问题及改进情况\n2023年，我局将加强培训。`,
    ),
  ).toMatchObject({ year: null });
  // published in 2023 about 2022: the statistics year
  expect(
    await meta(
      `发布日期：2023-01-31\n一、总体情况\n本报告中所列数据统计期限为2022年1月1日至2022年12月31日。2023年1月，我局……政府信息公开`,
    ),
  ).toMatchObject({ year: 2022 });
});

test('a site name after _ or | is cut from the title; an underscore inside a word is not a separator', async () => {
  const page = (title: string) =>
    Buffer.from(`<p>${title}</p><p>一、总体情况</p><p>2022年，本局认真贯彻《中华人民共和国政府信息公开条例》。</p>`);
  const cut = await parseReport(page('某县教育局2022年政府信息公开工作年度报告_某县人民政府'), { path: 'a.html' });
  expect(cut.report.title).toBe('某县教育局2022年政府信息公开工作年度报告');
  const text = '某县教育局2022年window.__x=1政府信息公开工作年度报告';
  const kept = await parseReport(page(text.replace(/</g, '&lt;')), { path: 'b.html' });
  expect(kept.report.title).toBe(text);
});

// a crawler's text dump: its header names the page's URL, the rest is the page
const crawled = (agency: string, url: string | null) =>
  Buffer.from(
    [
      `标题: ${agency}2016年政府信息公开工作年度报告`,
      '发布时间: 2017-03-20 00:00',
      ...(url ? [`原文链接: ${url}`] : []),
      '==================== 正文 ====================',
      `${agency}2016年政府信息公开工作年度报告`,
      `本报告由${agency}编制。一、概述 2016年，我局认真贯彻《中华人民共和国政府信息公开条例》。`,
    ].join('\n'),
  );

test("a crawler header's 原文链接 is the page's source where none is given: the site settles the place", async () => {
  const headed = await parseReport(crawled('民政局', 'https://www.haizhu.gov.cn/zwgk/2017/t1.htm'), { path: 'a.txt' });
  expect(headed.report.region).toMatchObject({ code: '440105', city: '广州市', county: '海珠区' });
  expect(headed.report.agency).toBe('广州市海珠区民政局');
  // the same page without the header line: nothing places 民政局
  const bare = await parseReport(crawled('民政局', null), { path: 'b.txt' });
  expect(bare.report.region).toBeNull();
  expect(bare.report.agency).toBe('民政局');
  // a URL given with the file wins over the header's
  const given = await parseReport(crawled('民政局', 'https://www.haizhu.gov.cn/zwgk/2017/t1.htm'), {
    path: 'c.txt',
    url: 'https://www.minhe.gov.cn/html/1/2.html',
  });
  expect(given.report.region).toMatchObject({ county: '民和回族土族自治县' });
});

describe('the labelled corpus', () => {
  let reports: Array<{ file: string; report: Record<string, unknown>; findings: string[] }>;
  beforeAll(async () => {
    reports = [];
    for (const f of readdirSync(CORPUS).sort()) {
      if (/\.json$|^SOURCES/.test(f)) continue;
      const r = await parseReport(readFileSync(join(CORPUS, f)), { path: join(CORPUS, f) });
      reports.push({ file: f, report: r.report as never, findings: r.findings as string[] });
    }
  }, 120_000);

  test('every report with an agency has its region, or a finding that says why not', () => {
    const withAgency = reports.filter((r) => r.report.agency);
    expect(withAgency.length).toBeGreaterThan(15);
    for (const r of withAgency)
      if (!r.report.region) expect([r.file, r.findings.some((f) => /^region:/.test(f))]).toEqual([r.file, true]);
    // the one left without: an OCR'd name (沐阳县) no division bears, in a text that names no city or province
    expect(withAgency.filter((r) => !r.report.region).length).toBeLessThanOrEqual(1);
  });

  test("平潭综合实验区's reports are 平潭县's, by the zone's name and by the crawler header's site", () => {
    const zone = reports.filter((r) => /^平潭综合实验区/.test(String(r.report.agency)));
    expect(zone.length).toBeGreaterThanOrEqual(8);
    for (const r of zone)
      expect([r.file, r.report.region]).toEqual([
        r.file,
        { code: '350128', province: '福建省', city: '福州市', county: '平潭县' },
      ]);
  });
});

test('a closing signature names an issuer the opening does not; a period from January to its own year', async () => {
  const ending = '\n五、存在的主要问题及改进情况\n及时性还需提高。\n六、其他需要报告的事项\n无。\n';
  const opening = '关于2021年度政府信息公开工作情况的报告\n一、总体情况\n本单位认真贯彻落实《条例》。';
  expect(await metaOf(`${opening}${ending}泰安市医疗保障局\n2022年1月20日\n`)).toMatchObject({
    agency: '泰安市医疗保障局',
    year: 2021,
  });
  // a name above the last section is no signature, nor a sentence after it
  expect(await metaOf(`${opening}\n泰安市医疗保障局${ending}本报告由办公室编制。\n`)).toMatchObject({ agency: null });
  // the statistics period's day misread (1月]日), the year the same at both ends
  expect(
    await metaOf(
      '一、总体情况\n本报告中所列数据的统计期限自2025 年1月]日起至2025 年12月31日止。\n本单位认真贯彻落实《条例》。',
    ),
  ).toMatchObject({ year: 2025 });
  // the month misread as well (]月), the end's day past reading (2月3IH): the same year at both ends
  expect(
    await metaOf(
      '一、总体情况\n本报告中所列数据的统计期限自2022 年]月1日起至2022 年2月3IH。\n本单位认真贯彻落实《条例》。',
    ),
  ).toMatchObject({ year: 2022 });
  // the date on the signature's own line
  expect(await metaOf(`${opening}${ending}泰安市医疗保障局 2022年1月20日\n`)).toMatchObject({
    agency: '泰安市医疗保障局',
  });
  // a report that ends with its fifth section (no 六), its heading misread by OCR
  const five = '\n的主要问题有改进情况\n及时性还需提高，下一步将加强培训。\n';
  expect(await metaOf(`${opening}${five}泰安市医疗保障局\n2022年1月20日\n`)).toMatchObject({
    agency: '泰安市医疗保障局',
  });
});

test('crawler text running the title into the body (and furniture into the title) on one line', async () => {
  const body =
    '一．总体情况本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。';
  expect(await metaOf(`南京市江宁区民政局政府信息公开工作2022年度报告${body}\n`)).toMatchObject({
    title: '南京市江宁区民政局政府信息公开工作2022年度报告',
    agency: '南京市江宁区民政局',
    year: 2022,
  });
  const furnished = await metaOf(
    `首页 > 政府信息公开 > 政府信息公开年报字号：大 中 小打印本页 关闭窗口南京市江宁区民政局关于2022年度政府信息公开工作情况的报告${body}\n`,
  );
  expect(furnished).toMatchObject({ agency: '南京市江宁区民政局', year: 2022 });
  const breadcrumb = await metaOf(
    `当前位置：首页 > 信息公开 > 年度报告浏览次数：125分享到：南京市江宁区民政局2022年政府信息公开工作年度报告${body}\n`,
  );
  expect(breadcrumb).toMatchObject({ agency: '南京市江宁区民政局', year: 2022 });
});
