// DOC/WPS/RTF through LibreOffice. Without soffice on PATH: CONVERTER_MISSING naming the
// Debian package. With it: the Word 97 sample (made by LibreOffice from the Shanghai HTML
// sample) gives the same tables as the HTML. The conversion test is skipped, with a message,
// where LibreOffice is not installed.
import { readFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDoc } from '../parsers/docx/parseDoc';
import { convertToDocx, findSoffice } from '../parsers/docx/libreOffice';
import { parseHtml } from '../parsers/html/parseHtml';
import { parseDocument } from '../parsers/index';
import { DEFAULT_LIMITS } from '../parsers/types';
import type { Doc, TableBlock } from '../src/model/document';

const SAMPLES = `${__dirname}/../samples`;
const docBytes = readFileSync(`${SAMPLES}/docx/2019-shanghai-bgt-1.doc`);
const opts = { limits: DEFAULT_LIMITS };
const grids = (doc: Doc) =>
  doc.blocks
    .filter((b): b is TableBlock => b.type === 'table')
    .map((t) => t.rows.map((r) => r.map((c) => [c.text, c.rowSpan, c.colSpan])));

test('without soffice on PATH: CONVERTER_MISSING naming libreoffice-writer-nogui', async () => {
  const saved = process.env.PATH;
  process.env.PATH = mkdtempSync(join(tmpdir(), 'xxgk-empty-path-'));
  try {
    expect(findSoffice()).toBeUndefined();
    const err = await parseDoc(docBytes, opts).catch((e) => e);
    expect(err).toMatchObject({ code: 'CONVERTER_MISSING' });
    expect(err.message).toContain('libreoffice-writer-nogui');
    // the dispatcher sends OLE2 bytes here whatever the file is called
    await expect(parseDocument(docBytes, { fileName: 'report.pdf' })).rejects.toMatchObject({
      code: 'CONVERTER_MISSING',
    });
  } finally {
    process.env.PATH = saved;
  }
});

const haveSoffice = !!findSoffice();
if (!haveSoffice)
  console.warn('SKIPPED: DOC conversion tests need LibreOffice (apt-get install libreoffice-writer-nogui)');
const withSoffice = haveSoffice ? test : test.skip;

withSoffice('a Word 97 .doc converts and gives the same tables as the HTML it was made from', async () => {
  const before = readdirSync(tmpdir()).filter((f) => f.startsWith('xxgk-lo-') || f.startsWith('xxgk-doc-'));
  const doc = await parseDoc(docBytes, { fileName: 'report.doc', limits: DEFAULT_LIMITS });
  const html = await parseHtml(readFileSync(`${SAMPLES}/html/2019-shanghai-bgt-1.html`), opts);
  expect(doc.format).toBe('doc');
  expect(doc.notes.join(' ')).toContain('LibreOffice');
  expect(grids(doc)).toEqual(grids(html));
  expect(doc.title).toBe(html.title);
  // temporary input, output and profile folders are removed
  const after = readdirSync(tmpdir()).filter((f) => f.startsWith('xxgk-lo-') || f.startsWith('xxgk-doc-'));
  expect(after.filter((f) => !before.includes(f))).toEqual([]);
});

withSoffice('bytes LibreOffice cannot read → CORRUPT_FILE, not a crash', async () => {
  const junk = Buffer.concat([docBytes.subarray(0, 512), Buffer.alloc(4096, 0xab)]);
  const err = await parseDoc(junk, opts).catch((e) => e);
  expect(err).toMatchObject({ code: 'CORRUPT_FILE' });
  expect(err.message).toContain('source file could not be loaded');
  expect(err.message).not.toContain('javaldx');
});

withSoffice('a conversion over the time limit is killed → TIMEOUT, temporary folders removed', async () => {
  const before = readdirSync(tmpdir()).filter((f) => f.startsWith('xxgk-lo-') || f.startsWith('xxgk-doc-'));
  // no process starts, let alone converts, within 1 ms (parseDoc itself never allows LibreOffice
  // less than a second, which a fast machine can meet: that was once this test's limit)
  await expect(convertToDocx(docBytes, { extension: 'doc', timeoutMs: 1 })).rejects.toMatchObject({ code: 'TIMEOUT' });
  const after = readdirSync(tmpdir()).filter((f) => f.startsWith('xxgk-lo-') || f.startsWith('xxgk-doc-'));
  expect(after.filter((f) => !before.includes(f))).toEqual([]);
});
