// `npm run bench:scale -- N [--skip-queue] [--skip-local]`: N reports of mixed formats, each with
// distinct bytes, through `xxgk import` in-process and through `import --queue` with 2 workers,
// into a fresh PostgreSQL database each. Prints reports per minute, Redis memory, the store's
// size per report, parse time per report (all, and per format) and the RSS of every process at
// its peak. restMs is the core time per report outside the parse (2 cores × wall time ÷ N − parse):
// hashing, checks, the store, the queue; on a machine shared with other work it counts theirs too,
// and the CPU time per report of our processes (nodeCpuMs) and of PostgreSQL (pgCpuMs) is the
// figure to compare there.
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import { Client } from 'pg';
import IORedis from 'ioredis';
import { CLI, REDIS, ROOT, clearPrefix, freshDb, startWorkers, stopWorkers } from './queueBench';

/** Shares of a season's reports by format, as government sites publish them. */
const SHARES: Array<{ kind: 'html' | 'pdf' | 'docx'; share: number }> = [
  { kind: 'html', share: 0.6 },
  { kind: 'pdf', share: 0.3 },
  { kind: 'docx', share: 0.1 },
];
const DIRS = [join(ROOT, 'tests', 'corpus', 'real'), ...['html', 'pdf', 'docx'].map((d) => join(ROOT, 'samples', d))];

interface Original {
  kind: 'html' | 'pdf' | 'docx';
  name: string;
  bytes: Buffer;
}

/** The corpus and sample reports that parse (the hostile samples are left out). */
function originals(): Original[] {
  const out: Original[] = [];
  for (const dir of DIRS) {
    for (const name of readdirSync(dir)) {
      const kind = /\.html$/.test(name) ? 'html' : /\.pdf$/.test(name) ? 'pdf' : /\.docx$/.test(name) ? 'docx' : null;
      if (!kind || /encrypted|truncated|scanned|cjk-nonembedded/.test(name)) continue;
      out.push({ kind, name, bytes: readFileSync(join(dir, name)) });
    }
  }
  return out;
}

/**
 * Distinct bytes that parse to the same report: a comment in HTML, a comment line after a
 * PDF's end (readers look for the last startxref), an extra part in a DOCX package.
 */
async function variant(o: Original, i: number): Promise<Buffer> {
  if (o.kind === 'html') return Buffer.concat([o.bytes, Buffer.from(`\n<!-- bench ${i} -->\n`)]);
  if (o.kind === 'pdf') return Buffer.concat([o.bytes, Buffer.from(`\n% bench ${i}\n`)]);
  const zip = await JSZip.loadAsync(o.bytes);
  zip.file(`customXml/bench${i}.xml`, `<bench n="${i}"/>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function makeFiles(dir: string, n: number): Promise<Record<string, number>> {
  const all = originals();
  const counts: Record<string, number> = {};
  let made = 0;
  for (const { kind, share } of SHARES) {
    const pool = all.filter((o) => o.kind === kind);
    const want = kind === 'docx' ? n - made : Math.round(n * share);
    for (let i = 0; i < want; i++) {
      const o = pool[i % pool.length];
      writeFileSync(join(dir, `r${made}-${o.name}`), await variant(o, made));
      made++;
    }
    counts[kind] = want;
  }
  return counts;
}

interface RunResult {
  mode: string;
  /** until every report is stored and regrouped */
  seconds: number;
  /** until the import command returned (every job done) */
  importSeconds: number;
  perMinute: number;
  stored: number;
  failed: number;
  storeBytesPerReport: number;
  parseMsPerReport: number;
  /** parse ms per report of each format, e.g. "html 3.1, pdf 61, docx 58" */
  parseMsByFormat: string;
  restMs: number;
  /** CPU ms per report of the importer and workers (parse threads included), and of PostgreSQL */
  nodeCpuMs: number;
  pgCpuMs: number;
  redisPeakMb?: number;
  peakRssMb: number;
}

/**
 * Peak RSS of the given processes and their children, and the CPU time they and the PostgreSQL
 * backends of the run's database used, sampled from /proc every half second. CPU time is the
 * figure to compare on a machine shared with other work: wall time there counts the others' too.
 */
function watchProcesses(pids: () => number[], pgPids: () => Promise<number[]>) {
  let peak = 0;
  /** pid → the most CPU ms seen (a process's own and its reaped children's) */
  const nodeCpu = new Map<number, number>();
  const pgCpu = new Map<number, number>();
  /** what the processes running already (the workers) had used when the clock started: not the run's */
  const before = new Map(pids().flatMap((pid) => tree(pid).map((p) => [p, cpuMs(p)] as const)));
  const note = (into: Map<number, number>, pid: number) => into.set(pid, Math.max(into.get(pid) ?? 0, cpuMs(pid)));
  const sample = async () => {
    let sum = 0;
    for (const pid of pids()) {
      sum += treeRss(pid);
      for (const p of tree(pid)) note(nodeCpu, p);
    }
    peak = Math.max(peak, sum);
    for (const pid of await pgPids().catch(() => [])) note(pgCpu, pid);
  };
  const timer = setInterval(() => void sample(), 500);
  const total = (m: Map<number, number>) => [...m].reduce((a, [pid, ms]) => a + ms - (before.get(pid) ?? 0), 0);
  return {
    stop: async () => {
      clearInterval(timer);
      await sample();
      return { peakRssMb: Math.round(peak / 2 ** 20), nodeCpuMs: total(nodeCpu), pgCpuMs: total(pgCpu) };
    },
  };
}

function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const tree = (pid: number): number[] => [pid, ...children(pid).flatMap(tree)];

function treeRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    return rss + children(pid).reduce((s, c) => s + treeRss(c), 0);
  } catch {
    return 0;
  }
}

/** user + system time of a process (all its threads) and of its children it has waited for, ms */
function cpuMs(pid: number): number {
  try {
    // the fields after the command name, which may hold spaces: utime stime cutime cstime are 12–15
    const after = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    return (after.slice(11, 15).reduce((s, v) => s + Number(v), 0) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
/** USER_HZ, 100 on every Linux that matters */
const CLOCK_TICKS = 100;

async function runOnce(mode: 'in-process' | 'queue', dir: string, n: number): Promise<RunResult> {
  const db = await freshDb();
  const prefix = `xxgkscale${randomBytes(4).toString('hex')}`;
  const env = { ...process.env, DATABASE_URL: db.url, REDIS_URL: REDIS, XXGK_QUEUE_PREFIX: prefix };
  const procs: ChildProcess[] = [];
  const redis = new IORedis(REDIS);
  let redisPeak = 0;
  const redisTimer =
    mode === 'queue'
      ? setInterval(async () => {
          const info = await redis.info('memory').catch(() => '');
          redisPeak = Math.max(redisPeak, Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0));
        }, 1000)
      : null;
  try {
    await runCli(['status', '--json'], env); // the schema, before the clock
    if (mode === 'queue') procs.push(...(await startWorkers(2, env)));
    let importer: ChildProcess | undefined;
    const dbName = new URL(db.url).pathname.slice(1);
    const watcher = new Client({ connectionString: db.url });
    await watcher.connect();
    const watch = watchProcesses(
      () => [...procs, ...(importer ? [importer] : [])].map((p) => p.pid ?? 0).filter(Boolean),
      async () =>
        (
          await watcher.query('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
            dbName,
          ])
        ).rows.map((r: { pid: number }) => r.pid),
    );
    const started = performance.now();
    await runCli(['import', '-q', '--json', ...(mode === 'queue' ? ['--queue'] : []), dir], env, (p) => {
      importer = p;
    });
    const imported = (performance.now() - started) / 1000;
    // the store is settled once no agency waits for its regroup (a queue worker regroups when
    // idle, after the import has seen its jobs done): the clock runs until then
    while (Number((await watcher.query('SELECT count(*) AS n FROM regroup_pending')).rows[0].n) > 0)
      await new Promise((r) => setTimeout(r, 200));
    const seconds = (performance.now() - started) / 1000;
    const { peakRssMb, nodeCpuMs, pgCpuMs } = await watch.stop();
    await watcher.end();
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const size = Number((await pg.query('SELECT pg_database_size(current_database()) AS b')).rows[0].b);
    const counts = (
      await pg.query(
        `SELECT count(*) FILTER (WHERE error_code IS NULL) AS ok,
              count(*) FILTER (WHERE error_code IS NOT NULL) AS failed,
              avg(((record::json)->'parser'->>'ms')::float) AS ms FROM reports`,
      )
    ).rows[0];
    const byFormat = (
      await pg.query(`SELECT format, avg(((record::json)->'parser'->>'ms')::float) AS ms FROM reports GROUP BY format`)
    ).rows as Array<{ format: string | null; ms: number }>;
    await pg.end();
    return {
      mode: mode === 'queue' ? 'queue, 2 workers' : 'in-process, 2 threads',
      seconds: round(seconds),
      importSeconds: round(imported),
      perMinute: Math.round((n / seconds) * 60),
      stored: Number(counts.ok),
      failed: Number(counts.failed),
      storeBytesPerReport: Math.round(size / Math.max(1, n)),
      parseMsPerReport: round(Number(counts.ms)),
      parseMsByFormat: byFormat
        .sort((a, b) => String(a.format).localeCompare(String(b.format)))
        .map((f) => `${f.format ?? 'none'} ${round(Number(f.ms))}`)
        .join(', '),
      restMs: round((2 * seconds * 1000) / n - Number(counts.ms)),
      nodeCpuMs: round(nodeCpuMs / n),
      pgCpuMs: round(pgCpuMs / n),
      ...(mode === 'queue' ? { redisPeakMb: round(redisPeak / 2 ** 20) } : {}),
      peakRssMb,
    };
  } finally {
    if (redisTimer) clearInterval(redisTimer);
    redis.disconnect();
    await stopWorkers(procs);
    await clearPrefix(prefix);
    await db.drop();
  }
}

function runCli(args: string[], env: NodeJS.ProcessEnv, started?: (p: ChildProcess) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = execFile(process.execPath, [CLI, ...args], { env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      // exit 1: some files failed, which the summary counts
      if (err && (err as NodeJS.ErrnoException & { code?: number }).code !== 1)
        reject(new Error(`${args[0]}: ${stderr || err.message}`));
      else resolve(stdout);
    });
    started?.(p);
  });
}

const round = (x: number) => Math.round(x * 100) / 100;

async function main() {
  const n = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10000);
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-scale-'));
  try {
    const t0 = performance.now();
    const counts = await makeFiles(dir, n);
    console.log(
      `made ${n} distinct reports (${Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}) in ${round((performance.now() - t0) / 1000)} s`,
    );
    const rows: RunResult[] = [];
    if (!process.argv.includes('--skip-local')) rows.push(await runOnce('in-process', dir, n));
    if (!process.argv.includes('--skip-queue')) rows.push(await runOnce('queue', dir, n));
    console.table(rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
