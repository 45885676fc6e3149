// `xxgk import --queue`: enqueue the files as ingest jobs of a batch of files each, then follow
// the job events of both queues until every file is stored or failed. Missed events (a Redis
// restart, trimmed jobs) are made up for by looking at the jobs and the store, whenever no
// file has finished for a few seconds (not while events keep coming: that would cost two Redis
// round trips per pending file every round).
import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { QUEUE, connect, queuePrefix, quitAll, ingestBatch, redisUrl } from './config';
import { config } from '../src/model/config';
import type { Redis } from 'ioredis';
import { openQueues, type IngestResult, type ParseResult, type Queues } from './queues';
import { ImportTracker } from './importTracker';
import { jobErrorOf } from './jobError';
import { openStore, errorCodeOf, type Store } from '../store';
import type { ImportSummary, Tick } from '../pipeline/summary';

/** What is known when nothing has finished for a while: jobs waiting, jobs in hand, live workers. */
export interface Stall {
  quietMs: number;
  waiting: number;
  active: number;
  workers: number;
}

export interface EnqueueOptions {
  detach?: boolean;
  onTick?: Tick;
  reconcileMs?: number;
  batch?: number;
  /** where files were published (absolute path → URL): each parse job carries its file's URL to source.url */
  urls?: Map<string, string>;
  /** told, every `stallMs` (default 30 s) that no file finishes, what the queues hold */
  onStall?: (s: Stall) => void;
  stallMs?: number;
  /** give up waiting after this long (the jobs stay queued): rejects with EnqueueTimeoutError */
  timeoutMs?: number;
  /** how long Redis may take to answer at the start (default XXGK_SERVICE_TIMEOUT_MS) */
  readyTimeoutMs?: number;
}

/** `import --queue --timeout` ran out: the files still pending stay queued for the workers. */
export class EnqueueTimeoutError extends Error {
  constructor(
    readonly summary: ImportSummary,
    ms: number,
  ) {
    super(
      `gave up after ${Math.round(ms / 1000)} s with ${summary.files - summary.done} of ${summary.files} ` +
        'files still pending (they stay queued)',
    );
  }
}

export async function enqueueAndWait(files: string[], opts: EnqueueOptions = {}): Promise<ImportSummary> {
  const tracker = new ImportTracker(files.length, randomUUID(), opts.onTick);
  const conn = new Connections(!opts.detach);
  let store: Store | undefined;
  try {
    await conn.ready(opts.readyTimeoutMs ?? config().XXGK_SERVICE_TIMEOUT_MS);
    const [ingestEvents, parseEvents] = conn.events;
    ingestEvents?.on('completed', ({ jobId, returnvalue }) =>
      tracker.ingestCompleted(jobId, parseValue<IngestResult>(returnvalue)),
    );
    ingestEvents?.on('failed', ({ jobId, failedReason }) => tracker.ingestFailed(jobId, jobErrorOf(failedReason).code));
    parseEvents?.on('completed', ({ jobId, returnvalue }) =>
      tracker.parseCompleted(jobId, parseValue<ParseResult>(returnvalue)),
    );
    parseEvents?.on('failed', ({ jobId, failedReason }) => tracker.parseFailed(jobId, jobErrorOf(failedReason).code));

    const size = Math.max(1, opts.batch ?? ingestBatch());
    const batches: string[][] = [];
    for (let i = 0; i < files.length; i += size) batches.push(files.slice(i, i + size));
    for (let i = 0; i < batches.length; i += 1000) {
      const data = batches
        .slice(i, i + 1000)
        .map((paths) => ({ name: 'ingest', data: { paths, run: tracker.run, ...urlsOf(paths, opts.urls) } }));
      const jobs = await conn.queues.ingest.addBulk(data);
      tracker.batchesAdded(jobs.map((job) => ({ id: String(job.id), paths: job.data.paths ?? [] })));
    }
    if (opts.detach) return tracker.summary;
    tracker.allBatchesAdded();

    const stallCheck = watchStalls(tracker, conn.queues, opts);
    const reconcileMs = opts.reconcileMs ?? 3000;
    const reconcile = new Reconciler(tracker, conn.queues, reconcileMs);
    let timer: NodeJS.Timeout | undefined;
    const timedOut =
      opts.timeoutMs === undefined
        ? undefined
        : new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new EnqueueTimeoutError(tracker.snapshot(), opts.timeoutMs!)),
              opts.timeoutMs,
            );
          });
    try {
      await (timedOut ? Promise.race([tracker.finished, timedOut]) : tracker.finished);
    } finally {
      clearInterval(stallCheck);
      clearTimeout(timer);
      store = reconcile.stop();
    }
    return tracker.summary;
  } finally {
    await store?.close();
    await conn.close();
  }
}

/** The import's Redis connections: both queues, and the events of both when it waits. */
class Connections {
  readonly queues: Queues;
  /** the ingest queue's events, then the parse queue's (none when detached) */
  readonly events: QueueEvents[];
  /** the last connection error, remembered for the message rather than printed per reconnect attempt */
  private redisError: Error | undefined;
  private isReady = false;
  private readonly own: Redis[];

  constructor(follow: boolean) {
    const onError = (e: Error) => {
      this.redisError = e;
    };
    this.queues = openQueues(onError);
    this.own = follow ? [connect(), connect()] : [];
    for (const c of this.own) c.on('error', onError);
    this.events = this.own.map(
      (connection, i) => new QueueEvents([QUEUE.ingest, QUEUE.parse][i], { connection, prefix: queuePrefix() }),
    );
    for (const e of this.events) e.on('error', onError);
    for (const q of this.queues.all) q.on('error', onError);
  }

  /** a Redis that does not answer within `ms` ends the import with a message, not a silent wait */
  async ready(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const all = [
      this.queues.ingest.waitUntilReady(),
      this.queues.parse.waitUntilReady(),
      ...this.events.map((e) => e.waitUntilReady()),
    ];
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `no answer from Redis at ${redisUrl()} within ${ms} ms` +
                (this.redisError ? ` (${this.redisError.message})` : ''),
            ),
          ),
        ms,
      );
    });
    await Promise.race([Promise.all(all), late]).finally(() => clearTimeout(timer));
    this.isReady = true;
  }

  async close(): Promise<void> {
    // without Redis, closing would wait for it forever: give it a moment, then drop the connections
    const bounded = (p: Promise<unknown>) =>
      this.isReady ? p : Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
    await bounded(Promise.all(this.events.map((e) => e.close())));
    if (this.isReady) await quitAll(this.own);
    else this.own.forEach((c) => c.disconnect());
    await bounded(this.queues.close());
  }
}

/** Say so, every `stallMs`, while no file finishes: no worker running, or all of them stuck. */
function watchStalls(tracker: ImportTracker, queues: Queues, opts: EnqueueOptions): NodeJS.Timeout {
  const stallMs = opts.stallMs ?? 30_000;
  let lastWarned = Date.now();
  return setInterval(
    () => {
      const quietMs = Date.now() - tracker.lastProgress;
      if (!opts.onStall || quietMs < stallMs || Date.now() - lastWarned < stallMs) return;
      lastWarned = Date.now();
      void (async () => {
        const counts = await queues.parse.getJobCounts('waiting', 'active', 'prioritized');
        const ingestCounts = await queues.ingest.getJobCounts('waiting', 'active');
        const workers = Math.max(await queues.parse.getWorkersCount(), await queues.ingest.getWorkersCount());
        opts.onStall?.({
          quietMs,
          waiting: counts.waiting + counts.prioritized + ingestCounts.waiting,
          active: counts.active + ingestCounts.active,
          workers,
        });
      })().catch(() => opts.onStall?.({ quietMs, waiting: -1, active: -1, workers: -1 }));
    },
    Math.max(100, Math.min(1000, Math.floor(stallMs / 4))),
  );
}

/**
 * Makes up for missed events: when no file has finished for `quietMs`, looks at the jobs still
 * pending, and at the store for parse jobs already trimmed. One round at a time.
 */
class Reconciler {
  private store: Store | undefined;
  private running = false;
  private stopped = false;
  private lastRound = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly tracker: ImportTracker,
    private readonly queues: Queues,
    private readonly quietMs: number,
  ) {
    this.timer = setInterval(() => this.maybeRun(), Math.max(100, Math.floor(quietMs / 3)));
  }

  /**
   * Stops the rounds and hands back the store it opened (if any), for the caller to close. A
   * round in flight is not waited for: without Redis it would wait forever (and then fail).
   */
  stop(): Store | undefined {
    this.stopped = true;
    clearInterval(this.timer);
    return this.store;
  }

  private maybeRun(): void {
    if (this.running || Date.now() - Math.max(this.tracker.lastProgress, this.lastRound) < this.quietMs) return;
    this.running = true;
    this.round()
      .then(() => {
        this.lastRound = Date.now();
      })
      .catch(() => {
        /* Redis away: try again next round */
      })
      .finally(() => {
        this.running = false;
      });
  }

  private async round(): Promise<void> {
    if (!this.store) {
      const store = await openStore();
      if (this.stopped) return store.close();
      this.store = store;
    }
    for (const id of this.tracker.pendingIngest(500)) {
      const job = await this.queues.ingest.getJob(id);
      const state = job ? await job.getState() : 'unknown';
      if (state === 'completed') this.tracker.ingestCompleted(id, job!.returnvalue ?? null);
      else if (state === 'failed') this.tracker.ingestFailed(id, jobErrorOf(job!.failedReason).code);
    }
    for (const sha of this.tracker.pendingParse(500)) {
      const job = await this.queues.parse.getJob(sha);
      const state = job ? await job.getState() : 'unknown';
      if (state === 'completed') this.tracker.parseCompleted(sha, job!.returnvalue ?? null);
      else if (state === 'failed') this.tracker.parseFailed(sha, jobErrorOf(job!.failedReason).code);
      else if (state === 'unknown') {
        // finished and trimmed already: the store knows the outcome
        const stored = await errorCodeOf(this.store!.db, sha);
        if (stored?.errorCode) this.tracker.parseFailed(sha, stored.errorCode);
        else if (stored) this.tracker.parseCompleted(sha, null);
      }
    }
  }
}

/** the URLs of a batch's files that have one, as the ingest job's data carries them */
function urlsOf(paths: string[], urls: Map<string, string> | undefined): { urls?: Record<string, string> } {
  const found = paths.flatMap((p) => {
    const url = urls?.get(p);
    return url ? [[p, url] as const] : [];
  });
  return found.length ? { urls: Object.fromEntries(found) } : {};
}

const parseValue = <T>(v: unknown): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : ((v as T) ?? null));
