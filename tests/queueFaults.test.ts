// Faults the queue must ride out, against real services: a PostgreSQL connection terminated
// mid-import, a worker started before its Redis, SIGTERM after Redis died, an import with no
// worker (stall line, --timeout), and what the import summary counts (bad files re-imported,
// two imports of one folder at the same time). Workers are processes of the compiled CLI; each
// test has its own key prefix (and its own redis-server where Redis is stopped) and database.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { sql } from 'kysely';
import { parseReport, sha256 } from '../pipeline/parseReport';
import { checkStage } from '../pipeline/stages';
import { openStore, type Store } from '../store';
import { tempPostgres, PG_ADMIN, type TempStore } from './storeHelpers';
import {
  assertBuilt,
  makeCopies,
  cli,
  waitFor,
  sparePort,
  startRedis,
  stop,
  CLI,
  clearQueuePrefixes,
} from './queueHelpers';

jest.setTimeout(600_000);

let temp: TempStore;
let store: Store;
let dir: string;
const children: ChildProcess[] = [];
const prefixes: Array<[string, string]> = [];

beforeAll(async () => {
  assertBuilt();
  temp = await tempPostgres();
  store = await openStore(temp.config, { onConnectionError: () => {} });
  dir = mkdtempSync(join(tmpdir(), 'xxgk-faults-'));
});
afterAll(async () => {
  await Promise.all(children.map((c) => stop(c, 'SIGKILL')));
  await clearQueuePrefixes(prefixes);
  await store?.close();
  await temp?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function envFor(redisUrl = 'redis://127.0.0.1:6379') {
  const prefix = `xxgkfault${randomBytes(4).toString('hex')}`;
  prefixes.push([redisUrl, prefix]);
  return {
    ...temp.env,
    REDIS_URL: redisUrl,
    XXGK_QUEUE_PREFIX: prefix,
    XXGK_LOCK_MS: '4000',
    XXGK_BACKOFF_MS: '200',
    XXGK_ATTEMPTS: '8',
    XXGK_KEEP_COMPLETED: '100000',
  };
}

/** A worker process whose stderr (JSON lines) is kept. */
function worker(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [CLI, 'worker', '--concurrency', '1'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let text = '';
  child.stderr!.on('data', (d: Buffer) => {
    text += d.toString();
  });
  const lines = () =>
    text
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        try {
          return JSON.parse(l) as { level: string; msg: string };
        } catch {
          return { level: 'raw', msg: l };
        }
      });
  return { child, lines, text: () => text };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) => {
    if (child.exitCode !== null) r(child.exitCode);
    else child.once('exit', (code) => r(code));
  });

async function storedCount(): Promise<number> {
  const r = await store.db
    .selectFrom('reports')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** What an import of these files must count: the pipeline's own verdict on each. */
async function verdicts(files: string[]) {
  let ok = 0;
  const failed: Record<string, number> = {};
  for (const f of files) {
    const checked = checkStage(await parseReport(readFileSync(f), { path: f }));
    if (checked.record.error) failed[checked.record.error.code] = (failed[checked.record.error.code] ?? 0) + 1;
    else ok += 1;
  }
  return { ok, failed };
}

/** What the store must hold for these files: the pipeline's own verdict on each. */
async function expected(files: string[]) {
  const stored = new Map<string, string | null>();
  for (const f of files) {
    const bytes = readFileSync(f);
    const checked = checkStage(await parseReport(bytes, { path: f }));
    if (checked.verdict !== 'transient') stored.set(sha256(bytes), checked.record.error?.code ?? null);
  }
  return stored;
}

async function assertStoredOnce(want: Map<string, string | null>) {
  const rows = await store.db
    .selectFrom('reports')
    .select(['sha256', 'error_code', 'cell_count'])
    .where('sha256', 'in', [...want.keys()])
    .execute();
  expect(rows.length).toBe(want.size);
  for (const r of rows) expect(r.error_code).toBe(want.get(r.sha256));
  const cells = await store.db
    .selectFrom('cells')
    .select(sql<number>`count(*)`.as('n'))
    .where('sha256', 'in', [...want.keys()])
    .executeTakeFirstOrThrow();
  expect(Number(cells.n)).toBe(rows.reduce((n, r) => n + Number(r.cell_count), 0));
}

/** Ends every session on the test database but this admin one: what a restarted server or a network cut does. */
async function terminateConnections(): Promise<number> {
  const admin = new Client({ connectionString: PG_ADMIN });
  await admin.connect();
  try {
    const db = new URL(temp.config.location).pathname.slice(1);
    const r = await admin.query(
      'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [db],
    );
    return r.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

test('DB connections terminated mid-import: both workers survive, retry, and every report is stored once', async () => {
  await store.db.deleteFrom('reports').execute();
  const env = envFor();
  const files = makeCopies(join(dir, 'pg'), 150, 'pg');
  const want = await expected(files);
  const [a, b] = [worker(env), worker(env)];
  await waitFor(
    'both workers ready',
    async () =>
      a.lines().some((l) => l.msg === 'ready') && b.lines().some((l) => l.msg === 'ready') ? true : undefined,
    60_000,
  );
  const importing = cli(['import', '--queue', '--json', '--timeout', '240', join(dir, 'pg')], env);
  await waitFor('some reports stored', async () => ((await storedCount()) >= 10 ? true : undefined));
  let terminated = 0;
  for (let i = 0; i < 3; i++) {
    terminated += await terminateConnections();
    await new Promise((r) => setTimeout(r, 300));
  }
  expect(terminated).toBeGreaterThan(0);
  const imp = await importing;
  const summary = JSON.parse(imp.stdout);
  expect(summary.done).toBe(150);
  expect(
    summary.new +
      summary.alreadyStored +
      Object.values(summary.failed as Record<string, number>).reduce((x, y) => x + y, 0) +
      summary.duplicates,
  ).toBe(150);
  // neither worker died; each said a connection dropped
  expect(a.child.exitCode).toBeNull();
  expect(b.child.exitCode).toBeNull();
  expect(
    [...a.lines(), ...b.lines()].some((l) => l.level === 'warn' && /database connection dropped/.test(l.msg)),
  ).toBe(true);
  await assertStoredOnce(want);
  await Promise.all([stop(a.child), stop(b.child)]);
});

test('a worker started before Redis waits with one log line, takes jobs once Redis is up; --help says so', async () => {
  const help = await cli(['worker', '--help'], {});
  expect(help.stdout).toMatch(/Started before Redis[^]*waits for it/);
  const port = await sparePort();
  const url = `redis://127.0.0.1:${port}`;
  const redisDir = mkdtempSync(join(tmpdir(), 'xxgk-redis-'));
  const env = envFor(url);
  const w = worker(env);
  let redis: ChildProcess | undefined;
  try {
    await waitFor(
      'the worker to say Redis is unreachable',
      async () => (w.lines().some((l) => /Redis unreachable/.test(l.msg)) ? true : undefined),
      60_000,
    );
    // it keeps trying, quietly
    await new Promise((r) => setTimeout(r, 3000));
    expect(w.child.exitCode).toBeNull();
    const lines = w.lines();
    expect(lines.filter((l) => /Redis unreachable/.test(l.msg))).toHaveLength(1);
    expect(lines.filter((l) => l.level === 'raw')).toEqual([]); // no ioredis error flood
    expect(lines.some((l) => l.msg === 'ready')).toBe(false);
    redis = startRedis(port, redisDir);
    await waitFor(
      'the worker to be ready',
      async () => (w.lines().some((l) => l.msg === 'ready') ? true : undefined),
      60_000,
    );
    await store.db.deleteFrom('reports').execute();
    const files = makeCopies(join(dir, 'late'), 3, 'late');
    const imp = await cli(['import', '--queue', '--json', ...files], env);
    expect(JSON.parse(imp.stdout)).toMatchObject({ files: 3, done: 3 });
    await assertStoredOnce(await expected(files));
    w.child.kill('SIGTERM');
    expect(await exited(w.child)).toBe(0);
  } finally {
    await stop(w.child, 'SIGKILL');
    await stop(redis, 'SIGKILL');
    rmSync(redisDir, { recursive: true, force: true });
  }
});

test('SIGTERM to a worker whose Redis is gone: it ends within 10 s', async () => {
  const port = await sparePort();
  const url = `redis://127.0.0.1:${port}`;
  const redisDir = mkdtempSync(join(tmpdir(), 'xxgk-redis-'));
  const redis = startRedis(port, redisDir);
  const w = worker(envFor(url));
  try {
    await waitFor(
      'the worker to be ready',
      async () => (w.lines().some((l) => l.msg === 'ready') ? true : undefined),
      60_000,
    );
    await stop(redis, 'SIGKILL');
    await waitFor(
      'the worker to notice',
      async () => (w.lines().some((l) => /Redis unreachable/.test(l.msg)) ? true : undefined),
      20_000,
    );
    const t0 = Date.now();
    w.child.kill('SIGTERM');
    const code = await Promise.race([exited(w.child), new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))]);
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
  } finally {
    await stop(w.child, 'SIGKILL');
    await stop(redis, 'SIGKILL');
    rmSync(redisDir, { recursive: true, force: true });
  }
});

test('import --queue with no worker: it says so, and --timeout ends it with the files left queued', async () => {
  const env = envFor();
  const files = makeCopies(join(dir, 'idle'), 3, 'idle');
  const t0 = Date.now();
  const imp = await cli(['import', '--queue', '--json', '--stall', '1', '--timeout', '4', ...files], env);
  expect(imp.code).toBe(69);
  expect(Date.now() - t0).toBeLessThan(30_000);
  expect(imp.stderr).toMatch(/no worker is running \(\d+ jobs waiting\)/);
  expect(imp.stderr).toMatch(/gave up after 4 s with 3 of 3 files still pending/);
  expect(JSON.parse(imp.stdout)).toMatchObject({ files: 3, done: 0, timedOut: true });
  // the files stay queued: a worker started now stores them
  await store.db.deleteFrom('reports').execute();
  const w = worker(env);
  await waitFor('the queued files to be stored', async () => ((await storedCount()) === 3 ? true : undefined), 120_000);
  await stop(w.child);
});

test('import --queue when Redis does not answer: exit 69 with one message, no error flood', async () => {
  const port = await sparePort();
  const files = makeCopies(join(dir, 'noredis'), 2, 'noredis');
  const r = await cli(['import', '--queue', ...files], {
    ...envFor(`redis://127.0.0.1:${port}`),
    XXGK_SERVICE_TIMEOUT_MS: '2000',
  });
  expect(r.code).toBe(69);
  expect(r.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(
      new RegExp(`^xxgk import: no answer from Redis at redis://127\\.0\\.0\\.1:${port} within 2000 ms`),
    ),
  ]);
});

describe('import summaries', () => {
  const bad = (folder: string) => {
    const path = join(folder, 'corrupt.html');
    writeFileSync(path, Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7, 8, 9, 0x1b, 0, 0x80]));
    return path;
  };

  test.each([
    ['in process', false],
    ['through the queue', true],
  ])(
    'a folder imported twice (%s): its bad file is failed both times, never "already stored"',
    async (_how, queued) => {
      await store.db.deleteFrom('reports').execute();
      const env = { ...envFor(), XXGK_ATTEMPTS: '2' };
      const folder = join(dir, `twice-${queued ? 'q' : 'p'}`);
      const files = makeCopies(folder, 4, 'twice');
      const corrupt = bad(folder);
      const code = (await expected([corrupt])).values().next().value;
      expect(code).toBeTruthy();
      const want = await verdicts([...files, corrupt]);
      expect(want.failed[code!]).toBeGreaterThanOrEqual(1);
      const w = queued ? worker(env) : undefined;
      try {
        const args = ['import', '--json', ...(queued ? ['--queue'] : []), folder];
        const first = JSON.parse((await cli(args, env)).stdout);
        const second = JSON.parse((await cli(args, env)).stdout);
        expect(first).toMatchObject({ files: 5, done: 5, new: want.ok, alreadyStored: 0 });
        expect(first.failed).toEqual(want.failed);
        expect(second).toMatchObject({ files: 5, done: 5, new: 0, alreadyStored: want.ok });
        expect(second.failed).toEqual(want.failed);
      } finally {
        await stop(w?.child);
      }
    },
  );

  test.each([
    ['in process', false],
    ['through the queue', true],
  ])('two imports of one folder at the same time (%s) count each report as new once', async (_how, queued) => {
    await store.db.deleteFrom('reports').execute();
    const env = { ...envFor(), XXGK_ATTEMPTS: '2' };
    const folder = join(dir, `same-${queued ? 'q' : 'p'}`);
    const files = makeCopies(folder, 40, 'same');
    const want = await expected(files);
    const { ok } = await verdicts(files);
    const workers = queued ? [worker(env), worker(env)] : [];
    try {
      const args = ['import', '--json', ...(queued ? ['--queue'] : ['--concurrency', '1']), folder];
      const [x, y] = (await Promise.all([cli(args, env), cli(args, env)])).map((r) => JSON.parse(r.stdout));
      expect(x.done).toBe(40);
      expect(y.done).toBe(40);
      // each report parsed without error is new for exactly one of the two imports
      expect(x.new + y.new).toBe(ok);
      expect(x.alreadyStored + y.alreadyStored).toBe(ok);
      await assertStoredOnce(want);
    } finally {
      await Promise.all(workers.map((w) => stop(w.child)));
    }
  });
});
