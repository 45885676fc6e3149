// The in-process import: ingest every file (hash), skip what the store already holds for this
// parser version, parse the rest on a thread pool, check each record as it arrives and store it
// in batches (recordWriter.ts); a file counts as done once its record is stored.
import { availableParallelism } from 'node:os';
import type { Store } from '../../store';
import { storedOutcomes } from '../../store';
import { PARSER_VERSION } from '../../src/model/version';
import { ingestFile, checkStage, addSourceStage, createRecordWriter, type Ingested } from '../stages';
import { createParsePool } from './parsePool';
import { emptySummary, type ImportSummary, type Tick } from '../summary';
import { mapLimit } from '../mapLimit';

/** urls: where files came from (absolute path → URL), for the records' source.url */
export interface ImportOptions {
  concurrency?: number;
  onTick?: Tick;
  urls?: Map<string, string>;
}

export async function runImport(store: Store, files: string[], opts: ImportOptions = {}): Promise<ImportSummary> {
  const summary = emptySummary(files.length);
  const tick = (n = 1) => {
    summary.done += n;
    opts.onTick?.(summary);
  };

  // ingest: read and hash, a few files at a time (I/O-bound)
  const ingested = await mapLimit(files, 16, ingestFile);
  const byHash = new Map<string, string[]>();
  for (const item of ingested) {
    if ('error' in item) {
      summary.failed[item.error.code] = (summary.failed[item.error.code] ?? 0) + 1;
      tick();
      continue;
    }
    const paths = byHash.get(item.sha256) ?? [];
    paths.push(item.path);
    byHash.set(item.sha256, paths);
  }

  // dedupe: already stored by this parser version (or a newer one) → just remember the path;
  // a file stored with an error code is listed as failed again, not as stored
  const already = await storedOutcomes(store.db, [...byHash.keys()], PARSER_VERSION);
  for (const [sha, code] of already) {
    const n = byHash.get(sha)!.length;
    for (const path of byHash.get(sha)!) await addSourceStage(store, sha, path);
    if (code) summary.failed[code] = (summary.failed[code] ?? 0) + n;
    else summary.alreadyStored += n;
    tick(n);
    byHash.delete(sha);
  }

  // parse on the pool; check on this thread; store in batches through one writer
  const pool = createParsePool(opts.concurrency ?? availableParallelism());
  const writer = createRecordWriter(store);
  try {
    await Promise.all(
      [...byHash].map(async ([sha, paths]) => {
        const url = paths.map((p) => opts.urls?.get(p)).find(Boolean);
        const record = await pool.parse({ path: paths[0], sha256: sha, ...(url ? { url } : {}) });
        const checked = checkStage(record);
        const outcome = await writer.save(checked);
        if (outcome !== 'notStored') for (const extra of paths.slice(1)) await addSourceStage(store, sha, extra);
        if (checked.record.error) {
          const code = checked.record.error.code;
          summary.failed[code] = (summary.failed[code] ?? 0) + paths.length;
        } else if (outcome === 'inserted' || outcome === 'replaced') summary.new += 1;
        else summary.alreadyStored += 1;
        summary.duplicates += paths.length - 1;
        tick(paths.length);
      }),
    );
  } finally {
    // a failed import still stores the records already parsed
    await writer.close();
    await pool.close();
  }
  return summary;
}

export type { Ingested };
