// One worker process: an ingest worker (I/O, in this process) and a parse worker whose parsing
// runs on a pool of worker threads (started here, so the first job does not wait for them).
// Started before Redis, it waits for Redis (reconnecting with backoff, one log line) before it
// takes jobs. A dropped database connection fails only the jobs using it: they are retried.
// close() stops taking jobs and waits for those in hand; without Redis it cannot hand them
// back, so it stops within a bound and leaves them to be taken over as stalled.
import { Worker, MetricsTime } from 'bullmq';
import { openStore } from '../store';
import { QUEUE, connect, queuePrefix, lockDuration, quitAll, redisUrl } from './config';
import { openQueues } from './queues';
import { ingestProcessor } from './ingestProcessor';
import { parseProcessor } from './parseProcessor';
import { createParsePool } from '../pipeline/local/parsePool';
import { createRecordWriter, STORE_BATCH } from '../pipeline/stages';
import { RedisWatch, type WorkerLog } from './redisWatch';

export interface WorkerOptions {
  concurrency: number;
  log: WorkerLog;
  /** aborting it while the worker waits for Redis makes startWorker return null */
  signal?: AbortSignal;
}

/** How long close() waits for BullMQ when Redis is unreachable. */
const CLOSE_WITHOUT_REDIS_MS = 3000;

export class StoreUnavailableError extends Error {}

export async function startWorker(opts: WorkerOptions) {
  const { log } = opts;
  const store = await openStore(undefined, {
    onConnectionError: (e) =>
      log.warn({ err: e.message }, 'database connection dropped: its jobs are retried, the next query reconnects'),
  }).catch((e: Error) => {
    throw new StoreUnavailableError(`cannot open the store: ${e.message}`);
  });
  const connections = [connect(), connect()];
  const redis = new RedisWatch(connections, redisUrl(), log);
  if (!(await redis.ready(opts.signal))) {
    await store.close();
    connections.forEach((c) => c.disconnect());
    return null;
  }
  const queues = openQueues((e) => redis.unreachable(e));
  const common = {
    prefix: queuePrefix(),
    lockDuration: lockDuration(),
    stalledInterval: Math.max(1000, Math.floor(lockDuration() / 2)),
    // totals of completed/failed jobs that survive the trimming of finished jobs
    metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
  };
  const ingest = new Worker(QUEUE.ingest, ingestProcessor(store, queues), {
    ...common,
    connection: connections[0],
    concurrency: opts.concurrency * 4,
  });
  // threads, not child processes: they die with this process (a kill -9 leaves no orphan
  // parsing on), and still keep a stuck or crashing parse off this thread
  const pool = createParsePool(opts.concurrency);
  await pool.ready();
  const writer = createRecordWriter(store);
  const parse = new Worker(QUEUE.parse, parseProcessor(writer, pool), {
    ...common,
    connection: connections[1],
    // a job more per thread (one parses while the other's record is stored and its job
    // completed), and room for a batch of parsed records waiting to be stored together
    concurrency: opts.concurrency * 2 + STORE_BATCH.size,
  });
  for (const w of [ingest, parse]) {
    w.on('failed', (job, err) =>
      log.warn({ queue: w.name, job: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed'),
    );
    // connection errors are reported once per outage by RedisWatch
    w.on('error', (err) =>
      redis.up ? log.error({ queue: w.name, err: err.message }, 'worker error') : redis.unreachable(err),
    );
  }
  return {
    ingest,
    parse,
    get redisUp() {
      return redis.up;
    },
    async close() {
      const up = redis.up;
      const bounded = <T>(p: Promise<T>) =>
        up
          ? p
          : Promise.race([
              p.catch(() => undefined),
              new Promise<undefined>((r) => setTimeout(() => r(undefined), CLOSE_WITHOUT_REDIS_MS).unref()),
            ]);
      // with Redis: finish the jobs in hand; without: stop now, the jobs return as stalled
      await bounded(Promise.all([ingest.close(!up), parse.close(!up)]));
      // records parsed but not yet stored are stored (without Redis their jobs return as
      // stalled and run again: the store keeps the report once)
      await writer.close();
      await pool.close();
      await bounded(queues.close());
      if (up) await quitAll(connections);
      else connections.forEach((c) => c.disconnect());
      await store.close();
    },
  };
}

export type RunningWorker = NonNullable<Awaited<ReturnType<typeof startWorker>>>;
