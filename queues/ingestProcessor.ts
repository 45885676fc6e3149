// The ingest stage as a queue job: hash the file, skip it when the store already holds this
// content for this parser version, else enqueue the parse job whose id is the content hash
// (so the same report is never parsed twice, whichever paths it arrives under).
// A job holds one file (`path`) or a batch (`paths`): a batch costs one job's Redis round trips,
// one store query and one addBulk for all its files instead of one of each per file. A file of a
// batch that cannot be read is handed over to an ingest job of its own (id `<batch id>-<index>`,
// so a retried batch does not add it twice), which retries or fails with the file's error code.
import type { Job } from 'bullmq';
import type { Store } from '../store';
import { storedOutcomes } from '../store';
import { PARSER_VERSION } from '../src/model/version';
import { ingestFile, addSourceStage, type Ingested } from '../pipeline/stages';
import type { IngestData, IngestFileResult, IngestResult, ParseData, Queues } from './queues';
import { mapLimit } from '../pipeline/mapLimit';
import { FinalJobError, RetriedJobError } from './jobError';

export function ingestProcessor(store: Store, queues: Queues) {
  return async (job: Job<IngestData>): Promise<IngestResult> => {
    if (job.data.paths) return ingestBatch(store, queues, job, job.data.paths);
    const item = await ingestFile(job.data.path ?? '');
    if ('error' in item) {
      // A missing file stays missing: fail now. Other read errors (NFS hiccup) are retried.
      if (item.gone) throw new FinalJobError(item.error);
      throw new RetriedJobError(item.error);
    }
    const stored = await storedOutcomes(store.db, [item.sha256], PARSER_VERSION);
    if (stored.has(item.sha256)) {
      await addSourceStage(store, item.sha256, item.path);
      return { sha256: item.sha256, outcome: 'alreadyStored', ...codeField(stored.get(item.sha256)) };
    }
    await queues.parse.add(
      'parse',
      { path: item.path, sha256: item.sha256, ...urlField(job.data.url), ...runField(job.data.run) },
      { jobId: item.sha256 },
    );
    return { sha256: item.sha256, outcome: 'queued' };
  };
}

async function ingestBatch(store: Store, queues: Queues, job: Job<IngestData>, paths: string[]): Promise<IngestResult> {
  const items = await mapLimit(paths, 8, ingestFile);
  const hashes = [...new Set(items.flatMap((i) => ('sha256' in i ? [i.sha256] : [])))];
  const already = hashes.length
    ? await storedOutcomes(store.db, hashes, PARSER_VERSION)
    : new Map<string, string | null>();
  const files: IngestFileResult[] = [];
  const parse = new Map<string, ParseData>();
  const urlOf = (path: string) => job.data.urls?.[path];
  const handOver: Array<{ name: string; data: IngestData; opts: { jobId: string } }> = [];
  for (const [i, item] of items.entries()) {
    if ('error' in item) {
      const id = `${job.id}-${i}`;
      handOver.push({
        name: 'ingest',
        data: { path: item.path, ...urlField(urlOf(item.path)), ...runField(job.data.run) },
        opts: { jobId: id },
      });
      files.push({ path: item.path, sha256: null, outcome: 'handedOver', job: id });
    } else if (already.has(item.sha256)) {
      await addSourceStage(store, item.sha256, item.path);
      files.push({
        path: item.path,
        sha256: item.sha256,
        outcome: 'alreadyStored',
        ...codeField(already.get(item.sha256)),
      });
    } else {
      // the same bytes under several paths: parsed once, from the first path, with the first URL any of them has
      const first = parse.get(item.sha256);
      if (!first)
        parse.set(item.sha256, {
          path: item.path,
          sha256: item.sha256,
          ...urlField(urlOf(item.path)),
          ...runField(job.data.run),
        });
      else if (!first.url && urlOf(item.path)) first.url = urlOf(item.path);
      files.push({ path: item.path, sha256: item.sha256, outcome: 'queued' });
    }
  }
  // job id = content hash: a parse job already there (another path, a retried batch) is not added again
  if (parse.size)
    await queues.parse.addBulk(
      [...parse.values()].map((data) => ({ name: 'parse', data, opts: { jobId: data.sha256 } })),
    );
  if (handOver.length) await queues.ingest.addBulk(handOver);
  return { files };
}

const codeField = (code: string | null | undefined) => (code ? { code } : {});
const urlField = (url: string | undefined) => (url ? { url } : {});
const runField = (run: string | undefined) => (run ? { run } : {});

export type { Ingested };
