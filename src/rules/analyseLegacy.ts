// A report without the 2019/2021 tables (2008–2018): its statistics table (tables.md `legacy`)
// read, keyed and checked by the L-* rules, with what was found said in findings.
import type { Doc } from '../model/document';
import { LEGACY, type ReportRecord } from '../model/record';
import { findLegacyTable } from '../tables/legacyRows';
import { recogniseLegacy } from '../tables/recogniseLegacy';
import { CellTable } from './cellTable';
import { RuleTally } from './equation';
import { checkLegacyTable } from './checkTables';

export type LegacyAnalysis = Pick<ReportRecord, 'tables' | 'cells' | 'flags' | 'rules' | 'findings' | 'otherRows'>;

/** `narrative`: the document's prose; the table's own text is taken out of it before it is read as evidence */
export function analyseLegacy(doc: Doc, narrative: string): LegacyAnalysis | undefined {
  const printed = findLegacyTable(doc);
  if (!printed) return undefined;
  const prose = printed.span
    ? narrative.replace(printed.span.text.slice(printed.span.start, printed.span.end), ' ')
    : narrative;
  const r = recogniseLegacy(printed, prose);
  if (!r.cells.length) return undefined;
  const cells = new CellTable(r.cells);
  const tally = new RuleTally(cells);
  checkLegacyTable(r.cells, printed.cumulative ? ['year', 'cumulative'] : ['year'], tally, cells);
  const rows = new Set(r.cells.map((c) => c.row)).size;
  return {
    tables: [{ table: LEGACY, template: LEGACY, source: printed.source }],
    cells: r.cells,
    flags: [...r.flags, ...tally.flags],
    rules: [
      ...tally.results(),
      {
        rule: 'T-AMBIGUOUS',
        status: r.ambiguousRows ? 'fail' : 'pass',
        checks: r.splitRows,
        failed: r.ambiguousRows,
        notAssessable: 0,
      },
    ],
    findings: [
      ...r.notes,
      `legacy statistics table (统计表): ${rows} rows keyed${printed.cumulative ? ', with 历年累计' : ''}` +
        (r.otherRows.length ? `; rows matching no key: ${r.otherRows.map((o) => o.label).join(' | ')}` : ''),
    ],
    ...(r.otherRows.length ? { otherRows: r.otherRows } : {}),
  };
}
