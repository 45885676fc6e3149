// The scan renderer (tests/support/scanRender.ts) turns a vector PDF into an image-only PDF of
// the same pages: one JPEG per page, the page size kept, no text left; the same seed gives the
// same bytes. Checked with poppler's own tools, not with the parser under test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { sampleFile } from './support/fixtures';
import { scanPages, scanPdf } from './support/scanRender';

const SOURCE = sampleFile('pdf', '2019-shanghai-bgt-lo.pdf');

const poppler = (tool: string, args: string[]) =>
  execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const havePoppler = () => {
  try {
    poppler('pdfinfo', ['-v']);
    return true;
  } catch {
    return false;
  }
};

/** pdfinfo's page count and the size of each page in points */
function pages(file: string): { count: number; sizes: [number, number][] } {
  const info = poppler('pdfinfo', ['-f', '1', '-l', '999', file]);
  const count = Number(info.match(/^Pages:\s+(\d+)/m)?.[1]);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map(
    (m) => [Number(m[1]), Number(m[2])] as [number, number],
  );
  return { count, sizes };
}

(havePoppler() ? describe : describe.skip)('scanRender', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'xxgk-scantest-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('an image-only PDF with the pages and page sizes of the source', async () => {
    const scan = await scanPdf(SOURCE, {
      dpi: 150,
      skew: 1.5,
      noise: { kind: 'saltPepper', amount: 0.002 },
      jpegQuality: 60,
      seed: 7,
      last: 2,
    });
    const file = path.join(dir, 'scan.pdf');
    writeFileSync(file, scan);
    const src = pages(SOURCE);
    const got = pages(file);
    expect(src.count).toBeGreaterThan(2);
    expect(got.count).toBe(2);
    got.sizes.forEach(([w, h], i) => {
      // pdftoppm rounds each side to whole pixels: within one pixel at 150 dpi (0.48 pt)
      expect(Math.abs(w - src.sizes[i][0])).toBeLessThan(0.5);
      expect(Math.abs(h - src.sizes[i][1])).toBeLessThan(0.5);
    });
    // one 8-bit grey JPEG per page, and nothing to extract as text or fonts
    const images = poppler('pdfimages', ['-list', file])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/));
    expect(images.map((f) => Number(f[0]))).toEqual(Array.from({ length: 2 }, (_, i) => i + 1));
    for (const f of images) {
      expect(f[2]).toBe('image');
      expect(f[5]).toBe('gray');
      expect(f[7]).toBe('8');
      expect(f[8]).toBe('jpeg');
      expect(Number(f[12])).toBe(150); // x-ppi
    }
    expect(poppler('pdftotext', [file, '-']).trim()).toBe('');
    expect(poppler('pdffonts', [file]).split('\n').slice(2).join('').trim()).toBe('');
  });

  test("each page's JPEG has the components its colour space says (DeviceGray: one)", async () => {
    for (const colour of [false, true]) {
      const [page] = await scanPages(SOURCE, { dpi: 72, last: 1, seed: 3, colour });
      expect((await sharp(page.jpeg).metadata()).channels).toBe(colour ? 3 : 1);
    }
  });

  test('deterministic for a seed; another seed, another noise', async () => {
    const o = { dpi: 150, skew: -2, noise: { kind: 'gaussian' as const, amount: 12 }, jpegQuality: 70, last: 1 };
    const a = await scanPdf(SOURCE, { ...o, seed: 1 });
    const b = await scanPdf(SOURCE, { ...o, seed: 1 });
    const c = await scanPdf(SOURCE, { ...o, seed: 2 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  test('skew turns the page: the text block moves, the white background stays white', async () => {
    const [straight] = await scanPages(SOURCE, { dpi: 150, jpegQuality: 95, last: 1 });
    const [turned] = await scanPages(SOURCE, { dpi: 150, skew: 3, jpegQuality: 95, last: 1 });
    expect([turned.widthPx, turned.heightPx]).toEqual([straight.widthPx, straight.heightPx]);
    const raw = async (jpeg: Buffer) => (await sharp(jpeg).greyscale().raw().toBuffer()).toString('latin1');
    expect(await raw(turned.jpeg)).not.toBe(await raw(straight.jpeg));
    // the corners were outside the page before the turn: they must be white, not black fill
    const corner = await sharp(turned.jpeg)
      .extract({ left: 0, top: 0, width: 5, height: 5 })
      .greyscale()
      .raw()
      .toBuffer();
    expect(Math.min(...corner)).toBeGreaterThan(230);
  });
});
