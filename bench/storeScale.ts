// `npm run bench:store -- [N] [--keep] [--url DB [--from K]] [--fill-only | --list-only | --export FORMAT]`: the
// store at scale. Fills a fresh PostgreSQL database with N reports (default 100,000) through the
// store's own batch insert (saveRecords), then times the review page's list (with and without the
// failing-rule filter) and runs `xxgk export` to Parquet and to CSV as child processes, each
// with its peak RSS. `--url DB --from K` adds reports K…N−1 to a store a run of K left (report i
// is the same in every run), so stores of several sizes are made by one fill and copies of it
// (`CREATE DATABASE … TEMPLATE`).
//
// The reports are real parses: the corpus and sample files, plus text and HTML files of the
// corpus with a few digits of their tables changed (so the real rules fail in varied ways),
// each stored under a distinct hash, agency and year; about one in 30 is a second copy of the
// report before it (same agency and year), and the failed parses (encrypted, truncated) are kept.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { parseReport } from '../pipeline/parseReport';
import type { ReportRecord } from '../src/model/record';
import { openStore, saveRecords, countReports, type Store } from '../store';
import { listReports } from '../apps/web/reportList';
import { CLI, ROOT, freshDb } from './queueBench';
import { seededRandom } from '../tests/support/seededRandom';

const DIRS = [
  join(ROOT, 'tests', 'corpus', 'real'),
  ...['html', 'pdf', 'docx', 'text'].map((d) => join(ROOT, 'samples', d)),
];
const REPORT = /\.(txt|html|pdf|docx)$/;
/** variants of each text and HTML file, with changed digits */
const VARIANTS_PER_FILE = 150;
const BATCH = 500;

/** The text with 1–3 digits changed; in HTML only digits of text, not of markup. */
function changeDigits(text: string, html: boolean, next: () => number): string {
  const spots: number[] = [];
  const re = html ? />[^<]*</g : /[\s\S]+/g;
  for (const m of text.matchAll(re))
    for (let i = 0; i < m[0].length; i++) if (/[0-9]/.test(m[0][i])) spots.push(m.index! + i);
  if (!spots.length) return text;
  let out = text;
  for (let k = 1 + Math.floor(next() * 3); k > 0; k--) {
    const at = spots[Math.floor(next() * spots.length)];
    const digit = String((Number(out[at]) + 1 + Math.floor(next() * 9)) % 10);
    out = out.slice(0, at) + digit + out.slice(at + 1);
  }
  return out;
}

/** Parsed records to repeat: every file as it is, and digit-changed variants of the text and HTML ones. */
async function recordPool(): Promise<ReportRecord[]> {
  const next = seededRandom(15);
  const pool: ReportRecord[] = [];
  for (const dir of DIRS) {
    for (const name of readdirSync(dir).filter((n) => REPORT.test(n))) {
      const path = join(dir, name);
      const bytes = readFileSync(path);
      pool.push(await parseReport(bytes, { path }));
      if (!/\.(txt|html)$/.test(name) || bytes.includes(Buffer.from('charset=gbk', 'latin1'))) continue;
      const text = bytes.toString('utf8');
      for (let v = 0; v < VARIANTS_PER_FILE; v++) {
        const changed = Buffer.from(changeDigits(text, name.endsWith('.html'), next));
        pool.push(await parseReport(changed, { path }));
      }
    }
  }
  return pool;
}

const HAN = '东南西北安平和永宁兴华新丰阳山河清长德广泰';

/** A county name made of the number's digits, so that agencies are distinct and look like names. */
function countyName(n: number): string {
  let s = '';
  do {
    s += HAN[n % HAN.length];
    n = Math.floor(n / HAN.length);
  } while (n > 0);
  return `${s.length < 2 ? s + '城' : s}县`;
}

function yearFor(r: ReportRecord, k: number): number | null {
  if (r.report.year === null) return null;
  const layout = r.report.layout;
  if (layout === '2021') return 2021 + (k % 5);
  if (layout === '2019') return 2019 + (k % 2);
  return 2008 + (k % 11);
}

/** Report i of the run: a pool record under its own hash, agency and year. */
function variantOf(pool: ReportRecord[], i: number): ReportRecord {
  const base = pool[i % pool.length];
  // every 30th report is a second copy of the report before it (same agency and year)
  const slot = i % 30 === 29 ? i - 1 : i;
  const agencyNo = Math.floor(slot / 5);
  const sha256 = createHash('sha256').update(`${base.source.sha256}:${i}`).digest('hex');
  const agency = base.report.agency === null ? null : `${countyName(agencyNo)}${base.report.agency}`;
  return {
    ...base,
    source: { ...base.source, sha256, path: `bench/${i}/${base.source.path.split('/').pop()}` },
    report: { ...base.report, agency, year: yearFor(base, slot) },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeMs(f: () => Promise<unknown>, runs: number): Promise<{ median: number; runs: number[] }> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    out.push(Math.round(performance.now() - t));
  }
  return { median: median(out), runs: out };
}

/**
 * `xxgk export` as a child process under /usr/bin/time -v: seconds, peak RSS, output size, the
 * dictionary's size and cross-year counts (which must not grow with a list of pairs), and the
 * largest heap V8 kept after a full collection (`--trace-gc`): what the export holds, apart from
 * the garbage V8 lets pile up before collecting, which the peak RSS includes.
 */
function exportRun(url: string, format: string, out: string) {
  return new Promise<{
    seconds: number;
    peakRssMb: number;
    liveHeapMb: number;
    mb: number;
    dictionaryKb: number;
    crossReport: unknown;
  }>((resolve, reject) => {
    const t = performance.now();
    const child = spawn(
      '/usr/bin/time',
      ['-v', process.execPath, '--trace-gc', CLI, 'export', '--format', format, '--out', out],
      { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let liveHeapMb = 0,
      stderr = '';
    // "Mark-Compact 162.6 (195.0) -> 32.6 (196.1) MB": the heap before and after a full collection
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /Mark-Compact[^>]*-> ([\d.]+)/.exec(line);
      if (m) liveHeapMb = Math.max(liveHeapMb, Number(m[1]));
    });
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`export ${format} failed: ${stderr.slice(-2000)}`));
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]);
      const dictionary = out.replace(/\.[a-z]+$/, '.dictionary.json');
      resolve({
        seconds: Math.round((performance.now() - t) / 100) / 10,
        peakRssMb: Math.round(kb / 1024),
        liveHeapMb: Math.round(liveHeapMb),
        mb: Math.round(statSync(out).size / 2 ** 20),
        dictionaryKb: Math.round(statSync(dictionary).size / 1024),
        crossReport: JSON.parse(readFileSync(dictionary, 'utf8')).crossReport,
      });
    });
  });
}

async function fill(
  store: Store,
  from: number,
  n: number,
): Promise<{ seconds: number; perSecond: number; cells: number }> {
  const pool = await recordPool();
  process.stderr.write(`pool: ${pool.length} parsed records (${pool.filter((r) => r.error).length} failed)\n`);
  const started = performance.now();
  for (let i = from; i < n; i += BATCH) {
    const batch: ReportRecord[] = [];
    for (let k = i; k < Math.min(n, i + BATCH); k++) batch.push(variantOf(pool, k));
    await saveRecords(store.db, batch);
    if ((i / BATCH) % 20 === 0) process.stderr.write(`  stored ${i + batch.length}\n`);
  }
  const seconds = (performance.now() - started) / 1000;
  const counts = await countReports(store.db);
  return { seconds: Math.round(seconds), perSecond: Math.round((n - from) / seconds), cells: counts.cells };
}

async function main() {
  const args = process.argv.slice(2);
  const n = Number(args.find((a, i) => /^\d+$/.test(a) && !['--from', '--url'].includes(args[i - 1])) ?? 100_000);
  // --url <database>: measure a database a --keep run left, without filling it again
  const reuse = args.includes('--url') ? args[args.indexOf('--url') + 1] : undefined;
  // --from K (with --url): the store holds reports 0…K−1 already; add K…N−1
  const from = args.includes('--from') ? Number(args[args.indexOf('--from') + 1]) : undefined;
  if (from !== undefined && (!reuse || !(from >= 0 && from < n))) throw new Error('--from K needs --url and K < N');
  const db = reuse ? { url: reuse, drop: async () => {} } : await freshDb();
  const opened = performance.now();
  // opening migrates: on a store a --keep run of an older schema left, this is the migrations' cost
  const store = await openStore({ kind: 'postgres', location: db.url });
  const openMs = Math.round(performance.now() - opened);
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-store-bench-'));
  try {
    const filled = reuse && from === undefined ? null : await fill(store, from ?? 0, n);
    await sql`analyze`.execute(store.db);
    process.stderr.write(`filled: ${JSON.stringify(filled)}\n`);
    if (args.includes('--fill-only')) return;
    // --export parquet|csv: that export alone, e.g. one process per format side by side
    const only = args.includes('--export') ? args[args.indexOf('--export') + 1] : undefined;
    if (only) {
      const r = await exportRun(db.url, only, join(dir, `cells.${only}`));
      console.log(JSON.stringify({ [`export ${only}`]: r }, null, 2));
      return;
    }
    // the failing rule the most reports have, so the filter keeps the most rows. The first request
    // counts every filter menu (cold); later ones reuse a menu's counts while the store is unchanged
    // and the other filters are the same
    const cold = performance.now();
    const first = await listReports(store.db, {}, { limit: 50, offset: 0 });
    const coldListMs = Math.round(performance.now() - cold);
    const rule = [...first.facets.rule].sort((a, b) => b.count - a.count)[0]?.value;
    const page = { limit: 50, offset: 0 };
    // each figure printed as soon as it is measured: the exports at 100,000 reports take long
    const result: Record<string, unknown> = {};
    const note = async (name: string, value: unknown) => {
      result[name] = await value;
      process.stderr.write(`${name}: ${JSON.stringify(result[name])}\n`);
    };
    await note('reports', (await countReports(store.db)).stored);
    await note('openMs', openMs);
    await note('insert', filled);
    await note('coldListMs', coldListMs);
    await note('rule', rule);
    await note(
      'listMs',
      timeMs(() => listReports(store.db, {}, page), 7),
    );
    await note(
      'listWithRuleMs',
      timeMs(() => listReports(store.db, { rule }, page), 7),
    );
    // a rule and another year each time: no menu's counts are kept from the requests before
    let year = 2012;
    await note(
      'listWithRuleAndYearMs',
      timeMs(() => listReports(store.db, { rule, year: year++ }, page), 7),
    );
    await note(
      'listSortedByStatusMs',
      timeMs(() => listReports(store.db, { rule }, page, { by: 'status', dir: 'desc' }), 3),
    );
    // --list-only: the list again (after a change to it) without the exports' minutes
    if (args.includes('--list-only')) return;
    await note('exportParquet', exportRun(db.url, 'parquet', join(dir, 'cells.parquet')));
    await note('exportCsv', exportRun(db.url, 'csv', join(dir, 'cells.csv')));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    if (!args.includes('--keep') && !reuse) await db.drop();
    else process.stderr.write(`kept: ${db.url}\n`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
