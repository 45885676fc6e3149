// A borderless table 三 going on over a page whose first row prints one number and whose next
// rows print none (blank cells): the wrapped labels of those rows (2.其他法律行政法规禁止公 / 开)
// are wider than the one row read so far, were taken for running text, and ended the part
// there. The first row stayed a paragraph, and the rest of the page, its columns guessed from
// the few numbers it prints, was never joined to the part above: 23 cells of 三 lost. A label
// line inside the table that ends left of every number is a row's label however wide it is.
import { parseReport } from '../pipeline/parseReport';
import {
  chromiumPrinter,
  expectHonest,
  haveChromium,
  sampleTruth,
  scoreCells,
  variantHtml,
  type Borders,
  type Variant,
} from './support/pdfVariants';

(haveChromium() ? test : test.skip)(
  'rows without numbers at the top of a page: the part is joined, every cell read',
  async () => {
    const printer = await chromiumPrinter();
    try {
      for (const borders of ['none', 'threeLine', 'horizontal'] as Borders[]) {
        // a page break before 二's ninth row puts 三's 属于国家秘密 (14, then six blank rows) at a page's top
        const variant: Variant = { engine: 'chromium', borders, breakAt: { table: 0, row: 8 } };
        const record = await parseReport(await printer.pdf(variantHtml(variant), variant), {
          path: `blank-rows-${borders}.pdf`,
        });
        const score = scoreCells(record, sampleTruth());
        console.log(`blank rows at a page's top, ${borders}: right ${score.right}, empty ${score.missing}`);
        expectHonest('blank rows at a page top', borders, score);
        // (before: 175 of 198, rows 属于国家秘密 … 结转下年度继续办理 lost)
        expect({ borders, missing: score.missingCells }).toEqual({ borders, missing: [] });
      }
    } finally {
      await printer.close();
    }
  },
  120_000,
);
