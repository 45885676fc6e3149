// OCR in `npm run bench`: seconds per page to parse scanned PDFs, wall and CPU (this process and
// the tools it runs), with the cells read against the truth, and the memory: the peak RSS of
// the process while each scan is parsed on a parse thread made as the pool makes them (a queue
// worker with one thread), and the peaks of the programs it starts (the page's OCR process,
// tesseract, pdftoppm), which run beside it. The scans are the sample report's vector PDF put
// through tests/support/scanRender.ts (a 200 dpi greyscale scan, a small skew, light noise,
// JPEG 75), rendered in a process of its own so its images are not in the memory measured, and
// the published scanned sample page. Skipped without tesseract.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PARSE_THREAD_LIMITS } from '../src/model/config';
import { ChildPeaks } from './childPeaks';

// dist/bench/ when built, bench/ when run from source
const root = [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..')].find((d) =>
  existsSync(path.join(d, 'package.json')),
)!;
const VECTOR = path.join(root, 'samples', 'pdf', '2019-shanghai-bgt-lo.pdf');
const SCANNED = path.join(root, 'samples', 'pdf', 'scanned-page.pdf');
const SCAN = { dpi: 200, skew: 0.7, noise: { kind: 'saltPepper', amount: 0.001 }, jpegQuality: 75, seed: 1 };

export interface OcrResult {
  file: string;
  pages: number;
  'wall s/page': number;
  'CPU-s/page': number;
  cells: string;
  wrong: number | string;
  /** the whole process (main thread and the parse thread), the kernel's high-water mark */
  'peak RSS MB': number;
  /** the programs the parse started, each its own process: name → peak MB */
  'OCR processes peak MB': string;
  error: string;
}

/** CPU seconds of this process and of the children it has waited for (/proc/self/stat) */
function cpuSeconds(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return f.slice(11, 15).reduce((s, x) => s + Number(x), 0) / 100;
}

const pageCount = (bytes: Uint8Array) =>
  Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', ['-'], { input: bytes, encoding: 'utf8' }))?.[1]);

function tesseractReady(): boolean {
  try {
    return /\bchi_sim\b/.test(execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: 'pipe' }));
  } catch {
    return false;
  }
}

/** the process's peak RSS since the last reset, MB (writing 5 to clear_refs resets it) */
const vmHwmMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
const resetPeak = () => writeFileSync('/proc/self/clear_refs', '5');

type Measured = Omit<OcrResult, 'OCR processes peak MB'>;

async function measure(name: string, bytes: Uint8Array, pages: number, truthFile?: string): Promise<Measured> {
  // in the thread only: the main thread stays without the parsers, as a queue worker's
  const { DEFAULT_LIMITS } = require('../parsers/types') as typeof import('../parsers/types');
  const { parseReport } = require('../pipeline/parseReport') as typeof import('../pipeline/parseReport');
  const { readTruth, truthCells } = require('../tests/support/truth') as typeof import('../tests/support/truth');
  resetPeak();
  const [t0, c0] = [performance.now(), cpuSeconds()];
  // a file's time limit would turn a slow page into TIMEOUT and hide its seconds: measured without it
  const record = await parseReport(
    bytes,
    { path: `${name}.pdf` },
    { limits: { ...DEFAULT_LIMITS, timeoutMs: 900_000 } },
  );
  const [wall, cpu] = [(performance.now() - t0) / 1000, cpuSeconds() - c0];
  let cells = `${record.cells.filter((c) => c.value !== null).length} read`;
  let wrong: number | string = '—';
  if (truthFile && existsSync(truthFile)) {
    const got = new Map(record.cells.map((c) => [`${c.table}|${c.row}|${c.col}`, c.value]));
    const truth = truthCells(readTruth(truthFile));
    const printed = truth.filter((t) => t.value !== null);
    const right = printed.filter((t) => got.get(t.key) === t.value).length;
    wrong = truth.filter((t) => {
      const g = got.get(t.key);
      return g !== undefined && g !== null && g !== t.value;
    }).length;
    cells = `${right}/${printed.length} right`;
  }
  return {
    file: name,
    pages,
    'wall s/page': Math.round((10 * wall) / pages) / 10,
    'CPU-s/page': Math.round((10 * cpu) / pages) / 10,
    cells,
    wrong,
    'peak RSS MB': Math.round(vmHwmMb()),
    error: record.error ? `${record.error.code}: ${record.error.message.slice(0, 60)}` : '',
  };
}

/** the scanned sample report, made in a process of its own (its page images stay there) */
function renderScan(): Uint8Array {
  const script =
    `require(${JSON.stringify(require.resolve('../tests/support/scanRender'))})` +
    `.scanPdf(${JSON.stringify(VECTOR)}, ${JSON.stringify(SCAN)})` +
    '.then((b) => process.stdout.write(Buffer.from(b)))';
  const run = spawnSync(process.execPath, ['-e', script], { maxBuffer: 512 * 2 ** 20 });
  if (run.status !== 0) throw new Error(`rendering the scan failed: ${run.stderr}`);
  return new Uint8Array(run.stdout);
}

async function benchInThread(): Promise<void> {
  // all made and counted first: a tool run between two scans would count as the first's (the
  // main thread may poll once more before it reads that the first is done)
  const files: Array<[string, Uint8Array, string?]> = [
    ['2019-shanghai-bgt-lo, scanned at 200 dpi', renderScan(), `${VECTOR}.truth.json`],
  ];
  if (existsSync(SCANNED)) files.push(['scanned-page (published scan)', new Uint8Array(readFileSync(SCANNED))]);
  const pages = files.map(([, bytes]) => pageCount(bytes));
  for (const [i, [name, bytes, truth]] of files.entries()) {
    parentPort!.postMessage({ starting: name });
    parentPort!.postMessage({ result: await measure(name, bytes, pages[i], truth) });
  }
  parentPort!.postMessage({ done: true });
}

/** The scans parsed one after another on one parse thread with the pool's resource limits. */
export async function runOcrBench(): Promise<OcrResult[] | string> {
  if (!tesseractReady()) return 'tesseract with chi_sim is not installed';
  const peaks = new ChildPeaks();
  const out: OcrResult[] = [];
  return new Promise((resolve, reject) => {
    const thread = new Worker(__filename, { workerData: { ocrBench: true }, resourceLimits: PARSE_THREAD_LIMITS });
    thread.on('message', (msg: { starting?: string; result?: Measured; done?: boolean }) => {
      if (msg.starting) peaks.start();
      if (msg.result) {
        const programs = Object.entries(peaks.stop()).map(([name, mb]) => `${name} ${mb}`);
        out.push({ ...msg.result, 'OCR processes peak MB': programs.join(', ') });
      }
      if (msg.done) {
        resolve(out);
        void thread.terminate();
      }
    });
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the OCR bench thread ended (exit code ${code})`)));
  });
}

if (!isMainThread && workerData?.ocrBench) void benchInThread();
