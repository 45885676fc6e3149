// `xxgk import --queue`: enqueue one ingest job per file, then follow the job events of both
// queues until every file is stored or failed. Missed events (a Redis restart, trimmed jobs)
// are made up for by looking at the jobs and the store every few seconds.
import { QueueEvents } from 'bullmq';
import { QUEUE, connect, queuePrefix, quitAll } from './config';
import { openQueues, codeOf, type IngestResult } from './queues';
import { openStore } from '../../src/store';
import { emptySummary, type ImportSummary, type Tick } from '../summary';

export interface EnqueueOptions { detach?: boolean; onTick?: Tick; reconcileMs?: number }

export async function enqueueAndWait(files: string[], opts: EnqueueOptions = {}): Promise<ImportSummary> {
  const summary = emptySummary(files.length);
  const queues = openQueues();
  const connections = opts.detach ? [] : [connect(), connect()];
  const events = connections.map((connection, i) => new QueueEvents([QUEUE.ingest, QUEUE.parse][i], { connection, prefix: queuePrefix() }));
  try {
    await Promise.all(events.map((e) => e.waitUntilReady()));
    /** ingest job id → path, until the ingest job is done */
    const ingestPending = new Map<string, string>();
    /** content hash → how many of our files wait for its parse job */
    const parsePending = new Map<string, number>();
    /** parse outcomes seen before the ingest result that announces them */
    const parseSeen = new Map<string, { code: string | null }>();
    const tick = (n: number) => { summary.done += n; opts.onTick?.(summary); };

    const parseFinished = (sha: string, code: string | null) => {
      const waiting = parsePending.get(sha);
      if (waiting === undefined) { parseSeen.set(sha, { code }); return; }
      parsePending.delete(sha);
      if (code) summary.failed[code] = (summary.failed[code] ?? 0) + waiting;
      else { summary.new += 1; summary.duplicates += waiting - 1; }
      tick(waiting);
    };
    /** ingest results that arrived before addBulk returned their job ids */
    const ingestEarly = new Map<string, [IngestResult | null, string | undefined]>();
    const ingestFinished = (id: string, result: IngestResult | null, failedReason?: string) => {
      if (!ingestPending.delete(id)) { if (!allAdded) ingestEarly.set(id, [result, failedReason]); return; }
      if (!result) { const code = codeOf(failedReason); summary.failed[code] = (summary.failed[code] ?? 0) + 1; tick(1); return; }
      if (result.outcome === 'alreadyStored' || !result.sha256) { summary.alreadyStored += 1; tick(1); return; }
      parsePending.set(result.sha256, (parsePending.get(result.sha256) ?? 0) + 1);
      const seen = parseSeen.get(result.sha256);
      if (seen) parseFinished(result.sha256, seen.code);
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

    for (let i = 0; i < files.length; i += 1000) {
      const jobs = await queues.ingest.addBulk(files.slice(i, i + 1000).map((path) => ({ name: 'ingest', data: { path } })));
      for (const job of jobs) ingestPending.set(String(job.id), job.data.path);
      for (const job of jobs) {
        const early = ingestEarly.get(String(job.id));
        if (early) { ingestEarly.delete(String(job.id)); ingestFinished(String(job.id), early[0], early[1]); }
      }
    }
    allAdded = true;
    if (opts.detach) return summary;
    checkRef();

    // make up for missed events: look at the jobs, and at the store, of what is still pending
    const store = await openStore();
    const reconcile = setInterval(() => void (async () => {
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
    })().catch(() => { /* Redis away: try again next round */ }), opts.reconcileMs ?? 3000);
    try {
      await done;
    } finally {
      clearInterval(reconcile);
      await store.close();
    }
    return summary;
  } finally {
    await Promise.all(events.map((e) => e.close()));
    await quitAll(connections);
    await queues.close();
  }
}

const parseValue = <T>(v: unknown): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T) ?? null);
