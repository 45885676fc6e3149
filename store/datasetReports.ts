// The dataset over the store: stored files grouped into reports (one per agency, year and
// scope; src/dataset/sameReport.ts), each with its best-read copy, every source of every copy
// and the X-SOURCES disagreements between copies. Failed files are kept apart. Read a page of
// agencies at a time (every copy of every year of each), so that memory is bounded by a page,
// not by the store; the grouping and the choice of copy run on each page.
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { groupCopies } from '../src/dataset/sameReport';
import { DisagreementCount, sourceDisagreements, type SourcesFlag } from '../src/dataset/sourceDisagreements';
import { regionOf, type Region } from '../src/dataset/region';
import { cellsOfReports, cellValuesOfReports } from './queries';
import { agencyKeysAfter, copiesAfter, copiesOfAgencies, copiesOfFiles, type DatasetCopy } from './datasetQueries';

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

/** The reports that some parsed files make (all copies of each report among them), in dataset order. */
export async function reportsOfCopies(db: Kysely<Database>, copies: DatasetCopy[]): Promise<DatasetReport[]> {
  const groups = groupsOf(copies);
  const cells = await cellsOfReports(
    db,
    groups.filter((g) => g.copies.length > 1).flatMap((g) => g.copies.map((c) => c.sha256)),
  );
  return groups.map((g): DatasetReport => {
    const xSources =
      g.copies.length > 1
        ? sourceDisagreements(
            g.copies.map((c) => ({ id: c.sha256, sources: c.sources, cells: cells.get(c.sha256) ?? [] })),
          )
        : [];
    return asReport(g, xSources);
  });
}

/** copies whose cells are read at once when only disagreements are counted */
const COUNT_CHUNK = 200;

/**
 * The same reports with their X-SOURCES count instead of the flags: what the review list keeps.
 * A report's copies are read a few hundred at a time, so memory stays that of a few hundred
 * copies however many a report has.
 */
export async function reportsWithDisagreementCounts(
  db: Kysely<Database>,
  copies: DatasetCopy[],
): Promise<Array<DatasetReport & { xSourcesCount: number }>> {
  const out: Array<DatasetReport & { xSourcesCount: number }> = [];
  for (const g of groupsOf(copies)) {
    const count = new DisagreementCount();
    if (g.copies.length > 1)
      for (let i = 0; i < g.copies.length; i += COUNT_CHUNK) {
        const shas = g.copies.slice(i, i + COUNT_CHUNK).map((c) => c.sha256);
        const cells = await cellValuesOfReports(db, shas);
        for (const sha of shas) count.add(cells.get(sha) ?? []);
      }
    out.push({ ...asReport(g, []), xSourcesCount: count.count });
  }
  return out;
}

function groupsOf(copies: DatasetCopy[]) {
  return groupCopies(copies.map((c) => ({ ...c, id: c.sha256, regionCode: c.extras.regionCode })));
}

function asReport(g: ReturnType<typeof groupsOf>[number], xSources: SourcesFlag[]): DatasetReport {
  return {
    key: g.key,
    id: g.best.sha256,
    best: g.best,
    copies: g.copies,
    sources: [...new Set(g.copies.flatMap((c) => c.sources))],
    region: g.copies.map(regionOfCopy).find((r) => r !== null) ?? null,
    xSources,
  };
}

/** The reports of one agency (by agency key), every year and scope, in dataset order. */
export async function reportsOfAgency(db: Kysely<Database>, agencyKey: string): Promise<DatasetReport[]> {
  return reportsOfCopies(db, await copiesOfAgencies(db, [agencyKey]));
}

/** The report a stored file is a copy of (grouped on its agency's page), or the file if it failed. */
export async function reportOfFile(
  db: Kysely<Database>,
  sha: string,
): Promise<{ report?: DatasetReport; failure?: DatasetCopy } | undefined> {
  const [file] = await copiesOfFiles(db, [sha]);
  if (!file) return undefined;
  if (file.errorCode) return { failure: file };
  const { agency_key: key } = await db
    .selectFrom('reports')
    .select('agency_key')
    .where('sha256', '=', sha)
    .executeTakeFirstOrThrow();
  const reports = key === null ? await reportsOfCopies(db, [file]) : await reportsOfAgency(db, key);
  return { report: reports.find((r) => r.copies.some((c) => c.sha256 === sha)) };
}

/**
 * The dataset's reports a page at a time, in dataset order: by agency key (each agency whole on
 * one page: all its years, scopes and copies), then the parsed files that name no agency.
 */
export async function* datasetPages(db: Kysely<Database>, agenciesPerPage = 100): AsyncGenerator<DatasetReport[]> {
  let after: string | null = null;
  for (;;) {
    const keys = await agencyKeysAfter(db, after, agenciesPerPage);
    if (!keys.length) break;
    yield await reportsOfCopies(db, await copiesOfAgencies(db, keys));
    after = keys[keys.length - 1];
  }
  let afterSha = '';
  for (;;) {
    const copies = await copiesAfter(db, 'noAgency', afterSha, 500);
    if (!copies.length) break;
    yield await reportsOfCopies(db, copies);
    afterSha = copies[copies.length - 1].sha256;
  }
}

/** The files that could not be parsed, in hash order, a page at a time. */
export async function* datasetFailures(db: Kysely<Database>): AsyncGenerator<DatasetCopy[]> {
  let afterSha = '';
  for (;;) {
    const copies = await copiesAfter(db, 'failed', afterSha, 500);
    if (!copies.length) return;
    yield copies;
    afterSha = copies[copies.length - 1].sha256;
  }
}

/** The whole dataset in memory: for small stores and tests; the export and the review pages read it paged. */
export async function loadDataset(db: Kysely<Database>): Promise<Dataset> {
  const reports: DatasetReport[] = [],
    failures: DatasetCopy[] = [];
  for await (const page of datasetPages(db)) reports.push(...page);
  for await (const page of datasetFailures(db)) failures.push(...page);
  return { reports, failures };
}
