// Scanned tables: a vector PDF with known cells (samples/pdf, with its truth file) is scanned in
// software (tests/support/scanRender.ts: pdftoppm, skew, noise, JPEG) and read back by OCR. The
// grid found in the page image must be the vector grid; every cell read must be right (a cell
// may stay empty, with a finding); how many were read is counted and printed.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_LIMITS } from '../parsers/types';
import { readPdf } from '../parsers/pdf/openPdf';
import { findRuledGrids } from '../parsers/pdf/rulingGrids';
import { readScanPage } from '../parsers/pdf/scan/readScanPage';
import { parseReport } from '../pipeline/parseReport';
import { sampleFile } from './support/fixtures';
import { scanPdf } from './support/scanRender';
import { readTruth, truthCells } from './support/truth';

const run = promisify(execFile);
const SAMPLE = sampleFile('pdf', '2019-shanghai-bgt-lo.pdf');
/** the pages of the sample that hold its tables */
const TABLE_PAGES = { first: 3, last: 5 };

/** the program runs (pdftoppm -v exits 0 or 99 by version: either way it is there) */
const has = (cmd: string, args: string[]) => {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch (e) {
    return (e as { status?: number | null }).status != null;
  }
};
const hasPdftoppm = has('pdftoppm', ['-v']);
const languages = () =>
  execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const hasOcr =
  hasPdftoppm && has('tesseract', ['--version']) && /\bchi_sim\b/.test(languages()) && /\beng\b/.test(languages());
if (!hasPdftoppm) console.warn('scanTables: pdftoppm (poppler-utils) is not installed: skipped');
else if (!hasOcr) console.warn('scanTables: tesseract with chi_sim and eng is not installed: OCR cases skipped');

jest.setTimeout(900_000);

describe('the table grid of a scanned page', () => {
  const cases: Array<[number, number]> = [
    [150, 2.5],
    [200, -1.5],
  ];
  for (const [dpi, skew] of cases)
    (hasPdftoppm ? test : test.skip)(`at ${dpi} dpi turned ${skew}°: the vector grid, found in the image`, async () => {
      const vector = await readPdf(new Uint8Array(readFileSync(SAMPLE)), DEFAULT_LIMITS);
      const scan = await scanPdf(SAMPLE, {
        dpi,
        skew,
        noise: { kind: 'gaussian', amount: 12 },
        jpegQuality: 60,
        seed: dpi,
        ...TABLE_PAGES,
      });
      const dir = await mkdtemp(path.join(os.tmpdir(), 'xxgk-scantest-'));
      try {
        await writeFile(path.join(dir, 'scan.pdf'), scan);
        const scanned = await readPdf(scan, DEFAULT_LIMITS);
        for (const [k, page] of scanned.pages.entries()) {
          await run('pdftoppm', [
            '-r',
            '300',
            '-gray',
            '-f',
            String(k + 1),
            '-l',
            String(k + 1),
            '-singlefile',
            path.join(dir, 'scan.pdf'),
            path.join(dir, 'p'),
          ]);
          const read = await readScanPage(path.join(dir, 'p.pgm'), page, 300, async () => 'level\n');
          expect(Math.abs(read.skew - skew)).toBeLessThanOrEqual(0.15);
          const want = findRuledGrids(vector.pages[TABLE_PAGES.first - 1 + k].rulings);
          const got = findRuledGrids(read.rulings);
          // the same cells (a scanned line may also add a grid line no cell edge uses)
          expect(got.map((g) => g.boxes.length)).toEqual(want.map((g) => g.boxes.length));
          got.forEach((g, i) => {
            // the scan is cropped back to the page, so the frames agree within a pixel or two
            g.boxes.forEach((b, j) => {
              const w = want[i].boxes[j];
              expect([b.r, b.c, b.rowSpan, b.colSpan]).toEqual([w.r, w.c, w.rowSpan, w.colSpan]);
              for (const k of ['x0', 'x1', 'y0', 'y1'] as const) expect(Math.abs(b[k] - w[k])).toBeLessThan(2);
            });
          });
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
});

describe('a scanned report read into cells', () => {
  const truth = readTruth(`${SAMPLE}.truth.json`);
  (hasOcr ? test : test.skip).each([
    [150, 1.5],
    [200, -2.5],
  ])('at %i dpi turned %f°: every cell read is right', async (dpi, skew) => {
    const scan = await scanPdf(SAMPLE, {
      dpi,
      skew,
      noise: { kind: 'gaussian', amount: 12 },
      jpegQuality: 60,
      seed: 7,
      ...TABLE_PAGES,
    });
    const started = Date.now();
    const record = await parseReport(scan, { path: 'scan.pdf' }, { limits: { ...DEFAULT_LIMITS, timeoutMs: 600_000 } });
    const seconds = (Date.now() - started) / 1000;
    expect(record.error).toBeNull();
    const got = new Map(record.cells.map((c) => [`${c.table}|${c.row}|${c.col}`, c.value]));
    let right = 0;
    const wrong: string[] = [];
    for (const { key, value } of truthCells(truth)) {
      const g = got.get(key);
      if (g === value) right++;
      else if (g !== undefined && g !== null) wrong.push(`${key}: want ${value} got ${g}`);
    }
    const skipped = record.findings.filter((f) => /not read by OCR/.test(f));
    console.log(
      `scan ${dpi} dpi ${skew}°: ${right}/${truthCells(truth).length} cells right, ${wrong.length} wrong, ` +
        `${(seconds / 3).toFixed(1)} s a page; ${skipped.join('; ') || 'no page skipped'}`,
    );
    expect(wrong).toEqual([]);
    // a page skipped at its time limit (a loaded machine) leaves its cells honestly empty
    if (!skipped.length) expect(right).toBeGreaterThanOrEqual(truthCells(truth).length * 0.7);
    // every cell left empty by doubt says so
    for (const f of record.flags.filter((f) => f.rule === 'T-OCR-LOW' && /left empty/.test(f.message)))
      expect(got.get(f.cells[0])).toBeNull();
  });
});
