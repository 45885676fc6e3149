// Word's automatic numbering: headings numbered by numbering.xml (as WPS and Word write them)
// keep their printed numbers, so the six standard sections are found. The document is the real
// Shanghai 2019 report (a DOCX sample) with its typed numbers replaced by Word numbering.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { parseReport } from '../pipeline/parseReport';
import { chineseCount, writeNumbersIntoText } from '../parsers/docx/wordNumbering';

const sample = readFileSync(join(__dirname, '..', 'samples', 'docx', '2019-shanghai-bgt-1.docx'));

const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;

const numPr = (ilvl: number) => `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr>`;

/** a body paragraph whose text starts with a typed "一、" or "（一）": its pPr, its first run, the number, the title */
const TYPED_TITLE = new RegExp(
  [
    /<w:p>(<w:pPr>(?:(?!<\/w:pPr>|<w:p>)[\s\S])*)<\/w:pPr>/.source,
    /((?:<w:r><w:rPr><\/w:rPr><w:br\/><\/w:r>)?<w:r><w:rPr><\/w:rPr><w:t>)/.source,
    /([一二三四五六]、|（[一二三四五六]）)([^<]{2,30})<\/w:t>/.source,
  ].join(''),
  'g',
);

/** the sample with "一、…" and "（一）…" typed numbers turned into Word numbering */
async function autoNumbered(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(sample);
  let xml = await zip.file('word/document.xml')!.async('string');
  // body paragraphs only: the labels inside the tables keep their typed numbers
  xml = xml
    .split(/(<w:tbl>[\s\S]*?<\/w:tbl>)/)
    .map((part) =>
      part.startsWith('<w:tbl>')
        ? part
        : part.replace(
            TYPED_TITLE,
            // (a line break before the title goes too: Word prints the number at the paragraph start)
            (_m, ppr: string, run: string, num: string, title: string) =>
              `<w:p>${ppr}${numPr(num.endsWith('、') ? 0 : 1)}</w:pPr>` +
              `${run.replace('<w:r><w:rPr></w:rPr><w:br/></w:r>', '')}${title}</w:t>`,
          ),
    )
    .join('');
  zip.file('word/document.xml', xml);
  zip.file('word/numbering.xml', NUMBERING);
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  zip.file(
    'word/_rels/document.xml.rels',
    rels.replace(
      '</Relationships>',
      '<Relationship Id="rIdNum" ' +
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" ' +
        'Target="numbering.xml"/></Relationships>',
    ),
  );
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      '<Override PartName="/word/numbering.xml" ' +
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
    ),
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

test('Chinese counting numbers', () => {
  expect([1, 6, 10, 12, 20, 23].map(chineseCount)).toEqual(['一', '六', '十', '十二', '二十', '二十三']);
});

test('numbers are written where numPr stands, deeper levels restart under a new parent', () => {
  const p = (lvl: number, t: string) => `<w:p><w:pPr>${numPr(lvl)}</w:pPr><w:r><w:t>${t}</w:t></w:r></w:p>`;
  const out = writeNumbersIntoText(p(0, 'A') + p(1, 'a') + p(1, 'b') + p(0, 'B') + p(1, 'c'), NUMBERING);
  expect([...out.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|')).toBe(
    '一、|A|（一）|a|（二）|b|二、|B|（一）|c',
  );
  expect(out).not.toContain('<w:numPr>');
});

test('an auto-numbered report keeps its section numbers and its tables', async () => {
  const bytes = await autoNumbered();
  const plainXml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  expect(plainXml).not.toContain('<w:t>一、总体情况</w:t>'); // the typed number is gone from the text
  const r = await parseReport(bytes, { path: 'numbered.docx' });
  expect(r.error).toBeNull();
  expect(r.sections.filter((s) => s.standard).map((s) => `${s.number}${s.standard}`)).toEqual([
    '一、overview',
    '二、activeDisclosure',
    '三、applications',
    '四、reviewLitigation',
    '五、problems',
    '六、other',
  ]);
  expect(r.sections[0].children.map((c) => c.number).slice(0, 2)).toEqual(['（一）', '（二）']);
  expect(r.cells.length).toBe(198);
});
