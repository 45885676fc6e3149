// Doc → everything a record says about the report: metadata, heading tree, the three standard
// tables as keyed cells, and the cross-check rules. Knows nothing of the input format.
import { proseOf, type Doc } from './model/document';
import type { Cell, Flag, ReportRecord, Template } from './model/record';
import { TableKey } from './model/record';
import { findMeta, type MetaSource } from './report/metadata';
import { openingLines } from './report/findTitle';
import { findSections } from './sections/findSections';
import { collectTableRows } from './tables/collectTableRows';
import { detectTemplate, recogniseTable, type RecognisedTable } from './tables/recogniseTables';
import { narrativeEvidence } from './tables/narrativeEvidence';
import { distrustOcrCells } from './tables/ocrConfidence';
import { OCR_SETTINGS } from './model/config';
import { CellTable } from './rules/cellTable';
import { RuleTally } from './rules/equation';
import { checkTables } from './rules/checkTables';
import { checkNarrative } from './rules/checkNarrative';
import { analyseLegacy } from './rules/analyseLegacy';
import { legacyGridOf } from './tables/legacyRows';
import { XxgkError } from './model/errors';
import { REPORT_PHRASE, REPORT_WORD } from './model/reportWords';

export type Analysis = Pick<
  ReportRecord,
  'report' | 'sections' | 'tables' | 'cells' | 'flags' | 'rules' | 'findings' | 'otherRows'
>;

/** one recognised table as the findings list it: table, template, cell count, missing rows */
function describeTable(r: RecognisedTable): string {
  const missing = r.missingRows.length ? `, missing rows ${r.missingRows.join(',')}` : '';
  return `${r.table} (${r.template}, ${r.cells.length} cells${missing})`;
}

/** Without standard tables, a report still names itself or carries the standard sections. */
function looksLikeReport(doc: Doc, title: string | null, sections: ReportRecord['sections']): boolean {
  if (title && /信息公开/.test(title) && REPORT_WORD.test(title)) return true;
  const standard = new Set(sections.filter((s) => s.standard).map((s) => s.standard));
  if (standard.size >= 2) return true;
  const raw = doc.blocks
    .slice(0, 30)
    .map((b) => (b.type === 'table' ? '' : b.text))
    .join('');
  // and as the metadata reads it: simplified where a mirror converted it, pinyin glosses dropped
  const head = raw + '\n' + openingLines(doc, 30).join('');
  // the opening of a report cut short: it cites the 条例 (or names its 政府信息公开 work) under the overview heading
  return (
    REPORT_PHRASE.test(head) ||
    // (a 2008–2018 report's section one is 概述)
    ((/总体情况/.test(head) || /一\s*[、.．]\s*概\s*述/.test(head)) && /(?:政府信息|政务)公开/.test(head)) ||
    (/信息公开条例/.test(head) && /年度报告|年报|本报告/.test(head))
  );
}

export function analyseDoc(doc: Doc, source: MetaSource = {}): Analysis {
  const meta = findMeta(doc, source);
  const sections = findSections(doc);
  // a 2008–2018 statistics table shares labels with table 三 (同意部分公开): not read as one
  const legacyGrid = legacyGridOf(doc);
  const collected = collectTableRows(legacyGrid ? { ...doc, blocks: doc.blocks.filter((b) => b !== legacyGrid) } : doc);
  const findings: string[] = [...doc.notes, ...meta.findings];

  const narrative = proseOf(doc);
  const prose = narrativeEvidence(narrative);
  const recognised: RecognisedTable[] = [];
  const templates: Template[] = [];
  for (const table of TableKey.options) {
    const t = collected.get(table);
    if (!t || !t.rows.length) continue;
    const template = detectTemplate(t, meta.year, templates);
    templates.push(template);
    const r = recogniseTable(t, template, prose);
    recognised.push(r);
    findings.push(...(t.notes ?? []), ...r.notes);
    if (t.unmatched.length)
      findings.push(
        `${table}: rows whose labels match no key: ${t.unmatched
          .slice(0, 5)
          .map((s) => s.slice(0, 40))
          .join(' | ')}`,
      );
  }
  const cells: Cell[] = [];
  const flags: Flag[] = distrustOcrCells(recognised, OCR_SETTINGS.minCellConfidence);
  for (const r of recognised) {
    cells.push(...r.cells);
    flags.push(...r.flags);
  }
  const layout = !recognised.length ? 'legacy' : templates.every((t) => t === templates[0]) ? templates[0] : '2021';

  if (!recognised.length && !looksLikeReport(doc, meta.title, sections)) {
    throw new XxgkError(
      'NOT_A_REPORT',
      'no standard table, no report title (…信息公开工作年度报告) and fewer than two of the six standard sections were found',
    );
  }

  let rules: Analysis['rules'] = [];
  let legacy: ReturnType<typeof analyseLegacy>;
  if (recognised.length) {
    const table = new CellTable(cells);
    const tally = new RuleTally(table);
    checkTables(
      cells,
      { tables: recognised, missingRows: new Map(recognised.map((r) => [r.table, r.missingRows])) },
      tally,
      table,
    );
    checkNarrative(narrative, table, tally);
    flags.push(...tally.flags);
    const split = recognised.reduce((n, r) => n + r.splitRows, 0);
    const ambiguous = recognised.reduce((n, r) => n + r.ambiguousRows, 0);
    rules = [
      ...tally.results(),
      { rule: 'T-AMBIGUOUS', status: ambiguous ? 'fail' : 'pass', checks: split, failed: ambiguous, notAssessable: 0 },
    ];
    if (table.inferredZero.size)
      findings.push(
        `blank cells read as 0 for the rules because their row's 总计 agrees: ${[...table.inferredZero].join(', ')}`,
      );
  } else {
    findings.push(
      'no standard table (二 主动公开 / 三 申请 / 四 复议诉讼) in the 2019 or 2021 layout was found: a free-form (legacy) report',
    );
    legacy = analyseLegacy(doc, narrative);
    if (legacy) {
      cells.push(...legacy.cells);
      flags.push(...legacy.flags);
      rules = legacy.rules;
      findings.push(...legacy.findings!);
    }
  }
  findings.push(
    `sections: ${sections.length} top-level${
      sections.filter((s) => s.standard).length
        ? `, standard ones recognised: ${sections
            .filter((s) => s.standard)
            .map((s) => s.standard)
            .join(', ')}`
        : ''
    }`,
  );
  findings.push(`tables: ${recognised.map(describeTable).join('; ') || 'none'}`);

  return {
    report: {
      title: meta.title,
      agency: meta.agency,
      agencyAsPrinted: meta.agencyAsPrinted,
      year: meta.year,
      region: meta.region,
      layout,
    },
    sections,
    tables:
      legacy?.tables ??
      recognised.map((r) => ({ table: r.table, template: r.template, ...(r.source ? { source: r.source } : {}) })),
    cells,
    flags,
    rules,
    findings,
    ...(legacy?.otherRows ? { otherRows: legacy.otherRows } : {}),
  };
}
