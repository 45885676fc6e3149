// Borderless and three-line tables whose rows stand far apart: cells padded and holding paragraphs
// (Chromium prints the sample's <td><p> rows ~3.9 font sizes apart; with 6 px more padding, 4.2;
// with 10 px, or a taller line, 5). Rows that far apart were read as separate regions, one row
// each, and whole tables were lost. And rows set tight, with no padding or paragraph spacing:
// a line apart, as a label's wrapped lines are.
import { chromiumPrinter, expectHonest, haveChromium, printedSample, withCss } from './support/pdfVariants';

// each: before (141 at 6 px: tables 二's last parts and 三 lost; then 174: a page of 三 printing
// few numbers cut into a region a row, the group label's last line carried to that page's top
// keeping its part from the one before; 157 at 10 px: 三's header alone at a page's foot, its
// rows on the next page under it but with their labels left of it; 192 at 10 px and with a
// taller line: 四's one line of numbers five font sizes under its header; 170 set tight: the first
// row of each part of 二 read as the last line of its column labels, 本年新 / 制作数量 / 13; 191
// double-spaced: a row atop a page 4.5 font sizes over the next taken for a running header)
const PADDINGS = [
  'td { padding: 6px 14px !important; }',
  'td { padding: 10px 14px !important; }',
  'td { padding: 3px 8px !important; } td p { margin: 6px 0 !important; }',
  'td { padding: 8px 4px !important; line-height: 1.8 !important; }',
  'td p { margin: 0 !important; } td { padding: 0 2px !important; }',
  'body, td, p { line-height: 2 !important; }',
];

(haveChromium() ? test.each(PADDINGS) : test.skip.each(PADDINGS))(
  'rows padded apart or set tight (%s): every table read whole, no number wrong',
  async (css) => {
    const printer = await chromiumPrinter();
    try {
      for (const borders of ['none', 'threeLine'] as const) {
        const { score } = await printedSample(printer, 'padded', borders, withCss(css));
        expectHonest('padded', borders, score);
        expect(score.right).toBe(198);
      }
    } finally {
      await printer.close();
    }
  },
  120_000,
);

// Cells set at 12 pt (小四, a usual size for a report's tables): a label column's text then
// reaches to within a font size of the numbers, and a row's line of numbers between its label's
// wrapped lines (（四）无 | 2.没有现成信息需要另 / 44 3 / 法提供 | 行制作) was taken for no row, which
// ended the table on that page (180 of 198 without rules). With the body at 16 pt (三号), the
// group label's first line and a row's label (三、本年度 （一）予以公开) stood 0.4 font sizes apart,
// one cell's text to the cell gap, and the row's label matched no key (194).
// A table laid out at the page's width (`table-layout: fixed`) prints a part's column labels
// run together (上一年项目数量本年增/减 over two columns of numbers): the joined parts' columns,
// found again from all their text, merged two value columns of another part, and one of two
// numbers in one slot was dropped with no finding (a 13 of table 二 read as a blank); and its
// label lines carried to a page's top stood in a label column left of the rows below (164).
// Labels in a column 4 em wide take three or four lines a row: twelve lines of rows printing no
// number ended the table, and the lines of a label carried over a page (计这一情形，不计 / 其他
// 情形）) kept the part on the next page from the one above (175). Whatever is not read here is
// named by a finding.
const OFFICIAL = 'body, p { font-size: 16pt !important; line-height: 28pt !important; }';
const SIZES: Array<[string, number]> = [
  ['body, td, p, th { font-size: 12pt !important; }', 198],
  ['body, p { font-size: 16pt !important; } td, td p, th, td span { font-size: 12pt !important; }', 198],
  ['table { table-layout: fixed !important; width: 100% !important; }', 188],
  ['td:first-child { width: 4em !important; }', 198],
  // Word's fixed 28 pt line spacing (the body's, 三号 text) left on the paragraphs in cells: a
  // label's wrapped lines 2.6 font sizes apart at 10.5 pt, rows 5 apart, each line read as a row
  // and each row as a region (158 without rules; 163 with the tables' text at 16 pt)
  [`${OFFICIAL} td, td p, th, td span { font-size: 10.5pt !important; line-height: 28pt !important; }`, 192],
  [`@page { margin: 37mm 26mm 35mm 28mm !important; } ${OFFICIAL}`, 198],
  // 12 pt cells at a fixed 22 pt: a group's label (（五）不 / 予处理) left of its rows' labels at a
  // page's foot, its rows printing no number, kept those rows out of the table (191, three-line)
  ['td, td p, td span { font-size: 12pt !important; line-height: 22pt !important; }', 198],
];

(haveChromium() ? test.each(SIZES) : test.skip.each(SIZES))(
  'cells in another size or layout (%s): at least %i cells, none wrong, every empty cell flagged',
  async (css, least) => {
    const printer = await chromiumPrinter();
    try {
      for (const borders of ['none', 'threeLine'] as const) {
        const { score } = await printedSample(printer, 'sized', borders, withCss(css));
        expectHonest('sized', borders, score);
        expect(score.right).toBeGreaterThanOrEqual(least);
      }
    } finally {
      await printer.close();
    }
  },
  120_000,
);
