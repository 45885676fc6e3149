// `xxgk import --queue`: enqueue the files as ingest jobs of a batch of files each, then follow
// the job events of both queues until every file is stored or failed. Missed events (a Redis
// restart, trimmed jobs) are made up for by looking at the jobs and the store, whenever no
// file has finished for a few seconds (not while events keep coming: that would cost two Redis
// round trips per pending file every round).
import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { QUEUE, connect, queuePrefix, quitAll, ingestBatch, redisUrl } from './config';
import { config } from '../src/model/config';
import { openQueues, type IngestResult, type IngestFileResult, type ParseResult } from './queues';
import { jobErrorOf } from './jobError';
import { openStore, errorCodeOf, type Store } from '../store';
import { emptySummary, type ImportSummary, type Tick } from '../pipeline/summary';

/** What is known when nothing has finished for a while: jobs waiting, jobs in hand, live workers. */
export interface Stall { quietMs: number; waiting: number; active: number; workers: number }

export interface EnqueueOptions {
  detach?: boolean; onTick?: Tick; reconcileMs?: number; batch?: number;
  /** where files were published (absolute path → URL): each parse job carries its file's URL to source.url */
  urls?: Map<string, string>;
  /** told, every `stallMs` (default 30 s) that no file finishes, what the queues hold */
  onStall?: (s: Stall) => void; stallMs?: number;
  /** give up waiting after this long (the jobs stay queued): rejects with EnqueueTimeoutError */
  timeoutMs?: number;
  /** how long Redis may take to answer at the start (default XXGK_SERVICE_TIMEOUT_MS) */
  readyTimeoutMs?: number;
}

/** `import --queue --timeout` ran out: the files still pending stay queued for the workers. */
export class EnqueueTimeoutError extends Error {
  constructor(readonly summary: ImportSummary, ms: number) {
    super(`gave up after ${Math.round(ms / 1000)} s with ${summary.files - summary.done} of ${summary.files} files still pending (they stay queued)`);
  }
}

export async function enqueueAndWait(files: string[], opts: EnqueueOptions = {}): Promise<ImportSummary> {
  const summary = emptySummary(files.length);
  /** this import's id, carried by its jobs: a report counts as new only for the import whose parse job stored it */
  const run = randomUUID();
  // connection errors are remembered for the message, not printed once per reconnect attempt
  let redisError: Error | undefined;
  const onRedisError = (e: Error) => { redisError = e; };
  const queues = openQueues(onRedisError);
  const connections = opts.detach ? [] : [connect(), connect()];
  for (const c of connections) c.on('error', onRedisError);
  let ready = false;
  const events = connections.map((connection, i) => new QueueEvents([QUEUE.ingest, QUEUE.parse][i], { connection, prefix: queuePrefix() }));
  for (const e of events) e.on('error', onRedisError);
  for (const q of queues.all) q.on('error', onRedisError);
  let store: Store | undefined;
  try {
    // a Redis that does not answer ends the import with a message, not a silent wait
    const readyMs = opts.readyTimeoutMs ?? config().XXGK_SERVICE_TIMEOUT_MS;
    let readyTimer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([queues.ingest.waitUntilReady(), queues.parse.waitUntilReady(), ...events.map((e) => e.waitUntilReady())]),
      new Promise<never>((_, reject) => {
        readyTimer = setTimeout(() => reject(new Error(`no answer from Redis at ${redisUrl()} within ${readyMs} ms${redisError ? ` (${redisError.message})` : ''}`)), readyMs);
      }),
    ]).finally(() => clearTimeout(readyTimer));
    ready = true;
    /** ingest job id → its paths, until the ingest job is done */
    const ingestPending = new Map<string, string[]>();
    /** ids of our batch jobs: files they hand over get ingest jobs `<batch id>-<index>` */
    const ourBatches = new Set<string>();
    /** content hash → how many of our files wait for its parse job */
    const parsePending = new Map<string, number>();
    /** parse outcomes seen before the ingest result that announces them */
    const parseSeen = new Map<string, { code: string | null; result?: ParseResult | null }>();
    let lastProgress = Date.now();
    const tick = (n: number) => { summary.done += n; lastProgress = Date.now(); opts.onTick?.(summary); };
    const fail = (code: string, n: number) => { summary.failed[code] = (summary.failed[code] ?? 0) + n; tick(n); };

    /** result: the parse job's return value when known (null: trimmed, only the store was asked) */
    const parseFinished = (sha: string, code: string | null, result?: ParseResult | null) => {
      const waiting = parsePending.get(sha);
      if (waiting === undefined) { parseSeen.set(sha, { code, result }); return; }
      parsePending.delete(sha);
      if (code) summary.failed[code] = (summary.failed[code] ?? 0) + waiting;
      else {
        // stored by this import's own job: new; by another import's job for the same bytes
        // running at the same time, or left unchanged by the store's insert: already stored
        const ours = !result || ((result.run === undefined || result.run === run) && result.outcome !== 'unchanged');
        if (ours) summary.new += 1; else summary.alreadyStored += 1;
        summary.duplicates += waiting - 1;
      }
      tick(waiting);
    };
    const fileIngested = (f: { sha256: string | null; outcome: IngestFileResult['outcome']; job?: string; path?: string; code?: string }) => {
      if (f.outcome === 'handedOver' && f.job) { expectIngest(f.job, [f.path ?? '']); return; }
      // a file stored earlier with an error code failed then and fails now: listed as failed
      if (f.outcome === 'alreadyStored' && f.code) { fail(f.code, 1); return; }
      if (f.outcome === 'alreadyStored' || !f.sha256) { summary.alreadyStored += 1; tick(1); return; }
      parsePending.set(f.sha256, (parsePending.get(f.sha256) ?? 0) + 1);
      const seen = parseSeen.get(f.sha256);
      if (seen) parseFinished(f.sha256, seen.code, seen.result);
    };
    /** ingest results that arrived before we knew their job ids (addBulk not returned, batch result not seen) */
    const ingestEarly = new Map<string, [IngestResult | null, string | undefined]>();
    const mayBeOurs = (id: string) => !allAdded || ourBatches.has(id.replace(/-\d+$/, ''));
    const ingestFinished = (id: string, result: IngestResult | null, failedReason?: string) => {
      const paths = ingestPending.get(id);
      if (!paths) { if (mayBeOurs(id)) ingestEarly.set(id, [result, failedReason]); return; }
      ingestPending.delete(id);
      if (!result) { fail(jobErrorOf(failedReason).code, paths.length); return; }
      if ('files' in result) for (const f of result.files) fileIngested(f);
      else fileIngested(result);
    };
    const expectIngest = (id: string, paths: string[]) => {
      ingestPending.set(id, paths);
      const early = ingestEarly.get(id);
      if (early) { ingestEarly.delete(id); ingestFinished(id, early[0], early[1]); }
    };

    let allAdded = false;
    let checkRef: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      const check = () => { if (allAdded && ingestPending.size === 0 && parsePending.size === 0) resolve(); };
      const [ingestEvents, parseEvents] = events;
      ingestEvents?.on('completed', ({ jobId, returnvalue }) => { ingestFinished(jobId, parseValue<IngestResult>(returnvalue)); check(); });
      ingestEvents?.on('failed', ({ jobId, failedReason }) => { ingestFinished(jobId, null, failedReason); check(); });
      parseEvents?.on('completed', ({ jobId, returnvalue }) => { parseFinished(jobId, null, parseValue<ParseResult>(returnvalue)); check(); });
      parseEvents?.on('failed', ({ jobId, failedReason }) => { parseFinished(jobId, jobErrorOf(failedReason).code); check(); });
      checkRef = check;
    });

    const size = Math.max(1, opts.batch ?? ingestBatch());
    const batches: string[][] = [];
    for (let i = 0; i < files.length; i += size) batches.push(files.slice(i, i + size));
    for (let i = 0; i < batches.length; i += 1000) {
      const jobs = await queues.ingest.addBulk(batches.slice(i, i + 1000).map((paths) => ({ name: 'ingest', data: { paths, run, ...urlsOf(paths, opts.urls) } })));
      for (const job of jobs) ourBatches.add(String(job.id));
      for (const job of jobs) expectIngest(String(job.id), job.data.paths ?? []);
    }
    allAdded = true;
    for (const id of ingestEarly.keys()) if (!mayBeOurs(id)) ingestEarly.delete(id);
    if (opts.detach) return summary;
    checkRef();

    // say so when nothing finishes for a while: no worker running, or all of them stuck
    const stallMs = opts.stallMs ?? 30_000;
    let lastWarned = Date.now();
    const stallCheck = setInterval(() => {
      const quietMs = Date.now() - lastProgress;
      if (!opts.onStall || Date.now() - lastProgress < stallMs || Date.now() - lastWarned < stallMs) return;
      lastWarned = Date.now();
      void (async () => {
        const counts = await queues.parse.getJobCounts('waiting', 'active', 'prioritized');
        const ingestCounts = await queues.ingest.getJobCounts('waiting', 'active');
        const workers = Math.max(await queues.parse.getWorkersCount(), await queues.ingest.getWorkersCount());
        opts.onStall?.({ quietMs, waiting: counts.waiting + counts.prioritized + ingestCounts.waiting, active: counts.active + ingestCounts.active, workers });
      })().catch(() => opts.onStall?.({ quietMs, waiting: -1, active: -1, workers: -1 }));
    }, Math.max(100, Math.min(1000, Math.floor(stallMs / 4))));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = opts.timeoutMs === undefined ? undefined : new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EnqueueTimeoutError({ ...summary, failed: { ...summary.failed } }, opts.timeoutMs!)), opts.timeoutMs);
    });

    // make up for missed events: look at the jobs, and at the store, of what is still pending
    const reconcileMs = opts.reconcileMs ?? 3000;
    let reconciling = false;
    let lastReconciled = 0;
    const reconcile = setInterval(() => {
      if (reconciling || Date.now() - Math.max(lastProgress, lastReconciled) < reconcileMs) return;
      reconciling = true;
      void (async () => {
        store ??= await openStore();
        for (const id of [...ingestPending.keys()].slice(0, 500)) {
          const job = await queues.ingest.getJob(id);
          const state = job ? await job.getState() : 'unknown';
          if (state === 'completed') ingestFinished(id, job!.returnvalue as IngestResult);
          else if (state === 'failed') ingestFinished(id, null, job!.failedReason);
        }
        for (const sha of [...parsePending.keys()].slice(0, 500)) {
          const job = await queues.parse.getJob(sha);
          const state = job ? await job.getState() : 'unknown';
          if (state === 'completed') parseFinished(sha, null, job!.returnvalue as ParseResult);
          else if (state === 'failed') parseFinished(sha, jobErrorOf(job!.failedReason).code);
          else if (state === 'unknown') {
            // finished and trimmed already: the store knows the outcome
            const stored = await errorCodeOf(store.db, sha);
            if (stored) parseFinished(sha, stored.errorCode);
          }
        }
        checkRef();
        lastReconciled = Date.now();
      })().catch(() => { /* Redis away: try again next round */ }).finally(() => { reconciling = false; });
    }, Math.max(100, Math.floor(reconcileMs / 3)));
    try {
      await (timedOut ? Promise.race([done, timedOut]) : done);
    } finally {
      clearInterval(reconcile);
      clearInterval(stallCheck);
      clearTimeout(timer);
    }
    return summary;
  } finally {
    await store?.close();
    // without Redis, closing would wait for it forever: give it a moment, then drop the connections
    const bounded = (p: Promise<unknown>) => (ready ? p : Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]));
    await bounded(Promise.all(events.map((e) => e.close())));
    if (ready) await quitAll(connections);
    else connections.forEach((c) => c.disconnect());
    await bounded(queues.close());
  }
}

/** the URLs of a batch's files that have one, as the ingest job's data carries them */
function urlsOf(paths: string[], urls: Map<string, string> | undefined): { urls?: Record<string, string> } {
  const found = paths.flatMap((p) => { const url = urls?.get(p); return url ? [[p, url] as const] : []; });
  return found.length ? { urls: Object.fromEntries(found) } : {};
}

const parseValue = <T>(v: unknown): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T) ?? null);
