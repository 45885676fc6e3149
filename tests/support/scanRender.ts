// A scanner in software, for tests and benchmarks of OCR: a vector PDF is rasterised
// (pdftoppm), turned a little (sharp, white background, cropped back to the page), given
// noise and JPEG compression, and wrapped into an image-only PDF (one JPEG per page, a
// DCTDecode image XObject), as a scanned report is published. The same seed gives the same
// bytes.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { assemblePdf } from './minimalPdf';
import { seededRandom } from './seededRandom';

const run = promisify(execFile);

export interface ScanOptions {
  /** resolution of the scan, 150–300 */
  dpi: number;
  /** rotation in degrees, ±3 (positive: clockwise) */
  skew?: number;
  /** salt-and-pepper: share of pixels set black or white; gaussian: sigma in grey levels */
  noise?: { kind: 'saltPepper' | 'gaussian'; amount: number };
  /** JPEG quality, 1–100 */
  jpegQuality?: number;
  /** colour scans keep three channels; the default is greyscale, as most published scans */
  colour?: boolean;
  seed?: number;
  /** only these pages (1-based, inclusive), as pdftoppm -f/-l */
  first?: number;
  last?: number;
}

export interface ScannedPage {
  jpeg: Buffer;
  widthPx: number;
  heightPx: number;
  /** page size in PDF points */
  widthPt: number;
  heightPt: number;
}

function addNoise(pixels: Buffer, channels: number, noise: ScanOptions['noise'], rnd: () => number): void {
  if (!noise || noise.amount <= 0) return;
  if (noise.kind === 'saltPepper') {
    for (let p = 0; p < pixels.length; p += channels) {
      if (rnd() >= noise.amount) continue;
      const v = rnd() < 0.5 ? 0 : 255;
      for (let c = 0; c < channels; c++) pixels[p + c] = v;
    }
    return;
  }
  for (let i = 0; i < pixels.length; i++) {
    // Box–Muller
    const g = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    pixels[i] = Math.max(0, Math.min(255, Math.round(pixels[i] + g * noise.amount)));
  }
}

async function scanImage(png: Buffer, o: ScanOptions, rnd: () => number): Promise<ScannedPage> {
  const channels = o.colour ? 3 : 1;
  const base = sharp(png).removeAlpha();
  const { width, height } = await base.metadata();
  if (!width || !height) throw new Error('pdftoppm gave an image without a size');
  let img = o.colour ? base.toColourspace('srgb') : base.greyscale();
  if (o.skew) {
    // turned on the platen: the canvas grows, the scanner still sees one page's area
    const turned = await img.rotate(o.skew, { background: '#ffffff' }).png().toBuffer({ resolveWithObject: true });
    const left = Math.floor((turned.info.width - width) / 2);
    const top = Math.floor((turned.info.height - height) / 2);
    img = sharp(turned.data).extract({ left, top, width, height });
    img = o.colour ? img.toColourspace('srgb') : img.greyscale();
  }
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== channels) throw new Error(`expected ${channels} channels, got ${info.channels}`);
  addNoise(data, channels, o.noise, rnd);
  // a raw one-band image is written as a three-component JPEG unless it is marked grey, and
  // the PDF's DeviceGray would then read it as a page three times as wide
  const jpeg = await sharp(data, { raw: { width, height, channels } })
    .toColourspace(o.colour ? 'srgb' : 'b-w')
    .jpeg({ quality: o.jpegQuality ?? 75, chromaSubsampling: '4:2:0' })
    .toBuffer();
  return { jpeg, widthPx: width, heightPx: height, widthPt: (width * 72) / o.dpi, heightPt: (height * 72) / o.dpi };
}

/** Every page of a PDF as a scanned JPEG. */
export async function scanPages(pdf: Uint8Array | string, o: ScanOptions): Promise<ScannedPage[]> {
  if (!(o.dpi >= 50 && o.dpi <= 600)) throw new Error(`dpi ${o.dpi} is out of range`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'xxgk-scan-'));
  try {
    const input = typeof pdf === 'string' ? pdf : path.join(dir, 'in.pdf');
    if (typeof pdf !== 'string') await writeFile(input, pdf);
    const range = [...(o.first ? ['-f', String(o.first)] : []), ...(o.last ? ['-l', String(o.last)] : [])];
    await run('pdftoppm', ['-r', String(o.dpi), ...range, '-png', input, path.join(dir, 'p')], {
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const pngs = (await readdir(dir))
      .filter((f) => f.endsWith('.png'))
      .sort((a, b) => Number(a.match(/-(\d+)\.png$/)?.[1]) - Number(b.match(/-(\d+)\.png$/)?.[1]));
    const rnd = seededRandom(o.seed ?? 1);
    const pages: ScannedPage[] = [];
    for (const f of pngs) pages.push(await scanImage(await readFile(path.join(dir, f)), o, rnd));
    return pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An image-only PDF: each page one JPEG drawn over the whole page, no text. */
export function imagePdf(pages: ScannedPage[], colour = false): Uint8Array {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const kids: string[] = [];
  pages.forEach((p, i) => {
    const page = 3 + 3 * i;
    const [w, h] = [p.widthPt.toFixed(2), p.heightPt.toFixed(2)];
    const draw = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`;
    kids.push(`${page} 0 R`);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] ` +
        `/Resources << /XObject << /Im0 ${page + 2} 0 R >> >> /Contents ${page + 1} 0 R >>`,
      `<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`,
      `<< /Type /XObject /Subtype /Image /Width ${p.widthPx} /Height ${p.heightPx} ` +
        `/ColorSpace /${colour ? 'DeviceRGB' : 'DeviceGray'} /BitsPerComponent 8 /Filter /DCTDecode ` +
        `/Length ${p.jpeg.length} >>\nstream\n${p.jpeg.toString('latin1')}\nendstream`,
    );
  });
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages.length} >>`;
  return assemblePdf(objects);
}

/** A vector PDF as its scan: an image-only PDF of the same pages. */
export async function scanPdf(pdf: Uint8Array | string, o: ScanOptions): Promise<Uint8Array> {
  return imagePdf(await scanPages(pdf, o), o.colour);
}
