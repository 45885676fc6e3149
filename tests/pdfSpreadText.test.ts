// Text spread over its cell's width: distributed alignment (Word's 分散对齐, CSS text-justify:
// inter-character) or wide letter spacing. With ruling lines every cell is read; without them the
// columns guessed from where text lies would cut 258 into 2 | 5 | 8 across three columns, so such
// a table's numbers are left unread with a finding: never a wrong number. So are the rows whose
// numbers, printed in full-width digits, wrap inside a narrow cell as ideographs do.
import {
  chromiumPrinter,
  expectHonest,
  haveChromium,
  printedSample,
  variantHtml,
  withCss,
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
          const { score } = await printedSample(printer, name, borders, withCss(css));
          expectHonest(name, borders, score);
          if (borders === 'full') expect(score.missing).toBe(0);
        }
    } finally {
      await printer.close();
    }
  },
  180_000,
);

/** the sample's numbers in full-width digits (０–９), as text typed in full-width mode prints them */
const fullWidthNumbers = (html: string) =>
  html.replace(/(<td[^>]*>(?:<[^>]+>)*)(\d+)(元?)((?:<\/[^>]+>)*<\/td>)/g, (_m, open, n: string, unit, close) =>
    [open, n.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)), unit, close].join(''),
  );

(haveChromium() ? test : test.skip)(
  'numbers in full-width digits, which wrap inside narrow cells (８２ over the label, １ under it): never a wrong one',
  async () => {
    const printer = await chromiumPrinter();
    try {
      for (const borders of ['full', 'none', 'threeLine'] as const) {
        expect(fullWidthNumbers(variantHtml({ engine: 'chromium', borders }))).toContain('８２１');
        const { score } = await printedSample(printer, 'full-width digits', borders, fullWidthNumbers);
        expectHonest('full-width digits', borders, score);
        if (borders === 'full') expect(score.missing).toBe(0);
      }
    } finally {
      await printer.close();
    }
  },
  180_000,
);
