// `--shape panel`: one row per agency and year (a report of the dataset), the indicators of
// src/dataset/panelIndicators.ts with the table and layout each came from, and X-CARRY /
// X-INFORCE against the agency's previous year.
import { INDICATORS, indicatorValue } from '../../src/dataset/panelIndicators';
import { keyColumn, type ColumnDef } from './columns';
import type { CrossFinding } from './crossFindings';
import type { ExportReport } from './exportReports';

const c = (name: string, type: ColumnDef['type'], description: string): ColumnDef => ({ name, type, description });

export function panelColumns(reportId: ColumnDef[]): ColumnDef[] {
  return [
    ...reportId,
    c('table_layouts', 'json', 'the layout of each table the report prints: legacy (2008–2018 统计表), 2019 or 2021'),
    ...INDICATORS.flatMap((i) => [
      keyColumn(i.id, `${i.label}: ${i.description}`, i.unit),
      c(
        `${i.id}_from`,
        'string',
        `the table.row.col keys and layout ${i.id} was derived from; empty when not derivable`,
      ),
    ]),
    c(
      'notes',
      'json',
      'per indicator, how this era counts it where that differs (e.g. ' +
        'replies rather than applications before 2019), or why it is empty',
    ),
    c('copy_count', 'int', 'how many different files hold this report (the panel reads the best-read copy)'),
    c('x_sources', 'int', 'cells on which the copies disagree (X-SOURCES; details in the wide or long export)'),
    c('previous_year', 'int', "the year of the same agency's previous report, when it is year − 1"),
    c('x_carry', 'string', 'X-CARRY against year − 1: agrees, differs, not_assessable, or no_previous_year'),
    c(
      'x_inforce',
      'string',
      'X-INFORCE against year − 1: agrees, differs, not_assessable, not_applicable or no_previous_year',
    ),
    c('cross_flags', 'json', 'the failed X-CARRY / X-INFORCE checks with both years and values'),
  ];
}

export function panelRow(
  r: ExportReport,
  base: Record<string, unknown>,
  cross: CrossFinding | undefined,
): Record<string, unknown> {
  const cells = r.cells.map((x) => ({
    table: x.cell.table as string,
    row: x.cell.row,
    col: x.cell.col,
    value: x.valueClean,
  }));
  const row: Record<string, unknown> = { ...base, table_layouts: r.tables };
  const notes: Record<string, string> = {};
  for (const ind of INDICATORS) {
    const v = indicatorValue(ind, cells, r.tables);
    row[ind.id] = v.value;
    row[`${ind.id}_from`] = v.from;
    if (v.note) notes[ind.id] = v.note;
  }
  row.notes = notes;
  row.copy_count = r.report.copies.length;
  row.x_sources = r.report.xSources.length;
  row.previous_year = cross?.previousYear ?? null;
  row.x_carry = cross?.carry ?? 'no_previous_year';
  row.x_inforce = cross?.inForce ?? 'no_previous_year';
  row.cross_flags =
    cross?.flags.map(({ rule, severity, message, cells: k, left, right, previous }) => ({
      rule,
      severity,
      message,
      cells: k,
      previous,
      left,
      right,
    })) ?? [];
  return row;
}
