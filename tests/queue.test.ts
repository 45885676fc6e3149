// The BullMQ pipeline against real services: 2 worker processes of the compiled CLI, a fresh
// PostgreSQL database, an own key prefix on the machine's Redis (and an own redis-server for the
// restart test). What must be stored is decided by the real pipeline on the same files.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import IORedis from 'ioredis';
import { sql } from 'kysely';
import { parseReport, sha256 } from '../pipeline/parseReport';
import { checkStage } from '../pipeline/stages';
import { openStore, type Store } from '../store';
import { tempPostgres, type TempStore } from './storeHelpers';
import { ingestBatch } from '../queues/config';
import { enqueueAndWait } from '../queues/enqueue';
import {
  assertBuilt,
  makeCopies,
  startWorker,
  cli,
  status,
  waitFor,
  sparePort,
  startRedis,
  stop,
  clearQueuePrefixes,
} from './queueHelpers';
import { WILD_PAGES } from './support/fixtures';

jest.setTimeout(600_000);

let temp: TempStore;
let store: Store;
let dir: string;
const workers: ChildProcess[] = [];
const prefixes: Array<[string, string]> = [];

beforeAll(async () => {
  assertBuilt();
  temp = await tempPostgres();
  store = await openStore(temp.config);
  dir = mkdtempSync(join(tmpdir(), 'xxgk-queue-'));
});
afterAll(async () => {
  await Promise.all(workers.map((w) => stop(w, 'SIGKILL')));
  await clearQueuePrefixes(prefixes);
  await store?.close();
  await temp?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function envFor(redisUrl = 'redis://127.0.0.1:6379') {
  const prefix = `xxgktest${randomBytes(4).toString('hex')}`;
  prefixes.push([redisUrl, prefix]);
  return {
    ...temp.env,
    REDIS_URL: redisUrl,
    XXGK_QUEUE_PREFIX: prefix,
    XXGK_LOCK_MS: '4000',
    XXGK_BACKOFF_MS: '200',
    XXGK_ATTEMPTS: '3',
    XXGK_KEEP_COMPLETED: '100000',
  };
}

/** What the store must hold for these files: the pipeline's own verdict on each. */
async function expected(files: string[]) {
  const stored = new Map<string, string | null>();
  const transient = new Set<string>();
  for (const f of files) {
    const bytes = readFileSync(f);
    const checked = checkStage(await parseReport(bytes, { path: f }));
    const sha = sha256(bytes);
    if (checked.verdict === 'transient') transient.add(sha);
    else stored.set(sha, checked.record.error?.code ?? null);
  }
  return { stored, transient };
}

async function assertStoredOnce(want: Map<string, string | null>) {
  const rows = await store.db
    .selectFrom('reports')
    .select(['sha256', 'error_code', 'cell_count'])
    .where('sha256', 'in', [...want.keys()])
    .execute();
  expect(rows.length).toBe(want.size);
  for (const r of rows) expect(r.error_code).toBe(want.get(r.sha256));
  // no cell written twice by a double delivery
  const cells = await store.db
    .selectFrom('cells')
    .select(sql<number>`count(*)`.as('n'))
    .where('sha256', 'in', [...want.keys()])
    .executeTakeFirstOrThrow();
  expect(Number(cells.n)).toBe(rows.reduce((n, r) => n + Number(r.cell_count), 0));
}

async function clearStore() {
  await store.db.deleteFrom('reports').execute();
}

test(
  '500 reports and a corrupt file through 2 workers: each stored once, status agrees, ' +
    'the corrupt one is listed as failed',
  async () => {
    await clearStore();
    const env = envFor();
    const files = makeCopies(join(dir, 'a'), 500, 'a');
    const corrupt = join(dir, 'a', 'corrupt.html');
    writeFileSync(corrupt, Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7, 8, 9, 0x1b, 0, 0x80]));
    const want = await expected([...files, corrupt]);
    const corruptCode = want.stored.get(sha256(readFileSync(corrupt))) ?? null;
    expect(corruptCode).not.toBeNull();

    workers.push(startWorker(env), startWorker(env));
    const imp = await cli(['import', '--queue', '--json', join(dir, 'a')], env);
    const summary = JSON.parse(imp.stdout);
    expect(summary.files).toBe(501);
    expect(summary.done).toBe(501);
    expect(summary.failed[corruptCode!]).toBeGreaterThanOrEqual(1);
    expect(imp.code).toBe(1);

    await assertStoredOnce(want.stored);
    const s = await status(env);
    expect(s.stored).toBe(want.stored.size);
    expect(s.pending).toBe(0);
    const parse = s.queues.parse;
    // every distinct report was processed exactly once: completed ones are those without error
    const okCount = [...want.stored.values()].filter((c) => c === null).length;
    expect(parse.processed.completed).toBe(okCount);
    expect(parse.processed.failed).toBe(want.stored.size - okCount + want.transient.size);
    // one ingest job per batch of files
    expect(s.queues.ingest.processed.completed).toBe(Math.ceil(501 / ingestBatch()));

    const failed = await cli(['failed', '--json'], env);
    const jobs = failed.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const listed = jobs.find((j) => j.path === corrupt);
    expect(listed).toMatchObject({ stage: 'parse', code: corruptCode, attempts: 1 });
    const retry = await cli(['retry', listed.id], env);
    expect(retry.code).toBe(0);
    await Promise.all(workers.splice(0).map((w) => stop(w)));
  },
);

test('kill -9 of one worker mid-batch: its jobs are taken over, every report stored once', async () => {
  await clearStore();
  const env = envFor();
  const files = makeCopies(join(dir, 'b'), 200, 'b');
  const want = await expected(files);
  const [victim, survivor] = [startWorker(env), startWorker(env)];
  workers.push(victim, survivor);
  const imp = await cli(['import', '--queue', '--detach', join(dir, 'b')], env);
  expect(imp.code).toBe(0);
  await waitFor('some progress', async () => ((await status(env)).stored >= 20 ? true : undefined));
  victim.kill('SIGKILL');
  await waitFor('the batch to finish', async () => {
    const s = await status(env);
    return s.pending === 0 && s.stored >= want.stored.size ? s : undefined;
  });
  await assertStoredOnce(want.stored);
  await Promise.all(workers.splice(0).map((w) => stop(w)));
});

test('Redis stopped and restarted mid-batch (AOF on): the batch finishes, nothing lost', async () => {
  await clearStore();
  const port = await sparePort();
  const redisDir = mkdtempSync(join(tmpdir(), 'xxgk-redis-'));
  let redis = startRedis(port, redisDir);
  const url = `redis://127.0.0.1:${port}`;
  try {
    const env = envFor(url);
    await waitFor('redis', async () => {
      const r = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
      try {
        await r.connect();
        return (await r.ping()) === 'PONG' ? true : undefined;
      } finally {
        r.disconnect();
      }
    });
    const files = makeCopies(join(dir, 'c'), 200, 'c');
    const want = await expected(files);
    workers.push(startWorker(env), startWorker(env));
    const importing = cli(['import', '--queue', '--json', join(dir, 'c')], env);
    await waitFor('some progress', async () =>
      (
        await store.db
          .selectFrom('reports')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n >= 20
        ? true
        : undefined,
    );
    await stop(redis, 'SIGTERM'); // a clean shutdown: the AOF is flushed
    await new Promise((r) => setTimeout(r, 2000));
    redis = startRedis(port, redisDir);
    const imp = await importing;
    const summary = JSON.parse(imp.stdout);
    expect(summary.done).toBe(200);
    await assertStoredOnce(want.stored);
    await Promise.all(workers.splice(0).map((w) => stop(w)));
  } finally {
    await stop(redis, 'SIGTERM');
    rmSync(redisDir, { recursive: true, force: true });
  }
});

test(
  'a file of a batch that cannot be read gets an ingest job of its own: ' +
    'failed with its code and path, the others stored',
  async () => {
    await clearStore();
    const env = envFor();
    const files = makeCopies(join(dir, 'd'), 6, 'd');
    const missing = join(dir, 'd', 'gone.txt');
    const want = await expected(files);
    workers.push(startWorker(env));
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      // batches of 4: the missing file sits in the second batch
      const summary = await enqueueAndWait([...files.slice(0, 5), missing, files[5]], { batch: 4, reconcileMs: 1000 });
      expect(summary.done).toBe(7);
      expect(summary.failed.READ_FAILED).toBe(1);
    } finally {
      for (const k of Object.keys(env))
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
    }
    await assertStoredOnce(want.stored);
    const failed = await cli(['failed', '--json'], env);
    const jobs = failed.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(jobs).toEqual([
      expect.objectContaining({ queue: 'ingest', path: missing, stage: 'ingest', code: 'READ_FAILED', attempts: 1 }),
    ]);
    expect(jobs[0].id).toMatch(/^\d+-1$/);
    await Promise.all(workers.splice(0).map((w) => stop(w)));
  },
);

test(
  "import --queue --url and --manifest: each parse job carries its file's URL to source.url, " +
    'and the site settles the region',
  async () => {
    await clearStore();
    const env = envFor();
    const pages = join(dir, 'urls');
    mkdirSync(pages);
    // a bureau whose text names no place at all: only its site can say where it is
    const withUrl = join(pages, 'a.txt');
    const without = join(pages, 'b.txt');
    const placeless = [
      '民政局2016年政府信息公开工作年度报告',
      '本报告由民政局编制。一、概述 2016年，我局认真贯彻《中华人民共和国政府信息公开条例》。',
    ];
    writeFileSync(withUrl, placeless.join('\n'));
    copyFileSync(join(WILD_PAGES, 'p022.txt'), without);
    const url = 'https://www.haizhu.gov.cn/zwgk/zfxxgknb/jd/content/post_9472698.html';
    // what the pipeline itself makes of the file with and without its URL
    const inProcess = await parseReport(readFileSync(withUrl), { path: withUrl, url });
    const noUrl = await parseReport(readFileSync(withUrl), { path: withUrl });
    expect(inProcess.report.region).toMatchObject({ code: '440105', county: '海珠区' });
    expect(noUrl.report.region).toBeNull();
    const storedRecord = async (path: string) => {
      const row = await store.db
        .selectFrom('reports')
        .select(['url', 'record'])
        .where('sha256', '=', sha256(readFileSync(path)))
        .executeTakeFirstOrThrow();
      return { url: row.url, record: JSON.parse(row.record) as typeof inProcess };
    };

    workers.push(startWorker(env));
    const one = await cli(['import', '--queue', '--json', '--url', url, withUrl], env);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ files: 1, new: 1 });
    let got = await storedRecord(withUrl);
    expect(got.url).toBe(url);
    expect(got.record.source.url).toBe(url);
    expect(got.record.report.region).toEqual(inProcess.report.region);
    expect(got.record.report.agency).toBe(inProcess.report.agency);

    await Promise.all(workers.splice(0).map((w) => stop(w)));

    // a manifest: both files in one ingest batch, one with a URL and one without (a fresh store
    // and queue: the parse job of a.txt's bytes is still kept as completed in the first)
    await clearStore();
    const env2 = envFor();
    workers.push(startWorker(env2));
    const manifest = join(pages, 'm.csv');
    writeFileSync(manifest, `path,url\na.txt,${url}\nb.txt,\n`);
    const two = await cli(['import', '--queue', '--json', '--manifest', manifest], env2);
    expect(two.code).toBe(0);
    expect(JSON.parse(two.stdout)).toMatchObject({ files: 2, new: 2 });
    got = await storedRecord(withUrl);
    expect(got.record.source.url).toBe(url);
    expect(got.record.report.region).toEqual(inProcess.report.region);
    const other = await storedRecord(without);
    expect(other.url).toBeNull();
    expect(other.record.source.url).toBeUndefined();
    await Promise.all(workers.splice(0).map((w) => stop(w)));
  },
);

test(
  'a bad file through the queue: its code travels as data to the summary and `xxgk failed`, ' +
    'with the stored message',
  async () => {
    await clearStore();
    const env = envFor();
    const sub = join(dir, 'e');
    makeCopies(sub, 1, 'e');
    const corrupt = join(sub, 'corrupt.html');
    writeFileSync(corrupt, Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7, 8, 9, 0x1b, 0, 0x80, 0x2a]));
    workers.push(startWorker(env));
    const imp = await cli(['import', '--queue', '--json', sub], env);
    const sha = sha256(readFileSync(corrupt));
    const row = await store.db
      .selectFrom('reports')
      .select(['error_code', 'error_message'])
      .where('sha256', '=', sha)
      .executeTakeFirstOrThrow();
    expect(row.error_code).not.toBeNull();
    expect(JSON.parse(imp.stdout)).toMatchObject({ files: 2, done: 2, new: 1, failed: { [row.error_code!]: 1 } });
    expect(imp.code).toBe(1);
    // the human-readable list: id, stage, code, file, message (the message as stored, no JSON)
    const failed = await cli(['failed'], env);
    expect(failed.stdout).toBe(`${sha}\tparse\t${row.error_code}\t${corrupt}\t${row.error_message}\n`);
    await Promise.all(workers.splice(0).map((w) => stop(w)));
  },
);
