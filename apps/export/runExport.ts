// `xxgk export`: the selected reports of the store in one format and shape, a reports file
// beside the long shape, and the data dictionary beside every export.
import type { Kysely } from 'kysely';
import { agencyKey } from '../../src/report/agencyName';
import { crossReportInputs, distinctCellKeys, type Database } from '../../store';
import type { Cleaning } from './cleanCells';
import { LONG_COLUMNS, REPORT_COLUMNS, WIDE_BASE_COLUMNS, keyColumn, type ColumnDef } from './columns';
import { agencyYears, crossFindings, summariseFor, type CrossSummary } from './crossFindings';
import { buildDictionary, writeDictionary } from './dictionary';
import { exportReports, type ExportReport } from './exportReports';
import { keysFor } from './keys';
import type { ExportOptions } from './options';
import { dictionaryMarkdownPathFor, dictionaryPathFor, reportsPathFor } from './paths';
import { longRows, reportRow, wideRow } from './rows';
import { writeTable } from './writers/writeTable';

export interface ExportSummary {
  files: { data: string; reports?: string; dictionary: string; dictionaryMarkdown: string };
  reports: number;
  /** rows of the data file: cells (long) or reports (wide) */
  rows: number;
  cells: number;
  cleaning: Record<Cleaning, number>;
  cross: CrossSummary;
}

export async function runExport(db: Kysely<Database>, options: ExportOptions): Promise<ExportSummary> {
  const crossInputs = await crossReportInputs(db);
  const { byReport, pairs } = crossFindings(crossInputs, agencyKey);
  const keys = keysFor(await distinctCellKeys(db));
  const cleaning = {} as Record<Cleaning, number>;
  const ruleFailures = new Map<string, { failures: number; reports: number }>();
  const reportRows: Record<string, unknown>[] = [];
  const exported = new Set<string>();
  let reports = 0, cells = 0;

  const tally = (r: ExportReport) => {
    reports++;
    exported.add(r.summary.sha256);
    cells += r.cells.length;
    for (const c of r.cells) cleaning[c.cleaning] = (cleaning[c.cleaning] ?? 0) + 1;
    const flags = [...r.summary.flags, ...(byReport.get(r.summary.sha256)?.flags ?? [])];
    for (const id of new Set(flags.map((f) => f.rule))) {
      const t = ruleFailures.get(id) ?? { failures: 0, reports: 0 };
      t.reports++;
      t.failures += flags.filter((f) => f.rule === id).length;
      ruleFailures.set(id, t);
    }
  };

  const files: Parameters<typeof buildDictionary>[0]['files'] = [];
  let rows: number;
  let columns: ColumnDef[];
  if (options.shape === 'long') {
    columns = LONG_COLUMNS;
    rows = await writeTable(options.format, options.out, columns, (async function* () {
      for await (const r of exportReports(db, options.filters)) {
        tally(r);
        reportRows.push(reportRow(r, byReport.get(r.summary.sha256)));
        yield* longRows(r);
      }
    })());
  } else {
    columns = [...WIDE_BASE_COLUMNS, ...keys.map((k) => keyColumn(k.key, `${k.layouts[0].rowLabel} · ${k.layouts[0].colLabel}`, k.unit))];
    rows = await writeTable(options.format, options.out, columns, (async function* () {
      for await (const r of exportReports(db, options.filters)) {
        tally(r);
        yield wideRow(r, byReport.get(r.summary.sha256));
      }
    })());
  }
  files.push({ path: options.out, role: options.shape === 'long' ? 'cells (one row per stored cell)' : 'reports (one row per report, one column per key)', rows, columns });

  let reportsPath: string | undefined;
  if (options.shape === 'long') {
    reportsPath = reportsPathFor(options.out);
    const n = await writeTable(options.format, reportsPath, REPORT_COLUMNS, (async function* () { yield* reportRows; })());
    files.push({ path: reportsPath, role: 'reports (one row per report: sources, flags, X-CARRY / X-INFORCE)', rows: n, columns: REPORT_COLUMNS });
  }

  const cross = summariseFor(pairs, agencyYears(crossInputs, agencyKey), exported);
  const dictionary = dictionaryPathFor(options.out), dictionaryMarkdown = dictionaryMarkdownPathFor(options.out);
  await writeDictionary(dictionary, dictionaryMarkdown, buildDictionary({ options, files, keys, cleaning, ruleFailures, cross }));
  return { files: { data: options.out, reports: reportsPath, dictionary, dictionaryMarkdown }, reports, rows, cells, cleaning, cross };
}
