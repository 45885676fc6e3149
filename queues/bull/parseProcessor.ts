// The parse job, run by BullMQ in a sandboxed child process (a stuck or crashing parse kills
// only the child): parse → check → store, the same stage functions as the in-process import.
// Bad input is stored with its code and fails at once (UnrecoverableError, no retries); a
// transient fault throws a plain error and is retried with backoff.
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { openStore, type Store } from '../../src/store';
import { parseStage, checkStage, storeStage } from '../stages';
import type { ParseData, ParseResult } from './queues';

let store: Promise<Store> | undefined;
// The child outlives nothing: when the worker that forked it dies, stop too.
process.on('disconnect', () => process.exit(0));

export default async function parseJob(job: SandboxedJob<ParseData, ParseResult>): Promise<ParseResult> {
  // The stage is written to the job only when it fails there (what `xxgk failed` lists): a
  // progress update per stage would cost three Redis round trips on every report.
  let stage = 'parse';
  try {
    store ??= openStore();
    const record = await parseStage(job.data);
    stage = 'check';
    const checked = checkStage(record);
    stage = 'store';
    const outcome = await storeStage(await store, checked);
    const error = checked.record.error;
    // the stage a failure is listed under: the parser's own error, or the check that rejected it
    if (error) {
      stage = record.error ? 'parse' : 'check';
      await job.updateProgress({ stage, code: error.code });
      if (checked.verdict === 'transient') throw new Error(`${error.code}: ${error.message}`);
      throw new UnrecoverableError(`${error.code}: ${error.message}`);
    }
    return { sha256: checked.record.source.sha256, outcome, cells: checked.record.cells.length, flags: checked.record.flags.length };
  } catch (e) {
    if (!(e instanceof UnrecoverableError) && !/^[A-Z_]+: /.test((e as Error).message)) await job.updateProgress({ stage }).catch(() => {});
    throw e;
  }
}
