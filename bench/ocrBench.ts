// OCR in `npm run bench`: seconds per page to parse scanned PDFs, wall and CPU (this process and
// the tools it runs), with the cells read against the truth. The scans are the sample report's
// vector PDF put through tests/support/scanRender.ts (a 200 dpi greyscale scan, a small skew,
// light noise, JPEG 75) and the published scanned sample page. Skipped without tesseract.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LIMITS } from '../parsers/types';
import { parseReport } from '../pipeline/parseReport';
import { scanPdf } from '../tests/support/scanRender';
import { readTruth, truthCells } from '../tests/support/truth';

// dist/bench/ when built, bench/ when run from source
const root = [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..')].find((d) =>
  existsSync(path.join(d, 'package.json')),
)!;
const VECTOR = path.join(root, 'samples', 'pdf', '2019-shanghai-bgt-lo.pdf');
const SCANNED = path.join(root, 'samples', 'pdf', 'scanned-page.pdf');

export interface OcrResult {
  file: string;
  pages: number;
  'wall s/page': number;
  'CPU-s/page': number;
  cells: string;
  wrong: number | string;
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

async function measure(name: string, bytes: Uint8Array, truthFile?: string): Promise<OcrResult> {
  const pages = pageCount(bytes);
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
    error: record.error ? `${record.error.code}: ${record.error.message.slice(0, 60)}` : '',
  };
}

export async function runOcrBench(): Promise<OcrResult[] | string> {
  if (!tesseractReady()) return 'tesseract with chi_sim is not installed';
  const scan = await scanPdf(VECTOR, {
    dpi: 200,
    skew: 0.7,
    noise: { kind: 'saltPepper', amount: 0.001 },
    jpegQuality: 75,
    seed: 1,
  });
  const out = [await measure('2019-shanghai-bgt-lo, scanned at 200 dpi', scan, `${VECTOR}.truth.json`)];
  if (existsSync(SCANNED)) out.push(await measure('scanned-page (published scan)', readFileSync(SCANNED)));
  return out;
}
