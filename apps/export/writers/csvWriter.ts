// CSV for Excel: UTF-8 with a BOM (so Chinese opens correctly), CRLF, RFC 4180 quoting;
// JSON-typed columns hold their JSON text.
import type { ColumnDef } from '../columns';
import { TextOut } from './textOut';

function csvField(v: unknown, type: ColumnDef['type']): string {
  if (v === null || v === undefined) return '';
  const s = type === 'json' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function writeCsv(
  path: string,
  columns: ColumnDef[],
  rows: AsyncIterable<Record<string, unknown>>,
): Promise<number> {
  const out = await TextOut.open(path);
  let n = 0;
  try {
    await out.write('\uFEFF' + columns.map((c) => csvField(c.name, 'string')).join(',') + '\r\n');
    for await (const row of rows) {
      await out.write(columns.map((c) => csvField(row[c.name], c.type)).join(',') + '\r\n');
      n++;
    }
  } finally {
    await out.close();
  }
  return n;
}
