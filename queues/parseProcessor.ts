// The parse job: parse → check → store, the same stage functions (and the same thread pool) as
// the in-process import. Parsing runs on the worker's pool of worker threads (a crashing thread
// is replaced and its job retried; one stuck past the watchdog is stopped and the report fails
// with TIMEOUT), so a bad parse cannot stall the worker; check runs on the worker's own thread,
// and the record goes to the worker's record writer, which stores records in batches
// (pipeline/stages/recordWriter.ts): the job completes only once its record is stored, and a
// record the store refuses fails its own job only. The worker takes more jobs than it has
// threads (startWorker.ts), so threads keep parsing while finished records wait for their batch.
// Bad input is stored with its code and fails at once (FinalJobError, no retries); a transient
// verdict is retried with backoff (RetriedJobError); both carry the record's {code, message}.
import type { Job } from 'bullmq';
import { checkStage, type RecordWriter } from '../pipeline/stages';
import type { ParsePool } from '../pipeline/local/parsePool';
import type { ParseData, ParseResult } from './queues';
import { FinalJobError, RetriedJobError, isJobError } from './jobError';

export function parseProcessor(writer: RecordWriter, pool: ParsePool) {
  return async (job: Job<ParseData, ParseResult>): Promise<ParseResult> => {
    // The stage is written to the job only when it fails there (what `xxgk failed` lists): a
    // progress update per stage would cost three Redis round trips on every report.
    let stage = 'parse';
    try {
      const record = await pool.parse(job.data);
      stage = 'check';
      const checked = checkStage(record);
      stage = 'store';
      const outcome = await writer.save(checked);
      const error = checked.record.error;
      // the stage a failure is listed under: the parser's own error, or the check that rejected it
      if (error) {
        stage = record.error ? 'parse' : 'check';
        await job.updateProgress({ stage, code: error.code });
        const data = { code: error.code, message: error.message };
        throw checked.verdict === 'transient' ? new RetriedJobError(data) : new FinalJobError(data);
      }
      return {
        sha256: checked.record.source.sha256,
        outcome,
        cells: checked.record.cells.length,
        flags: checked.record.flags.length,
        ...(job.data.run ? { run: job.data.run } : {}),
      };
    } catch (e) {
      // a fault of the store or Redis: the stage it happened in (a coded error wrote its own above)
      if (!isJobError(e)) await job.updateProgress({ stage }).catch(() => {});
      throw e;
    }
  };
}
