// parseDocx on the official blank 2021 template and on a DOCX made by LibreOffice from the
// Shanghai HTML sample; zip bombs and damaged zips are refused before mammoth inflates them.
import { readFileSync } from 'node:fs';
import { deflateRawSync, crc32 } from 'node:zlib';
import { parseDocx } from '../parsers/docx/parseDocx';
import { parseHtml } from '../parsers/html/parseHtml';
import { parseDocument } from '../parsers/index';
import { DEFAULT_LIMITS } from '../parsers/types';
import type { Doc, TableBlock } from '../src/model/document';
import { Doc as DocSchema } from '../src/model/document';
import { CORPUS } from './support/fixtures';

const SAMPLES = `${__dirname}/..`;
const opts = { limits: DEFAULT_LIMITS };
const tables = (doc: Doc) => doc.blocks.filter((b): b is TableBlock => b.type === 'table');
const texts = (doc: Doc) =>
  doc.blocks.map((b) =>
    b.type === 'table' ? b.rows.map((r) => r.map((c) => [c.text, c.rowSpan, c.colSpan, c.covered ?? false])) : b.text,
  );

describe('official blank 2021 template', () => {
  let doc: Doc;
  const template = readFileSync(`${CORPUS}/template-2021format-blank-1.docx`);
  beforeAll(async () => {
    doc = await parseDocx(template, opts);
  });

  test('three tables in the 2021 shapes, section titles as paragraphs', () => {
    expect(DocSchema.safeParse(doc).success).toBe(true);
    expect(doc.format).toBe('docx');
    expect(doc.title).toBe('政府信息公开工作年度报告格式模板');
    expect(tables(doc).map((t) => [t.rows.length, t.rows[0].length])).toEqual([
      [14, 4],
      [28, 10],
      [4, 15],
    ]);
    const paragraphs = doc.blocks.filter((b) => b.type === 'paragraph').map((b) => (b as { text: string }).text);
    expect(paragraphs).toEqual(
      expect.arrayContaining([
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
      ]),
    );
  });

  test('vertically merged cells (w:vMerge) survive as rowspans', () => {
    const t = tables(doc)[1];
    const at = (label: string) => t.rows.findIndex((r) => r.some((c) => !c.covered && c.text === label));
    const result = at('三、本年度办理结果');
    expect(t.rows[result][0].rowSpan).toBe(22);
    expect(t.rows[result + 21][0]).toMatchObject({ covered: true, anchor: [result, 0], text: '三、本年度办理结果' });
    const withheld = at('（三）不予公开');
    expect(t.rows[withheld][1].rowSpan).toBe(8);
    expect(t.rows[withheld + 7][1]).toMatchObject({ covered: true, anchor: [withheld, 1] });
    expect(t.rows[withheld + 7][2].text).toBe('8.属于行政查询事项');
    // the 2021 （六）其他处理 group has three rows
    expect(t.rows[at('（六）其他处理')][1].rowSpan).toBe(3);
    // header: note cell 3×3, 法人或其他组织 over five columns, 商业<p>企业 joined
    expect(t.rows[0][0]).toMatchObject({ rowSpan: 3, colSpan: 3 });
    expect(t.rows[2].slice(4, 9).map((c) => c.text)).toEqual([
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
    ]);
  });

  test('every data cell is blank (empty or U+3000 only), as the truth file says (all null)', () => {
    const truth = JSON.parse(readFileSync(`${CORPUS}/template-2021format-blank-1.docx.truth.json`, 'utf8'));
    expect(
      Object.values(truth.cells.applications).every((row) => Object.values(row as object).every((v) => v === null)),
    ).toBe(true);
    const [active, applications, review] = tables(doc);
    expect(active.rows[2].map((c) => c.text)).toEqual(['规章', '', '', '']);
    for (const row of applications.rows.slice(3)) expect(row.slice(3).map((c) => c.text)).toEqual(Array(7).fill(''));
    expect(review.rows[3].map((c) => c.text)).toEqual(Array(15).fill(''));
  });

  test('provenance: table, row and cell index of each slot', () => {
    const t = tables(doc)[2];
    expect(t.source).toEqual({ table: 2 });
    expect(t.rows[2][5].source).toEqual({ table: 2, row: 2, cell: 0 });
    expect(t.rows[2][0].source).toEqual({ table: 2, row: 1, cell: 0 });
  });
});

test('a DOCX made by LibreOffice from the Shanghai HTML sample gives the same blocks as the HTML', async () => {
  const html = await parseHtml(readFileSync(`${SAMPLES}/samples/html/2019-shanghai-bgt-1.html`), opts);
  const docx = await parseDocx(readFileSync(`${SAMPLES}/samples/docx/2019-shanghai-bgt-1.docx`), opts);
  expect(texts(docx)).toEqual(texts(html));
  expect(docx.title).toBe('2019年上海市人民政府办公厅政府信息公开工作年度报告');
});

/** A minimal zip writer: stored or deflated entries, optionally lying about sizes. */
function makeZip(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data) >>> 0;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(packed.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(packed.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, packed);
    centrals.push(ch, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('hostile and damaged DOCX', () => {
  const small = { ...DEFAULT_LIMITS, maxInflatedBytes: 1024 * 1024 };
  const zeros = Buffer.alloc(8 * 1024 * 1024); // deflates to ~8 KB

  test('a zip bomb whose directory states its size → TOO_LARGE before inflating', async () => {
    const bomb = makeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: zeros },
    ]);
    expect(bomb.length).toBeLessThan(20_000);
    await expect(parseDocx(bomb, { limits: small })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await expect(parseDocument(bomb, { fileName: 'bomb.docx', limits: small })).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
  });

  test('a zip bomb whose directory lies about its size → TOO_LARGE (inflation is capped)', async () => {
    const liar = makeZip([{ name: 'word/document.xml', data: zeros, declaredSize: 1000 }]);
    await expect(parseDocx(liar, { limits: small })).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  test('a truncated DOCX → CORRUPT_FILE', async () => {
    const template = readFileSync(`${CORPUS}/template-2021format-blank-1.docx`);
    const cut = template.subarray(0, Math.floor(template.length / 2));
    await expect(parseDocx(cut, opts)).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
    await expect(parseDocument(cut, { fileName: 'cut.docx' })).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
  });

  test('damaged compressed data → CORRUPT_FILE', async () => {
    const template = Buffer.from(readFileSync(`${CORPUS}/template-2021format-blank-1.docx`));
    for (let i = 2000; i < 2400; i++) template[i] ^= 0x5a;
    await expect(parseDocx(template, opts)).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
  });

  test('a zip without word/document.xml → CORRUPT_FILE', async () => {
    const zip = makeZip([{ name: 'word/other.xml', data: Buffer.from('<x/>') }]);
    await expect(parseDocx(zip, opts)).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
  });
});
