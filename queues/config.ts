// Where the queues live and how their jobs behave. Everything comes from the environment so
// that every machine of a deployment agrees: REDIS_URL, XXGK_QUEUE_PREFIX (tests use their own).
import IORedis, { type Redis } from 'ioredis';
import type { DefaultJobOptions } from 'bullmq';
import { config } from '../src/model/config';

export const QUEUE = { ingest: 'ingest', parse: 'parse' } as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export const redisUrl = () => config().redisUrl;
export const queuePrefix = () => config().XXGK_QUEUE_PREFIX;

/**
 * One connection per Queue/Worker. maxRetriesPerRequest: null makes commands wait through a
 * Redis restart instead of failing (BullMQ requires it for workers).
 */
export function connect(): Redis {
  return new IORedis(redisUrl(), { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** Transient faults retry with exponential backoff; bad input fails at once (FinalJobError, jobError.ts). */
export const jobOptions = (): DefaultJobOptions => ({
  attempts: config().XXGK_ATTEMPTS,
  backoff: { type: 'exponential', delay: config().XXGK_BACKOFF_MS },
  // finished jobs are trimmed; totals survive in the queue metrics
  removeOnComplete: { count: config().XXGK_KEEP_COMPLETED, age: 24 * 3600 },
  removeOnFail: { count: 100_000 },
});

/** Events stream cap: the progress of `import --queue` needs only recent events. */
export const EVENTS_MAX_LEN = 10_000;

/** Files per ingest job: one job hashes a batch, looks them up in one query and adds their parse jobs in one call. */
export const ingestBatch = () => config().XXGK_INGEST_BATCH;

/** A worker that dies loses its lock after this long; its jobs are then taken over. */
export const lockDuration = () => config().XXGK_LOCK_MS;

/** Close connections we created (BullMQ does not close connections it was handed). */
export async function quitAll(connections: Redis[]): Promise<void> {
  await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
}
