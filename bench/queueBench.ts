// Reports/s through the queue with 1 and 2 worker processes against the in-process import, on
// the same files, with a fresh PostgreSQL database per run. Prints a table.
// `node dist/bench/queueBench.js [N]` (after `npm run build`); bench/run.ts calls runQueueBench().
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';
import IORedis from 'ioredis';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'xxgk.js');
const CORPUS = process.env.XXGK_CORPUS ?? join(ROOT, 'tests', 'corpus', 'real');
const PG_ADMIN = process.env.XXGK_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const run = promisify(execFile);

export interface QueueBenchRow {
  mode: string;
  reports: number;
  seconds: number;
  perSecond: number;
  overhead: string;
}

function makeFiles(dir: string, n: number): void {
  mkdirSync(dir, { recursive: true });
  const originals = readdirSync(CORPUS)
    .filter((f) => /\.(txt|html)$/.test(f))
    .map((f) => join(CORPUS, f));
  for (let i = 0; i < n; i++) {
    const src = originals[i % originals.length];
    const ext = src.slice(src.lastIndexOf('.'));
    writeFileSync(join(dir, `r${i}${ext}`), Buffer.concat([readFileSync(src), Buffer.from(`\n<!-- ${i} -->\n`)]));
  }
}

export async function freshDb(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `xxgk_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: PG_ADMIN.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      const c = new Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Worker processes sharing the machine's two parse threads, resolved once each says it is ready. */
export async function startWorkers(workers: number, env: NodeJS.ProcessEnv): Promise<ChildProcess[]> {
  const perWorker = String(Math.max(1, Math.floor(2 / Math.max(1, workers))));
  const procs: ChildProcess[] = [];
  const ready: Array<Promise<void>> = [];
  for (let i = 0; i < workers; i++) {
    const p = spawn(process.execPath, [CLI, 'worker', '-c', perWorker], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    procs.push(p);
    ready.push(
      new Promise<void>((resolve, reject) => {
        let log = '';
        // the worker logs (plain or JSON, on either stream) that it is ready
        const listen = (d: Buffer) => {
          log = (log + d.toString()).slice(-4000);
          if (/\bready\b/.test(log)) resolve();
        };
        p.stdout?.on('data', listen);
        p.stderr?.on('data', listen);
        p.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready: ${log}`)));
      }),
    );
  }
  await Promise.all(ready);
  return procs;
}

export const stopWorkers = (procs: ChildProcess[]) =>
  Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((r) => {
          if (p.exitCode !== null) return r();
          p.once('exit', () => r());
          p.kill('SIGTERM');
        }),
    ),
  );

/** Remove every Redis key of a benchmark's queue prefix. */
export async function clearPrefix(prefix: string): Promise<void> {
  const redis = new IORedis(REDIS);
  const keys = await redis.keys(`${prefix}:*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  redis.disconnect();
}

async function timed(mode: string, dir: string, n: number, workers: number): Promise<number> {
  const db = await freshDb();
  const prefix = `xxgkbench${randomBytes(4).toString('hex')}`;
  const env = { ...process.env, DATABASE_URL: db.url, REDIS_URL: REDIS, XXGK_QUEUE_PREFIX: prefix };
  const procs: ChildProcess[] = [];
  try {
    // schema first, so that no timed run pays for migrations
    await run(process.execPath, [CLI, 'status', '--json'], { env });
    procs.push(...(await startWorkers(workers, env)));
    const started = performance.now();
    await run(process.execPath, [CLI, 'import', '-q', ...(workers ? ['--queue'] : []), dir], {
      env,
      maxBuffer: 16 << 20,
    }).catch((e) => {
      if (e.code !== 1) throw e;
    });
    return (performance.now() - started) / 1000;
  } finally {
    await stopWorkers(procs);
    await clearPrefix(prefix);
    await db.drop();
    void mode;
    void n;
  }
}

export async function runQueueBench(n = 1000): Promise<QueueBenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-qbench-'));
  try {
    makeFiles(dir, n);
    const rows: QueueBenchRow[] = [];
    const base = await timed('in-process', dir, n, 0);
    rows.push({ mode: 'in-process (2 threads)', reports: n, seconds: base, perSecond: n / base, overhead: '—' });
    for (const w of [1, 2]) {
      const s = await timed(`queue`, dir, n, w);
      rows.push({
        mode: `queue, ${w} worker${w > 1 ? 's' : ''} (2 parse threads in all)`,
        reports: n,
        seconds: s,
        perSecond: n / s,
        overhead: `${Math.round((s / base - 1) * 100)}%`,
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatQueueBench(rows: QueueBenchRow[]): string {
  // the mode left-aligned, the numbers right-aligned
  const widths = [44, 8, 8, 10, 9];
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ');
  return [
    line(['mode', 'reports', 'seconds', 'reports/s', 'overhead']),
    ...rows.map((r) => line([r.mode, String(r.reports), r.seconds.toFixed(2), r.perSecond.toFixed(1), r.overhead])),
  ].join('\n');
}

if (require.main === module) {
  runQueueBench(Number(process.argv[2]) || 1000).then(
    (rows) => console.log(formatQueueBench(rows)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
