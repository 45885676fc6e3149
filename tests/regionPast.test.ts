// Places of 2008–2018 reports that the current division dataset no longer has (海安县 is 海安市 since
// 2018, 江干区 was merged away in 2021): settled from the GB/T 2260 revision in force in the report's
// year, with the code and names of that time and a finding that the place has since changed.
import { parseDocument } from '../parsers';
import { findMeta } from '../src/report/metadata';
import { pastDivisions, successorOf } from '../src/region/pastDivisions';

const metaOf = async (text: string) => findMeta(await parseDocument(Buffer.from(text), { fileName: 'page.txt' }));
const report = (agency: string, year: number, more = '') =>
  metaOf(
    `${agency}${year}年政府信息公开工作年度报告\n本报告由${agency}编制。` +
      `本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。${more}\n一、概述\n`,
  );
const changed = (findings: string[]) => findings.filter((f) => /no longer has/.test(f));

test('海安县 in a 2012 report: the county of 2012, its successor named', async () => {
  const meta = await report('海安县人民政府', 2012);
  expect(meta.agency).toBe('海安县人民政府');
  expect(meta.region).toEqual({ code: '320621', province: '江苏省', city: '南通市', county: '海安县' });
  expect(changed(meta.findings)).toHaveLength(1);
  expect(changed(meta.findings)[0]).toMatch(/海安县 \(320621.*now 海安市 \(320685\)/);
  expect(meta.findings.filter((f) => /^agency/.test(f))).toEqual([]);
});

test('a township of a county since renamed: the county of its time, the township after it', async () => {
  const meta = await report('海安县雅周镇人民政府', 2014);
  expect(meta.agency).toBe('海安县雅周镇人民政府');
  expect(meta.region?.code).toBe('320621');
});

test('江干区 in a 2016 report: the district under its city, no successor claimed', async () => {
  const meta = await report('江干区人民政府', 2016);
  expect(meta.agency).toBe('杭州市江干区人民政府');
  expect(meta.region).toEqual({ code: '330104', province: '浙江省', city: '杭州市', county: '江干区' });
  // its area went to 上城区 and 钱塘区: the data shows no one successor
  expect(changed(meta.findings)[0]).toMatch(/江干区.*no single successor/);
});

test('a city renamed under the same code (襄樊市, 襄阳市 since 2010) in a 2009 report', async () => {
  const meta = await report('襄樊市人民政府', 2009);
  expect(meta.region).toEqual({ code: '420600', province: '湖北省', city: '襄樊市', county: null });
  expect(changed(meta.findings)[0]).toMatch(/now 襄阳市 \(420600\)/);
});

test('the year picks the revision: 无为县 was 巢湖市’s until 2011, then 芜湖市’s', async () => {
  expect((await report('无为县人民政府', 2010)).region).toEqual({
    code: '341422',
    province: '安徽省',
    city: '巢湖市',
    county: '无为县',
  });
  expect((await report('无为县人民政府', 2013)).region).toEqual({
    code: '340225',
    province: '安徽省',
    city: '芜湖市',
    county: '无为县',
  });
});

test('a name the current dataset has keeps the current dataset, whatever the year', async () => {
  const meta = await report('如皋市人民政府', 2012);
  expect(meta.agency).toBe('如皋市人民政府');
  expect(meta.region).toEqual({ code: '320682', province: '江苏省', city: '南通市', county: '如皋市' });
  expect(changed(meta.findings)).toEqual([]);
});

test('without the year, or past the revisions’ reach, an old name settles nothing', async () => {
  const noYear = await metaOf('江干区人民政府政府信息公开工作年度报告\n本报告由江干区人民政府编制。\n一、概述\n');
  expect(noYear.region).toBeNull();
  expect(noYear.findings.some((f) => /^agency incomplete/.test(f))).toBe(true);
  const late = await report('江干区人民政府', 2023);
  expect(late.region).toBeNull();
  expect(late.findings.some((f) => /^agency incomplete/.test(f))).toBe(true);
});

test('an old name only the text mentions places no level word (区审管办)', async () => {
  const meta = await metaOf(
    '本年报由区审管办编制。本年报中所列数据的统计期限自2016年1月1日起至2016年12月31日止。' +
      '江干区政府网站上可下载本报告的电子版。\n一、概述\n',
  );
  expect(meta.region).toBeNull();
  expect(meta.findings.some((f) => /^agency incomplete/.test(f))).toBe(true);
});

test('the revision in force: the latest not after the year, else the nearest that has the name', () => {
  // 洪泽县 became 洪泽区 (320813) in 2016: 2015's revision still lists the county
  expect(pastDivisions('洪泽县', 2015).map((d) => d.code)).toEqual(['320829']);
  // a 2017 report that still says 洪泽县: the nearest revision that has the name
  expect(pastDivisions('洪泽县', 2017).map((d) => d.code)).toEqual(['320829']);
  expect(pastDivisions('洪泽县', 2015).map((d) => successorOf(d)?.name)).toEqual(['洪泽区']);
  // before the first revision (2002), the nearest one
  expect(pastDivisions('海安县', 2000).map((d) => d.code)).toEqual(['320621']);
  expect(pastDivisions('海安县', 2021)).toEqual([]);
});
