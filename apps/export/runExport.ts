// `xxgk export`: the reports of the dataset (one per agency, year and scope) in one format and
// shape, a reports file beside the long shape, the failed files apart, and the data dictionary
// beside every export.
import type { Kysely } from 'kysely';
import { agencyKey } from '../../src/report/agencyName';
import {
  crossReportInputs,
  datasetFailures,
  datasetPages,
  distinctCellKeys,
  type Database,
  type DatasetCopy,
} from '../../store';
import type { Cleaning } from './cleanCells';
import {
  FAILURE_COLUMNS,
  LONG_COLUMNS,
  REPORT_COLUMNS,
  REPORT_ID,
  WIDE_BASE_COLUMNS,
  keyColumn,
  type ColumnDef,
} from './columns';
import { CrossTally, agencyYears, crossFindings, type CrossFinding, type CrossSummary } from './crossFindings';
import { buildDictionary, writeDictionary } from './dictionary';
import { exportReports, type ExportReport } from './exportReports';
import { keysFor } from './keys';
import type { ExportOptions } from './options';
import { panelColumns, panelRow } from './panel';
import { dictionaryMarkdownPathFor, dictionaryPathFor, failuresPathFor, reportsPathFor } from './paths';
import { agencyColumns, longRows, reportRow, wideRow } from './rows';
import { RowChannel } from './writers/rowChannel';
import { writeTable } from './writers/writeTable';

export interface ExportSummary {
  files: { data: string; reports?: string; failures: string; dictionary: string; dictionaryMarkdown: string };
  reports: number;
  /** rows of the data file: cells (long), reports (wide) or agency-years (panel) */
  rows: number;
  cells: number;
  /** files that could not be parsed, written to the failures file */
  failures: number;
  /** reports held by more than one file, and those whose copies disagree (X-SOURCES) */
  copies: { reportsWithCopies: number; files: number; disagreeing: number };
  cleaning: Record<Cleaning, number>;
  cross: CrossSummary;
}

/** Parquet row group of the reports file and of the wide shape, whose rows are a whole report each */
const REPORT_ROW_GROUP = 1_000;

const ROLE = {
  long: 'cells (one row per cell of the best-read copy of each report)',
  wide: 'reports (one row per report, one column per key)',
  panel: 'panel (one row per agency and year, the indicators of the three eras)',
};

function failureRow(f: DatasetCopy): Record<string, unknown> {
  return {
    file_id: f.sha256,
    location: f.url ?? f.sources[0] ?? f.path,
    locations: f.sources,
    format: f.format,
    error_code: f.errorCode,
    error_message: f.errorMessage,
    parser_version: f.parserVersion,
  };
}

export async function runExport(db: Kysely<Database>, options: ExportOptions): Promise<ExportSummary> {
  const keys = keysFor(await distinctCellKeys(db));
  const cleaning = {} as Record<Cleaning, number>;
  const ruleFailures = new Map<string, { failures: number; reports: number }>();
  const copies = { reportsWithCopies: 0, files: 0, disagreeing: 0 };
  // across years: the pairs whose later report is exported, and the agencies with several years, counted
  const crossTally = new CrossTally();
  let reports = 0,
    cells = 0;

  const tally = (r: ExportReport, byReport: Map<string, CrossFinding>) => {
    reports++;
    cells += r.cells.length;
    copies.files += r.report.copies.length;
    if (r.report.copies.length > 1) copies.reportsWithCopies++;
    if (r.report.xSources.length) copies.disagreeing++;
    for (const c of r.cells) cleaning[c.cleaning] = (cleaning[c.cleaning] ?? 0) + 1;
    const flags = [...r.summary.flags, ...(byReport.get(r.summary.sha256)?.flags ?? []), ...r.report.xSources];
    for (const id of new Set(flags.map((f) => f.rule))) {
      const t = ruleFailures.get(id) ?? { failures: 0, reports: 0 };
      t.reports++;
      t.failures += flags.filter((f) => f.rule === id).length;
      ruleFailures.set(id, t);
    }
  };

  /**
   * The rows of each report selected that the shape includes, each such report tallied once. The
   * dataset is read a page of agencies at a time (every year of each on one page), so the
   * cross-year findings of a page are its own and memory is bounded by a page.
   */
  async function* rowsOf<T>(
    each: (r: ExportReport, cross: CrossFinding | undefined) => Iterable<T>,
    includes = (_r: ExportReport) => true,
  ): AsyncGenerator<T> {
    for await (const page of datasetPages(db)) {
      // the cross-year rules compare the copies the dataset takes, one per agency and year
      const inputs = await crossReportInputs(
        db,
        page.map((r) => r.id),
      );
      const found = crossFindings(inputs, agencyKey);
      crossTally.addAgencies(agencyYears(inputs, agencyKey));
      const exported = new Set<string>();
      for await (const r of exportReports(db, page, options.filters)) {
        if (!includes(r)) continue;
        tally(r, found.byReport);
        exported.add(r.summary.sha256);
        yield* each(r, found.byReport.get(r.summary.sha256));
      }
      crossTally.addPairs(found.pairs.filter((p) => exported.has(p.report)));
    }
  }
  const files: Parameters<typeof buildDictionary>[0]['files'] = [];
  let rows: number;
  let columns: ColumnDef[];
  let reportsPath: string | undefined;
  let reportsWritten: Promise<number> | undefined;
  if (options.shape === 'long') {
    columns = LONG_COLUMNS;
    // the reports file is written alongside, a row as each report's cells are done
    reportsPath = reportsPathFor(options.out);
    const reportRows = new RowChannel<Record<string, unknown>>();
    reportsWritten = writeTable(options.format, reportsPath, REPORT_COLUMNS, reportRows, REPORT_ROW_GROUP);
    reportsWritten.catch(() => {});
    try {
      rows = await writeTable(
        options.format,
        options.out,
        columns,
        rowsOf((r, cross) => {
          reportRows.push(reportRow(r, cross));
          return longRows(r);
        }),
      );
    } finally {
      reportRows.close();
    }
  } else if (options.shape === 'wide') {
    columns = [
      ...WIDE_BASE_COLUMNS,
      ...keys.map((k) => keyColumn(k.key, `${k.layouts[0].rowLabel} · ${k.layouts[0].colLabel}`, k.unit)),
    ];
    rows = await writeTable(
      options.format,
      options.out,
      columns,
      rowsOf((r, cross) => [wideRow(r, cross)]),
      REPORT_ROW_GROUP,
    );
  } else {
    columns = panelColumns(REPORT_ID);
    rows = await writeTable(
      options.format,
      options.out,
      columns,
      rowsOf(
        (r, cross) => [panelRow(r, agencyColumns(r), cross)],
        // a panel row is an agency and a year: a file with neither is not one
        (r) => !!r.summary.agency && r.summary.year !== null,
      ),
    );
  }
  files.push({ path: options.out, role: ROLE[options.shape], rows, columns });

  if (reportsPath && reportsWritten) {
    const n = await reportsWritten;
    files.push({
      path: reportsPath,
      role: 'reports (one row per report: copies and sources, flags, X-SOURCES, X-CARRY / X-INFORCE)',
      rows: n,
      columns: REPORT_COLUMNS,
    });
  }

  // failed files are never dataset rows; the filters that need a parsed record do not apply
  const failuresPath = failuresPathFor(options.out);
  const failures = await writeTable(
    options.format,
    failuresPath,
    FAILURE_COLUMNS,
    (async function* () {
      for await (const page of datasetFailures(db)) for (const f of page) yield failureRow(f);
    })(),
  );
  files.push({
    path: failuresPath,
    role: 'failures (files that could not be parsed: not in the data)',
    rows: failures,
    columns: FAILURE_COLUMNS,
  });

  const cross = crossTally.summary();
  const dictionary = dictionaryPathFor(options.out),
    dictionaryMarkdown = dictionaryMarkdownPathFor(options.out);
  await writeDictionary(
    dictionary,
    dictionaryMarkdown,
    buildDictionary({ options, files, keys, cleaning, ruleFailures, cross }),
  );
  return {
    files: { data: options.out, reports: reportsPath, failures: failuresPath, dictionary, dictionaryMarkdown },
    reports,
    rows,
    cells,
    failures,
    copies,
    cleaning,
    cross,
  };
}
