// Everything the report page shows, in one JSON object built on the server: metadata and
// sources, the heading tree, the tables as drawn, failed rules with both sides written out,
// rules that could not be assessed with the blank cells they need.
import type { Kysely } from 'kysely';
import type { Database } from '../../store';
import { cellKey, type ReportRecord, type Section, type RuleOutcome } from '../../src/model/record';
import { RULE_BY_ID } from '../../src/rules/catalog';
import { drawTables, type TableDrawing } from './tableDrawing';
import { writeSides, type WrittenFlag } from './flagSides';

export interface ReportView {
  sha256: string; title: string | null; agency: string | null; year: number | null; layout: string | null;
  format: string | null; path: string; url: string | null; sources: string[]; parserVersion: string;
  error: { code: string; message: string } | null;
  sections: Section[];
  tables: TableDrawing[];
  flags: WrittenFlag[];
  /** rules with at least one check that a blank or absent cell kept from being assessed */
  notAssessable: Array<{ rule: string; description: string; status: RuleOutcome['status']; checks: number; notAssessable: number; missing: string[] }>;
  rules: RuleOutcome[];
  findings: string[];
  /** where the cells were read: decides which source view the page opens */
  sourceKind: 'pdf' | 'table' | 'text' | null;
}

export const isSha256 = (s: string) => /^[0-9a-f]{64}$/.test(s);

export async function loadReportView(db: Kysely<Database>, sha: string): Promise<ReportView | undefined> {
  if (!isSha256(sha)) return undefined;
  const row = await db.selectFrom('reports').selectAll().where('sha256', '=', sha).executeTakeFirst();
  if (!row) return undefined;
  const sources = await db.selectFrom('sources').select('location').where('sha256', '=', sha).orderBy('location').execute();
  const record = JSON.parse(row.record) as ReportRecord;
  const values = new Map(record.cells.map((c) => [cellKey(c), c.value]));
  return {
    sha256: row.sha256, title: row.title, agency: row.agency, year: row.year == null ? null : Number(row.year), layout: row.layout,
    format: row.format, path: row.path, url: row.url, sources: sources.map((s) => s.location), parserVersion: row.parser_version,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    sections: record.sections ?? [],
    tables: drawTables(record.cells ?? [], record.tables ?? []),
    flags: (record.flags ?? []).map((f) => writeSides(f, (k) => values.get(k))),
    notAssessable: (record.rules ?? [])
      .filter((r) => r.notAssessable > 0)
      .map((r) => ({ rule: r.rule, description: RULE_BY_ID.get(r.rule)?.description ?? '', status: r.status, checks: r.checks, notAssessable: r.notAssessable, missing: r.missing ?? [] })),
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
