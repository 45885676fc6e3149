// Compare a record with a truth file written by a careful reader (docs/accuracy.md).
import { readFileSync } from 'node:fs';
import type { ReportRecord } from '../../src/model/record';

export interface Truth {
  doc: string;
  year: number | null;
  agency: string | null;
  templates: Record<string, string>;
  cells: Record<string, Record<string, Record<string, number | null>>>;
  flags: string[];
}

export const readTruth = (path: string): Truth => JSON.parse(readFileSync(path, 'utf8'));

export function truthCells(t: Truth): Array<{ key: string; value: number | null }> {
  const out: Array<{ key: string; value: number | null }> = [];
  for (const [table, rows] of Object.entries(t.cells))
    for (const [row, cols] of Object.entries(rows))
      for (const [col, value] of Object.entries(cols)) out.push({ key: `${table}|${row}|${col}`, value });
  return out;
}

/** Cells whose value differs from the truth, as "key: want X got Y". */
export function wrongCells(record: ReportRecord, t: Truth): string[] {
  const got = new Map(record.cells.map((c) => [`${c.table}|${c.row}|${c.col}`, c.value]));
  const wrong: string[] = [];
  for (const { key, value } of truthCells(t)) {
    const g = got.get(key);
    const same =
      g !== undefined &&
      (value === null ? g === null : g !== null && Math.abs(g - value) <= 1e-6 * Math.max(1, Math.abs(value)));
    if (!same) wrong.push(`${key}: want ${value} got ${g === undefined ? 'nothing' : g}`);
  }
  return wrong;
}

export const errorFlags = (r: ReportRecord) =>
  [...new Set(r.flags.filter((f) => f.severity === 'error').map((f) => f.rule))].sort();
