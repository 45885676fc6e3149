// The two BullMQ queues: `ingest` (path → hash → dedupe) and `parse` (job id = content hash;
// parse → check → store in a sandboxed child process).
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE, connect, queuePrefix, jobOptions, EVENTS_MAX_LEN, quitAll } from './config';

export interface IngestData { path: string }
export interface IngestResult { sha256: string | null; outcome: 'queued' | 'alreadyStored' }
export interface ParseData { path: string; sha256: string; url?: string; fetchedAt?: string }
export interface ParseResult { sha256: string; outcome: string; cells: number; flags: number }

export function openQueues() {
  const connections: Redis[] = [];
  const own = () => { const c = connect(); connections.push(c); return c; };
  const opts = () => ({ connection: own(), prefix: queuePrefix(), defaultJobOptions: jobOptions(), streams: { events: { maxLen: EVENTS_MAX_LEN } } });
  const ingest = new Queue<IngestData, IngestResult>(QUEUE.ingest, opts());
  const parse = new Queue<ParseData, ParseResult>(QUEUE.parse, opts());
  return {
    ingest,
    parse,
    all: [ingest, parse] as const,
    // BullMQ leaves connections it was handed open: quit them ourselves
    close: async () => { await Promise.all([ingest.close(), parse.close()]); await quitAll(connections); },
  };
}
export type Queues = ReturnType<typeof openQueues>;

/** Stage recorded by the parse processor in job.progress, and the error code in failedReason. */
export const stageOf = (progress: unknown): string =>
  typeof progress === 'object' && progress !== null && 'stage' in progress ? String((progress as { stage: unknown }).stage) : 'parse';
export const codeOf = (failedReason: string | undefined): string => /^([A-Z_]+):/.exec(failedReason ?? '')?.[1] ?? 'INTERNAL';
