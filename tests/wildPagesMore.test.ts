// Title, agency and year on tests/corpus/wild-pages-more: 68 real report openings from issuers and
// sites the parser was not built on (other title shapes, furniture, mirrors, spam, short forms),
// each parsed with its page's URL as its source, as the data standard's score-pages scorer does.
// What is asserted is what must always hold: the agency is never page furniture; an agency the
// record gives as settled (no finding) is the labelled one; where the page does not settle the full
// name, the record says so with a finding; the year is never another year. The rates are logged.
import { parseDocument } from '../parsers';
import { findMeta } from '../src/report/metadata';
import { labelledPageTests } from './support/labelledPages';

labelledPageTests('wild-pages-more', 0.85);

// The shapes these pages showed, in generated variants: other agencies, other places, the same build.
const BODY =
  '根据《中华人民共和国政府信息公开条例》规定，编制本报告。\n一、总体情况\n2022年，我局认真贯彻落实《条例》。';
const metaOf = async (text: string, url?: string) =>
  findMeta(await parseDocument(Buffer.from(text), { fileName: 'page.txt' }), url ? { url } : {});

test.each([
  // the government as an organ (机关), its title split over two lines
  [
    '巫溪县人民政府机关\n2021年政府信息公开工作年度报告',
    '巫溪县人民政府机关2021年政府信息公开工作年度报告',
    '巫溪县人民政府',
  ],
  // a document-sharing page's heading is the file's name
  ['泸县财政局2021年政府信息公开工作年度报告.docx', '泸县财政局2021年政府信息公开工作年度报告', '泸县财政局'],
  // a 名称 field row whose colon the flattening dropped, after the title
  [
    '泸县财政局2021年政府信息公开工作年度报告\n名  称 泸县财政局2021年政府信息公开工作年度报告',
    '泸县财政局2021年政府信息公开工作年度报告',
    '泸县财政局',
  ],
  // a field's value that is only the kind of report, after the title
  [
    '泸县财政局2021年政府信息公开工作年度报告\n公开目录\n政府信息公开年报',
    '泸县财政局2021年政府信息公开工作年度报告',
    '泸县财政局',
  ],
  // the title cell followed by a run of empty cells
  ['泸县财政局2021年政府信息公开工作年度报告 | ||||||||||||', '泸县财政局2021年政府信息公开工作年度报告', '泸县财政局'],
])('title shape %#: %s', async (head, title, agency) => {
  const meta = await metaOf(`${head}\n${BODY}\n`);
  expect(meta).toMatchObject({ title, agency, year: 2021 });
});

test('a mirror’s pinyin glosses and traditional characters: the name and year read through them', async () => {
  const meta = await metaOf(
    '一、總體情況 根據(jù)《中華人民共和國(guó)政府信息公開條例》,特向社會(huì)公布2021年恩平市農(nóng)業(yè)農(nóng)村局政府信息公開工作年度報(bào)告。\n',
  );
  expect(meta).toMatchObject({ agency: '恩平市农业农村局', year: 2021 });
  // a converter's variant (陜 for 陝) read as the place it stands for
  const variant = await metaOf(
    '根據《中華人民共和國政府信息公開條例》要求,陜西省水利廳編制了2021年度政府信息公開報告,本年報所列數據的統計期限自2021年1月1日起至12月31日止。\n',
  );
  expect(variant).toMatchObject({ agency: '陕西省水利厅', year: 2021 });
});

test('words of a sentence are no name: a clause led by 我乡, a unit doing other work', async () => {
  const township = await metaOf(
    '一、总体情况\n2023年，我乡建立健全政府信息公开工作机制，完善《东塘乡人民政府信息公开指南》。\n' +
      '(一)主动公开\n2023年，我乡按照县委、县政府统一部署，通过东塘乡人民政府网页公开信息。\n',
  );
  expect(township.agency).not.toMatch(/^我乡/);
  const unit = await metaOf(
    `市教育局2023年政府信息公开工作年度报告\n${BODY}\n政府信息采集由秘书科和信息中心负责，未经审核的信息一律不准发布。\n`,
  );
  expect(unit.agency).not.toBe('秘书科和信息中心');
});

test('the report named after 编制并公布, or opening its own sentence, or after 引领下', async () => {
  expect(
    (await metaOf('一、总体情况\n根据《条例》要求，现编制并公布兰山区发展和改革局2023年政府信息公开工作年度报告。\n'))
      .agencyAsPrinted,
  ).toBe('兰山区发展和改革局');
  expect(
    (
      await metaOf(
        '沙市区人民政府办公室2021年政府信息公开工作年度报告(以下简称年报)是根据《中华人民共和国政府信息公开条例》编制。\n一、总体情况\n',
      )
    ).agencyAsPrinted,
  ).toBe('沙市区人民政府办公室');
  expect(
    (
      await metaOf(
        '2024年，在区政府政务公开主管部门的引领下，湖滨街道办事处严格依照《中华人民共和国政府信息公开条例》公开政务信息。\n一、总体情况\n',
      )
    ).agencyAsPrinted,
  ).toBe('湖滨街道办事处');
});

test('the body the report says to ask names it where nothing else does; a government office, nothing', async () => {
  const asked = await metaOf(
    '本报告依据《中华人民共和国政府信息公开条例》编制而成，统计期限为2025年1月1日至12月31日。如对本报告有任何疑问，请与铜陵市林业局办公室联系（地址：某路1号）。\n一、总体情况\n',
  );
  expect(asked).toMatchObject({ agency: '铜陵市林业局', year: 2025 });
  const office = await metaOf(
    '本报告依据《中华人民共和国政府信息公开条例》编制而成，统计期限为2025年1月1日至12月31日。如对本报告有任何疑问，请与铜陵市人民政府办公室联系。\n一、总体情况\n',
  );
  expect(office.agency).toBeNull();
});

test('a spam phrase a mirror puts where the place was is never part of a name', async () => {
  const meta = await metaOf(
    '一、总体情况\n2020年，在区委、区政府的正确领导下，新葡京博彩官网区人民政府东湖街道办事处认真贯彻落实《中华人民共和国政府信息公开条例》。\n',
  );
  expect(meta.agency ?? '').not.toMatch(/博彩|官网/);
});

test('a year that opens a sentence before the report’s pronoun is the year reported on', async () => {
  const meta = await metaOf(
    '驼铃街道办事处政府信息公开工作年度报告\n一、总体情况\n(二)政府信息依申请公开情况\n2021年度我街办未接到提出公开政府信息的申请。\n',
  );
  expect(meta.year).toBe(2021);
});
