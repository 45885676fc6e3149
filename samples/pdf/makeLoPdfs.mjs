// Writes the LibreOffice-made PDF samples from the HTML sample ../html/2019-shanghai-bgt-1.html
// (the real Shanghai 2019 report; no number is invented or changed) and copies its truth file
// beside each. Run from the repository root: node samples/pdf/makeLoPdfs.mjs
// Needs libreoffice-writer-nogui and fonts-noto-cjk; the PDFs are committed, so tests do not.
//
// The published tables are `nowrap` with pixel widths: printed on A4 they run off the right
// edge, cutting columns away. So every variant first drops `nowrap` and the widths (markup
// only, same cells), and adds a print style; the borderless one also removes every border.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(here, '..', 'html', '2019-shanghai-bgt-1.html');
const html = readFileSync(source, 'utf8');

const fitted = html.replace(/\s+nowrap="nowrap"/g, '').replace(/\s+style="width:\d+px;"/g, '');
const page = (style, body) =>
  `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><style>${style}</style></head><body>${body}</body></html>\n`;
const FONT = 'body, td, p { font-family: "Noto Serif CJK SC"; font-size: 10pt; }';

const variants = {
  // ruled: borders as published
  '2019-shanghai-bgt-lo.pdf': page(FONT, fitted),
  // borderless: no table border, no cell border, no cell spacing lines
  '2019-shanghai-bgt-borderless.pdf': page(`${FONT} table, td { border: none; }`,
    fitted.replace(
      /<table align="center" border="1" cellspacing="1">/g,
      '<table align="center" border="0" cellspacing="0" cellpadding="3">',
    )),
};

const work = mkdtempSync(path.join(os.tmpdir(), 'lo-samples-'));
try {
  for (const [pdf, text] of Object.entries(variants)) {
    const base = pdf.replace(/\.pdf$/, '');
    writeFileSync(path.join(work, `${base}.html`), text);
    execFileSync('soffice', [
      `-env:UserInstallation=file://${path.join(work, 'profile')}`, '--headless',
      '--infilter=HTML (StarWriter)', '--convert-to', 'pdf', '--outdir', work, path.join(work, `${base}.html`),
    ], { stdio: 'ignore', timeout: 120_000 });
    renameSync(path.join(work, `${base}.pdf`), path.join(here, pdf));
    // the same truth, naming this document (score.mjs finds the file by `doc`)
    const truth = JSON.parse(readFileSync(`${source}.truth.json`, 'utf8'));
    writeFileSync(path.join(here, `${pdf}.truth.json`), JSON.stringify({ ...truth, doc: pdf }, null, 2) + '\n');
    console.log(`wrote ${pdf}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
