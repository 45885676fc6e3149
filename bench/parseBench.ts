// Parse throughput and peak memory per format, in one parse thread with the resource limits of
// the real ones (pipeline/local/parsePool.ts), over the corpus and samples repeated to a few
// thousand documents. Beside the PDFs, `pdftotext -layout` on the same files in the same run
// (round by round, interleaved with the parsing), when poppler-utils is installed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PARSE_THREAD_LIMITS } from '../src/model/config';
import { parseReport } from '../pipeline/parseReport';
import { detectFormat } from '../parsers/detectFormat';
import { parseDocument } from '../parsers';
import { analyseDoc } from '../src/analyse';

const root = resolve(__dirname, '..', '..');
const DIRS = [
  join(root, 'tests', 'corpus', 'real'),
  ...['text', 'html', 'pdf', 'docx'].map((d) => join(root, 'samples', d)),
];

interface Input {
  path: string;
  bytes: Buffer;
  format: string;
}

function inputs(): Input[] {
  const out: Input[] = [];
  for (const dir of DIRS) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) {
      if (/\.(json|md|mjs|ts)$/.test(f) || /SOURCES/.test(f)) continue;
      const bytes = readFileSync(join(dir, f));
      const format = detectFormat(bytes, f);
      out.push({ path: join(dir, f), bytes, format });
    }
  }
  return out;
}

export interface FormatResult {
  format: string;
  files: number;
  docs: number;
  perSecond: number;
  perCpuSecond?: number;
  msPerDoc: number;
  msPerPage?: number;
  startRssMb: number;
  peakRssMb: number;
  endRssMb: number;
  failed: number;
  pdftotextMs?: number;
  ratioToPdftotext?: number;
  stages?: { readMs: number; analyseMs: number };
}

async function benchFormat(format: string, all: Input[], target: number): Promise<FormatResult> {
  // warm up once (loads pdf.js, jieba, CMaps) so the rate is the steady state; files that fail
  // (encrypted, truncated samples) or need OCR measure something else and are left out
  const files: Input[] = [];
  const excluded: string[] = [];
  for (const f of all) {
    const t = performance.now();
    const rec = await parseReport(f.bytes, { path: f.path });
    if (rec.error || rec.findings?.some((x) => x.startsWith('read by OCR')) || performance.now() - t > 5000)
      excluded.push(basename(f.path));
    else files.push(f);
  }
  if (excluded.length) console.log(`${format}: left out of the timing: ${excluded.join(', ')}`);
  if (!files.length)
    return {
      format,
      files: 0,
      docs: 0,
      perSecond: 0,
      msPerDoc: 0,
      startRssMb: 0,
      peakRssMb: 0,
      endRssMb: 0,
      failed: 0,
    };
  // then a tenth of the timed documents again, untimed: V8 optimises the hot functions over the
  // first few hundred reports, and a worker's throughput over a long batch is the steady state
  const rounds = Math.max(1, Math.ceil(target / files.length));
  for (let r = 0; r < Math.ceil(rounds / 10); r++) for (const f of files) await parseReport(f.bytes, { path: f.path });
  const start = process.memoryUsage().rss;
  let peak = start;
  // PDFs: after each round of parsing, one round of pdftotext over the same files, so that both
  // see the same load on this shared machine; only the parsing rounds are on the parse clock
  const withPdftotext = format === 'pdf' && hasPdftotext();
  let docs = 0,
    failed = 0,
    ms = 0,
    pdftotextTotal = 0,
    cpuMs = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const f of files) {
      const rec = await parseReport(f.bytes, { path: f.path });
      docs++;
      if (rec.error) failed++;
    }
    const c = process.cpuUsage(c0);
    cpuMs += (c.user + c.system) / 1000;
    ms += performance.now() - t0;
    peak = Math.max(peak, process.memoryUsage().rss);
    if (withPdftotext) pdftotextTotal += pdftotextRoundMs(files);
  }
  // per core: CPU time, which other load on the machine does not inflate as much as wall time
  const result: FormatResult = {
    format,
    files: files.length,
    docs,
    perSecond: round((docs / ms) * 1000),
    perCpuSecond: round((docs / cpuMs) * 1000),
    msPerDoc: round(ms / docs),
    startRssMb: mb(start),
    peakRssMb: mb(peak),
    endRssMb: mb(process.memoryUsage().rss),
    failed,
  };
  result.stages = await stageTimes(files);
  if (format === 'pdf') {
    const pageCount = files.reduce((n, f) => n + pdfPages(f.bytes), 0) * rounds;
    result.msPerPage = round(ms / Math.max(1, pageCount));
    if (withPdftotext) {
      result.pdftotextMs = round(pdftotextTotal / docs);
      result.ratioToPdftotext = round(ms / pdftotextTotal);
    }
  }
  return result;
}

/**
 * One more round, split into the two stages of a parse: reading the format into the document
 * model (parsers/) and the analysis of that model into a record (src/), ms per report each.
 */
async function stageTimes(files: Input[]): Promise<{ readMs: number; analyseMs: number }> {
  let readMs = 0,
    analyseMs = 0;
  for (const f of files) {
    const t0 = performance.now();
    const doc = await parseDocument(f.bytes, { fileName: f.path });
    const t1 = performance.now();
    analyseDoc(doc);
    readMs += t1 - t0;
    analyseMs += performance.now() - t1;
  }
  return { readMs: round(readMs / files.length), analyseMs: round(analyseMs / files.length) };
}

function pdfPages(bytes: Buffer): number {
  const m = bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g);
  return m ? m.length : 1;
}

const hasPdftotext = () => !spawnSync('pdftotext', ['-v']).error;

/**
 * `pdftotext -layout` once over the files, from one shell, its output thrown away (not copied
 * into this process, whose time that would add to pdftotext's).
 */
function pdftotextRoundMs(files: Input[]): number {
  const script = 'for f in "$@"; do pdftotext -layout "$f" - >/dev/null; done';
  const t0 = performance.now();
  const run = spawnSync('sh', ['-c', script, 'sh', ...files.map((f) => f.path)]);
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr}`);
  return performance.now() - t0;
}

const round = (n: number) => Math.round(n * 100) / 100;
const mb = (bytes: number) => round(bytes / 2 ** 20);

/**
 * Runs the formats one after another in one thread made as the parse pool makes its threads
 * (same resourceLimits: the young generation's size alone moved peak RSS by ~80 MB), so the
 * RSS printed is that of a warm parse worker (and this thread's small share of the process).
 */
export function runParseBench(
  targets: Record<string, number> = { text: 3000, html: 1000, pdf: 60, docx: 200, doc: 0 },
): Promise<FormatResult[]> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(__filename, {
      workerData: { benchTargets: targets },
      resourceLimits: PARSE_THREAD_LIMITS,
    });
    thread.once('message', (results: FormatResult[]) => {
      resolve(results);
      void thread.terminate();
    });
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the bench thread ended (exit code ${code})`)));
  });
}

async function benchInThread(targets: Record<string, number>): Promise<FormatResult[]> {
  const all = inputs();
  const results: FormatResult[] = [];
  for (const [format, target] of Object.entries(targets)) {
    const files = all.filter((f) => f.format === format);
    if (!files.length || !target) continue;
    results.push(await benchFormat(format, files, target));
  }
  return results;
}

if (!isMainThread && workerData?.benchTargets)
  benchInThread(workerData.benchTargets as Record<string, number>).then((results) => parentPort!.postMessage(results));
