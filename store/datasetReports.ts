// The dataset over the store: stored files grouped into reports (one per agency, year and
// scope; src/dataset/sameReport.ts), each with its best-read copy, every source of every copy
// and the X-SOURCES disagreements between copies. Failed files are kept apart.
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { groupCopies } from '../src/dataset/sameReport';
import { sourceDisagreements, type SourcesFlag } from '../src/dataset/sourceDisagreements';
import { regionOf, type Region } from '../src/dataset/region';
import { cellsOfReports } from './queries';
import { datasetCopies, storeFingerprint, type DatasetCopy } from './datasetQueries';

export interface DatasetReport {
  /** the group key (agency key, year, scope) or file:<sha> */
  key: string;
  /** the best copy's sha256: the report's id in the dataset */
  id: string;
  best: DatasetCopy;
  /** every copy, best first */
  copies: DatasetCopy[];
  /** every path or URL of every copy, the best copy's first */
  sources: string[];
  region: Region | null;
  xSources: SourcesFlag[];
}

export interface Dataset {
  reports: DatasetReport[];
  failures: DatasetCopy[];
}

const regionOfCopy = (c: DatasetCopy): Region | null =>
  regionOf({ code: c.extras.regionCode, province: c.extras.province, city: c.extras.city, county: c.extras.county });

export async function loadDataset(db: Kysely<Database>): Promise<Dataset> {
  const all = await datasetCopies(db);
  const failures = all.filter((c) => c.errorCode);
  const groups = groupCopies(
    all.filter((c) => !c.errorCode).map((c) => ({ ...c, id: c.sha256, regionCode: c.extras.regionCode })),
  );
  const multi = groups.filter((g) => g.copies.length > 1);
  const cells = await cellsOfReports(
    db,
    multi.flatMap((g) => g.copies.map((c) => c.sha256)),
  );
  const reports = groups.map((g): DatasetReport => {
    const xSources =
      g.copies.length > 1
        ? sourceDisagreements(
            g.copies.map((c) => ({ id: c.sha256, sources: c.sources, cells: cells.get(c.sha256) ?? [] })),
          )
        : [];
    return {
      key: g.key,
      id: g.best.sha256,
      best: g.best,
      copies: g.copies,
      sources: [...new Set(g.copies.flatMap((c) => c.sources))],
      region: g.copies.map(regionOfCopy).find((r) => r !== null) ?? null,
      xSources,
    };
  });
  return { reports, failures };
}

let cached: { db: Kysely<Database>; fingerprint: string; dataset: Promise<Dataset> } | undefined;

/** loadDataset, reused while the store is unchanged (the review page asks on every request). */
export async function loadDatasetCached(db: Kysely<Database>): Promise<Dataset> {
  const fingerprint = await storeFingerprint(db);
  if (cached && cached.db === db && cached.fingerprint === fingerprint) return cached.dataset;
  const dataset = loadDataset(db);
  cached = { db, fingerprint, dataset };
  dataset.catch(() => {
    if (cached?.dataset === dataset) cached = undefined;
  });
  return dataset;
}
