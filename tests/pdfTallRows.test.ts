// Borderless and three-line tables whose rows stand far apart: cells padded and holding paragraphs
// (Chromium prints the sample's <td><p> rows ~3.9 font sizes apart; with 6 px more padding, 4.2).
// Rows that far apart were read as separate regions, one row each, and whole tables were lost.
// Every cell read is right; the rest are empty with a finding.
import { chromiumPrinter, expectHonest, haveChromium, printedSample, withCss } from './support/pdfVariants';

(haveChromium() ? test : test.skip)(
  'rows padded apart: tables found, no number wrong, every empty cell named by a finding',
  async () => {
    const printer = await chromiumPrinter();
    try {
      for (const borders of ['none', 'threeLine'] as const) {
        const { score } = await printedSample(
          printer,
          'padded',
          borders,
          withCss('td { padding: 6px 14px !important; }'),
        );
        expectHonest('padded', borders, score);
        // (before: 141 of 198, tables 二's last parts and 三 lost; then 174: a page of 三 holding
        // few numbers was cut into regions at each row, and the group label's last line carried
        // to that page's top kept its part from joining the one before)
        expect(score.right).toBe(198);
      }
    } finally {
      await printer.close();
    }
  },
  120_000,
);
