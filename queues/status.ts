// Counts per queue and state, totals of finished jobs (from the metrics, which survive trimming),
// and the number of reports in the store.
import { openStore, countReports } from '../store';
import { openQueues } from './queues';

const STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'paused',
  'completed',
  'failed',
] as const;

export interface QueueStatus {
  counts: Record<string, number>;
  processed: { completed: number; failed: number };
}
export interface Status {
  queues: Record<string, QueueStatus>;
  stored: number;
  storedWithError: number;
  pending: number;
}

export async function getStatus(): Promise<Status> {
  const queues = openQueues();
  const store = await openStore();
  try {
    const result: Status['queues'] = {};
    let pending = 0;
    for (const q of queues.all) {
      const counts = await q.getJobCounts(...STATES);
      const [completed, failed] = await Promise.all([q.getMetrics('completed', 0, 0), q.getMetrics('failed', 0, 0)]);
      result[q.name] = { counts, processed: { completed: completed.meta.count, failed: failed.meta.count } };
      pending += counts.waiting + counts.active + counts.delayed + counts.prioritized + (counts.paused ?? 0);
    }
    const stored = await countReports(store.db);
    return { queues: result, stored: stored.stored, storedWithError: stored.withError, pending };
  } finally {
    await queues.close();
    await store.close();
  }
}
