// The review list computed the slow way, for tests: every report of the whole dataset in memory
// (store/datasetReports.ts loadDataset) and each filter applied in JS, to check the list's
// queries (store/listQueries.ts) against.
import type { Kysely } from 'kysely';
import { loadDataset, type Database, type DatasetCopy, type DatasetReport } from '../../store';
import type { ListFilter } from '../../apps/web/reportList';
import { agencyKey } from '../../src/report/agencyName';
import { regionMatches, type Region } from '../../src/dataset/region';

/** A list entry: a report of the dataset, or a failed file. */
export interface Entry {
  report?: DatasetReport;
  failure?: DatasetCopy;
  best: DatasetCopy;
  copies: DatasetCopy[];
  region: Region | null;
  xSources: number;
}

export async function listEntries(db: Kysely<Database>): Promise<Entry[]> {
  const d = await loadDataset(db);
  return [
    ...d.reports.map((r) => ({
      report: r,
      best: r.best,
      copies: r.copies,
      region: r.region,
      xSources: r.xSources.length,
    })),
    ...d.failures.map((f) => ({ failure: f, best: f, copies: [f], region: null, xSources: 0 })),
  ];
}

/** Does an entry pass every filter? */
function matches(e: Entry, f: ListFilter): boolean {
  const b = e.best;
  const on = (k: keyof ListFilter) => f[k] !== undefined && f[k] !== '';
  if (on('year') && b.year !== f.year) return false;
  if (on('agency') && b.agency !== f.agency && !(b.agency && agencyKey(b.agency) === agencyKey(f.agency!)))
    return false;
  if (on('layout') && b.layout !== f.layout) return false;
  if (on('format') && !e.copies.some((c) => c.format === f.format)) return false;
  if (on('error')) {
    if (f.error === 'any' ? !b.errorCode : f.error === 'none' ? !!b.errorCode : b.errorCode !== f.error) return false;
  }
  if (on('rule') && !(f.rule === 'X-SOURCES' ? e.xSources > 0 : b.flags.some((x) => x.rule === f.rule))) return false;
  if (on('region') && !regionMatches(e.region, f.region!)) return false;
  if (on('disagreeing') && f.disagreeing && !e.xSources) return false;
  if (on('q')) {
    const texts = e.copies.flatMap((c) => [c.agency ?? '', c.title ?? '']);
    for (const word of f.q!.split(/\s+/).filter(Boolean).slice(0, 8))
      if (!texts.some((t) => t.includes(word))) return false;
  }
  return true;
}

export function filterEntries(entries: Entry[], f: ListFilter): Entry[] {
  return entries.filter((e) => matches(e, f));
}
