// Encoding detection on real report text: BOM, declared charsets (checked against the bytes),
// GBK with no declaration, UTF-16 with and without BOM.
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { decodeText } from '../parsers/encoding';
import { charsetFromContentType, charsetFromMeta, declaredCharset } from '../parsers/html/declaredCharset';
import { parseHtml } from '../parsers/html/parseHtml';
import { DEFAULT_LIMITS } from '../parsers/types';

const fragment = readFileSync(`${__dirname}/../samples/html/2019-shanghai-bgt-1.html`, 'utf8');
// a real paragraph of the report, long enough to be typical of a page
const paragraph = fragment.slice(fragment.indexOf('本年度报告根据'), fragment.indexOf('一、总体情况') - 7);

describe('decodeText', () => {
  test('UTF-8 without BOM', () => {
    expect(decodeText(Buffer.from(paragraph, 'utf8'))).toEqual({ text: paragraph, encoding: 'utf-8' });
  });

  test('UTF-8 with BOM: BOM removed', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(paragraph, 'utf8')]);
    expect(decodeText(bytes).text).toBe(paragraph);
  });

  test('GBK without any declaration is read as GB18030', () => {
    const d = decodeText(iconv.encode(paragraph, 'gbk'));
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe(paragraph);
  });

  test('UTF-16LE and UTF-16BE with BOM', () => {
    expect(decodeText(iconv.encode(paragraph, 'utf-16le', { addBOM: true })).text).toBe(paragraph);
    expect(decodeText(iconv.encode(paragraph, 'utf-16be', { addBOM: true })).text).toBe(paragraph);
  });

  test('UTF-16LE without BOM (mixed ASCII and Chinese)', () => {
    const text = `<p>${paragraph}</p>`;
    const d = decodeText(iconv.encode(text, 'utf-16le'));
    expect(d.encoding).toBe('utf-16le');
    expect(d.text).toBe(text);
  });

  test('UTF-16LE and UTF-16BE without BOM, Chinese only (no NUL bytes at all)', () => {
    const chinese = paragraph.replace(/[^\u4e00-\u9fff，。、《》（）“”]/g, '');
    expect(decodeText(iconv.encode(chinese, 'utf-16le'))).toEqual({ text: chinese, encoding: 'utf-16le' });
    expect(decodeText(iconv.encode(chinese, 'utf-16be'))).toEqual({ text: chinese, encoding: 'utf-16be' });
  });

  test('a declared charset is used when the bytes fit it', () => {
    expect(decodeText(iconv.encode(paragraph, 'gbk'), 'gb2312')).toEqual({ text: paragraph, encoding: 'gb18030' });
  });

  test('a stale gb2312 declaration over UTF-8 bytes loses to the bytes', () => {
    expect(decodeText(Buffer.from(paragraph, 'utf8'), 'gb2312').encoding).toBe('utf-8');
  });

  test('a utf-8 declaration over GBK bytes loses to the bytes', () => {
    expect(decodeText(iconv.encode(paragraph, 'gbk'), 'utf-8').text).toBe(paragraph);
  });
});

describe('declared charset of a page', () => {
  test('HTTP Content-Type', () => {
    expect(charsetFromContentType('text/html; charset=GBK')).toBe('GBK');
    expect(charsetFromContentType('text/html')).toBeUndefined();
  });

  test('<meta charset> and <meta http-equiv>', () => {
    expect(charsetFromMeta(Buffer.from('<html><head><meta charset="gb2312"></head>'))).toBe('gb2312');
    expect(charsetFromMeta(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=GBK" />'))).toBe(
      'GBK',
    );
    expect(charsetFromMeta(Buffer.from('<p>no meta</p>'))).toBeUndefined();
  });

  test('the HTTP header wins over <meta>', () => {
    expect(declaredCharset(Buffer.from('<meta charset="utf-8">'), 'text/html; charset=big5')).toBe('big5');
  });

  test('parseHtml reads a Big5 page by its HTTP header', async () => {
    // Traditional-script title of the same report kind: only the header tells Big5 from GBK here
    const title = '政府資訊公開工作年度報告';
    const bytes = iconv.encode(`<html><body><p>${title}</p></body></html>`, 'big5');
    const doc = await parseHtml(bytes, { contentType: 'text/html; charset=big5', limits: DEFAULT_LIMITS });
    expect(doc.blocks[0]).toMatchObject({ type: 'paragraph', text: title });
  });

  test('parseHtml reads a GBK page that declares gb2312 in <meta>', async () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>' +
      `<body><p>${paragraph}</p></body></html>`;
    const doc = await parseHtml(iconv.encode(html, 'gbk'), { limits: DEFAULT_LIMITS });
    expect(doc.blocks[0]).toMatchObject({ type: 'paragraph', text: paragraph });
  });
});
