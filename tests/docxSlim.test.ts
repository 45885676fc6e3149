// The elements slimDocumentXml leaves out must not change what mammoth makes of a file: for every
// Word file in the repository, and for Word files LibreOffice writes from the HTML and DOC samples
// (a producer that writes every border, width and font), mammoth's HTML is the same with and
// without them. The files must also come out smaller, or the step would be measuring nothing.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { prepareDocx } from '../parsers/docx/prepareDocx';
import { numberDocumentXml } from '../parsers/docx/wordNumbering';
import { slimDocumentXml } from '../parsers/docx/slimDocumentXml';
import { convertToDocx, findSoffice } from '../parsers/docx/libreOffice';

const ROOT = join(__dirname, '..');
// (the hostile Word files are refused by size before mammoth sees them)
const DIRS = ['samples/docx', 'tests/corpus/real', 'tests/fixtures/legacy'];

function wordFiles(): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  for (const dir of DIRS) {
    const abs = join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs)) if (f.endsWith('.docx')) out.push([`${dir}/${f}`, readFileSync(join(abs, f))]);
  }
  return out;
}

/** the file as it was read before slimming: numbers written in, nothing left out */
async function numberedOnly(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const document = zip.file('word/document.xml')!;
  const numbered = numberDocumentXml(
    await document.async('string'),
    await zip.file('word/numbering.xml')?.async('string'),
  );
  zip.file('word/document.xml', numbered);
  return zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
}

const html = async (bytes: Uint8Array) =>
  (
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    )
  ).value;

async function documentXml(bytes: Uint8Array): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
}

async function expectSameHtml(name: string, bytes: Uint8Array) {
  let before: string;
  try {
    before = await html(await numberedOnly(bytes));
  } catch {
    return; // a file mammoth cannot read is refused before this step anyway
  }
  expect({ name, html: await html(await prepareDocx(bytes)) }).toEqual({ name, html: before });
}

test.each(wordFiles())('%s: mammoth reads the slimmed file to the same HTML', async (name, bytes) => {
  await expectSameHtml(name, bytes);
});

test('the samples lose most of their XML', async () => {
  for (const [name, bytes] of wordFiles().filter(([n]) => n.startsWith('samples/'))) {
    const xml = await documentXml(bytes);
    expect({ name, ratio: slimDocumentXml(xml).length / xml.length < 0.5 }).toEqual({ name, ratio: true });
  }
});

test('markup inside the text is not touched, and bookmarks (anchors) stay', () => {
  const xml =
    '<w:p><w:pPr><w:jc w:val="center"/><w:spacing w:line="360"/></w:pPr><w:bookmarkStart w:id="0" w:name="t"/>' +
    '<w:r><w:rPr><w:b/><w:sz w:val="32"/></w:rPr><w:t>&lt;w:sz w:val="1"/&gt; 规章</w:t></w:r>' +
    '<w:bookmarkEnd w:id="0"/></w:p>' +
    '<w:tc><w:tcPr><w:tcW w:w="900"/><w:gridSpan w:val="2"/><w:vMerge/><w:tcBorders><w:top w:val="single"/>' +
    '</w:tcBorders></w:tcPr></w:tc>';
  expect(slimDocumentXml(xml)).toBe(
    '<w:p><w:pPr></w:pPr><w:bookmarkStart w:id="0" w:name="t"/>' +
      '<w:r><w:rPr><w:b/></w:rPr><w:t>&lt;w:sz w:val="1"/&gt; 规章</w:t></w:r></w:p>' +
      '<w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr></w:tc>',
  );
});

const haveSoffice = !!findSoffice();
(haveSoffice ? describe : describe.skip)('Word files LibreOffice writes', () => {
  // the other HTML samples are the same report in other encodings
  const inputs: [string, string][] = [
    ['samples/html/2019-shanghai-bgt-page.html', 'html'],
    ['samples/docx/2019-shanghai-bgt-1.doc', 'doc'],
  ];
  test.each(inputs)(
    '%s through LibreOffice: the same HTML',
    async (name, extension) => {
      const docx = await convertToDocx(readFileSync(join(ROOT, name)), { extension, timeoutMs: 120_000 });
      const xml = await documentXml(docx);
      expect(slimDocumentXml(xml).length).toBeLessThan(xml.length);
      await expectSameHtml(name, docx);
    },
    180_000,
  );
});
