// Parse throughput and memory per format, in one parse thread with the resource limits of the
// real ones (pipeline/local/parsePool.ts), over the corpus and samples repeated to a few
// thousand documents. Beside the PDFs, `pdftotext -layout` on the same files in the same run
// (round by round, interleaved with the parsing), when poppler-utils is installed.
// Memory is the process's, as for a queue worker with one parse thread: the main thread loads
// what a worker's main thread loads (queues/startWorker's modules) and nothing of the parsers,
// which only the thread loads. The peak is the kernel's high-water mark (VmHWM, reset at each
// format's start), so a spike inside one file counts, not only what is left between files.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PARSE_THREAD_LIMITS } from '../src/model/config';

// in the thread only: the main thread must not hold a second copy of the parsers
const parsing = () => ({
  ...(require('../pipeline/parseReport') as typeof import('../pipeline/parseReport')),
  ...(require('../parsers/detectFormat') as typeof import('../parsers/detectFormat')),
  ...(require('../parsers') as typeof import('../parsers')),
  ...(require('../src/analyse') as typeof import('../src/analyse')),
});

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
  const { detectFormat } = parsing();
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

/** Resident memory now and its peak since the last resetPeak(), bytes (the peak: Linux only). */
function memory(): { rss: number; peak?: number } {
  const rss = process.memoryUsage.rss();
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return { rss, peak: hwm ? Number(hwm) * 1024 : undefined };
  } catch {
    return { rss };
  }
}

/** Starts a new peak (writing 5 to clear_refs resets VmHWM to the RSS now). */
function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    /* not Linux: the peak is sampled between files instead */
  }
}

/**
 * The peak since the last reset: the kernel's, or the largest RSS seen between files. It also
 * names what set it: after each file of an untimed pass the peak is read (~0.1 ms, too slow
 * for the timed rounds of text, which are read once per round), and the last file after which
 * it had risen is the one during which the process reached it.
 */
class PeakMeter {
  private sampled = 0;
  private kernel = true;
  private highest = 0;
  /** the file (or timed round) during which the peak was last raised */
  by = '';
  constructor() {
    this.reset();
  }
  reset(): void {
    resetPeak();
    this.sampled = process.memoryUsage.rss();
    this.highest = 0;
    this.by = '';
  }
  /** after a file or a round: the fallback where there is no VmHWM, and who raised the peak */
  sample(what?: string): void {
    const m = memory();
    if (m.peak === undefined) this.kernel = false;
    this.sampled = Math.max(this.sampled, m.rss);
    const now = m.peak ?? this.sampled;
    if (what && now > this.highest) {
      this.highest = now;
      this.by = what;
    }
  }
  get peak(): number {
    const m = memory();
    return this.kernel && m.peak !== undefined ? m.peak : Math.max(this.sampled, m.rss);
  }
}

export interface FormatResult {
  format: string;
  files: number;
  docs: number;
  perSecond: number;
  perCpuSecond?: number;
  msPerDoc: number;
  msPerPage?: number;
  /** RSS before the format's first file (what the formats before it left) */
  startRssMb: number;
  /** highest RSS while the format was parsed, its warm-up and the files left out of the timing included */
  peakRssMb: number;
  /** the file during which the peak was reached (or the timed round, which are not read per file) */
  peakBy: string;
  endRssMb: number;
  failed: number;
  pdftotextMs?: number;
  ratioToPdftotext?: number;
  stages?: { readMs: number; analyseMs: number };
  /** the rate of the first timed block, a fresh worker's (perCpuSecond is the steady state's) */
  firstPerCpuSecond?: number;
  /** reports the thread had parsed before the block whose rate is reported */
  docsBefore?: number;
}

/** how long the bench goes on timing blocks while the rate still rises (per format) */
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 40);

interface Block {
  docs: number;
  failed: number;
  ms: number;
  cpuMs: number;
  pdftotextMs: number;
}

/** reports per CPU millisecond in a block */
const perCpuMs = (b: Block) => b.docs / b.cpuMs;

/** `rounds` rounds over the files on the clock (and, for PDFs, pdftotext after each round) */
async function timedBlock(files: Input[], rounds: number, withPdftotext: boolean, meter: PeakMeter): Promise<Block> {
  const { parseReport } = parsing();
  const b: Block = { docs: 0, failed: 0, ms: 0, cpuMs: 0, pdftotextMs: 0 };
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const f of files) {
      const rec = await parseReport(f.bytes, { path: f.path });
      b.docs++;
      if (rec.error) b.failed++;
    }
    const c = process.cpuUsage(c0);
    b.cpuMs += (c.user + c.system) / 1000;
    b.ms += performance.now() - t0;
    meter.sample(`timed round ${r + 1}`);
    if (withPdftotext) b.pdftotextMs += pdftotextRoundMs(files);
  }
  return b;
}

async function benchFormat(format: string, all: Input[], target: number, meter: PeakMeter): Promise<FormatResult> {
  const { parseReport } = parsing();
  meter.reset();
  const start = process.memoryUsage.rss();
  // warm up once (loads pdf.js, jieba, CMaps) so the rate is the steady state; files that fail
  // (encrypted, truncated samples) or need OCR measure something else and are left out of the
  // timing, not of the memory: a worker meets them too
  const files: Input[] = [];
  const excluded: string[] = [];
  for (const f of all) {
    const t = performance.now();
    const rec = await parseReport(f.bytes, { path: f.path });
    meter.sample(basename(f.path));
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
      startRssMb: mb(start),
      peakRssMb: mb(meter.peak),
      peakBy: meter.by,
      endRssMb: mb(process.memoryUsage.rss()),
      failed: 0,
    };
  // then a tenth of the timed documents again, untimed, before the first timed block
  const rounds = Math.max(1, Math.ceil(target / files.length));
  const warmRounds = Math.ceil(rounds / 10);
  for (let r = 0; r < warmRounds; r++)
    for (const f of files) {
      await parseReport(f.bytes, { path: f.path });
      meter.sample(basename(f.path));
    }
  // PDFs: after each round of parsing, one round of pdftotext over the same files, so that both
  // see the same load on this shared machine; only the parsing rounds are on the parse clock
  const withPdftotext = format === 'pdf' && hasPdftotext();
  // V8 goes on optimising (and re-optimising after deopts) for thousands of reports: the first
  // block is a fresh worker's rate; blocks then run for STEADY_SECONDS, and the rate reported is
  // the median block of their second half, a worker's over a long batch (the median, not the
  // best: one block's rate on this shared machine varies by a fifth)
  const blocks = [await timedBlock(files, rounds, withPdftotext, meter)];
  const started = performance.now();
  while (blocks.length < 3 || performance.now() - started < STEADY_SECONDS * 1000)
    blocks.push(await timedBlock(files, rounds, withPdftotext, meter));
  const first = blocks[0];
  const late = blocks.map((b, i) => ({ b, i })).slice(Math.floor(blocks.length / 2));
  late.sort((x, y) => perCpuMs(x.b) - perCpuMs(y.b));
  const { b: steady, i: steadyAt } = late[Math.floor(late.length / 2)];
  const { docs, failed, ms, pdftotextMs } = steady;
  // per core: CPU time, which other load on the machine does not inflate as much as wall time
  const result: FormatResult = {
    format,
    files: files.length,
    docs,
    perSecond: round((docs / ms) * 1000),
    perCpuSecond: round(perCpuMs(steady) * 1000),
    firstPerCpuSecond: round(perCpuMs(first) * 1000),
    // the untimed pass over the files, the warm-up rounds, the blocks before
    docsBefore: (1 + warmRounds) * files.length + steadyAt * first.docs,
    msPerDoc: round(ms / docs),
    startRssMb: mb(start),
    peakRssMb: 0,
    peakBy: '',
    endRssMb: 0,
    failed,
  };
  result.stages = await stageTimes(files, meter);
  result.peakRssMb = mb(meter.peak);
  result.peakBy = meter.by;
  result.endRssMb = mb(process.memoryUsage.rss());
  if (format === 'pdf') {
    const pageCount = files.reduce((n, f) => n + pdfPages(f.bytes), 0) * rounds;
    result.msPerPage = round(ms / Math.max(1, pageCount));
    if (withPdftotext) {
      result.pdftotextMs = round(pdftotextMs / docs);
      result.ratioToPdftotext = round(ms / pdftotextMs);
    }
  }
  return result;
}

/**
 * One more round, split into the two stages of a parse: reading the format into the document
 * model (parsers/) and the analysis of that model into a record (src/), ms per report each.
 */
async function stageTimes(files: Input[], meter: PeakMeter): Promise<{ readMs: number; analyseMs: number }> {
  const { parseDocument, analyseDoc } = parsing();
  let readMs = 0,
    analyseMs = 0;
  for (const f of files) {
    const t0 = performance.now();
    const doc = await parseDocument(f.bytes, { fileName: f.path });
    const t1 = performance.now();
    analyseDoc(doc);
    readMs += t1 - t0;
    analyseMs += performance.now() - t1;
    meter.sample(`${basename(f.path)} (stages)`);
  }
  return { readMs: round(readMs / files.length), analyseMs: round(analyseMs / files.length) };
}

/** One line of the long run: RSS after `reports` reports, and the peak since the line before. */
export interface FlatPoint {
  reports: number;
  rssMb: number;
  peakMb: number;
  heapUsedMb: number;
  externalMb: number;
  /** the file during which that peak was reached */
  peakBy: string;
}

/** Every how many reports the long run prints a line. */
export const FLAT_STEP = 1000;

/**
 * The long run: `total` more reports on the same thread, the formats mixed as government sites
 * publish them (60% HTML, 30% PDF, 10% DOCX; text where there is no DOCX) and the files left out
 * of the timing (failures, scans read by OCR) once per step each, so that a worker's memory can
 * be seen to stay flat over its life rather than creep. A line every FLAT_STEP reports.
 */
async function flatRun(all: Input[], total: number, meter: PeakMeter, report: (p: FlatPoint) => void) {
  const { parseReport } = parsing();
  // files that parse cleanly and fast go in the mix; the others once per step each
  const clean: Input[] = [],
    rare: Input[] = [];
  for (const f of all) {
    const t = performance.now();
    const rec = await parseReport(f.bytes, { path: f.path });
    const slow = rec.findings?.some((x) => x.startsWith('read by OCR')) || performance.now() - t > 5000;
    (rec.error || slow ? rare : clean).push(f);
  }
  const pick = (format: string) => clean.filter((f) => f.format === format);
  const mix: Array<[Input[], number]> = [
    [pick('html'), 6],
    [pick('pdf'), 3],
    [pick('docx').length ? pick('docx') : pick('text'), 1],
  ];
  const shares = mix.filter(([files]) => files.length);
  const wheel: Input[] = [];
  const turns = Math.max(...shares.map(([files]) => files.length));
  for (let t = 0; t < turns; t++)
    for (const [files, n] of shares) for (let j = 0; j < n; j++) wheel.push(files[(t * n + j) % files.length]);
  meter.reset();
  let done = 0;
  while (done < total) {
    const step = Math.min(FLAT_STEP, total - done);
    for (let i = 0; i < step; i++) {
      const f = i < rare.length ? rare[i] : wheel[(done + i) % wheel.length];
      await parseReport(f.bytes, { path: f.path });
      meter.sample(basename(f.path));
    }
    done += step;
    const m = process.memoryUsage();
    report({
      reports: done,
      rssMb: mb(m.rss),
      peakMb: mb(meter.peak),
      heapUsedMb: mb(m.heapUsed),
      externalMb: mb(m.external),
      peakBy: meter.by,
    });
    meter.reset();
  }
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
 * (same resourceLimits: the young generation's size alone moved peak RSS by ~80 MB), then, when
 * `flatReports` is set, that many more mixed reports on the same thread. The main thread loads
 * the modules a queue worker's main thread loads, so the RSS printed is that of a queue worker
 * with one warm parse thread (less its Redis and database connections).
 */
export function runParseBench(
  targets: Record<string, number> = { text: 3000, html: 1000, pdf: 60, docx: 200, doc: 0 },
  opts: { flatReports?: number; onFlat?: (p: FlatPoint) => void } = {},
): Promise<FormatResult[]> {
  require('../queues/startWorker');
  return new Promise((resolve, reject) => {
    const thread = new Worker(__filename, {
      workerData: { benchTargets: targets, flatReports: opts.flatReports ?? 0 },
      resourceLimits: PARSE_THREAD_LIMITS,
    });
    thread.on('message', (msg: { results?: FormatResult[]; flat?: FlatPoint }) => {
      if (msg.flat) return opts.onFlat?.(msg.flat);
      resolve(msg.results!);
      void thread.terminate();
    });
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the bench thread ended (exit code ${code})`)));
  });
}

async function benchInThread(targets: Record<string, number>, flatReports: number): Promise<FormatResult[]> {
  const all = inputs();
  const meter = new PeakMeter();
  const results: FormatResult[] = [];
  for (const [format, target] of Object.entries(targets)) {
    const files = all.filter((f) => f.format === format);
    if (!files.length || !target) continue;
    results.push(await benchFormat(format, files, target, meter));
  }
  if (flatReports > 0) await flatRun(all, flatReports, meter, (flat) => parentPort!.postMessage({ flat }));
  return results;
}

if (!isMainThread && workerData?.benchTargets)
  benchInThread(workerData.benchTargets as Record<string, number>, workerData.flatReports as number).then((results) =>
    parentPort!.postMessage({ results }),
  );
