// Variants of the real 昌国街道 2021 report (tab-separated tables, every value 0), made by
// editing its lines, so that label and rule tests start from a real published layout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '../../pipeline/parseReport';
import type { ReportRecord } from '../../src/model/record';

export const CHANGGUO = readFileSync(join(__dirname, '..', '..', 'samples', 'text', '2021-changguo-1.txt'), 'utf8');

/** Replace the numbers of the first line whose text contains `label` (after `skip` matches). */
export function setRow(text: string, label: string, values: Array<string | number>, skip = 0): string {
  const lines = text.split('\n');
  const i = lines.map((l, n) => [l, n] as const).filter(([l]) => l.includes(label) && l.includes('\t'))[skip]?.[1];
  if (i === undefined) throw new Error(`no table line with ${label}`);
  const cells = lines[i].split('\t');
  const numeric = cells.map((c, n) => (/^\s*-?\d+(\.\d+)?\s*$/.test(c) ? n : -1)).filter((n) => n >= 0);
  if (numeric.length !== values.length) throw new Error(`${label}: ${numeric.length} numbers, ${values.length} given`);
  numeric.forEach((n, k) => {
    cells[n] = String(values[k]);
  });
  lines[i] = cells.join('\t');
  return lines.join('\n');
}

export const parseText = (text: string): Promise<ReportRecord> =>
  parseReport(Buffer.from(text, 'utf8'), { path: 'variant.txt' });

export const value = (r: ReportRecord, key: string) =>
  r.cells.find((c) => `${c.table}|${c.row}|${c.col}` === key)?.value;
