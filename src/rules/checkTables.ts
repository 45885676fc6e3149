// The table rules of rules.md (T3-BAL, T3-SUM, T3-COL, T4-SUM, T-VALUE, T-MISSING) over the
// recognised cells.
import type { Cell, Flag, TableKey, Template } from '../model/record';
import { CATALOG } from '../tables/catalog';
import { CellTable } from './cellTable';
import { RuleTally, type Term } from './equation';

const APPLICANT_PARTS = ['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg'];
const LEGAL_PARTS = APPLICANT_PARTS.slice(1);
const REVIEW_PARTS = ['upheld', 'corrected', 'other', 'pending'];

export interface TableLayouts { tables: Array<{ table: TableKey; template: Template }>; missingRows: Map<TableKey, string[]> }

export function checkTables(cells: Cell[], layouts: TableLayouts, tally: RuleTally, table: CellTable): void {
  const templateOf = new Map(layouts.tables.map((t) => [t.table, t.template]));
  const apps = templateOf.get('applications');
  if (apps) checkApplications(apps, tally, table);
  if (templateOf.has('reviewLitigation')) {
    for (const row of ['review', 'litigationDirect', 'litigationAfterReview']) {
      const t = (col: string): Term => ({ table: 'reviewLitigation', row, col, name: col, parts: REVIEW_PARTS });
      tally.equal('T4-SUM', REVIEW_PARTS.map(t), [t('total')], row);
    }
  }
  checkValues(cells, tally);
  checkMissing(layouts, tally);
}

function checkApplications(template: Template, tally: RuleTally, table: CellTable): void {
  const cols = table.has('applications', 'newReceived') && table.cell('applications', 'newReceived', 'legalPersonSubtotal')
    ? [...APPLICANT_PARTS, 'legalPersonSubtotal', 'total'] : [...APPLICANT_PARTS, 'total'];
  const term = (row: string, col: string): Term => ({ table: 'applications', row, col, name: row, parts: APPLICANT_PARTS });
  const resultRows = CATALOG.applications[template].map((r) => r.key)
    .filter((k) => !['newReceived', 'carriedOver', 'totalProcessed', 'carriedForward'].includes(k));
  for (const col of cols) {
    tally.equal('T3-BAL', [term('newReceived', col), term('carriedOver', col)], [term('totalProcessed', col), term('carriedForward', col)], `column ${col}`);
    tally.equal('T3-SUM', resultRows.map((r) => term(r, col)), [term('totalProcessed', col)], `column ${col}`);
  }
  for (const spec of CATALOG.applications[template]) {
    const row = spec.key;
    if (!table.has('applications', row)) continue;
    const t = (col: string): Term => ({ table: 'applications', row, col, name: col, parts: APPLICANT_PARTS });
    tally.equal('T3-COL', APPLICANT_PARTS.map(t), [t('total')], `row ${row}`);
    if (table.cell('applications', row, 'legalPersonSubtotal')) tally.equal('T3-COL', LEGAL_PARTS.map(t), [t('legalPersonSubtotal')], `row ${row} 法人或其他组织小计`);
  }
}

function checkValues(cells: Cell[], tally: RuleTally): void {
  const o = tally.outcome('T-VALUE');
  for (const c of cells) {
    if (c.value === null) continue;
    o.checks++;
    const money = c.col === 'amount';
    const signed = c.table === 'active' && c.col === 'change';
    const ok = money ? c.value >= 0 : Number.isInteger(c.value) && (signed || c.value >= 0);
    if (ok) continue;
    o.failed++;
    tally.flags.push({ rule: 'T-VALUE', severity: 'error', message: `${c.table}.${c.row}.${c.col} = ${c.raw}: ${money ? 'money must be ≥ 0' : 'a count must be a whole number ≥ 0'}`, cells: [`${c.table}|${c.row}|${c.col}`] });
  }
}

function checkMissing(layouts: TableLayouts, tally: RuleTally): void {
  const o = tally.outcome('T-MISSING');
  const present = new Set(layouts.tables.map((t) => t.table));
  for (const table of ['active', 'applications', 'reviewLitigation'] as TableKey[]) {
    o.checks++;
    const missing = present.has(table) ? layouts.missingRows.get(table) ?? [] : ['(the whole table)'];
    if (!missing.length) continue;
    o.failed++;
    const f: Flag = { rule: 'T-MISSING', severity: 'error', message: `${table}: ${present.has(table) ? 'rows not found: ' + missing.join(', ') : 'table not found'}`, cells: present.has(table) ? missing.map((r) => `${table}|${r}|*`) : [`${table}|*|*`] };
    tally.flags.push(f);
  }
}
