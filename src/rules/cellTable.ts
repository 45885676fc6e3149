// Cells indexed by key, with the one inference rules.md allows: a blank cell counts as 0 only
// where its row's printed 总计 agrees with the other cells of that row.
import type { Cell } from '../model/record';

export class CellTable {
  /** table → row → col → cell: nested maps, so a look-up builds no key string */
  private readonly byTable = new Map<string, Map<string, Map<string, Cell>>>();
  /** keys of blanks that were read as 0 because the row's printed total agrees */
  readonly inferredZero = new Set<string>();

  constructor(cells: Cell[]) {
    for (const c of cells) {
      let rows = this.byTable.get(c.table);
      if (!rows) this.byTable.set(c.table, (rows = new Map()));
      let cols = rows.get(c.row);
      if (!cols) rows.set(c.row, (cols = new Map()));
      cols.set(c.col, c);
    }
  }

  cell(table: string, row: string, col: string): Cell | undefined {
    return this.byTable.get(table)?.get(row)?.get(col);
  }

  has(table: string, row: string): boolean {
    return this.byTable.get(table)?.has(row) ?? false;
  }

  /** the value as printed, or 0 for a blank whose row total agrees, else null */
  value(table: string, row: string, col: string, partsOfTotal?: string[]): number | null {
    const c = this.cell(table, row, col);
    if (!c) return null;
    if (c.value !== null) return c.value;
    if (c.raw.trim() !== '' || !partsOfTotal || col === 'total') return null;
    const total = this.cell(table, row, 'total')?.value;
    if (total === null || total === undefined) return null;
    const others = partsOfTotal.filter((p) => p !== col).map((p) => this.cell(table, row, p)?.value ?? 0);
    if (others.reduce((a, b) => a + b, 0) === total) {
      this.inferredZero.add(`${table}|${row}|${col}`);
      return 0;
    }
    return null;
  }
}
