// The record of a file the parser never finished (not readable, or its parse thread was stopped).
// Apart from parse.ts so that the parse pool's side in the main thread does not load the parsers.
import type { ReportRecord } from '../../src/model/record';
import { PARSER_VERSION } from '../../src/model/version';

/** A record for a file that never reached the parser (same shape as parseReport's failures). */
export function failedRecord(task: { path: string; sha256: string }, code: string, message: string): ReportRecord {
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
