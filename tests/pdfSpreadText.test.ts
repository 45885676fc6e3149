// Text spread over its cell's width: distributed alignment (Word's 分散对齐, CSS text-justify:
// inter-character) or wide letter spacing. With ruling lines every cell is read; without them the
// columns guessed from where text lies would cut 258 into 2 | 5 | 8 across three columns, so such
// a table's numbers are left unread with a finding: never a wrong number.
import { parseReport } from '../pipeline/parseReport';
import {
  chromiumPrinter,
  haveChromium,
  sampleTruth,
  scoreCells,
  variantHtml,
  type Variant,
} from './support/pdfVariants';

const SPREAD = {
  distributed: 'td { text-align: justify; text-align-last: justify; text-justify: inter-character; }',
  letterSpaced: 'td { letter-spacing: 0.6em; }',
};

(haveChromium() ? test : test.skip)(
  'cells printed with their characters spread apart: every cell right with rules, never a wrong one without',
  async () => {
    const printer = await chromiumPrinter();
    try {
      for (const [name, css] of Object.entries(SPREAD))
        for (const borders of ['full', 'none', 'threeLine'] as const) {
          const variant: Variant = { engine: 'chromium', borders };
          const html = variantHtml(variant).replace('</head>', `<style>${css}</style></head>`);
          const record = await parseReport(await printer.pdf(html, variant), { path: `${name}-${borders}.pdf` });
          const score = scoreCells(record, sampleTruth());
          console.log(`${name}, ${borders}: right ${score.right}, empty ${score.missing}, wrong ${score.wrong}`);
          expect({ name, borders, wrong: score.wrongCells, unflagged: score.unflagged }).toEqual({
            name,
            borders,
            wrong: [],
            unflagged: 0,
          });
          if (borders === 'full') expect(score.missing).toBe(0);
        }
    } finally {
      await printer.close();
    }
  },
  180_000,
);
