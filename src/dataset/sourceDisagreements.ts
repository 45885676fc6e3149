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

/** One flag per cell on which the copies (best first) print different numbers. */
export function sourceDisagreements(copies: CopyCells[]): SourcesFlag[] {
  if (copies.length < 2) return [];
  const seen = new Map<string, ValueSeen[]>();
  for (const copy of copies) {
    for (const c of copy.cells) {
      if (c.value === null) continue; // a blank or unread cell is not a disagreement
      const key = `${c.table}|${c.row}|${c.col}`;
      const values = seen.get(key) ?? [];
      const v = values.find((x) => same(x.value, c.value!));
      if (v) {
        if (!v.copies.includes(copy.id)) {
          v.copies.push(copy.id);
          v.sources.push(...copy.sources);
        }
      } else values.push({ value: c.value, raw: c.raw, copies: [copy.id], sources: [...copy.sources] });
      seen.set(key, values);
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
