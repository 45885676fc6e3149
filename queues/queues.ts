// The two BullMQ queues: `ingest` (path → hash → dedupe) and `parse` (job id = content hash;
// parse on the worker's thread pool → check → store).
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE, connect, queuePrefix, jobOptions, EVENTS_MAX_LEN, quitAll } from './config';

/**
 * One file (`path`, published at `url`), or a batch of files (`paths`, what `import --queue` adds;
 * `urls`: path → the URL it was published at, for those that have one). `run`: the import that
 * enqueued it. The URL and the run are handed on to the parse jobs it adds.
 */
export interface IngestData {
  path?: string;
  url?: string;
  paths?: string[];
  urls?: Record<string, string>;
  run?: string;
}
/**
 * A file of a batch that could not be read is handed over to an ingest job of its own (`job`),
 * which retries or fails with its code. A stored file carries its stored error `code`, if any.
 */
export interface IngestFileResult {
  path: string;
  sha256: string | null;
  outcome: 'queued' | 'alreadyStored' | 'handedOver';
  job?: string;
  code?: string;
}
export type IngestResult =
  { sha256: string | null; outcome: 'queued' | 'alreadyStored'; code?: string } | { files: IngestFileResult[] };
/** run: the import whose ingest job added this parse job (job id = hash: the first one to add it) */
export interface ParseData {
  path: string;
  sha256: string;
  url?: string;
  fetchedAt?: string;
  run?: string;
}
/** outcome: what the store's insert did (inserted, replaced, unchanged); run: from the job's data */
export interface ParseResult {
  sha256: string;
  outcome: string;
  cells: number;
  flags: number;
  run?: string;
}

/** onError: told of each connection error (default: ioredis prints them, one per reconnect attempt) */
export function openQueues(onError?: (e: Error) => void) {
  const connections: Redis[] = [];
  const own = () => {
    const c = connect();
    if (onError) c.on('error', onError);
    connections.push(c);
    return c;
  };
  const opts = () => ({
    connection: own(),
    prefix: queuePrefix(),
    defaultJobOptions: jobOptions(),
    streams: { events: { maxLen: EVENTS_MAX_LEN } },
  });
  const ingest = new Queue<IngestData, IngestResult>(QUEUE.ingest, opts());
  const parse = new Queue<ParseData, ParseResult>(QUEUE.parse, opts());
  return {
    ingest,
    parse,
    all: [ingest, parse] as const,
    // BullMQ leaves connections it was handed open: quit them ourselves
    close: async () => {
      await Promise.all([ingest.close(), parse.close()]);
      await quitAll(connections);
    },
  };
}
export type Queues = ReturnType<typeof openQueues>;

/** Stage recorded by the parse processor in job.progress (the error itself: jobError.ts). */
export const stageOf = (progress: unknown): string =>
  typeof progress === 'object' && progress !== null && 'stage' in progress
    ? String((progress as { stage: unknown }).stage)
    : 'parse';
