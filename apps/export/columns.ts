// The columns of each export file, with their types and meaning: one list drives the writers
// (CSV header, Parquet schema) and the data dictionary, so the two cannot disagree.
export type ColumnType = 'string' | 'int' | 'double' | 'bool' | 'json';
export interface ColumnDef {
  name: string;
  type: ColumnType;
  description: string;
}

const c = (name: string, type: ColumnType, description: string): ColumnDef => ({ name, type, description });

/** What identifies a report and its agency, first in every file. */
export const REPORT_ID: ColumnDef[] = [
  c(
    'report_id',
    'string',
    'SHA-256 of the best-read copy of the report: one report per ' +
      'agency, year and scope, however many files, formats or URLs held it',
  ),
  c('agency', 'string', 'the issuing body: its full name when the record settles it (record.md), else as printed'),
  c('agency_normalised', 'string', 'agency with full/half width, spaces and brackets folded'),
  c(
    'agency_key',
    'string',
    'links names of one agency (淮安市洪泽区人民政府 and 洪泽区人民政府): the region prefix is dropped above a county-level unit',
  ),
  c('year', 'int', 'the year the statistics cover'),
  c(
    'region_code',
    'string',
    'GB/T 2260 code of the region the agency belongs to (record.md report.region); empty when unknown',
  ),
  c('province', 'string', 'province of the region; empty when unknown'),
  c('city', 'string', 'city (prefecture level) of the region; empty when unknown or not applicable'),
  c('county', 'string', 'county level (区, 县, 县级市) of the region; empty when unknown or not applicable'),
  c(
    'region_known',
    'bool',
    'false when the record names no region: the region columns are ' +
      'then empty because the region is unknown, not because it is blank',
  ),
];

export const LONG_COLUMNS: ColumnDef[] = [
  ...REPORT_ID,
  c('layout', 'string', "the official layout of this cell's table (2019 or 2021), detected per table"),
  c('table', 'string', 'table key (active, applications, reviewLitigation)'),
  c('row', 'string', 'row key'),
  c('col', 'string', 'column key'),
  c('key', 'string', 'table.row.col: the column name of the same value in the wide shape'),
  c('value', 'double', 'the number as printed, in the column unit; empty where the cell is blank or a placeholder'),
  c('raw', 'string', "the cell's text as printed (trimmed)"),
  c(
    'value_clean',
    'double',
    'the value for analysis: value, or 0 for a blank whose row 总计 agrees; empty where nothing can be inferred',
  ),
  c('cleaning', 'string', 'how value_clean was obtained (see the cleaning methods of the dictionary)'),
  c(
    'unit',
    'string',
    'the unit of value and value_clean: count, or 万元 / 元 for money ' +
      '(one unit per key, converted from the unit printed in the cell)',
  ),
  c(
    'reading',
    'string',
    'how the printed text was read when not from one printed cell: split (a run of digits split by the rules), ocr',
  ),
  c('source', 'json', 'where the cell was read: page+bbox (pdf), table/row/cell index (html, docx), line (text)'),
  c('report_sources', 'json', 'every file path or URL the report was imported from'),
];

export const REPORT_COLUMNS: ColumnDef[] = [
  ...REPORT_ID,
  c(
    'agency_as_printed',
    'string',
    'the name as the title (else the body) prints it, when the record keeps it: may be a short form of agency',
  ),
  c('title', 'string', 'the title as printed'),
  c('format', 'string', 'pdf, docx, doc, html or text'),
  c(
    'layout',
    'string',
    'the report layout: 2019, 2021 (also when tables mix layouts), legacy (no standard table) or unknown',
  ),
  c('table_layouts', 'json', 'the layout of each standard table found, e.g. {"active":"2021","applications":"2019"}'),
  c(
    'sources',
    'json',
    "every file path or URL of every copy of the report, the best copy's " +
      'first (the same bytes imported twice are one copy with two sources)',
  ),
  c('source_count', 'int', 'how many files or URLs held this report'),
  c(
    'original_url',
    'string',
    'where the report was published: the URL it was fetched from, ' +
      'else the 原文链接 of a crawler header at the top of a saved page',
  ),
  c(
    'copies',
    'json',
    'every copy of the report (another format, URL, republication, updated version), best ' +
      'first: id, format, sources, cells, flags, parser_version; the dataset takes the first',
  ),
  c('copy_count', 'int', 'how many different files (by content) hold this report'),
  c(
    'x_sources',
    'json',
    'X-SOURCES: cells on which the copies disagree, each with every value and the sources printing it',
  ),
  c('parser_version', 'string', 'the parser version that made the record'),
  c('error_code', 'string', 'why the file could not be parsed, if it could not'),
  c('error_message', 'string', 'the error in words'),
  c('cells', 'int', 'number of cells stored for the report'),
  c('passing', 'bool', 'parsed, and no rule of severity error fails'),
  c('failed_error_rules', 'json', 'ids of the error rules that fail'),
  c('flags', 'json', "the report's own failed rules: rule, severity, message, cells, both sides"),
  c('blank_read_as_zero', 'int', 'how many blank cells were read as 0 because their row 总计 agrees'),
  c('previous_report_id', 'string', 'the report of the same agency key for year − 1, when stored'),
  c('x_carry', 'string', 'X-CARRY against the previous year: agrees, differs, not_assessable, or no_previous_year'),
  c(
    'x_inforce',
    'string',
    'X-INFORCE against the previous year: agrees, differs, not_assessable, ' +
      'not_applicable (a table not in the 2021 layout) or no_previous_year',
  ),
  c('cross_flags', 'json', 'the failed X-CARRY / X-INFORCE checks with both years and values'),
];

/** The files that could not be parsed: not dataset rows, but listed so that nothing is lost silently. */
export const FAILURE_COLUMNS: ColumnDef[] = [
  c('file_id', 'string', 'SHA-256 of the file'),
  c('location', 'string', 'a path or URL the file was imported from (the first; all are in locations)'),
  c('locations', 'json', 'every path or URL of the file'),
  c('format', 'string', 'the format detected, if any'),
  c('error_code', 'string', 'why it could not be parsed (README: error codes)'),
  c('error_message', 'string', 'the error in words'),
  c('parser_version', 'string', 'the parser version that tried'),
];

/** Wide: the report columns, the cleaning of the key columns, then one column per key. */
export const WIDE_BASE_COLUMNS: ColumnDef[] = [
  ...REPORT_COLUMNS,
  c(
    'cleaning',
    'json',
    'for every key whose value is not as printed: {key: {cleaning, raw}}; keys not listed are as printed or absent',
  ),
];

export const keyColumn = (key: string, label: string, unit: string): ColumnDef =>
  c(key, 'double', `${label} (${unit}); value_clean of the long shape`);
