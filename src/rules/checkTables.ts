// The table rules of rules.md (T3-BAL, T3-SUM, T3-COL, T4-SUM, T-VALUE, T-MISSING) over the
// recognised cells; the equations are the tables' arithmetic (tables/arithmetic.ts).
import type { Cell, Flag, Template } from '../model/record';
import { TableKey } from '../model/record';
import { CATALOG } from '../tables/catalog';
import { ARITHMETIC, partsOfTotal, type Equation, type TableArithmetic } from '../tables/arithmetic';
import { CellTable } from './cellTable';
import { RuleTally, type Term } from './equation';

export interface TableLayouts { tables: Array<{ table: TableKey; template: Template }>; missingRows: Map<TableKey, string[]> }

export function checkTables(cells: Cell[], layouts: TableLayouts, tally: RuleTally, table: CellTable): void {
  for (const { table: key, template } of [...layouts.tables].sort((a, b) => order(a.table) - order(b.table))) {
    checkArithmetic(key, template, ARITHMETIC[key][template], tally, table);
  }
  checkValues(cells, tally);
  checkMissing(layouts, tally);
}

const order = (t: TableKey) => TableKey.options.indexOf(t);

/** The table's column equations for every column, then its row equations for every row. */
export function checkArithmetic(key: string, template: string, arithmetic: TableArithmetic, tally: RuleTally, table: CellTable): void {
  const parts = partsOfTotal(arithmetic);
  const rows = (CATALOG[key as TableKey]?.[template as Template] ?? []).map((r) => r.key);
  if (arithmetic.inColumn.length) {
    const first = rows[0];
    const printed = (col: string) => table.has(key, first) && table.cell(key, first, col) !== undefined;
    const columns = CATALOG[key as TableKey][template as Template][0].columns.map((c) => c.key);
    for (const optional of arithmetic.optionalColumns ?? []) if (printed(optional)) columns.splice(columns.length - 1, 0, optional);
    for (const col of columns) {
      for (const e of arithmetic.inColumn) {
        const term = (row: string): Term => ({ table: key, row, col, name: row, parts });
        check(tally, e, term, `column ${col}`);
      }
    }
  }
  const inRowRows = arithmetic.inRowRows ?? rows.filter((r) => table.has(key, r));
  for (const row of inRowRows) {
    const context = arithmetic.inRowContext.replace('{row}', row);
    for (const e of arithmetic.inRow) {
      if (e.whenPrinted && !table.cell(key, row, e.right[0])) continue;
      const term = (col: string): Term => ({ table: key, row, col, name: col, parts });
      check(tally, e, term, e.label ? `${context} ${e.label}` : context);
    }
  }
}

function check(tally: RuleTally, e: Equation, term: (k: string) => Term, context: string): void {
  tally.equal(e.rule, e.left.map(term), e.right.map(term), context);
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
  for (const table of TableKey.options) {
    o.checks++;
    const missing = present.has(table) ? layouts.missingRows.get(table) ?? [] : ['(the whole table)'];
    if (!missing.length) continue;
    o.failed++;
    const f: Flag = { rule: 'T-MISSING', severity: 'error', message: `${table}: ${present.has(table) ? 'rows not found: ' + missing.join(', ') : 'table not found'}`, cells: present.has(table) ? missing.map((r) => `${table}|${r}|*`) : [`${table}|*|*`] };
    tally.flags.push(f);
  }
}
