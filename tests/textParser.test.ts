import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { parseText } from '../parsers/text/parseText';
import { DEFAULT_LIMITS } from '../parsers/types';
import type { TableBlock } from '../src/model/document';

const sample = (f: string) => readFileSync(join(__dirname, '..', 'samples', 'text', f));
const opts = { limits: DEFAULT_LIMITS };

describe('parsers/text', () => {
  const bytes = sample('2021-changguo-1.txt');

  test('tab-separated lines become table grids with line/column provenance', async () => {
    const doc = await parseText(bytes, opts);
    const tables = doc.blocks.filter((b): b is TableBlock => b.type === 'table');
    expect(tables.length).toBe(3);
    // the 2021 table 三 keeps its label rows, including the one printed without leading tabs
    const apps = tables[1];
    const labelRow = apps.rows.find((r) => r.some((c) => c.text.includes('无正当理由大量反复申请')))!;
    expect(labelRow[0].text).toBe('4. 无正当理由大量反复申请');
    const line =
      bytes
        .toString('utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('4. 无正当理由')) + 1;
    expect(labelRow[0].source).toEqual({ line, column: 1 });
    const zero = labelRow.find((c) => c.text === '0')!;
    expect(zero.source.line).toBe(line);
    expect(zero.source.column).toBeGreaterThan(10);
  });

  test.each([
    ['gb18030', (s: string) => iconv.encode(s, 'gb18030')],
    ['utf-16le with BOM', (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, 'utf-16le')])],
    ['utf-16le without BOM', (s: string) => iconv.encode(s, 'utf-16le')],
    ['utf-16be with BOM', (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(s, 'utf-16be')])],
  ])('decodes %s from the bytes alone', async (_name, encode) => {
    const text = bytes.toString('utf8');
    const doc = await parseText(encode(text), opts);
    const utf8 = await parseText(bytes, opts);
    expect(doc.blocks).toEqual(utf8.blocks);
  });

  test('the crawler header gives the title; Markdown headings and pipe tables are read', async () => {
    const doc = await parseText(sample('2023-pingtan-syq-1.txt'), opts);
    expect(doc.title).toBe('平潭综合实验区2023年度政府信息公开工作年度报告');
    const md = Buffer.from(
      '# 某局2024年政府信息公开工作年度报告\n\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 3 |\n',
    );
    const mdDoc = await parseText(md, opts);
    expect(mdDoc.blocks[0]).toMatchObject({ type: 'heading', level: 1, text: '某局2024年政府信息公开工作年度报告' });
    const t = mdDoc.blocks[1] as TableBlock;
    expect(t.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['信息内容', '本年制发件数'],
      ['规章', '3'],
    ]);
  });

  test('white space only is an empty file, binary bytes are refused', async () => {
    await expect(parseText(Buffer.from(' \n\t \n'), opts)).rejects.toMatchObject({ code: 'EMPTY_FILE' });
    const garbage = Buffer.alloc(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 256;
    await expect(parseText(garbage, opts)).rejects.toMatchObject({ code: 'BINARY_GARBAGE' });
  });
});
