// Cells indexed by key, with the one inference rules.md allows: a blank cell counts as 0 only
// where its row's printed 总计 agrees with the other cells of that row.
import type { Cell } from '../model/record';

export class CellTable {
  /** table → row → col → cell: nested maps, so a look-up builds no key string */
  private readonly byTable = new Map<string, Map<string, Map<string, Cell>>>();
  /** the blank cells read as 0, in the order first read so */
  private readonly zeroCells = new Set<Cell>();
  /**
   * What value() made of a blank cell (its row does not change while the rules read it), with the
   * parts of 总计 it was asked with: the equations ask for the same blank dozens of times.
   */
  private readonly blankValues = new Map<Cell, { parts: string[] | undefined; value: number | null }>();

  constructor(cells: Cell[]) {
    for (const c of cells) {
      let rows = this.byTable.get(c.table);
      if (!rows) this.byTable.set(c.table, (rows = new Map()));
      let cols = rows.get(c.row);
      if (!cols) rows.set(c.row, (cols = new Map()));
      cols.set(c.col, c);
    }
  }

  /** keys of blanks that were read as 0 because the row's printed total agrees */
  get inferredZero(): Set<string> {
    return new Set([...this.zeroCells].map((c) => `${c.table}|${c.row}|${c.col}`));
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
    if (!partsOfTotal || col === 'total') return null;
    const known = this.blankValues.get(c);
    if (known !== undefined && known.parts === partsOfTotal) return known.value;
    const value = this.blankValue(c, table, row, col, partsOfTotal);
    this.blankValues.set(c, { parts: partsOfTotal, value });
    return value;
  }

  private blankValue(c: Cell, table: string, row: string, col: string, partsOfTotal: string[]): number | null {
    if (c.raw.trim() !== '') return null;
    const total = this.cell(table, row, 'total')?.value;
    if (total === null || total === undefined) return null;
    let others = 0;
    for (const p of partsOfTotal) if (p !== col) others += this.cell(table, row, p)?.value ?? 0;
    if (others === total) {
      this.zeroCells.add(c);
      return 0;
    }
    return null;
  }
}
