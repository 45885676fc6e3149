// The table rules of rules.md (T3-BAL, T3-SUM, T3-COL, T4-SUM, T-VALUE, T-MISSING, and L-* of the
// legacy statistics table) over the recognised cells; the equations are the tables' arithmetic (tables/arithmetic.ts).
import type { Cell, Flag, Template } from '../model/record';
import { LEGACY, TableKey } from '../model/record';
import { LEGACY_ROWS } from '../tables/legacyCatalog';
import { CATALOG } from '../tables/catalog';
import { ARITHMETIC, LEGACY_ARITHMETIC, partsOfTotal, type Equation, type TableArithmetic } from '../tables/arithmetic';
import { CellTable } from './cellTable';
import { RuleTally, type Term } from './equation';

export interface TableLayouts {
  tables: Array<{ table: TableKey; template: Template }>;
  missingRows: Map<TableKey, string[]>;
}

export function checkTables(cells: Cell[], layouts: TableLayouts, tally: RuleTally, table: CellTable): void {
  for (const { table: key, template } of [...layouts.tables].sort((a, b) => order(a.table) - order(b.table))) {
    checkStandard(key, template, tally, table);
  }
  checkValues(cells, tally);
  checkMissing(layouts, tally);
}

const order = (t: TableKey) => TableKey.options.indexOf(t);
const MONEY_RULE = 'money must be ≥ 0';
const COUNT_RULE = 'a count must be a whole number ≥ 0';

/** A standard table's equations over its catalog rows and columns (and the optional columns it prints). */
function checkStandard(key: TableKey, template: Template, tally: RuleTally, table: CellTable): void {
  const arithmetic = ARITHMETIC[key][template];
  const specs = CATALOG[key][template];
  const rows = specs.map((r) => r.key);
  const columns = specs[0].columns.map((c) => c.key);
  // an optional column (小计) joins the column equations where the first row prints it, before 总计
  for (const optional of arithmetic.optionalColumns ?? [])
    if (table.cell(key, rows[0], optional)) columns.splice(columns.length - 1, 0, optional);
  checkArithmetic(key, arithmetic, rows, columns, tally, table);
}

/** The table's column equations for every column, then its row equations for every row. */
function checkArithmetic(
  key: string,
  arithmetic: TableArithmetic,
  rows: string[],
  columns: string[],
  tally: RuleTally,
  table: CellTable,
): void {
  const parts = partsOfTotal(arithmetic);
  for (const col of arithmetic.inColumn.length ? columns : []) {
    for (const e of arithmetic.inColumn) {
      const term = (row: string): Term => ({ table: key, row, col, name: row, parts });
      check(tally, table, e, term, `column ${col}`);
    }
  }
  const inRowRows = arithmetic.inRowRows ?? rows.filter((r) => table.has(key, r));
  for (const row of inRowRows) {
    const context = arithmetic.inRowContext.replace('{row}', row);
    for (const e of arithmetic.inRow) {
      if (e.whenPrinted && !table.cell(key, row, e.right[0])) continue;
      const term = (col: string): Term => ({ table: key, row, col, name: col, parts });
      check(tally, table, e, term, e.label ? `${context} ${e.label}` : context);
    }
  }
}

function check(tally: RuleTally, table: CellTable, e: Equation, term: (k: string) => Term, context: string): void {
  let left = e.left.map(term);
  if (e.printedParts) {
    // the parts the report prints: a row it leaves out, or a blank cell, is no part; a cell
    // printed but not read (digits that read several ways) leaves the sum not assessable
    const printed = left.filter((t) => {
      const c = table.cell(t.table, t.row, t.col);
      return c && (c.value !== null || /\d/.test(c.raw));
    });
    if (printed.length) left = printed;
  }
  if (e.relation === '≤') tally.atMost(e.rule, left, e.right.map(term)[0], context);
  else tally.equal(e.rule, left, e.right.map(term), context);
}

/** the money cells of the 2019/2021 tables: the amount columns */
const standardMoney = (c: Cell) => c.col === 'amount';
const LEGACY_MONEY = new Set(LEGACY_ROWS.filter((r) => r.kind === 'money').map((r) => r.key));

function checkValues(cells: Cell[], tally: RuleTally, isMoney: (c: Cell) => boolean = standardMoney): void {
  const o = tally.outcome('T-VALUE');
  for (const c of cells) {
    if (c.value === null) continue;
    o.checks++;
    const money = isMoney(c);
    const signed = c.table === 'active' && c.col === 'change';
    const ok = money ? c.value >= 0 : Number.isInteger(c.value) && (signed || c.value >= 0);
    if (ok) continue;
    o.failed++;
    tally.flags.push({
      rule: 'T-VALUE',
      severity: 'error',
      message: `${c.table}.${c.row}.${c.col} = ${c.raw}: ${money ? MONEY_RULE : COUNT_RULE}`,
      cells: [`${c.table}|${c.row}|${c.col}`],
    });
  }
}

function checkMissing(layouts: TableLayouts, tally: RuleTally): void {
  const o = tally.outcome('T-MISSING');
  const present = new Set(layouts.tables.map((t) => t.table));
  for (const table of TableKey.options) {
    o.checks++;
    const missing = present.has(table) ? (layouts.missingRows.get(table) ?? []) : ['(the whole table)'];
    if (!missing.length) continue;
    o.failed++;
    const f: Flag = {
      rule: 'T-MISSING',
      severity: 'error',
      message: `${table}: ${present.has(table) ? 'rows not found: ' + missing.join(', ') : 'table not found'}`,
      cells: present.has(table) ? missing.map((r) => `${table}|${r}|*`) : [`${table}|*|*`],
    };
    tally.flags.push(f);
  }
}

/** The legacy statistics table: its L-* equations over the year (and cumulative) column, and T-VALUE. */
export function checkLegacyTable(cells: Cell[], columns: string[], tally: RuleTally, table: CellTable): void {
  checkArithmetic(
    LEGACY,
    LEGACY_ARITHMETIC,
    LEGACY_ROWS.map((r) => r.key),
    columns,
    tally,
    table,
  );
  checkValues(cells, tally, (c) => LEGACY_MONEY.has(c.row));
}
