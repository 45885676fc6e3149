// The state of `import --queue` while it follows its jobs (queues/importTracker.ts), fed by hand
// in the orders the job events can really arrive in: no Redis needed to see what it counts.
import { ImportTracker } from '../queues/importTracker';
import type { ParseResult } from '../queues/queues';

const RUN = 'run-a';
const parsed = (sha: string, over: Partial<ParseResult> = {}): ParseResult => ({
  sha256: sha,
  outcome: 'inserted',
  cells: 10,
  flags: 0,
  run: RUN,
  ...over,
});
const isFinished = async (t: ImportTracker) =>
  Promise.race([t.finished.then(() => true), new Promise((r) => setTimeout(() => r(false), 20))]);

test('a parse outcome seen before the ingest result that announces it is placed when that result comes', async () => {
  const t = new ImportTracker(2, RUN);
  t.batchesAdded([{ id: '1', paths: ['/a', '/b'] }]);
  t.allBatchesAdded();
  t.parseCompleted('sha-a', parsed('sha-a'));
  t.parseFailed('sha-b', 'CORRUPT_FILE');
  expect(t.summary.done).toBe(0);
  t.ingestCompleted('1', {
    files: [
      { path: '/a', sha256: 'sha-a', outcome: 'queued' },
      { path: '/b', sha256: 'sha-b', outcome: 'queued' },
    ],
  });
  expect(t.summary).toMatchObject({ done: 2, new: 1, failed: { CORRUPT_FILE: 1 } });
  expect(await isFinished(t)).toBe(true);
});

test('an ingest result arriving before addBulk returned its job id is kept, only while ids may be ours', async () => {
  const t = new ImportTracker(1, RUN);
  t.ingestCompleted('7', { files: [{ path: '/a', sha256: 'sha-a', outcome: 'alreadyStored' }] });
  t.batchesAdded([{ id: '7', paths: ['/a'] }]);
  expect(t.summary).toMatchObject({ done: 1, alreadyStored: 1 });
  t.allBatchesAdded();
  // another import's job, after all of ours are known: ignored
  t.ingestCompleted('8', { files: [{ path: '/x', sha256: 'sha-x', outcome: 'queued' }] });
  expect(t.summary.done).toBe(1);
  expect(await isFinished(t)).toBe(true);
});

test('nothing finishes the import while a job is pending, and not before the last batch is added', async () => {
  const t = new ImportTracker(2, RUN);
  t.batchesAdded([{ id: '1', paths: ['/a'] }]);
  t.ingestCompleted('1', { files: [{ path: '/a', sha256: 'sha-a', outcome: 'queued' }] });
  t.parseCompleted('sha-a', parsed('sha-a'));
  expect(await isFinished(t)).toBe(false);
  t.batchesAdded([{ id: '2', paths: ['/b'] }]);
  t.allBatchesAdded();
  expect(t.pendingIngest(10)).toEqual(['2']);
  expect(await isFinished(t)).toBe(false);
  t.ingestCompleted('2', { files: [{ path: '/b', sha256: 'sha-b', outcome: 'queued' }] });
  expect(t.pendingParse(10)).toEqual(['sha-b']);
  expect(await isFinished(t)).toBe(false);
  t.parseCompleted('sha-b', null);
  expect(t.summary).toMatchObject({ done: 2, new: 2 });
  expect(await isFinished(t)).toBe(true);
});

test('a handed-over file fails with its own job; a file stored with an error code fails again', async () => {
  const t = new ImportTracker(3, RUN);
  t.batchesAdded([{ id: '4', paths: ['/a', '/b', '/c'] }]);
  t.allBatchesAdded();
  t.ingestCompleted('4', {
    files: [
      { path: '/a', sha256: null, outcome: 'handedOver', job: '4-0' },
      { path: '/b', sha256: 'sha-b', outcome: 'alreadyStored', code: 'NOT_A_REPORT' },
      { path: '/c', sha256: 'sha-c', outcome: 'alreadyStored' },
    ],
  });
  expect(await isFinished(t)).toBe(false);
  t.ingestFailed('4-0', 'READ_FAILED');
  expect(t.summary).toMatchObject({ done: 3, alreadyStored: 1, failed: { READ_FAILED: 1, NOT_A_REPORT: 1 } });
  expect(await isFinished(t)).toBe(true);
});

test('the same bytes twice: one report, the other a duplicate, in one batch or in a later one', async () => {
  const t = new ImportTracker(4, RUN);
  t.batchesAdded([
    { id: '1', paths: ['/a', '/a2'] },
    { id: '2', paths: ['/a3'] },
    { id: '3', paths: ['/bad'] },
  ]);
  t.allBatchesAdded();
  t.ingestCompleted('1', {
    files: [
      { path: '/a', sha256: 'sha-a', outcome: 'queued' },
      { path: '/a2', sha256: 'sha-a', outcome: 'queued' },
    ],
  });
  t.parseCompleted('sha-a', parsed('sha-a'));
  expect(t.summary).toMatchObject({ done: 2, new: 1, duplicates: 1 });
  // a later batch's copy, announced after the parse finished
  t.ingestCompleted('2', { files: [{ path: '/a3', sha256: 'sha-a', outcome: 'queued' }] });
  expect(t.summary).toMatchObject({ done: 3, new: 1, duplicates: 2 });
  t.ingestFailed('3', 'INTERNAL');
  expect(t.summary.failed).toEqual({ INTERNAL: 1 });
  expect(await isFinished(t)).toBe(true);
});

test('a report stored by another import running at the same time, or left unchanged, is already stored', () => {
  const t = new ImportTracker(2, RUN);
  t.batchesAdded([{ id: '1', paths: ['/a', '/b'] }]);
  t.ingestCompleted('1', {
    files: [
      { path: '/a', sha256: 'sha-a', outcome: 'queued' },
      { path: '/b', sha256: 'sha-b', outcome: 'queued' },
    ],
  });
  t.parseCompleted('sha-a', parsed('sha-a', { run: 'run-b' }));
  t.parseCompleted('sha-b', parsed('sha-b', { outcome: 'unchanged' }));
  expect(t.summary).toMatchObject({ done: 2, new: 0, alreadyStored: 2 });
  // the snapshot is a copy
  const snap = t.snapshot();
  snap.failed.X = 1;
  expect(t.summary.failed).toEqual({});
});

test('onTick is told of every file that finishes', () => {
  const ticks: number[] = [];
  const t = new ImportTracker(2, RUN, (s) => ticks.push(s.done));
  t.batchesAdded([{ id: '1', paths: ['/a', '/b'] }]);
  t.ingestCompleted('1', {
    files: [
      { path: '/a', sha256: 'sha-a', outcome: 'alreadyStored' },
      { path: '/b', sha256: 'sha-b', outcome: 'queued' },
    ],
  });
  t.parseFailed('sha-b', 'TIMEOUT');
  expect(ticks).toEqual([1, 2]);
});
