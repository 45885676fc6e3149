// The store: one schema and one behaviour on SQLite (default) and PostgreSQL (DATABASE_URL).
export {
  openStore,
  storeConfigFromEnv,
  type Store,
  type StoreConfig,
  type StoreKind,
  type OpenOptions,
} from './openStore';
export { resilientPool, type ConnectionErrorHandler } from './pgPool';
export { saveRecord, saveRecords, addSource, type SaveOutcome } from './saveRecord';
export { regroupPending, REGROUP_AT_ONCE_UP_TO } from './datasetGroups';
export {
  storedHashes,
  countReports,
  countBySha,
  iterateReports,
  iterateCells,
  loadRecord,
  crossReportInputs,
  type ReportSummary,
  type CellRow,
} from './queries';
export { cellsOfReports, tableLayoutsOf, distinctCellKeys, countCells } from './queries';
export { versionKey } from './versionKey';
export type { Database } from './schema';
export { recordExtrasOf, storeFingerprint, type DatasetCopy, type RecordExtras } from './datasetQueries';
export {
  datasetPages,
  datasetFailures,
  reportsOfAgency,
  reportsOfCopies,
  reportOfFile,
  loadDataset,
  type Dataset,
  type DatasetReport,
} from './datasetReports';
export { errorCodeOf, storedOutcomes } from './importOutcomes';
export {
  reportRow,
  sourceLocations,
  countsByYearAndLayout,
  failingReportsPerRule,
  parsedReportsOfAgency,
  applicationTotals,
} from './reviewQueries';
export { watchUrl, putWatchUrl, storedSameReport, type WatchUrlRow } from './watchQueries';
export type { WatchUrlsTable } from './schema';
export {
  listedPage,
  listedReportIds,
  listedCounts,
  facetCounts,
  copiesOfListed,
  ENTRY_SORTS,
  FILTER_KEYS,
  type EntryFilter,
  type EntrySort,
  type EntryRow,
  type FacetKey,
  type FacetCount,
} from './listQueries';
