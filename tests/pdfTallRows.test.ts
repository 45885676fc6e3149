// Borderless and three-line tables whose rows stand far apart: cells padded and holding paragraphs
// (Chromium prints the sample's <td><p> rows ~3.9 font sizes apart; with 6 px more padding, 4.2).
// Rows that far apart were read as separate regions, one row each, and whole tables were lost.
// Every cell read is right; the rest are empty with a finding.
import { parseReport } from '../pipeline/parseReport';
import {
  chromiumPrinter,
  haveChromium,
  sampleTruth,
  scoreCells,
  variantHtml,
  type Variant,
} from './support/pdfVariants';

(haveChromium() ? test : test.skip)(
  'rows padded apart: tables found, no number wrong, every empty cell named by a finding',
  async () => {
    const printer = await chromiumPrinter();
    try {
      for (const borders of ['none', 'threeLine'] as const) {
        const variant: Variant = { engine: 'chromium', borders };
        const html = variantHtml(variant).replace(
          '</head>',
          '<style>td { padding: 6px 14px !important; }</style></head>',
        );
        const record = await parseReport(await printer.pdf(html, variant), { path: `padded-${borders}.pdf` });
        const score = scoreCells(record, sampleTruth());
        console.log(`${borders}: right ${score.right}, empty ${score.missing}, wrong ${score.wrong}`);
        expect({ borders, wrong: score.wrongCells, unflagged: score.unflagged }).toEqual({
          borders,
          wrong: [],
          unflagged: 0,
        });
        // (before: 141 of 198, tables 二's last parts and 三 lost)
        expect(score.right).toBeGreaterThanOrEqual(170);
      }
    } finally {
      await printer.close();
    }
  },
  120_000,
);
