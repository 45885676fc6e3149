// Text in pictures on PDFs that have a text layer: scanned pages among text pages (the tables
// printed, stamped and scanned back in) and tables pasted into the document as images. OCR reads
// the pictures, the text layer the rest: every cell right or empty with a finding, never wrong,
// and the title from the text layer. Small pictures (a seal) and blank pages are left alone.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { textPictures } from '../parsers/pdf/picturePages';
import type { RawPage } from '../parsers/pdf/openPdf';
import { parseReport } from '../pipeline/parseReport';
import { DEFAULT_LIMITS } from '../parsers/types';
import type { ReportRecord } from '../src/model/record';
import {
  CHROMIUM,
  chromiumPrinter,
  haveChromium,
  sampleTruth,
  scoreCells,
  variantHtml,
  type Variant,
} from './support/pdfVariants';
import sharp from 'sharp';
import { scanPdf } from './support/scanRender';
import { seededRandom } from './support/seededRandom';

const TITLE = '2019年上海市人民政府办公厅政府信息公开工作年度报告';
/** PICTURES_PDF_DIR=<folder> keeps the PDFs made here (mixed.pdf, pasted.pdf) to replay with bin/xxgk.js */
const KEEP = process.env.PICTURES_PDF_DIR;
// the file's time limit is the machine's business, not the reading's: on a loaded test machine
// (CI runs suites side by side) the OCR of a page's cells ran past it and cells were left unread
const UNHURRIED = { limits: { ...DEFAULT_LIMITS, timeoutMs: 900_000 } };
const kept = (name: string, pdf: Uint8Array) => {
  if (KEEP) writeFileSync(join(KEEP, name), pdf);
  return pdf;
};

const haveOcr = () => {
  try {
    return /\bchi_sim\b/.test(
      execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    );
  } catch {
    return false;
  }
};

const page = (items: RawPage['items'], images: RawPage['images']): RawPage => ({
  page: 1,
  width: 595,
  height: 842,
  originX: 0,
  originY: 0,
  items,
  rulings: [],
  images,
});
const text = (str: string, x0: number, y: number) => ({
  str,
  x0,
  x1: x0 + 10.5 * str.length,
  y,
  size: 10.5,
  vertical: false,
});

test('a picture is read for text when it is large, about as wide as the text, and no text layer covers it', () => {
  const table = { x0: 70, y0: 300, x1: 525, y1: 600 };
  // a table pasted as a picture under a heading of the text layer
  expect(textPictures(page([text('二、主动公开政府信息情况', 72, 620)], [table]))).toEqual([table]);
  // a whole scanned page with a page number stamped on it
  const whole = { x0: 0, y0: 0, x1: 595, y1: 842 };
  expect(textPictures(page([text('- 3 -', 280, 30)], [whole]))).toEqual([whole]);
  // a seal, a narrow photo: no
  expect(textPictures(page([], [{ x0: 400, y0: 100, x1: 520, y1: 220 }]))).toEqual([]);
  expect(textPictures(page([], [{ x0: 70, y0: 100, x1: 200, y1: 600 }]))).toEqual([]);
  // a background under the page's text, a scan whose text layer the PDF carries: no
  const lines = Array.from({ length: 20 }, (_, i) => text('本机关认真贯彻落实政府信息公开条例', 72, 780 - 30 * i));
  expect(textPictures(page(lines, [whole]))).toEqual([]);
  // clipped to the page
  expect(textPictures(page([], [{ x0: -20, y0: -20, x1: 700, y1: 900 }]))).toEqual([whole]);
});

/** the page printed by a Chromium of its own */
async function printed(html: string, variant: Variant): Promise<Uint8Array> {
  const printer = await chromiumPrinter();
  try {
    return await printer.pdf(html, variant);
  } finally {
    await printer.close();
  }
}

/** what the parse must show: no number wrong, every empty cell named by a finding, the title from the text layer */
function expectRead(record: ReportRecord, minRight: number) {
  const score = scoreCells(record, sampleTruth());
  console.log(
    `${record.source.path}: right ${score.right}, wrong ${score.wrong}, ` +
      `empty ${score.missing} (${score.missingCells.join(' ')})`,
  );
  expect(score.wrongCells).toEqual([]);
  expect(score.unflagged).toBe(0);
  expect(score.right).toBeGreaterThanOrEqual(minRight);
  expect(record.report.title).toBe(TITLE);
  expect(record.findings.join('\n')).toMatch(/read by OCR: pictures of text on pages/);
}

const ready = haveChromium() && haveOcr();
if (!ready) console.warn(`skipped: needs ${CHROMIUM} and tesseract with chi_sim`);

(ready ? describe : describe.skip)('pictures of text in a PDF with a text layer', () => {
  const variant: Variant = { engine: 'chromium', borders: 'full' };
  let dir: string;
  let vector: Uint8Array;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xxgk-pictures-'));
    vector = await printed(variantHtml(variant), variant);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('pages 2 to the end scanned, page 1 a text page', async () => {
    writeFileSync(join(dir, 'vector.pdf'), vector);
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'vector.pdf')], { encoding: 'utf8' }))![1],
    );
    expect(pages).toBeGreaterThan(2);
    writeFileSync(
      join(dir, 'scanned.pdf'),
      await scanPdf(vector, {
        dpi: 200,
        first: 2,
        skew: 0.6,
        noise: { kind: 'gaussian', amount: 6 },
        jpegQuality: 70,
        seed: 7,
      }),
    );
    execFileSync('pdfseparate', ['-f', '1', '-l', '1', join(dir, 'vector.pdf'), join(dir, 'first.pdf')]);
    execFileSync('pdfunite', [join(dir, 'first.pdf'), join(dir, 'scanned.pdf'), join(dir, 'mixed.pdf')]);
    const record = await parseReport(
      kept('mixed.pdf', readFileSync(join(dir, 'mixed.pdf'))),
      { path: 'mixed.pdf' },
      UNHURRIED,
    );
    expectRead(record, 190);
    expect(record.findings.join('\n')).toContain(
      `pages ${Array.from({ length: pages - 1 }, (_, i) => i + 2).join(', ')}`,
    );
  }, 300_000);

  test('every table pasted as a picture between text paragraphs', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    let html = variantHtml(variant);
    try {
      // each table as a screenshot at twice the screen's resolution, as one pasted from a spreadsheet
      const context = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 794, height: 1123 } });
      const shot = await context.newPage();
      await shot.setContent(html, { waitUntil: 'load' });
      const tables = shot.locator('table');
      const count = await tables.count();
      expect(count).toBe(3);
      const images: string[] = [];
      for (let i = 0; i < count; i++) {
        const box = (await tables.nth(i).boundingBox())!;
        const png = await tables.nth(i).screenshot();
        images.push(
          `<img src="data:image/png;base64,${png.toString('base64')}" style="width:${Math.round(box.width)}px">`,
        );
      }
      let k = 0;
      html = html.replace(/<table[\s\S]*?<\/table>/g, () => images[k++]);
      expect(k).toBe(3);
    } finally {
      await browser.close();
    }
    const pdf = await printed(html, variant);
    const record = await parseReport(kept('pasted.pdf', pdf), { path: 'pasted.pdf' }, UNHURRIED);
    expectRead(record, 190);
  }, 300_000);
  test('a photo between the paragraphs (OCR finds no text in it) changes no cell', async () => {
    // a photo: soft blobs of colour over a gradient, no text in it
    const rnd = seededRandom(11);
    const [w, h] = [900, 560];
    const pixels = Buffer.alloc(w * h * 3);
    const blobs = Array.from({ length: 12 }, () => [
      rnd() * w,
      rnd() * h,
      40 + rnd() * 120,
      rnd() * 255,
      rnd() * 255,
      rnd() * 255,
    ]);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let [r, g, b] = [120 + (80 * y) / h, 150, 200 - (60 * x) / w];
        for (const [bx, by, br, cr, cg, cb] of blobs) {
          const k = Math.exp(-((x - bx) ** 2 + (y - by) ** 2) / (2 * br * br));
          [r, g, b] = [r + (cr - r) * k, g + (cg - g) * k, b + (cb - b) * k];
        }
        pixels.set(
          [r, g, b].map((v) => Math.max(0, Math.min(255, Math.round(v)))),
          3 * (y * w + x),
        );
      }
    const jpeg = await sharp(pixels, { raw: { width: w, height: h, channels: 3 } })
      .jpeg({ quality: 80 })
      .toBuffer();
    const photo = `<p><img src="data:image/jpeg;base64,${jpeg.toString('base64')}" style="width:90%"></p>`;
    const html = variantHtml(variant).replace('<p>二、主动公开政府信息情况</p>', `${photo}$&`);
    expect(html).toContain(photo);
    const pdf = await printed(html, variant);
    const record = await parseReport(kept('photo.pdf', pdf), { path: 'photo.pdf' }, UNHURRIED);
    const plain = await parseReport(vector, { path: 'plain.pdf' });
    expect(record.cells.map((c) => [c.table, c.row, c.col, c.value])).toEqual(
      plain.cells.map((c) => [c.table, c.row, c.col, c.value]),
    );
    expect(record.report).toEqual(plain.report);
  }, 300_000);
});
