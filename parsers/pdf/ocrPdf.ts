// Image-only PDFs: render each page (pdftoppm) and read it with tesseract (chi_sim), turning
// the recognised words into text items in PDF user space so the rest of the parser runs as for
// a text PDF. Used only when both tools are installed.
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { XxgkError } from '../../src/model/errors';
import type { Limits } from '../types';
import { announceChild, announceTempDir } from '../childProcesses';
import type { RawPdf } from './openPdf';
import type { TextItem } from './pageText';

const run = promisify(execFile);

/** a running tool, announced so that a parse stopped from outside stops it too */
function announced<T>(running: Promise<T> & { child: ChildProcess }): Promise<T> {
  announceChild(running.child, false);
  return running;
}
const DPI = 300;

let available: Promise<boolean> | undefined;

/** tesseract with the chi_sim language and pdftoppm are both on the PATH */
export function ocrAvailable(): Promise<boolean> {
  available ??= (async () => {
    try {
      const { stdout, stderr } = await run('tesseract', ['--list-langs'], { timeout: 10_000 });
      if (!/\bchi_sim\b/.test(stdout + stderr)) return false;
      await run('pdftoppm', ['-v'], { timeout: 10_000 });
      return true;
    } catch {
      return false;
    }
  })();
  return available;
}

export async function ocrPdf(bytes: Uint8Array, raw: RawPdf, limits: Limits): Promise<RawPdf> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'xxgk-ocr-'));
  announceTempDir(dir, true);
  const deadline = Date.now() + limits.timeoutMs;
  const left = () => {
    const ms = deadline - Date.now();
    if (ms <= 0) throw new XxgkError('TIMEOUT', `OCR took longer than ${limits.timeoutMs} ms`);
    return ms;
  };
  try {
    const input = path.join(dir, 'in.pdf');
    await writeFile(input, bytes);
    await announced(
      run('pdftoppm', ['-r', String(DPI), '-gray', '-png', input, path.join(dir, 'p')], { timeout: left() }),
    );
    const images = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
    const pages = [];
    for (const rp of raw.pages) {
      const image = images.find((f) => Number(f.match(/-(\d+)\.png$/)?.[1]) === rp.page);
      if (!image) {
        pages.push(rp);
        continue;
      }
      const { stdout } = await announced(
        run('tesseract', [path.join(dir, image), '-', '-l', 'chi_sim', '--psm', '6', 'tsv'], {
          timeout: left(),
          maxBuffer: 64 * 1024 * 1024,
        }),
      );
      pages.push({ ...rp, items: tsvToItems(stdout, rp.originX, rp.originY + rp.height) });
    }
    return { ...raw, pages };
  } catch (e) {
    throw ocrError(e);
  } finally {
    await rm(dir, { recursive: true, force: true });
    announceTempDir(dir, false);
  }
}

/**
 * The tools are installed (ocrAvailable), so when they fail it is the file: pages pdftoppm
 * cannot render or tesseract cannot read. Killed at its time limit → TIMEOUT.
 */
function ocrError(e: unknown): XxgkError {
  if (e instanceof XxgkError) return e;
  const err = e as Error & { killed?: boolean; stderr?: string };
  const said = (err.stderr || err.message || String(e))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-2)
    .join(' ')
    .slice(0, 300);
  if (err.killed) return new XxgkError('TIMEOUT', 'OCR took longer than the time limit');
  if (/password/i.test(said))
    return new XxgkError('ENCRYPTED_PDF', `the PDF's pages cannot be rendered for OCR without a password (${said})`);
  return new XxgkError('CORRUPT_FILE', `the PDF's pages could not be rendered and read for OCR (${said})`);
}

/** tesseract TSV (level 5 = word, pixel box from the top left) → items in PDF points. */
function tsvToItems(tsv: string, originX: number, top: number): TextItem[] {
  const k = 72 / DPI;
  const items: TextItem[] = [];
  for (const row of tsv.split('\n').slice(1)) {
    const f = row.split('\t');
    if (f[0] !== '5' || f.length < 12) continue;
    const text = f[11].trim();
    if (!text || Number(f[10]) < 0) continue;
    const [left, topPx, width, height] = [f[6], f[7], f[8], f[9]].map(Number);
    const size = Math.max(height * k, 4);
    items.push({
      str: text,
      x0: originX + left * k,
      x1: originX + (left + width) * k,
      y: top - (topPx + height) * k + size * 0.15,
      size,
      vertical: false,
    });
  }
  return items;
}
