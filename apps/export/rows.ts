// Export rows: one per report (reports file and wide shape) and one per cell (long shape).
import { agencyKey, normaliseAgencyName } from '../../src/report/agencyName';
import type { CrossFinding } from './crossFindings';
import type { ExportReport } from './exportReports';
import { keyOf } from './keys';
import { failedErrorRules, isPassing } from './options';

type Row = Record<string, unknown>;

export function agencyColumns(r: ExportReport): Row {
  const a = r.summary.agency;
  const g = r.report.region;
  return {
    report_id: r.summary.sha256,
    agency: a,
    agency_normalised: a ? normaliseAgencyName(a) : null,
    agency_key: a ? agencyKey(a) : null,
    year: r.summary.year,
    region_code: g?.code ?? null,
    province: g?.province ?? null,
    city: g?.city ?? null,
    county: g?.county ?? null,
    region_known: g !== null,
  };
}

/** A copy as the reports file lists it. */
const copyColumn = (c: ExportReport['report']['copies'][number]) => ({
  id: c.sha256,
  format: c.format,
  sources: c.sources,
  cells: c.cellCount,
  flags: c.flagCount,
  parser_version: c.parserVersion,
  title: c.title,
});

export function reportRow(r: ExportReport, cross: CrossFinding | undefined): Row {
  const s = r.summary;
  return {
    ...agencyColumns(r),
    agency_as_printed: s.extras.agencyAsPrinted,
    title: s.title,
    format: s.format,
    layout: s.layout ?? 'unknown',
    table_layouts: r.tables,
    sources: r.report.sources,
    source_count: r.report.sources.length,
    original_url: r.originalUrl,
    copies: r.report.copies.map(copyColumn),
    copy_count: r.report.copies.length,
    x_sources: r.report.xSources.map(({ cell, message, values }) => ({ cell, message, values })),
    parser_version: s.parserVersion,
    error_code: s.errorCode,
    error_message: s.errorMessage,
    cells: s.cellCount,
    passing: isPassing(s),
    failed_error_rules: failedErrorRules(s),
    flags: s.flags,
    blank_read_as_zero: r.cells.filter((c) => c.cleaning === 'blank_read_as_zero').length,
    previous_report_id: cross?.previous ?? null,
    x_carry: cross?.carry ?? 'no_previous_year',
    x_inforce: cross?.inForce ?? 'no_previous_year',
    cross_flags:
      cross?.flags.map(({ rule, severity, message, cells, left, right, previous }) => ({
        rule,
        severity,
        message,
        cells,
        previous,
        left,
        right,
      })) ?? [],
  };
}

export function* longRows(r: ExportReport): Generator<Row> {
  const base = agencyColumns(r);
  for (const c of r.cells) {
    const { table, row, col } = c.cell;
    yield {
      ...base,
      layout: c.layout || null,
      table,
      row,
      col,
      key: keyOf(table, row, col),
      value: c.cell.value,
      raw: c.cell.raw,
      value_clean: c.valueClean,
      cleaning: c.cleaning,
      unit: c.unit || null,
      reading: c.cell.reading ?? null,
      source: c.cell.source,
      report_sources: r.report.sources,
    };
  }
}

export function wideRow(r: ExportReport, cross: CrossFinding | undefined): Row {
  const row = reportRow(r, cross);
  const cleaning: Record<string, { cleaning: string; raw: string }> = {};
  for (const c of r.cells) {
    const key = keyOf(c.cell.table, c.cell.row, c.cell.col);
    row[key] = c.valueClean;
    if (c.cleaning !== 'printed') cleaning[key] = { cleaning: c.cleaning, raw: c.cell.raw };
  }
  row.cleaning = cleaning;
  return row;
}
