// Everything the report page shows, in one JSON object built on the server: metadata and
// sources, the heading tree, the tables as drawn, failed rules with both sides written out,
// rules that could not be assessed with the blank cells they need.
import type { Kysely } from 'kysely';
import type { Database } from '../../store';
import { cellKey, type ReportRecord, type Section, type RuleOutcome } from '../../src/model/record';
import { RULE_BY_ID } from '../../src/rules/catalog';
import { drawTables, type TableDrawing } from './tableDrawing';
import { writeSides, type WrittenFlag } from './flagSides';
import { reportOfFile, reportRow, sourceLocations } from '../../store';
import { agencyKey } from '../../src/report/agencyName';
import type { Region } from '../../src/dataset/region';
import type { SourcesFlag } from '../../src/dataset/sourceDisagreements';
import { originalUrlOf } from '../export/originalUrl';

/** Another file of the same report (format, URL, republication), best-read first. */
export interface CopyView {
  sha256: string;
  format: string | null;
  cells: number;
  flags: number;
  parserVersion: string;
  sources: string[];
  best: boolean;
  current: boolean;
}

export interface ReportView {
  sha256: string;
  title: string | null;
  agency: string | null;
  year: number | null;
  layout: string | null;
  format: string | null;
  path: string;
  url: string | null;
  sources: string[];
  parserVersion: string;
  error: { code: string; message: string } | null;
  sections: Section[];
  tables: TableDrawing[];
  flags: Array<WrittenFlag & { description: string }>;
  /** the report's key across years (the agency page), its region, where it was published */
  agencyKey: string | null;
  region: Region | null;
  originalUrl: string | null;
  /** every file of this report, best-read first; the dataset takes the first */
  copies: CopyView[];
  /** cells on which the copies disagree (X-SOURCES) */
  xSources: Array<Pick<SourcesFlag, 'cell' | 'message' | 'values'> & { description: string }>;
  /** rules with at least one check that a blank or absent cell kept from being assessed */
  notAssessable: Array<{
    rule: string;
    description: string;
    status: RuleOutcome['status'];
    checks: number;
    notAssessable: number;
    missing: string[];
  }>;
  rules: RuleOutcome[];
  findings: string[];
  /** where the cells were read: decides which source view the page opens */
  sourceKind: 'pdf' | 'table' | 'text' | null;
}

export const isSha256 = (s: string) => /^[0-9a-f]{64}$/.test(s);

export async function loadReportView(db: Kysely<Database>, sha: string): Promise<ReportView | undefined> {
  if (!isSha256(sha)) return undefined;
  const row = await reportRow(db, sha);
  if (!row) return undefined;
  const sources = await sourceLocations(db, sha);
  const record = JSON.parse(row.record) as ReportRecord;
  const values = new Map(record.cells.map((c) => [cellKey(c), c.value]));
  // the report this file is a copy of: on its agency's page of the dataset (grouped there)
  const found = await reportOfFile(db, sha);
  const group = found?.report;
  const copies = group?.copies ?? (found?.failure ? [found.failure] : []);
  return {
    sha256: row.sha256,
    title: row.title,
    agency: row.agency,
    year: row.year == null ? null : Number(row.year),
    layout: row.layout,
    format: row.format,
    path: row.path,
    url: row.url,
    sources,
    parserVersion: row.parser_version,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    sections: record.sections ?? [],
    tables: drawTables(record.cells ?? [], record.tables ?? []),
    flags: (record.flags ?? []).map((f) => ({
      ...writeSides(f, (k) => values.get(k)),
      description: RULE_BY_ID.get(f.rule)?.description ?? '',
    })),
    agencyKey: row.agency ? agencyKey(row.agency) : null,
    region: group?.region ?? null,
    originalUrl: await originalUrlOf(copies.length ? copies : [{ url: row.url, format: row.format, sources }]),
    copies: copies.map((c, i) => ({
      sha256: c.sha256,
      format: c.format,
      cells: c.cellCount,
      flags: c.flagCount,
      parserVersion: c.parserVersion,
      sources: c.sources,
      best: !!group && i === 0,
      current: c.sha256 === sha,
    })),
    xSources: (group?.xSources ?? []).map(({ cell, message, values: v }) => ({
      cell,
      message,
      values: v,
      description: RULE_BY_ID.get('X-SOURCES')?.description ?? '',
    })),
    notAssessable: (record.rules ?? [])
      .filter((r) => r.notAssessable > 0)
      .map((r) => ({
        rule: r.rule,
        description: RULE_BY_ID.get(r.rule)?.description ?? '',
        status: r.status,
        checks: r.checks,
        notAssessable: r.notAssessable,
        missing: r.missing ?? [],
      })),
    rules: record.rules ?? [],
    findings: record.findings ?? [],
    sourceKind: sourceKindOf(row.format),
  };
}

function sourceKindOf(format: string | null): ReportView['sourceKind'] {
  if (format === 'pdf') return 'pdf';
  if (format === 'html' || format === 'docx' || format === 'doc') return 'table';
  if (format === 'text') return 'text';
  return null;
}
