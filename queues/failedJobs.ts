// Failed jobs of both queues with their file, stage, error code and message; and putting them back.
import { openQueues, stageOf } from './queues';
import { jobErrorOf } from './jobError';

export interface FailedJob {
  queue: string;
  id: string;
  path: string;
  paths?: string[];
  sha256: string | null;
  stage: string;
  code: string;
  message: string;
  attempts: number;
  failedAt: string | null;
}

export async function listFailed(limit = 1000): Promise<FailedJob[]> {
  const queues = openQueues();
  try {
    const out: FailedJob[] = [];
    for (const q of queues.all) {
      for (const job of await q.getFailed(0, limit - 1)) {
        if (!job) continue;
        const error = jobErrorOf(job.failedReason);
        const data = job.data as { path?: string; paths?: string[]; sha256?: string };
        // a batch ingest job that failed as a whole (its files are read one by one: only a store or Redis fault)
        const batch = data.paths ? { paths: data.paths } : {};
        out.push({
          queue: q.name,
          id: String(job.id),
          path:
            data.path ??
            (data.paths
              ? `${data.paths[0] ?? ''}${data.paths.length > 1 ? ` (+${data.paths.length - 1} more)` : ''}`
              : ''),
          ...batch,
          sha256: data.sha256 ?? null,
          stage: q.name === 'ingest' ? 'ingest' : stageOf(job.progress),
          code: error.code,
          message: error.message,
          attempts: job.attemptsMade,
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        });
      }
    }
    return out;
  } finally {
    await queues.close();
  }
}

/** Put failed jobs back: all of them, or those with the given ids (in either queue). Returns how many. */
export async function retryFailed(ids: string[] | 'all'): Promise<{ retried: string[]; notFound: string[] }> {
  const queues = openQueues();
  const retried: string[] = [];
  const notFound: string[] = [];
  try {
    if (ids === 'all') {
      for (const q of queues.all) {
        for (const job of await q.getFailed(0, -1)) {
          if (!job) continue;
          await job.retry('failed');
          retried.push(String(job.id));
        }
      }
    } else {
      for (const id of ids) {
        let found = false;
        for (const q of queues.all) {
          const job = await q.getJob(id);
          if (job && (await job.getState()) === 'failed') {
            await job.retry('failed');
            retried.push(id);
            found = true;
            break;
          }
        }
        if (!found) notFound.push(id);
      }
    }
    return { retried, notFound };
  } finally {
    await queues.close();
  }
}
