// Helpers for the queue tests: copies of corpus files with changed bytes, worker processes of
// the compiled CLI, a private redis-server, and polling of `xxgk status --json`.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import IORedis from 'ioredis';
import { CORPUS } from './support/fixtures';

export const ROOT = join(__dirname, '..');
export const CLI = join(ROOT, 'bin', 'xxgk.js');

const run = promisify(execFile);

export function assertBuilt() {
  if (
    !existsSync(join(ROOT, 'dist/pipeline/local/parseThread.js')) ||
    !existsSync(join(ROOT, 'dist/queues/parseProcessor.js'))
  )
    throw new Error('run `npm run build` first: workers run the compiled code');
}

/** n copies of the corpus' text and HTML reports (and samples/), each with its own trailing bytes. */
export function makeCopies(dir: string, n: number, tag: string): string[] {
  mkdirSync(dir, { recursive: true });
  const samples = existsSync(join(ROOT, 'samples'))
    ? readdirSync(join(ROOT, 'samples'), { recursive: true })
        .map(String)
        .filter((f) => /\.(txt|html?)$/.test(f))
        .map((f) => join(ROOT, 'samples', f))
    : [];
  const originals = [
    ...readdirSync(CORPUS)
      .filter((f) => /\.(txt|html)$/.test(f))
      .map((f) => join(CORPUS, f)),
    ...samples,
  ];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const src = originals[i % originals.length];
    const ext = src.slice(src.lastIndexOf('.'));
    const path = join(dir, `${tag}-${String(i).padStart(4, '0')}${ext}`);
    const bytes = readFileSync(src);
    writeFileSync(
      path,
      Buffer.concat([bytes, Buffer.from(ext === '.txt' ? `\n\n${tag} ${i}\n` : `\n<!-- ${tag} ${i} -->\n`)]),
    );
    out.push(path);
  }
  return out;
}

export function startWorker(env: NodeJS.ProcessEnv, concurrency = 1): ChildProcess {
  const child = spawn(process.execPath, [CLI, 'worker', '--concurrency', String(concurrency)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', () => {});
  return child;
}

export async function cli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

export async function status(env: NodeJS.ProcessEnv) {
  const r = await cli(['status', '--json'], env);
  if (r.code !== 0) throw new Error(`status failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as {
    queues: Record<string, { counts: Record<string, number>; processed: { completed: number; failed: number } }>;
    stored: number;
    storedWithError: number;
    pending: number;
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, limitMs = 240_000): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function sparePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export function startRedis(port: number, dir: string): ChildProcess {
  return spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--dir',
      dir,
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
}

export const stop = (child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM') =>
  new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

/** Remove every Redis key of the queue prefixes a test used (on each Redis it used). */
export async function clearQueuePrefixes(prefixes: Array<[string, string]>): Promise<void> {
  for (const [url, prefix] of prefixes) {
    const r = new IORedis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
    try {
      await r.connect();
      const keys = await r.keys(`${prefix}:*`);
      for (let i = 0; i < keys.length; i += 500) await r.del(...keys.slice(i, i + 500));
    } catch {
      /* a private redis already gone */
    } finally {
      r.disconnect();
    }
  }
}
