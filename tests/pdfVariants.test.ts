// Property: the real Shanghai 2019 report printed to PDF by Chromium and LibreOffice with its
// tables' borders (full, none, three-line, rules only between rows), a page break before a
// row of 二, 三 or 四 (inside merged group cells too), repeated header rows, running
// header/footer with page numbers, landscape pages, another font, a footnote between the parts
// of a broken table, headings indented like the text: every cell comes back
// right, or empty with a finding that names it. A number never moves to another row.
// `npm test` renders a few dozen variants; XXGK_PDF_VARIANTS=all (npm run test:property) every
// break in every table for each border style and producer. Skipped, with a message, where
// Chromium or LibreOffice is not installed (CI installs both).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '../pipeline/parseReport';
import { FIXTURES } from './support/fixtures';
import { readTruth } from './support/truth';
import {
  chromiumPrinter,
  everyBreak,
  haveChromium,
  haveSoffice,
  sampleTruth,
  scoreCells,
  sofficePdf,
  variantHtml,
  variantName,
  type Borders,
  type PdfPrinter,
  type Variant,
} from './support/pdfVariants';

const ALL = process.env.XXGK_PDF_VARIANTS === 'all';
const BORDERS: Borders[] = ['full', 'none', 'threeLine', 'horizontal'];

/** the break between 规章 and 规范性文件, inside 三's 20-row group and its nested groups, between 四's header and values */
const SOME_BREAKS = [
  { table: 0, row: 3 },
  { table: 0, row: 6 },
  { table: 1, row: 4 },
  { table: 1, row: 10 },
  { table: 1, row: 16 },
  { table: 1, row: 20 },
  { table: 2, row: 3 },
];

function chromiumVariants(): Variant[] {
  const breaks = ALL ? everyBreak() : SOME_BREAKS;
  const out: Variant[] = BORDERS.map((borders) => ({ engine: 'chromium', borders }));
  for (const borders of ALL ? BORDERS : (['full', 'none'] as Borders[]))
    for (const breakAt of breaks) out.push({ engine: 'chromium', borders, breakAt });
  for (const breakAt of ALL ? breaks : SOME_BREAKS.slice(0, 4))
    out.push({ engine: 'chromium', borders: 'full', breakAt, repeatHeader: true, furniture: true });
  out.push(
    { engine: 'chromium', borders: 'published' },
    { engine: 'chromium', borders: 'full', landscape: 'all' },
    { engine: 'chromium', borders: 'full', landscape: 'tables', furniture: true },
    { engine: 'chromium', borders: 'none', landscape: 'tables' },
    { engine: 'chromium', borders: 'full', font: 'sans', breakAt: { table: 1, row: 12 } },
  );
  // headings indented like the body text: the last row of 二 broken onto the next page, 三's
  // heading and 三 there read as one borderless region (values moved a column: 12 as 258)
  for (const breakAt of ALL ? breaks : [{ table: 0, row: 17 }])
    for (const borders of ['threeLine', 'none'] as Borders[])
      out.push({ engine: 'chromium', borders, breakAt, indent: true });
  // the text in cells indented too (Word/WPS body style): a narrow column's wrapped label
  // prints its indented first line (总) clear of the next (计). LibreOffice's HTML import drops
  // text-indent in cells, so only Chromium prints these
  for (const borders of ALL ? BORDERS : (['none', 'threeLine', 'full'] as Borders[]))
    out.push({ engine: 'chromium', borders, indent: 'cells' });
  for (const breakAt of ALL ? breaks : [SOME_BREAKS[3]])
    for (const borders of ALL ? BORDERS : (['none'] as Borders[]))
      out.push({ engine: 'chromium', borders, breakAt, indent: 'cells' });
  // a footnote under the first part of a broken table, with numbers of its own
  for (const breakAt of ALL ? breaks : [SOME_BREAKS[0], SOME_BREAKS[3], SOME_BREAKS[6]])
    for (const borders of ALL ? BORDERS : (['full', 'none'] as Borders[]))
      out.push({ engine: 'chromium', borders, breakAt, footnote: true });
  // 三 broken after 部分公开, whose wrapped label printed its number on the label's second line,
  // which matched no row: the row was read as blanks, with no finding (now unread, flagged)
  if (!ALL) out.push({ engine: 'chromium', borders: 'none', breakAt: { table: 1, row: 8 }, footnote: true });
  return out;
}

function sofficeVariants(): Variant[] {
  if (!ALL)
    return [
      { engine: 'soffice', borders: 'full', breakAt: { table: 0, row: 3 } },
      { engine: 'soffice', borders: 'none', breakAt: { table: 1, row: 10 } },
      { engine: 'soffice', borders: 'full', breakAt: { table: 0, row: 6 }, footnote: true },
    ];
  return (['full', 'none'] as Borders[]).flatMap((borders) => [
    { engine: 'soffice', borders } as Variant,
    ...everyBreak().map((breakAt): Variant => ({ engine: 'soffice', borders, breakAt })),
    ...everyBreak().map((breakAt): Variant => ({ engine: 'soffice', borders, breakAt, footnote: true })),
  ]);
}

const truth = sampleTruth();
const counts: string[] = [];

async function check(v: Variant, bytes: Uint8Array) {
  // PDF_KEEP=DIR: each variant's PDF written there, to look at (dumpPdf) or parse again
  if (process.env.PDF_KEEP) writeFileSync(join(process.env.PDF_KEEP, `${variantName(v)}.pdf`), bytes);
  const record = await parseReport(bytes, { path: `${variantName(v)}.pdf` });
  expect(record.error).toBeNull();
  const s = scoreCells(record, truth);
  counts.push(`${variantName(v)}: right ${s.right}, missing ${s.missing}, wrong ${s.wrong}`);
  expect(s.wrongCells).toEqual([]);
  // a cell left empty is named by a finding (T-MISSING on its row or table, T-AMBIGUOUS)
  expect(s.unflagged).toBe(0);
  // ruled tables are read whole, wherever the page breaks (LibreOffice's cut tables are two
  // tables whose columns it may size differently: a label lost there is only flagged)
  if (v.engine === 'chromium' && (v.borders === 'full' || v.borders === 'published'))
    expect(s.missingCells).toEqual([]);
  expect(record.report.year).toBe(truth.year);
  expect(record.report.agency).toBe(truth.agency);
}

/** a variant read whole: every cell right, none left empty */
async function expectEveryCell(v: Variant, bytes: Uint8Array) {
  const s = scoreCells(await parseReport(bytes, { path: `${variantName(v)}.pdf` }), truth);
  expect(s.wrongCells).toEqual([]);
  expect(s.missingCells).toEqual([]);
}

afterAll(() => {
  if (counts.length) console.log(`PDF variants (cells right / missing / wrong):\n${counts.join('\n')}`);
});

const chromium = haveChromium();
if (!chromium)
  console.warn(
    'tests/pdfVariants.test.ts: Chromium variants skipped: /usr/bin/chromium is missing (apt-get install -y chromium)',
  );
(chromium ? describe : describe.skip)('printed by Chromium', () => {
  let printer: PdfPrinter;
  beforeAll(async () => {
    printer = await chromiumPrinter();
  });
  afterAll(async () => {
    await printer?.close();
  });
  test.each(chromiumVariants().map((v) => [variantName(v), v] as const))('%s', async (_name, v) => {
    await check(v, await printer.pdf(variantHtml(v), v));
  });
  // 三 broken where the page before ends in rows that print no number (7.属于行政执法案卷, and
  // 四's rows under （五）不予处理), the table's note printed under them: those rows were left out
  // of the part, so the note did not stand right under the table, and the part on the next page
  // was a table of its own whose columns nothing settled (19 and 7 cells unread)
  const blankRowsAboveNote: Variant[] = (['none', 'threeLine'] as Borders[]).flatMap((borders) =>
    [14, 21].map((row): Variant => ({ engine: 'chromium', borders, breakAt: { table: 1, row }, footnote: true })),
  );
  // 三's column labels alone at a page's foot, the text in every cell indented (Word/WPS body
  // style): the label column's own label, centred and indented, started right of the rows'
  // labels below, which seemed to stick out of the table: the rows stood alone, and with two
  // columns printing no number, none of their numbers was placed (35 cells unread)
  const headerOverIndentedRows: Variant[] = (['none', 'threeLine'] as Borders[]).flatMap((borders) =>
    [0, 1].map((table): Variant => ({ engine: 'chromium', borders, breakAt: { table, row: 3 }, indent: 'cells' })),
  );
  // 三 broken inside a group's rows (（四）无法提供, （五）不予处理): its label, wrapped in its
  // column, printed at the page's foot at the headings' margin, read as a heading and ended the
  // table (14 and 9 cells unread); and with the body text indented, a page left holding two rows
  // and their group's label, set far below them, or one row alone (23 each)
  const groupLabelAtFoot: Variant[] = (['none', 'threeLine'] as Borders[]).flatMap((borders) => [
    { engine: 'chromium', borders, breakAt: { table: 1, row: 16 } },
    { engine: 'chromium', borders, breakAt: { table: 1, row: 19 } },
    { engine: 'chromium', borders, breakAt: { table: 1, row: 9 }, indent: true },
    { engine: 'chromium', borders, breakAt: { table: 1, row: 8 }, indent: true },
  ]);
  test.each(
    [...blankRowsAboveNote, ...headerOverIndentedRows, ...groupLabelAtFoot].map((v) => [variantName(v), v] as const),
  )('%s: the part on the next page goes on from the part above', async (_name, v) =>
    expectEveryCell(v, await printer.pdf(variantHtml(v), v)),
  );
});

const soffice = haveSoffice();
if (!soffice)
  console.warn(
    'tests/pdfVariants.test.ts: LibreOffice variants skipped: ' +
      'soffice is missing (apt-get install -y libreoffice-writer-nogui)',
  );
(soffice ? describe : describe.skip)('printed by LibreOffice', () => {
  test.each(sofficeVariants().map((v) => [variantName(v), v] as const))('%s', async (_name, v) => {
    await check(v, sofficePdf(variantHtml(v)));
  });
  // 二 broken after its first row: LibreOffice sets 三's group label 三、本年度办理结果 in the middle
  // of its rows, wrapped (三、本年度办 / 理结果) beside the first line of 1.本机关不掌握…, whose
  // numbers print on the line under; the label, at the headings' margin, read as a heading and
  // cut 三 in two there, the lower part's rows unread (17 cells)
  test('soffice-none-break二1: a group label set in the middle of its rows does not cut the table', async () => {
    const v: Variant = { engine: 'soffice', borders: 'none', breakAt: { table: 0, row: 1 } };
    await expectEveryCell(v, sofficePdf(variantHtml(v)));
  });
});

// a few variants committed (tests/fixtures/pdf-variants, see its README): read without any converter
const COMMITTED = join(FIXTURES, 'pdf-variants');
describe('committed variants', () => {
  test.each(readdirSync(COMMITTED).filter((f) => f.endsWith('.pdf')))('%s', async (file) => {
    const record = await parseReport(new Uint8Array(readFileSync(join(COMMITTED, file))), { path: file });
    const s = scoreCells(record, readTruth(join(COMMITTED, `${file}.truth.json`)));
    counts.push(`${file}: right ${s.right}, missing ${s.missing}, wrong ${s.wrong}`);
    expect(s.wrongCells).toEqual([]);
    expect(s.unflagged).toBe(0);
    if (!/borderless/.test(file)) expect(s.missingCells).toEqual([]);
  });
});
