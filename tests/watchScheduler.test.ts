// Continuous mode on Redis: one BullMQ job scheduler per source, stale ones removed, and the
// scheduled pass runs through the same checkSource as --once. Redis at 127.0.0.1:6379, with a
// queue prefix of this test's own (removed afterwards).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { openStore, countReports } from '../store';
import { parseSources } from '../apps/watch/sources';
import { openWatchContext } from '../apps/watch/context';
import { startScheduledWatch, WATCH_QUEUE } from '../apps/watch/scheduler';
import type { PassResult } from '../apps/watch/checkSource';
import { connect } from '../queues/config';
import { startWatchSite, type WatchSite } from './support/watchSite';

let site: WatchSite;
let dir: string;
const prefix = `xxgk-test-watch-${process.pid}`;

beforeAll(async () => {
  process.env.XXGK_QUEUE_PREFIX = prefix;
  site = await startWatchSite();
  dir = mkdtempSync(join(tmpdir(), 'xxgk-watch-sched-'));
});
afterAll(async () => {
  const connection = connect();
  const q = new Queue(WATCH_QUEUE, { connection, prefix });
  await q.obliterate({ force: true });
  await q.close();
  await connection.quit();
  delete process.env.XXGK_QUEUE_PREFIX;
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

test('one job scheduler per source; stale ones removed; the scheduled pass imports the new report', async () => {
  // a scheduler left by an older sources file
  const connection = connect();
  const q = new Queue(WATCH_QUEUE, { connection, prefix });
  await q.upsertJobScheduler('watch:gone', { every: 3_600_000 }, { name: 'check', data: { sourceId: 'gone' } });

  const file = parseSources({
    spool: join(dir, 'spool'),
    sources: [
      {
        id: 'huaian',
        index: `${site.origin}/col/nb/index.html`,
        links: { selector: 'ul.list a', pattern: '淮安市' },
        pagination: { maxPages: 1 },
        allowPrivate: true,
        interval: '1h',
        fetch: { minGap: '0ms', timeout: '2s' },
      },
    ],
  });
  const store = await openStore({ kind: 'sqlite', location: join(dir, 'w.db') });
  const ctx = await openWatchContext(file, { store, announce: () => {}, log: () => {} });
  let passed: (r: PassResult) => void = () => {};
  const firstPass = new Promise<PassResult>((r) => {
    passed = r;
  });
  const scheduled = await startScheduledWatch(ctx, file, (r) => passed(r));
  try {
    const ids = (await q.getJobSchedulers()).map((s) => s.key).sort();
    expect(ids).toEqual(['watch:huaian']);
    const scheduler = await q.getJobScheduler('watch:huaian');
    expect(scheduler?.every).toBe(3_600_000);
    // the first job runs at once, not an interval later
    const r = await firstPass;
    expect(r.source).toBe('huaian');
    expect(r.newReports.map((a) => a.agency)).toEqual(['淮安市人民政府']);
    expect((await countReports(store.db)).stored).toBe(1);
  } finally {
    await scheduled.close();
    await q.close();
    await connection.quit();
    await ctx.close();
    await store.close();
  }
});
