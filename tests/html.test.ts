// parseHtml on real pages (the Shanghai 2019 report as published, wrapped in a portal page,
// re-encoded as GBK) and on small markup cases: spans, split numbers, blanks, layout tables.
import { readFileSync } from 'node:fs';
import { parseHtml, htmlPageToDoc } from '../parsers/html/parseHtml';
import { DEFAULT_LIMITS } from '../parsers/types';
import type { Doc, GridCell, TableBlock } from '../src/model/document';
import { Doc as DocSchema } from '../src/model/document';
import { CORPUS } from './support/fixtures';

const SAMPLES = `${__dirname}/../samples/html`;

const opts = { limits: DEFAULT_LIMITS };
const parseFile = (path: string) => parseHtml(readFileSync(path), opts);
const tables = (doc: Doc) => doc.blocks.filter((b): b is TableBlock => b.type === 'table');
const texts = (doc: Doc) =>
  doc.blocks.map((b) => (b.type === 'table' ? b.rows.map((r) => r.map((c) => c.text)) : `${b.type}:${b.text}`));
const onlyTable = (html: string) => tables(htmlPageToDoc(html))[0];
const grid = (t: TableBlock) => t.rows.map((r) => r.map((c) => c.text));

describe('the Shanghai 2019 report (corpus fragment without html/head/body)', () => {
  let doc: Doc;
  const truth = JSON.parse(readFileSync(`${CORPUS}/2019-shanghai-bgt-1.html.truth.json`, 'utf8'));
  beforeAll(async () => {
    doc = await parseFile(`${CORPUS}/2019-shanghai-bgt-1.html`);
  });

  test('is a valid Doc with its title and the three tables in the expected shapes', () => {
    expect(DocSchema.safeParse(doc).success).toBe(true);
    expect(doc.title).toBe('2019年上海市人民政府办公厅政府信息公开工作年度报告');
    expect(tables(doc).map((t) => [t.rows.length, t.rows[0].length])).toEqual([
      [18, 5],
      [26, 10],
      [4, 15],
    ]);
    expect(doc.blocks.filter((b) => b.type === 'paragraph').map((b) => (b as { text: string }).text)).toEqual(
      expect.arrayContaining([
        '一、总体情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '无。',
      ]),
    );
  });

  test('header spans are expanded: anchors and covered slots', () => {
    const t = tables(doc)[1];
    // rowspan=3 colspan=3 note in the top-left corner
    expect(t.rows[0][0]).toMatchObject({ rowSpan: 3, colSpan: 3 });
    expect(t.rows[2][2]).toMatchObject({ covered: true, anchor: [0, 0], text: t.rows[0][0].text });
    // 法人或其他组织 spans five columns; 自然人 and 总计 span two rows
    expect(t.rows[1][4]).toMatchObject({ text: '法人或其他组织', colSpan: 5 });
    expect(t.rows[1][8]).toMatchObject({ covered: true, anchor: [1, 4] });
    expect(t.rows[2][3]).toMatchObject({ covered: true, text: '自然人', anchor: [1, 3] });
    expect(grid(t)[2].slice(4, 9)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    // 三、本年度办理结果 is one cell spanning the 20 result rows
    const group = t.rows.findIndex((r) => r[0].text.startsWith('三、本年度办理结果'));
    expect(t.rows[group][0].rowSpan).toBe(20);
    expect(t.rows[group + 19][0]).toMatchObject({ covered: true, anchor: [group, 0] });
  });

  test('value cells match the truth file; &nbsp; cells are blank', () => {
    const t = tables(doc)[1];
    const cols = ['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg', 'total'];
    const row = (label: string) => t.rows.find((r) => r.some((c) => !c.covered && c.text.startsWith(label)))!;
    const values = (r: GridCell[]) => r.slice(3).map((c) => (c.text === '' ? null : Number(c.text)));
    expect(values(row('一、本年新收'))).toEqual(cols.map((c) => truth.cells.applications.newReceived[c]));
    expect(values(row('1.本机关不掌握'))).toEqual(
      cols.map((c) => truth.cells.applications['unableToProvide.notHeld'][c]),
    );
    expect(values(row('四、结转下年度'))).toEqual(cols.map((c) => truth.cells.applications.carriedForward[c]));

    const review = tables(doc)[2].rows[3].map((c) => (c.text === '' ? null : Number(c.text)));
    const t4 = truth.cells.reviewLitigation;
    const keys = ['upheld', 'corrected', 'other', 'pending', 'total'];
    expect(review).toEqual([
      ...keys.map((k) => t4.review[k]),
      ...keys.map((k) => t4.litigationDirect[k]),
      ...keys.map((k) => t4.litigationAfterReview[k]),
    ]);

    const active = tables(doc)[0];
    expect(grid(active)[2]).toEqual([
      '规章',
      String(truth.cells.active.rules.newlyMade),
      String(truth.cells.active.rules.newlyPublished),
      String(truth.cells.active.rules.newlyPublished),
      String(truth.cells.active.rules.totalPublished),
    ]);
    expect(grid(active)[17]).toEqual(['政府集中采购', '6', '6', '251000元', '251000元']);
  });

  test('provenance: table index, tr index, td index as printed; covered slots point at the anchor', () => {
    const t = tables(doc)[2];
    expect(t.source).toEqual({ table: 2 });
    expect(t.rows[3][14].source).toEqual({ table: 2, row: 3, cell: 14 });
    // row 2 has 10 <td>s placed after the five rowspan slots
    expect(t.rows[2][5].source).toEqual({ table: 2, row: 2, cell: 0 });
    expect(t.rows[2][0].source).toEqual({ table: 2, row: 1, cell: 0 });
  });
});

describe('whole pages', () => {
  test('a portal page around the report gives exactly the report: furniture dropped', async () => {
    const bare = await parseFile(`${SAMPLES}/2019-shanghai-bgt-1.html`);
    const page = await parseFile(`${SAMPLES}/2019-shanghai-bgt-page.html`);
    expect(page.title).toBe('2019年上海市人民政府办公厅政府信息公开工作年度报告');
    expect(texts(page)).toEqual(texts(bare));
    const all = JSON.stringify(texts(page));
    for (const junk of [
      '首页',
      '版权所有',
      'ICP',
      '分享到',
      '打印本页',
      '相关文章',
      '2018年上海市',
      '统计代码',
      '当前位置',
      '请输入关键词',
    ]) {
      expect(all).not.toContain(junk);
    }
  });

  test('a GBK page with no charset declaration reads the same as the UTF-8 original', async () => {
    const bare = await parseFile(`${SAMPLES}/2019-shanghai-bgt-1.html`);
    const gbk = await parseFile(`${SAMPLES}/2019-shanghai-bgt-gbk.html`);
    expect(texts(gbk)).toEqual(texts(bare));
    expect(gbk.notes).toContain('decoded as gb18030');
  });

  test('<title> with the site name appended gives the report title', () => {
    const doc = htmlPageToDoc(
      '<html><head><title>2020年某区政府信息公开工作年度报告_某区人民政府</title></head><body><div><p>一、总体情况</p></div></body></html>',
    );
    expect(doc.title).toBe('2020年某区政府信息公开工作年度报告');
  });

  test('a page without any text is not a report', async () => {
    await expect(
      parseHtml(
        Buffer.from(
          '<html><head><title></title><script>var a = 1;</script></head><body><img src="x.png"></body></html>',
        ),
        opts,
      ),
    ).rejects.toMatchObject({ code: 'NOT_A_REPORT' });
  });
});

describe('cells and text', () => {
  test('a number split over <span> runs is joined; &nbsp;, U+3000 and empty cells are blank', () => {
    const t = onlyTable(
      '<table><tr><td>规章</td><td><span>1</span><span>2</span></td>' +
        '<td><p><span>&nbsp;</span></p></td><td>\u3000\u3000</td><td></td></tr></table>',
    );
    expect(grid(t)).toEqual([['规章', '12', '', '', '']]);
  });

  test('Word-style source line breaks inside Chinese words vanish; <br> in a label joins', () => {
    const t = onlyTable(
      '<table><tr><td>本年新<br />制作数量</td><td><p>商业</p><p>企业</p></td>' +
        '<td>其他法律行政\r\n法规禁止公开</td><td><span>1</span>\n<span>2</span></td></tr></table>',
    );
    expect(grid(t)).toEqual([['本年新制作数量', '商业企业', '其他法律行政法规禁止公开', '1 2']]);
  });

  test('<br> splits a paragraph into lines; headings keep their level; hidden and script text is dropped', () => {
    const doc = htmlPageToDoc(
      '<div><h2>一、总体情况</h2><p>第一行<br>第二行</p><p style="display:none">隐藏</p>' +
        '<script>document.write("脚本")</script><div>（一）主动公开</div></div>',
    );
    expect(doc.blocks).toEqual([
      { type: 'heading', text: '一、总体情况', level: 2, source: {} },
      { type: 'paragraph', text: '第一行', source: {} },
      { type: 'paragraph', text: '第二行', source: {} },
      { type: 'paragraph', text: '（一）主动公开', source: {} },
    ]);
  });

  test('a table <caption> becomes the paragraph before the grid', () => {
    const doc = htmlPageToDoc(
      '<table><caption>二、主动公开政府信息情况</caption><tr><td>规章</td><td>3</td></tr></table>',
    );
    expect(doc.blocks.map((b) => (b.type === 'table' ? grid(b) : b.text))).toEqual([
      '二、主动公开政府信息情况',
      [['规章', '3']],
    ]);
  });

  test('rows with missing cells are padded; an overlong rowspan is clamped to the table', () => {
    const t = onlyTable('<table><tr><td rowspan="9">组</td><td>a</td><td>1</td></tr><tr><td>b</td></tr></table>');
    expect(t.rows.map((r) => r.length)).toEqual([3, 3]);
    expect(t.rows[0][0].rowSpan).toBe(2);
    expect(t.rows[1][2]).toMatchObject({ text: '' });
    expect(t.rows[1][2].covered).toBeUndefined();
  });

  test('a layout table wrapping the report is read as a container, the data table inside as a table', () => {
    const doc = htmlPageToDoc(`<table width="100%"><tr><td>
      <p>二、主动公开政府信息情况</p>
      <table border="1"><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>3</td></tr></table>
      <p>三、收到和处理政府信息公开申请情况</p></td></tr></table>`);
    expect(doc.blocks.map((b) => b.type)).toEqual(['paragraph', 'table', 'paragraph']);
    const t = tables(doc)[0];
    expect(grid(t)).toEqual([
      ['信息内容', '本年制发件数'],
      ['规章', '3'],
    ]);
    expect(t.source).toEqual({ table: 1 });
  });
});
