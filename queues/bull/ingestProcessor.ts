// The ingest stage as a queue job: hash the file, skip it when the store already holds this
// content for this parser version, else enqueue the parse job whose id is the content hash
// (so the same report is never parsed twice, whichever paths it arrives under).
import { type Job, UnrecoverableError } from 'bullmq';
import type { Store } from '../../src/store';
import { storedHashes } from '../../src/store';
import { PARSER_VERSION } from '../../src/version';
import { ingestFile, addSourceStage } from '../stages';
import type { IngestData, IngestResult, Queues } from './queues';

export function ingestProcessor(store: Store, queues: Queues) {
  return async (job: Job<IngestData>): Promise<IngestResult> => {
    const item = await ingestFile(job.data.path);
    if ('error' in item) {
      // A missing file stays missing: fail now. Other read errors (NFS hiccup) are retried.
      if (/ENOENT|EISDIR/.test(item.error.message)) throw new UnrecoverableError(`${item.error.code}: ${item.error.message}`);
      throw new Error(`${item.error.code}: ${item.error.message}`);
    }
    if ((await storedHashes(store.db, [item.sha256], PARSER_VERSION)).has(item.sha256)) {
      await addSourceStage(store, item.sha256, item.path);
      return { sha256: item.sha256, outcome: 'alreadyStored' };
    }
    await queues.parse.add('parse', { path: item.path, sha256: item.sha256 }, { jobId: item.sha256 });
    return { sha256: item.sha256, outcome: 'queued' };
  };
}
