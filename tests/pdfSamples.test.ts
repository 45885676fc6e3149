// parsePdf on the committed PDF samples (samples/pdf, see makeCjkPdf.mjs and README.md there):
// non-embedded CJK fonts, a table cut over a page break, and hostile files.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { parsePdf } from '../parsers/pdf/parsePdf';
import { parseReport } from '../pipeline/parseReport';
import { parseDocument } from '../parsers';
import { DEFAULT_LIMITS } from '../parsers/types';
import type { Doc, TableBlock } from '../src/model/document';
import { XxgkError } from '../src/model/errors';

const SAMPLES = `${__dirname}/../samples/pdf`;
const read = (name: string) => new Uint8Array(readFileSync(`${SAMPLES}/${name}`));
const parse = (name: string, limits = DEFAULT_LIMITS) => parsePdf(read(name), { limits });
const tables = (doc: Doc) => doc.blocks.filter((b): b is TableBlock => b.type === 'table');
const grid = (t: TableBlock) => t.rows.map((r) => r.map((c) => c.text));

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'no error';
  } catch (e) {
    return e instanceof XxgkError ? e.code : `not an XxgkError: ${e}`;
  }
}

describe('non-embedded CJK fonts (STSong-Light, UniGB-UTF16-H)', () => {
  let doc: Doc;
  beforeAll(async () => {
    doc = await parse('cjk-nonembedded.pdf');
  });

  test('Chinese text comes out as Unicode, never U+FFFD or nothing', () => {
    const all = JSON.stringify(doc.blocks);
    expect(all).not.toContain('\ufffd');
    expect(doc.title).toBe('淮安市人民政府2024年政府信息公开工作年度报告');
    expect(doc.blocks[1]).toMatchObject({
      type: 'paragraph',
      text: '本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2024年1月1日起至2024年12月31日止。',
    });
    expect(doc.blocks.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text)).toEqual(
      expect.arrayContaining(['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况']),
    );
  });

  test('a ruled table gives its grid with page and box for each cell', () => {
    const t = tables(doc)[0];
    expect(grid(t)).toEqual([
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '1', '0', '11'],
      ['行政规范性文件', '8', '26', '66'],
    ]);
    expect(t.rows[2][3].source).toEqual({ page: 1, bbox: [400, 600, 500, 620] });
  });

  // `（四）无` above the break and `法提供` below each have numbers of their own: two printed rows,
  // so their labels are not joined (joining them moved 746 | 769 under one label with 11 | 11)
  test(
    'a table cut over a page break is one table: vertical label joined, ' +
      'rows with their own numbers kept apart, page number gone',
    () => {
      const t = tables(doc)[1];
      expect(tables(doc)).toHaveLength(2);
      expect(grid(t)).toEqual([
        ['三、办理', '（一）予以公开', '1288', '1362'],
        ['三、办理', '（二）部分公开', '447', '454'],
        ['三、办理', '（四）无', '746', '769'],
        ['三、办理', '法提供', '11', '11'],
      ]);
      expect(t.rows[0][0]).toMatchObject({ rowSpan: 4 });
      expect(t.rows[3][3].source.page).toBe(2);
      expect(JSON.stringify(doc.blocks)).not.toMatch(/- [12] -/);
    },
  );
});

describe('hostile files', () => {
  test('a user password: ENCRYPTED_PDF', async () => {
    expect(await codeOf(parse('encrypted-user-password.pdf'))).toBe('ENCRYPTED_PDF');
  });

  test('only an owner password (print/copy restrictions): read normally', async () => {
    const doc = await parse('encrypted-owner-only.pdf');
    expect(doc.title).toBe('淮安市人民政府2024年政府信息公开工作年度报告');
    expect(tables(doc)).toHaveLength(2);
  });

  test('truncated: CORRUPT_FILE', async () => {
    expect(await codeOf(parse('truncated.pdf'))).toBe('CORRUPT_FILE');
  });

  test('garbage after a PDF header: CORRUPT_FILE', async () => {
    const junk = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 0x5a)]));
    expect(await codeOf(parsePdf(junk, { limits: DEFAULT_LIMITS }))).toBe('CORRUPT_FILE');
  });

  test('more pages than the limit: TOO_MANY_PAGES', async () => {
    expect(await codeOf(parse('cjk-nonembedded.pdf', { ...DEFAULT_LIMITS, maxPages: 1 }))).toBe('TOO_MANY_PAGES');
  });

  test('through the dispatcher, a bad file fails with its code and the next file still parses', async () => {
    expect(await codeOf(parseDocument(read('truncated.pdf'), { fileName: 'x.pdf' }))).toBe('CORRUPT_FILE');
    const doc = await parseDocument(read('cjk-nonembedded.pdf'), { fileName: 'x.pdf' });
    expect(doc.format).toBe('pdf');
  });
});

describe('a scanned page (image only, no text layer)', () => {
  const hasOcr = (() => {
    try {
      return /chi_sim/.test(
        execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
      );
    } catch {
      return false;
    }
  })();

  (hasOcr ? test.skip : test)('without tesseract chi_sim: NEEDS_OCR', async () => {
    expect(await codeOf(parse('scanned-page.pdf'))).toBe('NEEDS_OCR');
  });

  // needs apt packages tesseract-ocr tesseract-ocr-chi-sim poppler-utils
  (hasOcr ? test : test.skip)('with tesseract chi_sim: read by OCR and marked so', async () => {
    const doc = await parse('scanned-page.pdf');
    expect(doc.ocr).toBe(true);
    expect(doc.blocks.length).toBeGreaterThan(3);
    expect(doc.blocks.every((b) => b.source.ocr === true)).toBe(true);
    expect(JSON.stringify(doc.blocks)).toMatch(/政府信息公开/);
  });
});

describe('a font without a usable ToUnicode map', () => {
  // the committed LibreOffice variant with every /ToUnicode key renamed (same length, so the
  // cross-reference offsets hold): its subset fonts then give glyph ids 1, 2, 3… as characters,
  // digits among them
  const ruled = readFileSync(`${__dirname}/fixtures/pdf-variants/2019-shanghai-bgt-lo-break-rules.pdf`);
  const bytes = new Uint8Array(Buffer.from(ruled.toString('latin1').replace(/\/ToUnicode/g, '/ToUnicodX'), 'latin1'));

  test('its text is left unread, never guessed: no number comes out, and a finding says why', async () => {
    expect(Buffer.from(bytes).indexOf('/ToUnicode')).toBe(-1);
    const doc = await parsePdf(bytes, { limits: DEFAULT_LIMITS });
    const cells = tables(doc)
      .flatMap((t) => t.rows.flat())
      .map((c) => c.text);
    expect(cells.join('')).not.toMatch(/[0-9]/);
    expect(doc.notes.join(' ')).toMatch(/ToUnicode/);
    const record = await parseReport(bytes, { path: 'no-tounicode.pdf' });
    expect(record.cells.filter((c) => c.value !== null)).toEqual([]);
    expect(record.findings?.join(' ')).toMatch(/ToUnicode/);
  });

  test('the same file with its maps reads every table', async () => {
    const doc = await parsePdf(new Uint8Array(ruled), { limits: DEFAULT_LIMITS });
    expect(doc.notes.join(' ')).not.toMatch(/ToUnicode/);
    expect(
      tables(doc)
        .flatMap((t) => t.rows.flat())
        .map((c) => c.text)
        .join(''),
    ).toMatch(/524/);
  });
});
