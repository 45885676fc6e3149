// One table of rows to one file in the chosen format; returns how many rows were written.
import type { ColumnDef } from '../columns';
import type { ExportFormat } from '../options';
import { writeCsv } from './csvWriter';
import { writeJsonl } from './jsonlWriter';
import { writeParquet } from './parquetWriter';

/**
 * `rowGroupRows`: rows per Parquet row group, what the writer holds at once (the reports file's
 * rows carry every flag and copy of a report: fewer of them per group).
 */
export function writeTable(
  format: ExportFormat,
  path: string,
  columns: ColumnDef[],
  rows: AsyncIterable<Record<string, unknown>>,
  rowGroupRows = 10_000,
): Promise<number> {
  if (format === 'csv') return writeCsv(path, columns, rows);
  if (format === 'jsonl') return writeJsonl(path, columns, rows);
  return writeParquet(path, columns, rows, {}, rowGroupRows);
}
