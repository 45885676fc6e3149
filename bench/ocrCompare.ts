// Tesseract (chi_sim, as parsers/pdf/ocrPdf.ts runs it) against PaddleOCR (PP-OCRv4 through
// @gutenye/ocr-node on onnxruntime-node) on the same software scans of vector PDFs, whose own
// text (pdftotext) is the truth. Per page and engine: characters right (1 − edit distance /
// length, whitespace ignored), table row labels found, numbers found, seconds (wall and CPU).
// OCR_TEXT_DIR=dir keeps each engine's text of each page.
// PaddleOCR is not a dependency of the project: install it elsewhere and point PADDLE_DIR at it
//   mkdir /tmp/paddle && cd /tmp/paddle && npm init -y && npm install --ignore-scripts @gutenye/ocr-node
//   npm run build && PADDLE_DIR=/tmp/paddle node dist/bench/ocrCompare.js [--dpi 150,200,300] [file.pdf:3 …]
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { CATALOG } from '../src/tables/catalog';
import { scanPages } from '../tests/support/scanRender';

const run = promisify(execFile);
// dist/bench/ when built, bench/ when run from source
const root = [path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..')].find((d) =>
  existsSync(path.join(d, 'package.json')),
)!;

/** pages with the national tables and pages of prose, from the samples and the labelled corpus */
const DEFAULT_PAGES = [
  'samples/pdf/2019-shanghai-bgt-lo.pdf:1',
  'samples/pdf/2019-shanghai-bgt-lo.pdf:3',
  'samples/pdf/2019-shanghai-bgt-lo.pdf:4',
  'samples/pdf/2019-shanghai-bgt-lo.pdf:5',
  'tests/corpus/real/2024-huaian-1.pdf:2',
  'tests/corpus/real/2024-huaian-1.pdf:3',
  'tests/corpus/real/2024-huaian-1.pdf:4',
  'tests/corpus/real/2023-hongzequ-1.pdf:2',
  'tests/corpus/real/2023-hongzequ-1.pdf:3',
  'tests/corpus/real/2024-hongzequ-1.pdf:3',
];

/** every row label of the standard tables, group labels split off (行政诉讼·复议后起诉 → 复议后起诉) */
const LABELS = [
  ...new Set(
    Object.values(CATALOG)
      .flatMap((t) => Object.values(t).flat())
      .flatMap((row) => row.label.split('·'))
      .map((l) => l.replace(/\s/g, ''))
      .filter((l) => l.length >= 2),
  ),
];

/** OCR engines mix half- and full-width forms of the same character: compare them as one */
const halfWidth = (s: string) => s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
const fold = (s: string) => halfWidth(s).replace(/\s/g, '');
/** the numbers of a text, taken before its spaces are dropped: the cells 0 0 0 are three numbers */
const numbers = (s: string) => halfWidth(s).match(/\d+(?:\.\d+)?/g) ?? [];

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** how many of `want` (a multiset) are in `got` */
function found(want: string[], got: string[]): number {
  const left = new Map<string, number>();
  for (const g of got) left.set(g, (left.get(g) ?? 0) + 1);
  let n = 0;
  for (const w of want) {
    const k = left.get(w) ?? 0;
    if (k > 0) {
      n++;
      left.set(w, k - 1);
    }
  }
  return n;
}

/** CPU seconds of this process and of the children it has waited for (/proc/self/stat) */
function cpuSeconds(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  const tick = 100;
  // fields 14–17 of stat (utime stime cutime cstime) are 12–15 after the ") "
  return f.slice(11, 15).reduce((s, x) => s + Number(x), 0) / tick;
}

interface Engine {
  name: string;
  read(jpegFile: string): Promise<string>;
}

const tesseract: Engine = {
  name: 'tesseract chi_sim',
  async read(file) {
    const { stdout } = await run('tesseract', [file, '-', '-l', 'chi_sim', '--psm', '6'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  },
};

async function paddle(dir: string): Promise<Engine> {
  const entry = path.join(dir, 'node_modules', '@gutenye', 'ocr-node', 'build', 'index.js');
  const mod = (await import(pathToFileURL(entry).href)) as {
    default: { create(): Promise<{ detect(file: string): Promise<{ text: string; box?: number[][] }[]> }> };
  };
  const ocr = await mod.default.create();
  return {
    name: 'PaddleOCR PP-OCRv4',
    async read(file) {
      const lines = await ocr.detect(file);
      // the library gives the lines in reading order, cells of one table row on one line
      return lines.map((l) => l.text).join('\n');
    },
  };
}

interface Row {
  engine: string;
  dpi: number;
  page: string;
  chars: number;
  charsRight: number;
  labels: number;
  labelsFound: number;
  numbers: number;
  numbersFound: number;
  /** numbers the engine read that the page does not print: misread digits */
  numbersExtra: number;
  wall: number;
  cpu: number;
}

async function main() {
  const args = process.argv.slice(2);
  const dpiArg = args.indexOf('--dpi');
  const dpis = dpiArg >= 0 ? args[dpiArg + 1].split(',').map(Number) : [150, 200, 300];
  const pages = args.filter((a, i) => /:\d+$/.test(a) && args[i - 1] !== '--dpi');
  const engines = [tesseract];
  if (process.env.PADDLE_DIR) engines.push(await paddle(process.env.PADDLE_DIR));
  else console.log('PADDLE_DIR is not set: Tesseract only');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'xxgk-ocrcompare-'));
  const rows: Row[] = [];
  try {
    for (const spec of pages.length ? pages : DEFAULT_PAGES) {
      const [file, p] = [spec.replace(/:\d+$/, ''), Number(spec.match(/:(\d+)$/)![1])];
      const abs = path.resolve(root, file);
      const truth = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), abs, '-'], { encoding: 'utf8' });
      const want = fold(truth);
      const labels = LABELS.filter((l) => want.includes(l));
      for (const dpi of dpis) {
        // one scan per page and resolution, the same for both engines
        const [scan] = await scanPages(abs, {
          dpi,
          skew: 0.8,
          noise: { kind: 'saltPepper', amount: 0.001 },
          jpegQuality: 75,
          seed: p,
          first: p,
          last: p,
        });
        const jpg = path.join(tmp, `${path.basename(file)}-${p}-${dpi}.jpg`);
        writeFileSync(jpg, scan.jpeg);
        for (const e of engines) {
          const [t0, c0] = [performance.now(), cpuSeconds()];
          const text = await e.read(jpg);
          const [wall, cpu] = [(performance.now() - t0) / 1000, cpuSeconds() - c0];
          const got = fold(text);
          if (process.env.OCR_TEXT_DIR)
            writeFileSync(path.join(process.env.OCR_TEXT_DIR, `${path.basename(jpg, '.jpg')}-${e.name}.txt`), text);
          const row: Row = {
            engine: e.name,
            dpi,
            page: `${path.basename(file)}:${p}`,
            chars: want.length,
            charsRight: Math.max(0, want.length - editDistance(got, want)),
            labels: labels.length,
            labelsFound: labels.filter((l) => got.includes(l)).length,
            numbers: numbers(truth).length,
            numbersFound: found(numbers(truth), numbers(text)),
            numbersExtra: numbers(text).length - found(numbers(text), numbers(truth)),
            wall,
            cpu,
          };
          rows.push(row);
          console.log(JSON.stringify(row));
        }
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log('\nPer engine and resolution, summed over the pages');
  const table = [];
  for (const e of engines)
    for (const dpi of dpis) {
      const rs = rows.filter((r) => r.engine === e.name && r.dpi === dpi);
      const sum = (k: keyof Row) => rs.reduce((s, r) => s + (r[k] as number), 0);
      const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
      table.push({
        engine: e.name,
        dpi,
        pages: rs.length,
        'chars right': pct(sum('charsRight'), sum('chars')),
        'labels found': `${sum('labelsFound')}/${sum('labels')}`,
        'numbers found': `${sum('numbersFound')}/${sum('numbers')} (${pct(sum('numbersFound'), sum('numbers'))})`,
        'numbers not printed': sum('numbersExtra'),
        's/page wall': (sum('wall') / rs.length).toFixed(1),
        'CPU-s/page': (sum('cpu') / rs.length).toFixed(1),
      });
    }
  console.table(table);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
