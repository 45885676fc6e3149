// X-SOURCES (rules.md): copies of one report that disagree on a cell. Every value printed for
// the cell is named with the copies and sources that print it; the dataset keeps the best-read
// copy's value but never picks silently: the flag travels with the report.
import type { Flag } from '../model/record';

export interface CopyCells {
  id: string;
  /** the paths or URLs this copy was imported from */
  sources: string[];
  cells: Array<{ table: string; row: string; col: string; value: number | null; raw: string }>;
}

export interface ValueSeen {
  value: number;
  raw: string;
  copies: string[];
  sources: string[];
}
export interface SourcesFlag extends Flag {
  rule: 'X-SOURCES';
  cell: string;
  values: ValueSeen[];
}

// money is read to the cent; anything closer is one value printed two ways (12.50 / 12.5)
const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;

const cellKey = (c: { table: string; row: string; col: string }) => `${c.table}|${c.row}|${c.col}`;

/**
 * How many cells sourceDisagreements flags, fed a few copies at a time: it holds one value per
 * cell, not every copy's, for a report fetched thousands of times. A cell is flagged when some
 * copy prints a number not the same as the first copy's (then the values make two groups).
 */
export class DisagreementCount {
  private readonly first = new Map<string, number>();
  private readonly differ = new Set<string>();
  private copies = 0;
  /** one copy's cells */
  add(cells: Array<{ table: string; row: string; col: string; value: number | null }>): void {
    this.copies++;
    for (const c of cells) {
      if (c.value === null) continue;
      const key = cellKey(c);
      const f = this.first.get(key);
      if (f === undefined) this.first.set(key, c.value);
      else if (!same(f, c.value)) this.differ.add(key);
    }
  }
  get count(): number {
    return this.copies < 2 ? 0 : this.differ.size;
  }
}

/** One flag per cell on which the copies (best first) print different numbers. */
export function sourceDisagreements(copies: CopyCells[]): SourcesFlag[] {
  if (copies.length < 2) return [];
  const seen = new Map<string, ValueSeen[]>();
  // the copies already counted for a value: a set, as one report may have thousands of copies
  const counted = new Map<ValueSeen, Set<string>>();
  for (const copy of copies) {
    for (const c of copy.cells) {
      if (c.value === null) continue; // a blank or unread cell is not a disagreement
      const key = cellKey(c);
      let values = seen.get(key);
      if (!values) seen.set(key, (values = []));
      const v = values.find((x) => same(x.value, c.value!));
      if (v) {
        const ids = counted.get(v)!;
        if (!ids.has(copy.id)) {
          ids.add(copy.id);
          v.copies.push(copy.id);
          v.sources.push(...copy.sources);
        }
      } else {
        const added = { value: c.value, raw: c.raw, copies: [copy.id], sources: [...copy.sources] };
        values.push(added);
        counted.set(added, new Set([copy.id]));
      }
    }
  }
  const flags: SourcesFlag[] = [];
  for (const [cell, values] of seen) {
    if (values.length < 2) continue;
    const [first, second] = values;
    const where = (v: ValueSeen) => `${v.value} in ${v.sources.join(', ') || v.copies.join(', ')}`;
    flags.push({
      rule: 'X-SOURCES',
      severity: 'warning',
      cell,
      values,
      cells: [cell],
      message: `${cell}: ${values.map(where).join(' ≠ ')}`,
      left: { expr: first.sources[0] ?? first.copies[0], value: first.value },
      right: { expr: second.sources[0] ?? second.copies[0], value: second.value },
    });
  }
  return flags;
}
