// `npm run fuzz -- --seconds N [--format pdf|docx|html|text] [--seed S] [--threads T]`
// Mutates the samples of each format (fuzz/mutate.ts) and parses every mutant through the real
// parse path: the thread pool with its time limit and memory bound (pipeline/local/parsePool).
// Counts per format: parses, error codes, INTERNAL, TIMEOUT (hangs), crashes (a parse that gave
// no record at all) and the peak RSS of the process while a parse ran. Every INTERNAL, TIMEOUT,
// crash, parse over 1 GB and parse slower than a third of the time limit is kept in
// fuzz-out/findings/ with its seed, to be made again.
import { mkdirSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { createParsePool } from '../pipeline/local/parsePool';
import { PARSE_LIMITS } from '../src/model/config';
import { mutate, type Format } from './mutate';

const REPO = resolve(__dirname, '..', '..');
const FORMATS: Format[] = ['pdf', 'docx', 'html', 'text'];
const EXTENSIONS: Record<Format, string[]> = {
  pdf: ['.pdf'],
  docx: ['.docx'],
  html: ['.html', '.htm'],
  text: ['.txt', '.md'],
};
const RSS_LIMIT = 1024 * 1024 * 1024;

interface Args {
  seconds: number;
  formats: Format[];
  seed: number;
  threads: number;
  timeoutMs?: number;
  out: string;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const format = get('format');
  if (format && !FORMATS.includes(format as Format)) throw new Error(`--format must be one of ${FORMATS.join(', ')}`);
  const seconds = Number(get('seconds') ?? 60);
  if (!(seconds > 0)) throw new Error('--seconds must be a positive number');
  return {
    seconds,
    formats: format ? [format as Format] : FORMATS,
    seed: Number(get('seed') ?? Date.now() % 2 ** 31),
    threads: Number(get('threads') ?? 1),
    timeoutMs: get('timeout-ms') ? Number(get('timeout-ms')) : undefined,
    out: resolve(get('out') ?? join(REPO, 'fuzz-out')),
  };
}

/** the samples of a format: samples/ and the labelled corpus */
function seeds(format: Format): string[] {
  const dirs = [join(REPO, 'samples', format), join(REPO, 'tests', 'corpus', 'real')];
  const files: string[] = [];
  for (const dir of dirs) {
    for (const name of readdirSync(dir).sort()) {
      if (EXTENSIONS[format].includes(extname(name).toLowerCase())) files.push(join(dir, name));
    }
  }
  return files;
}

interface Tally {
  parses: number;
  ok: number;
  codes: Record<string, number>;
  internal: number;
  timeouts: number;
  crashes: number;
  peakRss: number;
  overRss: number;
  slow: number;
  slowestMs: number;
  seconds: number;
}

async function fuzzFormat(format: Format, args: Args): Promise<Tally> {
  const samples = seeds(format).map((path) => ({ path, bytes: readFileSync(path) }));
  const work = join(args.out, 'work');
  const findings = join(args.out, 'findings', format);
  mkdirSync(work, { recursive: true });
  mkdirSync(findings, { recursive: true });
  const pool = createParsePool(args.threads, args.timeoutMs ? { timeoutMs: args.timeoutMs } : {});
  await pool.ready();
  const tally: Tally = {
    parses: 0,
    ok: 0,
    codes: {},
    internal: 0,
    timeouts: 0,
    crashes: 0,
    peakRss: 0,
    overRss: 0,
    slow: 0,
    slowestMs: 0,
    seconds: 0,
  };
  const started = Date.now();
  const ext = EXTENSIONS[format][0];
  let n = 0;
  const one = async (lane: number) => {
    while (Date.now() - started < args.seconds * 1000) {
      const seed = args.seed + n++;
      const sample = samples[seed % samples.length];
      const bytes = await mutate(format, sample.bytes, seed);
      const path = join(work, `lane${lane}${ext}`);
      writeFileSync(path, bytes);
      // what is running, in case the whole process dies: the file is the reproducer
      writeFileSync(join(args.out, 'running.json'), JSON.stringify({ format, seed, sample: sample.path, path }));
      // the harness's own garbage (mutants are built here) must not count as the parse's memory
      (globalThis as { gc?: () => void }).gc?.();
      const base = process.memoryUsage.rss();
      let peak = base;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage.rss());
      }, 25);
      const t0 = Date.now();
      let kind: string | undefined;
      let detail: unknown;
      try {
        const record = await pool.parse({ path, sha256: '' });
        const code = record.error?.code;
        if (code) tally.codes[code] = (tally.codes[code] ?? 0) + 1;
        else tally.ok++;
        if (code === 'INTERNAL') {
          tally.internal++;
          kind = 'internal';
        }
        if (code === 'TIMEOUT') {
          tally.timeouts++;
          kind = 'timeout';
        }
        detail = record.error;
      } catch (e) {
        tally.crashes++;
        kind = 'crash';
        detail = { message: (e as Error).message };
      } finally {
        clearInterval(sampler);
      }
      peak = Math.max(peak, process.memoryUsage.rss());
      const ms = Date.now() - t0;
      tally.parses++;
      tally.slowestMs = Math.max(tally.slowestMs, ms);
      tally.peakRss = Math.max(tally.peakRss, peak);
      if (peak > RSS_LIMIT) {
        tally.overRss++;
        kind ??= 'rss';
      }
      // near the limit: a hang on a slower machine
      if (ms > (args.timeoutMs ?? PARSE_LIMITS.timeoutMs) / 3) {
        tally.slow++;
        kind ??= 'slow';
      }
      if (kind) {
        const name = `${kind}-${seed}`;
        writeFileSync(join(findings, name + ext), bytes);
        writeFileSync(
          join(findings, name + '.json'),
          JSON.stringify(
            {
              format,
              seed,
              sample: sample.path,
              ms,
              peakRssMb: Math.round(peak / 2 ** 20),
              rssBeforeMb: Math.round(base / 2 ** 20),
              detail,
            },
            null,
            2,
          ),
        );
        process.stderr.write(
          `fuzz ${format}: ${kind} seed ${seed} (${sample.path}, ${ms} ms): ${JSON.stringify(detail)}\n`,
        );
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, args.threads) }, (_, lane) => one(lane)));
  } finally {
    await pool.close();
  }
  tally.seconds = Math.round((Date.now() - started) / 1000);
  return tally;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  process.stdout.write(
    `fuzz: ${args.seconds} s per format, seed ${args.seed}, ${args.threads} thread(s), ` +
      `findings in ${args.out}/findings\n`,
  );
  let bad = 0;
  for (const format of args.formats) {
    const t = await fuzzFormat(format, args);
    bad += t.internal + t.timeouts + t.crashes + t.overRss;
    const codes =
      Object.entries(t.codes)
        .map(([c, k]) => `${c} ${k}`)
        .join(', ') || '-';
    process.stdout.write(
      `${format}: ${t.parses} parses in ${t.seconds} s; ok ${t.ok}; codes: ${codes}; ` +
        `INTERNAL ${t.internal}, TIMEOUT ${t.timeouts}, crashes ${t.crashes}; ` +
        `peak RSS ${Math.round(t.peakRss / 2 ** 20)} MB` +
        ` (${t.overRss} parses over 1 GB); slowest ${t.slowestMs} ms (${t.slow} over a third of the limit)\n`,
    );
  }
  process.exitCode = bad ? 1 : 0;
}

main().catch((e) => {
  process.stderr.write(`fuzz: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 70;
});
