// Text drawn over itself (a faux bold printed two to four times a fraction of a point apart, a
// text shadow) is read once: never 规章规章, never a digit doubled into another number. The PDF
// is the sample report printed by Chromium with every text shadowed 0.3 pt off, which Chromium
// draws as the same text a second time, as faux bold does.
import { overprintFilter } from '../parsers/pdf/overprint';
import type { TextItem } from '../parsers/pdf/pageText';
import { chromiumPrinter, haveChromium, printedSample, withCss } from './support/pdfVariants';

const run = (str: string, x0: number, y: number, size = 10.5): TextItem => ({
  str,
  x0,
  x1: x0 + size * str.length,
  y,
  size,
  vertical: false,
});

test('a run drawn again where it was drawn is a copy; the same text elsewhere is not', () => {
  const copy = overprintFilter();
  expect(copy(run('12', 300, 500))).toBe(false);
  // faux bold: the same glyphs 0.25 and 0.5 pt off
  expect(copy(run('12', 300.25, 500))).toBe(true);
  expect(copy(run('12', 300.5, 500.25))).toBe(true);
  // the same number in the next column, the next row, or smaller: another cell's
  expect(copy(run('12', 340, 500))).toBe(false);
  expect(copy(run('12', 300, 485))).toBe(false);
  expect(copy(run('12', 300, 500, 6))).toBe(false);
  // other text at the same place is no copy
  expect(copy(run('13', 300, 500))).toBe(false);
});

(haveChromium() ? test : test.skip)(
  'a report whose every text is drawn twice reads every cell and its title once',
  async () => {
    const printer = await chromiumPrinter();
    try {
      for (const borders of ['full', 'none'] as const) {
        const { record, score } = await printedSample(
          printer,
          'shadowed',
          borders,
          withCss('body, p, td, th, h1, h2, h3, div, span { text-shadow: 0.3px 0.2px 0 #000; }'),
        );
        expect({ borders, wrong: score.wrongCells, missing: score.missingCells }).toEqual({
          borders,
          wrong: [],
          missing: [],
        });
        expect(record.report.title).toBe('2019年上海市人民政府办公厅政府信息公开工作年度报告');
      }
    } finally {
      await printer.close();
    }
  },
  120_000,
);
