// Stage 2, parse: file → record through the one pipeline function. CPU-bound: the in-process
// import and the queue worker both run it on a pool of worker threads (queues/local/parsePool).
import { readFile } from 'node:fs/promises';
import { parseReport } from '../parseReport';
import type { ReportRecord } from '../../src/model/record';
import { failedRecord } from './failedRecord';

export { failedRecord };

/** a fetched file carries the URL it came from and when, so its record names them */
export interface ParseTask {
  path: string;
  sha256: string;
  url?: string;
  fetchedAt?: string;
  /** the HTTP Content-Type it came with */ contentType?: string;
}

export async function parseStage(task: ParseTask): Promise<ReportRecord> {
  let bytes: Buffer;
  try {
    bytes = await readFile(task.path);
  } catch (e) {
    return failedRecord(
      task,
      'READ_FAILED',
      `cannot read ${task.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const source = {
    path: task.path,
    ...(task.url ? { url: task.url } : {}),
    ...(task.fetchedAt ? { fetchedAt: task.fetchedAt } : {}),
  };
  return parseReport(bytes, source, task.contentType ? { contentType: task.contentType } : {});
}
