// `xxgk import --queue`: enqueue the files as ingest jobs of a batch of files each, then follow
// the job events of both queues until every file is stored or failed. Missed events (a Redis
// restart, trimmed jobs) are made up for by looking at the jobs and the store, whenever no
// file has finished for a few seconds (not while events keep coming: that would cost two Redis
// round trips per pending file every round).
import { QueueEvents } from 'bullmq';
import { QUEUE, connect, queuePrefix, quitAll, ingestBatch } from './config';
import { openQueues, codeOf, type IngestResult, type IngestFileResult } from './queues';
import { openStore, type Store } from '../store';
import { emptySummary, type ImportSummary, type Tick } from '../pipeline/summary';

export interface EnqueueOptions { detach?: boolean; onTick?: Tick; reconcileMs?: number; batch?: number }

export async function enqueueAndWait(files: string[], opts: EnqueueOptions = {}): Promise<ImportSummary> {
  const summary = emptySummary(files.length);
  const queues = openQueues();
  const connections = opts.detach ? [] : [connect(), connect()];
  const events = connections.map((connection, i) => new QueueEvents([QUEUE.ingest, QUEUE.parse][i], { connection, prefix: queuePrefix() }));
  let store: Store | undefined;
  try {
    await Promise.all(events.map((e) => e.waitUntilReady()));
    /** ingest job id → its paths, until the ingest job is done */
    const ingestPending = new Map<string, string[]>();
    /** ids of our batch jobs: files they hand over get ingest jobs `<batch id>-<index>` */
    const ourBatches = new Set<string>();
    /** content hash → how many of our files wait for its parse job */
    const parsePending = new Map<string, number>();
    /** parse outcomes seen before the ingest result that announces them */
    const parseSeen = new Map<string, { code: string | null }>();
    let lastProgress = Date.now();
    const tick = (n: number) => { summary.done += n; lastProgress = Date.now(); opts.onTick?.(summary); };
    const fail = (code: string, n: number) => { summary.failed[code] = (summary.failed[code] ?? 0) + n; tick(n); };

    const parseFinished = (sha: string, code: string | null) => {
      const waiting = parsePending.get(sha);
      if (waiting === undefined) { parseSeen.set(sha, { code }); return; }
      parsePending.delete(sha);
      if (code) summary.failed[code] = (summary.failed[code] ?? 0) + waiting;
      else { summary.new += 1; summary.duplicates += waiting - 1; }
      tick(waiting);
    };
    const fileIngested = (f: { sha256: string | null; outcome: IngestFileResult['outcome']; job?: string; path?: string }) => {
      if (f.outcome === 'handedOver' && f.job) { expectIngest(f.job, [f.path ?? '']); return; }
      if (f.outcome === 'alreadyStored' || !f.sha256) { summary.alreadyStored += 1; tick(1); return; }
      parsePending.set(f.sha256, (parsePending.get(f.sha256) ?? 0) + 1);
      const seen = parseSeen.get(f.sha256);
      if (seen) parseFinished(f.sha256, seen.code);
    };
    /** ingest results that arrived before we knew their job ids (addBulk not returned, batch result not seen) */
    const ingestEarly = new Map<string, [IngestResult | null, string | undefined]>();
    const mayBeOurs = (id: string) => !allAdded || ourBatches.has(id.replace(/-\d+$/, ''));
    const ingestFinished = (id: string, result: IngestResult | null, failedReason?: string) => {
      const paths = ingestPending.get(id);
      if (!paths) { if (mayBeOurs(id)) ingestEarly.set(id, [result, failedReason]); return; }
      ingestPending.delete(id);
      if (!result) { fail(codeOf(failedReason), paths.length); return; }
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
      parseEvents?.on('completed', ({ jobId }) => { parseFinished(jobId, null); check(); });
      parseEvents?.on('failed', ({ jobId, failedReason }) => { parseFinished(jobId, codeOf(failedReason)); check(); });
      checkRef = check;
    });

    const size = Math.max(1, opts.batch ?? ingestBatch());
    const batches: string[][] = [];
    for (let i = 0; i < files.length; i += size) batches.push(files.slice(i, i + size));
    for (let i = 0; i < batches.length; i += 1000) {
      const jobs = await queues.ingest.addBulk(batches.slice(i, i + 1000).map((paths) => ({ name: 'ingest', data: { paths } })));
      for (const job of jobs) ourBatches.add(String(job.id));
      for (const job of jobs) expectIngest(String(job.id), job.data.paths ?? []);
    }
    allAdded = true;
    for (const id of ingestEarly.keys()) if (!mayBeOurs(id)) ingestEarly.delete(id);
    if (opts.detach) return summary;
    checkRef();

    // make up for missed events: look at the jobs, and at the store, of what is still pending
    const reconcileMs = opts.reconcileMs ?? 3000;
    let reconciling = false;
    const reconcile = setInterval(() => {
      if (reconciling || Date.now() - lastProgress < reconcileMs) return;
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
          if (state === 'completed') parseFinished(sha, null);
          else if (state === 'failed') parseFinished(sha, codeOf(job!.failedReason));
          else if (state === 'unknown') {
            // finished and trimmed already: the store knows the outcome
            const row = await store.db.selectFrom('reports').select('error_code').where('sha256', '=', sha).executeTakeFirst();
            if (row) parseFinished(sha, row.error_code);
          }
        }
        checkRef();
        lastProgress = Date.now();
      })().catch(() => { /* Redis away: try again next round */ }).finally(() => { reconciling = false; });
    }, Math.max(100, Math.floor(reconcileMs / 3)));
    try {
      await done;
    } finally {
      clearInterval(reconcile);
    }
    return summary;
  } finally {
    await store?.close();
    await Promise.all(events.map((e) => e.close()));
    await quitAll(connections);
    await queues.close();
  }
}

const parseValue = <T>(v: unknown): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T) ?? null);
