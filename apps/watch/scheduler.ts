// Continuous mode on Redis: one BullMQ job scheduler per source on the `watch` queue (upserted
// at start, so every watch process of a deployment may run the same sources file; schedulers
// of sources no longer in the file are removed), and a worker that runs each scheduled pass.
// A pass runs on one machine at a time whichever process took the job.
import { Queue, Worker } from 'bullmq';
import { connect, queuePrefix } from '../../queues/config';
import type { SourcesFile } from './sources';
import { safeCheck, passLine } from './runWatch';
import type { PassResult } from './checkSource';
import type { OpenedContext } from './context';

export const WATCH_QUEUE = 'watch';
const SCHEDULER_PREFIX = 'watch:';

export interface WatchJobData {
  sourceId: string;
}

export async function startScheduledWatch(ctx: OpenedContext, file: SourcesFile, onPass?: (r: PassResult) => void) {
  // BullMQ does not close connections it was handed: keep them and quit them on close
  const connections = [connect(), connect()];
  const queue = new Queue<WatchJobData>(WATCH_QUEUE, {
    connection: connections[0],
    prefix: queuePrefix(),
    defaultJobOptions: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } },
  });
  const ids = new Set(file.sources.map((s) => SCHEDULER_PREFIX + s.id));
  for (const s of file.sources) {
    await queue.upsertJobScheduler(
      SCHEDULER_PREFIX + s.id,
      { every: s.interval },
      { name: 'check', data: { sourceId: s.id } },
    );
  }
  for (const old of await queue.getJobSchedulers()) {
    if (old.key.startsWith(SCHEDULER_PREFIX) && !ids.has(old.key)) await queue.removeJobScheduler(old.key);
  }
  const byId = new Map(file.sources.map((s) => [s.id, s]));
  const worker = new Worker<WatchJobData, PassResult>(
    WATCH_QUEUE,
    async (job) => {
      const source = byId.get(job.data.sourceId);
      // a scheduler added by a process with a newer sources file: leave it to that process
      if (!source) throw new Error(`unknown source ${job.data.sourceId} (not in this process's sources file)`);
      const r = await safeCheck(ctx, source);
      ctx.log(passLine(r));
      onPass?.(r);
      return r;
    },
    { connection: connections[1], prefix: queuePrefix(), concurrency: Math.max(1, Math.min(4, file.sources.length)) },
  );
  worker.on('error', (e) => (ctx.warn ?? ctx.log)(`watch worker error: ${e.message}`));
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
