// One page of an image-only PDF read by OCR: rendered (pdftoppm), straightened, its borders
// found and its words read (scan/readScanPage.ts, tesseract). The same code runs in the parse
// thread or in a child process of its own (ocrPageChild.ts); see ocrPdf.ts for which.
import { execFile, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { announceChild } from '../childProcesses';
import type { TextItem } from './pageText';
import type { Ruling } from './pageRulings';
import { readScanPage } from './scan/readScanPage';

const run = promisify(execFile);

/** what a page's reading needs: the rendered file, where to write, the page's frame */
export interface OcrPageTask {
  input: string;
  dir: string;
  page: number;
  frame: { originX: number; originY: number; width: number; height: number };
  dpi: number;
  /** this page's time limit, ms */
  ms: number;
}

export interface OcrPageWords {
  items: TextItem[];
  rulings: Ruling[];
}

/** a running tool, announced so that a parse stopped from outside stops it too */
function announced<T>(running: Promise<T> & { child: ChildProcess }): Promise<T> {
  announceChild(running.child, false);
  return running;
}

/** the page's words and borders; a tool killed at the time limit rejects with `killed` set */
export async function readOcrPage(task: OcrPageTask): Promise<OcrPageWords> {
  const started = Date.now();
  const n = String(task.page);
  const prefix = path.join(task.dir, `p${n}`);
  await announced(
    run('pdftoppm', ['-r', String(task.dpi), '-gray', '-f', n, '-l', n, '-singlefile', task.input, prefix], {
      timeout: task.ms,
    }),
  );
  const readWords = async (image: string, digitsOnly?: 'eng' | 'chi_sim') => {
    const language = digitsOnly ? ['-l', digitsOnly, '-c', 'tessedit_char_whitelist=0123456789'] : ['-l', 'chi_sim'];
    const { stdout } = await announced(
      run('tesseract', [image, '-', ...language, '--psm', '6', 'tsv'], {
        timeout: Math.max(1, task.ms - (Date.now() - started)),
        maxBuffer: 64 * 1024 * 1024,
        // one thread: OpenMP threads fight over the cores other parses use (4× slower under load)
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      }),
    );
    return stdout;
  };
  const scan = await readScanPage(`${prefix}.pgm`, task.frame, task.dpi, readWords);
  return { items: scan.items, rulings: scan.rulings };
}
