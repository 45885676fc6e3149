// Image-only PDFs: render each page (pdftoppm), straighten it and find its table borders
// (scan/), and read it with tesseract (chi_sim), turning the words and borders into text items
// and ruling lines in PDF user space so the rest of the parser runs as for a text PDF. Each
// page has its own time limit. Used only when both tools are installed. Built, each page is read
// in a child process of its own (ocrPageChild.ts), so that the page images never sit in the
// parse thread's memory.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { deserialize } from 'node:v8';
import { XxgkError } from '../../src/model/errors';
import type { Limits } from '../types';
import { announceChild, announceTempDir } from '../childProcesses';
import { OCR_SETTINGS } from '../../src/model/config';
import type { RawPage, RawPdf } from './openPdf';
import type { OcrPageTask, OcrPageWords } from './ocrPage';

const run = promisify(execFile);
let available: Promise<boolean> | undefined;

/** tesseract with the chi_sim and eng (digits) languages and pdftoppm are all on the PATH */
export function ocrAvailable(): Promise<boolean> {
  available ??= (async () => {
    try {
      const { stdout, stderr } = await run('tesseract', ['--list-langs'], { timeout: 10_000 });
      if (!/\bchi_sim\b/.test(stdout + stderr) || !/\beng\b/.test(stdout + stderr)) return false;
      await run('pdftoppm', ['-v'], { timeout: 10_000 });
      return true;
    } catch {
      return false;
    }
  })();
  return available;
}

export interface OcrResult {
  raw: RawPdf;
  /** pages left unread, and why */
  notes: string[];
}

/** the rest of the parse (tables, sections, rules) after the last page is read, ms */
const RESERVE = 0.1;

export async function ocrPdf(bytes: Uint8Array, raw: RawPdf, limits: Limits): Promise<OcrResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'xxgk-ocr-'));
  announceTempDir(dir, true);
  const deadline = Date.now() + limits.timeoutMs * (1 - RESERVE);
  const left = () => deadline - Date.now();
  const notes: string[] = [];
  try {
    const input = path.join(dir, 'in.pdf');
    await writeFile(input, bytes);
    const pages: RawPage[] = [];
    let read = 0;
    for (const [i, rp] of raw.pages.entries()) {
      // each page its own share: a slow page is skipped, the file goes on; a page gets at least
      // its even part of the time left, so a short scan on a busy machine is not cut early
      const share = Math.floor(Math.min(left(), Math.max(OCR_SETTINGS.pageMs, left() / (raw.pages.length - i))));
      if (share < 1000) {
        notes.push(`page ${rp.page} not read by OCR: the file's time limit (${limits.timeoutMs} ms) was reached`);
        pages.push(rp);
        continue;
      }
      const page = await readPage(input, dir, rp, share);
      if (page) {
        pages.push(page);
        read++;
      } else {
        notes.push(`page ${rp.page} not read by OCR: it took longer than ${Math.round(share)} ms`);
        pages.push(rp);
      }
    }
    // not one page read in time: the machine or the file; a TIMEOUT is retried once on a quiet worker
    if (!read && notes.length)
      throw new XxgkError('TIMEOUT', `no page was read by OCR within the time limit (${notes.join('; ')})`);
    return { raw: { ...raw, pages }, notes };
  } catch (e) {
    throw ocrError(e);
  } finally {
    await rm(dir, { recursive: true, force: true });
    announceTempDir(dir, false);
  }
}

/** one page rendered, straightened and read; undefined when it passed its time */
async function readPage(input: string, dir: string, rp: RawPage, ms: number): Promise<RawPage | undefined> {
  const task: OcrPageTask = {
    input,
    dir,
    page: rp.page,
    frame: { originX: rp.originX, originY: rp.originY, width: rp.width, height: rp.height },
    dpi: OCR_SETTINGS.dpi,
    ms,
  };
  try {
    const script = childScript();
    const words = script ? await readInChild(script, task) : await readOnThread(task);
    return { ...rp, items: words.items, rulings: words.rulings, ocr: true };
  } catch (e) {
    if ((e as { killed?: boolean }).killed) return undefined;
    throw e;
  }
}

/** loaded only here: sharp (libvips) would otherwise be mapped into every parse thread's process */
function readOnThread(task: OcrPageTask): Promise<OcrPageWords> {
  const { readOcrPage } = require('./ocrPage') as typeof import('./ocrPage');
  return readOcrPage(task);
}

/** The compiled child script; none when running from the TypeScript sources (tests): the page
 * is then read on this thread, by the same code. */
function childScript(): string | undefined {
  const script = path.join(__dirname, 'ocrPageChild.js');
  return existsSync(script) ? script : undefined;
}

/** how long past the page's time a child that has not stopped its own tools is killed, ms */
const CHILD_GRACE_MS = 2000;

/**
 * The page read in a child process (ocrPageChild.ts), in its own process group. The child
 * stops its tools at the page's time itself (and reaps them); should it not, the group is
 * killed a little later, as it is when the pool stops the thread. Rejects as the tools would:
 * `killed` at the time limit, `stderr` from them.
 */
function readInChild(script: string, task: OcrPageTask): Promise<OcrPageWords> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, JSON.stringify(task)], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    announceChild(child, true);
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, task.ms + CHILD_GRACE_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (killed) return reject(Object.assign(new Error('the OCR of the page took too long'), { killed }));
      let reply: { page?: OcrPageWords; error?: { message: string; stderr?: string; killed?: boolean } };
      try {
        reply = deserialize(Buffer.concat(out));
      } catch {
        // no reply at all: the process itself failed (ours, not the file's)
        const lines = stderr.split('\n').map((l) => l.trim());
        const said = (lines.find((l) => /^\w*Error\b/.test(l)) ?? lines.find(Boolean) ?? '').slice(0, 300);
        return reject(new XxgkError('INTERNAL', `the OCR process ended with code ${code} and no reply: ${said}`));
      }
      if (reply.page) resolve(reply.page);
      else reject(Object.assign(new Error(reply.error!.message), reply.error));
    });
  });
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
  // the whole of what the tool said: a password line may come before other lines
  if (/password/i.test(err.stderr || err.message || String(e)))
    return new XxgkError('ENCRYPTED_PDF', `the PDF's pages cannot be rendered for OCR without a password (${said})`);
  return new XxgkError('CORRUPT_FILE', `the PDF's pages could not be rendered and read for OCR (${said})`);
}
