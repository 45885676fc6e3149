// One worker process: an ingest worker (I/O, in this process) and a parse worker whose parsing
// runs on a pool of worker threads (started here, so the first job does not wait for them).
// close() stops taking jobs and waits for those in hand.
import { Worker, MetricsTime } from 'bullmq';
import { openStore } from '../store';
import { QUEUE, connect, queuePrefix, lockDuration, quitAll } from './config';
import { openQueues } from './queues';
import { ingestProcessor } from './ingestProcessor';
import { parseProcessor } from './parseProcessor';
import { createParsePool } from '../pipeline/local/parsePool';

export interface WorkerOptions { concurrency: number; log?: (line: string) => void }

export async function startWorker(opts: WorkerOptions) {
  const store = await openStore();
  const queues = openQueues();
  const common = {
    prefix: queuePrefix(),
    lockDuration: lockDuration(),
    stalledInterval: Math.max(1000, Math.floor(lockDuration() / 2)),
    // totals of completed/failed jobs that survive the trimming of finished jobs
    metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
  };
  const connections = [connect(), connect()];
  const ingest = new Worker(QUEUE.ingest, ingestProcessor(store, queues), { ...common, connection: connections[0], concurrency: opts.concurrency * 4 });
  // threads, not child processes: they die with this process (a kill -9 leaves no orphan
  // parsing on), and still keep a stuck or crashing parse off this thread
  const pool = createParsePool(opts.concurrency);
  await pool.ready();
  const parse = new Worker(QUEUE.parse, parseProcessor(store, pool), {
    ...common,
    connection: connections[1],
    // a job more per thread: one parses while the other's record is stored and its job completed
    concurrency: opts.concurrency * 2,
  });
  const log = opts.log ?? (() => {});
  for (const w of [ingest, parse]) {
    w.on('failed', (job, err) => log(`${w.name} ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${err.message}`));
    w.on('error', (err) => log(`${w.name} worker error: ${err.message}`));
  }
  return {
    ingest,
    parse,
    async close() {
      await Promise.all([ingest.close(), parse.close()]);
      await pool.close();
      await queues.close();
      await quitAll(connections);
      await store.close();
    },
  };
}
