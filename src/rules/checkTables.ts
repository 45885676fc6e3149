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
  for (const col of arithmetic.inColumn.length ? columns : []) {
    for (const c of columnChecks(key, arithmetic, col)) check(tally, table, c);
  }
  const inRowRows = arithmetic.inRowRows ?? rows.filter((r) => table.has(key, r));
  for (const row of inRowRows) {
    for (const c of rowChecks(key, arithmetic, row)) {
      if (c.equation.whenPrinted && !table.cell(key, row, c.equation.right[0])) continue;
      check(tally, table, c);
    }
  }
}

/** One equation over one column (or row) of a table: its terms and how a failure names it. */
interface BoundEquation {
  equation: Equation;
  left: Term[];
  right: Term[];
  context: string;
}

/**
 * The equations bound to their cells, built once per table, arithmetic and column (or row): the
 * tables' rows and columns are the catalog's, so these are a few hundred in all, made on first use.
 */
const boundColumns = new Map<TableArithmetic, Map<string, Map<string, BoundEquation[]>>>();
const boundRows = new Map<TableArithmetic, Map<string, Map<string, BoundEquation[]>>>();

function bound(
  cache: Map<TableArithmetic, Map<string, Map<string, BoundEquation[]>>>,
  key: string,
  arithmetic: TableArithmetic,
  at: string,
  build: () => BoundEquation[],
): BoundEquation[] {
  let byKey = cache.get(arithmetic);
  if (!byKey) cache.set(arithmetic, (byKey = new Map()));
  let byAt = byKey.get(key);
  if (!byAt) byKey.set(key, (byAt = new Map()));
  let list = byAt.get(at);
  if (!list) byAt.set(at, (list = build()));
  return list;
}

const termOf = (table: string, row: string, col: string, name: string, parts: string[] | undefined): Term => ({
  table,
  row,
  col,
  name,
  parts,
  id: `${table}|${row}|${col}`,
});

function columnChecks(key: string, arithmetic: TableArithmetic, col: string): BoundEquation[] {
  return bound(boundColumns, key, arithmetic, col, () => {
    const parts = partsOfTotal(arithmetic);
    const term = (row: string) => termOf(key, row, col, row, parts);
    return arithmetic.inColumn.map((e) => ({
      equation: e,
      left: e.left.map(term),
      right: e.right.map(term),
      context: `column ${col}`,
    }));
  });
}

function rowChecks(key: string, arithmetic: TableArithmetic, row: string): BoundEquation[] {
  return bound(boundRows, key, arithmetic, row, () => {
    const parts = partsOfTotal(arithmetic);
    const context = arithmetic.inRowContext.replace('{row}', row);
    const term = (col: string) => termOf(key, row, col, col, parts);
    return arithmetic.inRow.map((e) => ({
      equation: e,
      left: e.left.map(term),
      right: e.right.map(term),
      context: e.label ? `${context} ${e.label}` : context,
    }));
  });
}

function check(tally: RuleTally, table: CellTable, bound: BoundEquation): void {
  const e = bound.equation;
  let left = bound.left;
  if (e.printedParts) {
    // the parts the report prints: a row it leaves out, or a blank cell, is no part; a cell
    // printed but not read (digits that read several ways) leaves the sum not assessable
    const printed = left.filter((t) => {
      const c = table.cell(t.table, t.row, t.col);
      return c && (c.value !== null || /\d/.test(c.raw));
    });
    if (printed.length) left = printed;
  }
  if (e.relation === '≤') tally.atMost(e.rule, left, bound.right[0], bound.context);
  else tally.equal(e.rule, left, bound.right, bound.context);
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
