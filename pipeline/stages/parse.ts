// Stage 2, parse: file → record through the one pipeline function. CPU-bound: the in-process
// import and the queue worker both run it on a pool of worker threads (queues/local/parsePool).
import { readFile } from 'node:fs/promises';
import { parseReport } from '../parseReport';
import type { ReportRecord } from '../../src/model/record';
import { PARSER_VERSION } from '../../src/model/version';

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

/** A record for a file that never reached the parser (same shape as parseReport's failures). */
export function failedRecord(task: ParseTask, code: string, message: string): ReportRecord {
  return {
    source: { path: task.path, sha256: task.sha256, format: null },
    report: { title: null, agency: null, year: null },
    sections: [],
    tables: [],
    cells: [],
    flags: [],
    parser: { version: PARSER_VERSION },
    error: { code, message },
  };
}
