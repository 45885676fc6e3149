// The parts of a borderless (or three-line) table over several pages, printed by Chromium with a
// page break before a row of the sample report (198 cells), where something on the page kept
// them apart and 三's rows on the next page were read without its columns:
// - a page whose first row prints one number and whose next rows print none (blank cells):
//   their wrapped labels (2.其他法律行政法规禁止公 / 开), wider than the one row read so far, were
//   taken for running text and ended the part there;
// - a page whose rows print no number but the last, which prints one: one row is a table only
//   where a table goes on, and that was known only of rows printing two numbers;
// - a note under the part above (注：本表…), between it and the part on the next page, also under a
//   page of rows that print no number (a page of rows is one only where nothing else is on it).
// Each variant read 174–176 of 198 before; now every cell.
import { parseReport } from '../pipeline/parseReport';
import {
  chromiumPrinter,
  expectHonest,
  haveChromium,
  sampleTruth,
  scoreCells,
  variantHtml,
  type Borders,
  type PdfPrinter,
  type Variant,
} from './support/pdfVariants';

async function score(printer: PdfPrinter, name: string, variant: Variant) {
  const record = await parseReport(await printer.pdf(variantHtml(variant), variant), { path: `${name}.pdf` });
  const s = scoreCells(record, sampleTruth());
  console.log(`${name}: right ${s.right}, empty ${s.missing}`);
  expectHonest(name, variant.borders, s);
  return s;
}

const CASES: [string, Variant['breakAt'], boolean][] = [
  // 二 broken before its ninth row: 三's 属于国家秘密 (14, then six blank rows) at a page's top
  ['blank rows at a page top', { table: 0, row: 8 }, false],
  // 三 broken before 属于行政查询事项: the page above holds four rows, one number in the last
  ['one number in a few rows', { table: 1, row: 12 }, false],
  // 三 cut before 部分公开 with a note under its first part
  ['a note between the parts', { table: 1, row: 6 }, true],
  // 三 cut before 保护第三方合法权益: a page of two rows printing no number, and the note under them
  ['rows without numbers, then a note', { table: 1, row: 10 }, true],
];

(haveChromium() ? test : test.skip)(
  'parts of a borderless table kept apart by what a page shows: joined, every cell read',
  async () => {
    const printer = await chromiumPrinter();
    try {
      for (const [name, breakAt, footnote] of CASES)
        for (const borders of ['none', 'threeLine'] as Borders[]) {
          const s = await score(printer, `${name}, ${borders}`, { engine: 'chromium', borders, breakAt, footnote });
          expect({ name, borders, missing: s.missingCells }).toEqual({ name, borders, missing: [] });
        }
    } finally {
      await printer.close();
    }
  },
  180_000,
);
