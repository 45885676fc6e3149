// Title, agency and year on tests/corpus/wild-pages-fresh2: 40 more real report openings labelled
// before the parser was run on them, gathered after the first fresh set's fixes as a second measure
// of pages it had not seen, with the checks every labelled folder gets. Below them, the shapes
// these pages showed, in generated variants: other places, other agencies, the same build.
import { parseReport } from '../pipeline/parseReport';
import { siteDivisions } from '../src/region/siteRegion';
import { labelledPageTests } from './support/labelledPages';
import { metaOf } from './support/metaOf';

labelledPageTests('wild-pages-fresh2', 0.75);

test('我局 is not a body whose instructions the report follows (根据市…局转发的《…》)', async () => {
  const meta = await metaOf(
    '根据市政务服务和数据管理局转发的《省政府办公厅关于做好2021年政府信息公开年度报告编制工作的通知》要求，' +
      '现将我局2021年度政府信息公开情况报告如下。\n一、总体情况\n',
  );
  expect(meta.agency).toBeNull();
  // the issuer's own documents still name it: 《…局关于印发…》
  const own = await metaOf(
    '一、总体情况\n2021年，我局认真制修订《南宁市生态环境局关于印发〈排污单位信用评价办法〉的通知》等文件。\n',
  );
  expect(own.agency).toBe('南宁市生态环境局');
});

test('the issuer after 在…的关心支持下, and asked about with a colon and its second name in brackets', async () => {
  const led = await metaOf(
    '一、总体情况\n2021年，在市委、市政府坚强领导下，在省文化和旅游厅的关心支持下，市文化广电旅游局坚持依法公开。' +
      '根据《宜宾市人民政府办公室关于印发宜宾市2021年政务公开工作要点的通知》要求推进。\n',
  );
  expect(led.agency).toBe('宜宾市文化广电旅游局');
  const asked = await metaOf(
    '本报告依据《条例》编制，结合我委政府信息公开工作撰写。如对本报告有任何疑问，请联系：' +
      '中国(广东)自由贸易试验区南沙新区片区管理委员会(广州南沙开发区管理委员会)政府信息公开办公室，电话：020。\n一、总体情况\n',
  );
  expect(asked.agency).toBe('中国(广东)自由贸易试验区南沙新区片区管理委员会');
});

test('a site spelling its province, its county and the level (gs + kangle + xian): the county', () => {
  const names = (url: string) => siteDivisions(url).map((m) => `${m.division.name}:${m.strength}`);
  expect(names('https://www.gskanglexian.gov.cn/klx/1.html')).toEqual(['康乐县:full']);
  expect(names('http://www.hnyongxingxian.gov.cn/')).toContain('永兴县:full');
});

test('a town written after its city, its district left out, and a bare 街道办事处 the contact names', async () => {
  const town = await metaOf(`2021年长沙市雨敞坪镇人民政府信息公开工作年度报告\n根据《条例》编制本报告。\n`);
  expect(town.agency).toBe('长沙市岳麓区雨敞坪镇人民政府');
  const street = await metaOf(
    '本报告根据《条例》要求编制。如有疑问，请与无锡市梁溪区崇安寺街道综合办公室联系。\n一、总体情况\n' +
      '2024年，街道办事处深入贯彻落实《条例》。\n',
  );
  expect(street.agency).toBe('无锡市梁溪区崇安寺街道办事处');
});

test('国资委 written out; 自治区… where the text settles the autonomous region', async () => {
  expect((await metaOf(`南宁市国资委2020年政府信息公开工作年度报告\n根据《条例》编制本报告。\n`)).agency).toBe(
    '南宁市人民政府国有资产监督管理委员会',
  );
  const region = await metaOf(
    '自治区人民政府办公厅2022年政府信息公开工作年度报告\n一、总体情况\n2022年，自治区人民政府办公厅' +
      '认真落实广西壮族自治区党委、政府的部署。\n',
  );
  expect(region.agency).toBe('广西壮族自治区人民政府办公厅');
});

test('table 二’s labels with a mirror’s pinyin glosses (規(guī)章, 行政事業(yè)性收費) are read', async () => {
  const text = [
    '某縣民政局2020年政府信息公開工作年度報告',
    '二、主動公開政府信息情況',
    '第二十條第(一)項',
    '信息內容',
    '本年制發件數',
    '本年廢止件數',
    '現行有效件數',
    '規(guī)章',
    '0',
    '0',
    '1',
    '規(guī)範性文件',
    '2',
    '0',
    '5',
    '第二十條第(八)項',
    '信息內容',
    '本年收費金額(單位:萬元)',
    '行政事業(yè)性收費',
    '3.5',
    '三、收到和處理政府信息公開申請情況',
  ].join('\n\n');
  const rec = await parseReport(Buffer.from(text), { path: 'glossed.txt' });
  const cell = (row: string, col: string) =>
    rec.cells.find((c) => c.table === 'active' && c.row === row && c.col === col)?.value;
  expect([cell('rules', 'inForce'), cell('normativeDocuments', 'inForce'), cell('fees', 'amount')]).toEqual([
    1, 5, 3.5,
  ]);
});
