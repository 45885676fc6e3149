// Cleaning of one report's cells, recorded per value. The only inference is the one rules.md
// allows (a blank read as 0 where the row's printed 总计 agrees), taken from the rules' own
// CellTable; money is already in its column's unit (parseValue converts), and we say when the
// printed unit differed.
import type { Cell } from '../../src/model/record';
import { CellTable } from '../../src/rules/cellTable';
import { parseValue } from '../../src/tables/parseValue';
import { partsOfTotalIn } from '../../src/tables/arithmetic';
import { columnSpecOf, unitOf } from './keys';

export type Cleaning =
  | 'printed'
  | 'unit_converted'
  | 'blank_read_as_zero'
  | 'blank_left_empty'
  | 'placeholder_left_empty'
  | 'unreadable_left_empty';

export const CLEANING_METHODS: Record<Cleaning, string> = {
  printed: 'the number as printed, in the unit of its column',
  unit_converted: 'money printed in another unit (元 / 万元) and converted to the unit of its column',
  blank_read_as_zero:
    "a blank cell read as 0 because the row's printed 总计 equals the sum of its other cells (rules.md)",
  blank_left_empty:
    'a blank cell left empty: the row has no printed 总计, the 总计 itself is blank, or it does not agree',
  placeholder_left_empty: 'a placeholder (—, -, /, 无) left empty: it is not read as 0',
  unreadable_left_empty:
    'text not read as one number (not a number, or digits run together that the rules could not split: ' +
    'T-AMBIGUOUS) left empty',
};

export interface CleanCell {
  cell: Cell;
  layout: string;
  valueClean: number | null;
  cleaning: Cleaning;
  unit: string;
}

/** The columns whose sum is the row's 总计, from the tables' arithmetic (none where the row has no 总计). */
function partsOfTotal(table: string, row: string, layout: string): string[] | undefined {
  return columnSpecOf(table, row, 'total', layout) ? partsOfTotalIn(table) : undefined;
}

export function cleanCells(cells: Cell[], tableLayouts: Record<string, string>): CleanCell[] {
  const table = new CellTable(cells);
  return cells.map((cell) => {
    const layout = tableLayouts[cell.table] ?? '';
    const spec = columnSpecOf(cell.table, cell.row, cell.col, layout);
    const unit = unitOf(spec);
    if (cell.value !== null) {
      const printedUnit = spec?.kind === 'money' ? parseValue(cell.raw, spec).unit : undefined;
      const converted =
        printedUnit !== undefined && printedUnit !== unit && (printedUnit === '元' || printedUnit === '万元');
      return { cell, layout, valueClean: cell.value, cleaning: converted ? 'unit_converted' : 'printed', unit };
    }
    const parsed = parseValue(cell.raw, spec);
    if (parsed.blank) {
      const v = table.value(cell.table, cell.row, cell.col, partsOfTotal(cell.table, cell.row, layout));
      return { cell, layout, valueClean: v, cleaning: v === 0 ? 'blank_read_as_zero' : 'blank_left_empty', unit };
    }
    // a number the parser did not keep (e.g. an ambiguous run of digits) is not a placeholder
    const placeholder = !parsed.invalid && parsed.value === null;
    return {
      cell,
      layout,
      valueClean: null,
      cleaning: placeholder ? 'placeholder_left_empty' : 'unreadable_left_empty',
      unit,
    };
  });
}
